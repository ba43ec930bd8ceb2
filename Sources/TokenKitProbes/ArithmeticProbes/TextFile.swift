#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TokenKit

/// Whole-file writes and folder creation for manifests and reports.
enum TextFile {
    /// Writes `bytes` to `path`, replacing it (through a temporary file and `rename`, so a
    /// reader never sees half a file).
    static func write(_ bytes: [UInt8], to path: String) throws(ProbeError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw ProbeError(.io, "\(path): cannot create (\(String(cString: strerror(errno))))") }
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let n = systemWrite(fd, base + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        let closed = close(fd) == 0
        guard ok && closed, rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw ProbeError(.io, "\(path): write failed (\(message))")
        }
    }

    /// Writes text.
    static func write(_ text: String, to path: String) throws(ProbeError) {
        try write(Array(text.utf8), to: path)
    }

    /// Creates a folder (and its parents) if needed.
    static func makeDirectory(_ path: String) throws(ProbeError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw ProbeError(.io, "\(prefix): cannot create folder (\(String(cString: strerror(errno))))")
            }
            prefix += "/"
        }
    }
}

extension ProbeManifest {
    /// Writes a manifest (one JSON object per line), replacing `path`.
    ///
    /// - Throws: ``ProbeError`` when the tokenizer fails or the file cannot be written.
    public static func write(_ problems: [ArithmeticProblem], tokenizer: (any Tokenizer)?, to path: String) throws(ProbeError) {
        var out: [UInt8] = []
        for p in problems {
            JSONWriter.append(try json(p, tokenizer: tokenizer), to: &out)
            out.append(0x0A)
        }
        try TextFile.write(out, to: path)
    }
}

/// `write(2)`, named apart from ``TextFile/write(_:to:)``.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

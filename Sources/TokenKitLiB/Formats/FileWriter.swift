import TokenKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files through a temporary name and `rename`, so a failed write never leaves a
/// truncated lexicon behind.
enum FileWriter {
    static func write(_ bytes: [UInt8], to path: String) throws(InputError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw FileIO.error(errno, path: path, doing: "cannot create") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                unlink(temporary)
                throw FileIO.error(code, path: path, doing: "cannot write")
            }
            written += n
        }
        if close(fd) != 0 {
            let code = errno
            unlink(temporary)
            throw FileIO.error(code, path: path, doing: "cannot write")
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw FileIO.error(code, path: path, doing: "cannot rename into place")
        }
    }
}

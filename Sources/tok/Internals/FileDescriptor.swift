/// A file descriptor with checked writes (swift-system's `FileDescriptor`, reduced to what tok
/// needs), built on the `system_` calls of Syscalls.swift.
struct FileDescriptor: Hashable {
    /// The descriptor number.
    var rawValue: Int32

    /// Descriptor 1.
    static let standardOutput = FileDescriptor(rawValue: 1)
    /// Descriptor 2.
    static let standardError = FileDescriptor(rawValue: 2)

    /// Creates or truncates `path` for writing (mode 0644 before the umask).
    static func create(_ path: String) throws(Errno) -> FileDescriptor {
        while true {
            let fd = system_open(path, system_O_WRONLY_CREAT_TRUNC, 0o644)
            if fd >= 0 { return FileDescriptor(rawValue: fd) }
            let error = Errno.current
            if error != .interrupted { throw error }
        }
    }

    /// Writes all of `bytes`, retrying short writes and `EINTR`.
    ///
    /// - Throws: the first other `Errno` (`ENOSPC`, `EIO`, `EPIPE`, …).
    /// - Complexity: O(*n*).
    func writeAll(_ bytes: UnsafeRawBufferPointer) throws(Errno) {
        guard var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = system_write(rawValue, base, left)
            if n < 0 {
                let error = Errno.current
                if error == .interrupted { continue }
                throw error
            }
            base += n
            left -= n
        }
    }

    /// Writes all of `bytes` (see ``writeAll(_:)-(UnsafeRawBufferPointer)``).
    func writeAll(_ bytes: [UInt8]) throws(Errno) {
        let result = bytes.withUnsafeBytes { raw in Result { () throws(Errno) in try writeAll(raw) } }
        try result.get()
    }

    /// Closes the descriptor; a failed close can mean lost data on some file systems.
    func close() throws(Errno) {
        if system_close(rawValue) != 0 {
            let error = Errno.current
            if error != .interrupted { throw error }
        }
    }

    /// Whether the descriptor is a terminal (progress bars draw only then).
    var isTerminal: Bool { system_isatty(rawValue) }
}

/// The process environment, read through the syscall layer.
enum Environment {
    /// The value of `name`, or nil when unset.
    static func value(_ name: String) -> String? { system_getenv(name) }
}

/// Creates `path` and its missing parents (`mkdir -p`).
///
/// - Throws: the first failure other than "already exists".
func makeDirectories(_ path: String) throws(Errno) {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/") {
        prefix += part + "/"
        if system_mkdir(prefix, 0o755) != 0 {
            let error = Errno.current
            if error != .fileExists { throw error }
        }
    }
}

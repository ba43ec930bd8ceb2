/// A read-only view of a whole file's bytes, memory-mapped when the file is a regular file.
///
/// Mapping keeps memory bounded for huge inputs: pages come from the page cache on demand and
/// are dropped under pressure. Pipes, terminals and other non-regular files are read fully
/// into memory instead. Empty files give an empty buffer (mapping zero bytes is an error in
/// POSIX, so it is never attempted).
public final class MappedFile: @unchecked Sendable {
    // Sendable: the mapping is read-only and never changes after init.

    /// The path the bytes came from (`<stdin>` for standard input).
    public let path: String
    /// The file's bytes; valid for the lifetime of this object.
    public let bytes: UnsafeBufferPointer<UInt8>
    private let mapped: Bool
    private let owned: UnsafeMutableBufferPointer<UInt8>?

    /// Opens and maps (or reads) the file at `path`.
    ///
    /// - Throws: ``InputError`` naming the path and the reason (not found, a directory,
    ///   permission denied, I/O failure).
    /// - Complexity: O(1) for a regular file (the kernel maps lazily); O(*n*) otherwise.
    public init(path: String) throws(InputError) {
        self.path = path
        let fd = system_open(path, _O_RDONLY | _O_CLOEXEC)
        if fd < 0 { throw FileIO.error(system_errno, path: path, doing: "cannot open") }
        defer { system_close(fd) }
        var info = CInterop.Stat()
        if system_fstat(fd, &info) != 0 { throw FileIO.error(system_errno, path: path, doing: "cannot stat") }
        if system_isDirectory(info.st_mode) {
            throw InputError(code: .isDirectory, path: path, errno: _EISDIR, message: "is a directory, not a file")
        }
        if system_isRegularFile(info.st_mode) {
            let size = Int(info.st_size)
            if size == 0 {
                self.bytes = UnsafeBufferPointer(start: nil, count: 0)
                self.mapped = false
                self.owned = nil
                return
            }
            guard let address = system_mmapReadOnly(fd, size) else {
                throw FileIO.error(system_errno, path: path, doing: "cannot map")
            }
            system_madviseSequential(address, size)
            self.bytes = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size)
            self.mapped = true
            self.owned = nil
            return
        }
        let data = try FileIO.readAll(fd: fd, path: path)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, data.count))
        _ = buffer.initialize(from: data)
        self.owned = buffer
        self.bytes = UnsafeBufferPointer(start: buffer.baseAddress, count: data.count)
        self.mapped = false
    }

    /// Reads all of standard input into memory.
    public init(standardInput: Void = ()) throws(InputError) {
        self.path = "<stdin>"
        let data = try FileIO.readAll(fd: 0, path: "<stdin>")
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, data.count))
        _ = buffer.initialize(from: data)
        self.owned = buffer
        self.bytes = UnsafeBufferPointer(start: buffer.baseAddress, count: data.count)
        self.mapped = false
    }

    deinit {
        if mapped, let base = bytes.baseAddress {
            system_munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
        owned?.deallocate()
    }

    /// The number of bytes.
    public var count: Int { bytes.count }

    /// Drops the mapped pages wholly before byte `offset` from this process's memory.
    ///
    /// Why: a sequential pass over a huge file otherwise keeps every page it touched resident
    /// until the mapping ends; dropping what was consumed keeps the resident size at a few
    /// chunks whatever the file's size. The bytes stay readable (they fault back in from the
    /// file), so this never loses data. Does nothing for files that were read into memory.
    public func discardPages(before offset: Int) {
        guard mapped, let base = bytes.baseAddress else { return }
        let page = system_pageSize()
        let end = min(offset, bytes.count) / page * page
        if end > 0 { system_madviseDontNeed(UnsafeMutableRawPointer(mutating: base), end) }
    }
}

/// Plain POSIX file reading with typed errors.
public enum FileIO {
    /// Reads a whole file into an array.
    ///
    /// - Throws: ``InputError``.
    public static func readAll(path: String) throws(InputError) -> [UInt8] {
        let file = try MappedFile(path: path)
        return Array(file.bytes)
    }

    /// Reads a file descriptor to its end.
    public static func readAll(fd: Int32, path: String) throws(InputError) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { system_read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if system_errno == _EINTR { continue }
                throw error(system_errno, path: path, doing: "cannot read")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// Whether a regular file or directory exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = CInterop.Stat()
        return system_stat(path, &info) == 0
    }

    /// Whether `path` is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = CInterop.Stat()
        return system_stat(path, &info) == 0 && system_isDirectory(info.st_mode)
    }

    /// The names in a directory, sorted; empty when it cannot be read.
    public static func contentsOfDirectory(_ path: String) -> [String] {
        (system_directoryEntries(path) ?? []).sorted()
    }

    /// An ``InputError`` for a failed system call.
    public static func error(_ code: Int32, path: String, doing what: String) -> InputError {
        let reason = system_strerror(code)
        let kind: InputError.Code =
            switch code {
            case _ENOENT, _ENOTDIR: .notFound
            case _EACCES, _EPERM: .permissionDenied
            case _EISDIR: .isDirectory
            default: .ioFailure
            }
        let message = kind == .notFound ? "no such file" : "\(what): \(reason)"
        return InputError(code: kind, path: path, errno: code, message: message)
    }
}

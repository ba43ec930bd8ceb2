#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw FileIO.error(errno, path: path, doing: "cannot open") }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw FileIO.error(errno, path: path, doing: "cannot stat") }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR {
            throw InputError(code: .isDirectory, path: path, errno: EISDIR, message: "is a directory, not a file")
        }
        if kind == S_IFREG {
            let size = Int(info.st_size)
            if size == 0 {
                self.bytes = UnsafeBufferPointer(start: nil, count: 0)
                self.mapped = false
                self.owned = nil
                return
            }
            guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
                throw FileIO.error(errno, path: path, doing: "cannot map")
            }
            _ = madvise(address, size, MADV_SEQUENTIAL)
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
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
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
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, bytes.count) / page * page
        if end > 0 { _ = madvise(UnsafeMutableRawPointer(mutating: base), end, MADV_DONTNEED) }
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
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw error(errno, path: path, doing: "cannot read")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// Whether a regular file or directory exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Whether `path` is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in a directory, sorted; empty when it cannot be read.
    public static func contentsOfDirectory(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// An ``InputError`` for a failed system call.
    public static func error(_ code: Int32, path: String, doing what: String) -> InputError {
        let reason = String(cString: strerror(code))
        let kind: InputError.Code =
            switch code {
            case ENOENT, ENOTDIR: .notFound
            case EACCES, EPERM: .permissionDenied
            case EISDIR: .isDirectory
            default: .ioFailure
            }
        let message = kind == .notFound ? "no such file" : "\(what): \(reason)"
        return InputError(code: kind, path: path, errno: code, message: message)
    }
}

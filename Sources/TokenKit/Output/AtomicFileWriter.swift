/// Writes a file completely or not at all: a reader of the target sees the old file or the
/// whole new one, never a prefix, and a failure leaves no stray file behind.
///
/// The bytes go to a new temporary file in the target's folder (so the final `rename` stays on
/// one file system and is atomic). Every `write` is checked and resumed after short writes and
/// `EINTR`; ``commit()`` then `fsync`s, closes and renames over the target. On any failure, and
/// when a writer is dropped without ``commit()``, the temporary file is removed.
///
/// ```swift
/// try AtomicFileWriter.write(Array("hello\n".utf8), to: "out/greeting.txt")
///
/// var file = try AtomicFileWriter(path: "out/big.bin")   // streaming
/// for chunk in chunks { try file.write(chunk) }
/// try file.commit()
/// ```
///
/// Errors are ``OutputError``s that name the target path (not the temporary one) and keep `errno`.
/// The new file gets the `permissions` given to ``init(path:permissions:)``, not the old file's
/// mode, and a symbolic link at the target is replaced by the file, not followed.
public struct AtomicFileWriter: ~Copyable {
    /// The file that ``commit()`` replaces.
    public let path: String
    /// The temporary file the bytes go to until ``commit()``.
    public let temporaryPath: String
    private var fd: Int32

    /// Creates a temporary file beside `path`; nothing at `path` changes until ``commit()``.
    ///
    /// - Parameters:
    ///   - path: The file to replace (or create); its folder must exist.
    ///   - permissions: The new file's mode bits (the process umask applies).
    /// - Throws: ``OutputError`` when the temporary file cannot be created (its folder is
    ///   missing or not writable, …).
    public init(path: String, permissions: UInt16 = 0o644) throws(OutputError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        // A hidden name of our own: O_EXCL never opens someone else's file, and the random part
        // keeps two writers (threads or processes) of one target apart.
        var attempt = 0
        while true {
            let temporary = folder + ".\(name).\(system_getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
            let fd = system_open(temporary, _O_WRONLY | _O_CREAT | _O_EXCL | _O_CLOEXEC, CInterop.Mode(permissions))
            if fd >= 0 {
                self.temporaryPath = temporary
                self.fd = fd
                return
            }
            let code = system_errno
            attempt += 1
            if code == _EINTR || (code == _EEXIST && attempt < 8) { continue }
            throw OutputError(errno: code, operation: .create, path: path)
        }
    }

    deinit {
        // Dropped without commit (an error, or the caller gave up): the target stays as it was.
        if fd >= 0 {
            system_close(fd)
            system_unlink(temporaryPath)
        }
    }

    /// Appends bytes to the temporary file.
    ///
    /// - Throws: ``OutputError`` (`ENOSPC`, `EIO`, …); the writer is then spent: drop it, and the
    ///   temporary file goes with it.
    /// - Complexity: O(*n*) in the number of bytes.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        // fd < 0 only after finish(), which only commit() (consuming) and write(_:) of several files call.
        assert(fd >= 0)
        try FileIO.writeAll(bytes, to: fd, path: path)
    }

    /// Appends bytes to the temporary file.
    ///
    /// - Throws: ``OutputError``.
    public mutating func write(_ bytes: [UInt8]) throws(OutputError) {
        assert(fd >= 0)
        let (fd, path) = (self.fd, self.path)
        try bytes.withUnsafeBytes { raw in
            Result { () throws(OutputError) in try FileIO.writeAll(raw, to: fd, path: path) }
        }.get()
    }

    /// Appends a string's UTF-8 bytes to the temporary file.
    ///
    /// - Throws: ``OutputError``.
    public mutating func write(_ text: String) throws(OutputError) {
        try write(Array(text.utf8))
    }

    /// Flushes the bytes to the device and renames the temporary file over ``path``.
    ///
    /// - Throws: ``OutputError`` when `fsync`, `close` or `rename` fails; the temporary file is
    ///   removed and the target keeps its old content.
    public consuming func commit() throws(OutputError) {
        try finish()
        if system_rename(temporaryPath, path) != 0 {
            let code = system_errno
            system_unlink(temporaryPath)
            throw OutputError(errno: code, operation: .rename, path: path)
        }
    }

    /// `fsync` and `close`, leaving the finished temporary file in place (for the
    /// several-files ``write(_:permissions:)``, which renames only when every file is complete).
    mutating func finish() throws(OutputError) {
        assert(fd >= 0)
        let fd = self.fd
        self.fd = -1
        if system_fsync(fd) != 0 {
            let code = system_errno
            system_close(fd)
            system_unlink(temporaryPath)
            throw OutputError(errno: code, operation: .sync, path: path)
        }
        // close can report a deferred write error (NFS and the like): it counts as a failed write.
        if system_close(fd) != 0 && system_errno != _EINTR {
            let code = system_errno
            system_unlink(temporaryPath)
            throw OutputError(errno: code, operation: .close, path: path)
        }
    }

    /// Replaces the file at `path` with `bytes`, atomically.
    ///
    /// - Throws: ``OutputError``; the target is then unchanged and no temporary file remains.
    /// - Complexity: O(*n*) in the number of bytes.
    public static func write(_ bytes: [UInt8], to path: String, permissions: UInt16 = 0o644) throws(OutputError) {
        var file = try AtomicFileWriter(path: path, permissions: permissions)
        try file.write(bytes)
        try file.commit()
    }

    /// Replaces several files: every one is written and synced under a temporary name first, and
    /// only then are they renamed into place, in order.
    ///
    /// Why: the files of one result (a vocabulary's `tokenizer.json`, `vocab.json`, …) should not
    /// end up half old and half new because the disk filled while writing the third. Only a failing
    /// `rename` (rare: the folder vanished) can leave the earlier targets replaced.
    ///
    /// - Throws: ``OutputError`` for the first file that failed; no temporary file remains.
    /// - Complexity: O(*n*) in the total number of bytes.
    public static func write(_ files: [(path: String, bytes: [UInt8])], permissions: UInt16 = 0o644) throws(OutputError) {
        var finished: [(temporary: String, path: String)] = []
        for (path, bytes) in files {
            do throws(OutputError) {
                var file = try AtomicFileWriter(path: path, permissions: permissions)
                try file.write(bytes)
                try file.finish()
                finished.append((file.temporaryPath, path))
            } catch {
                for f in finished { system_unlink(f.temporary) }
                throw error
            }
        }
        for k in finished.indices {
            let f = finished[k]
            if system_rename(f.temporary, f.path) != 0 {
                let code = system_errno
                for g in finished[k...] { system_unlink(g.temporary) }
                throw OutputError(errno: code, operation: .rename, path: f.path)
            }
        }
    }
}

extension FileIO {
    /// Writes all of `bytes` to a descriptor, resuming after short writes and `EINTR`.
    ///
    /// - Parameters:
    ///   - bytes: What to write.
    ///   - fd: An open descriptor.
    ///   - path: The name for errors (`<stdout>` for standard output).
    /// - Throws: ``OutputError`` for any failed `write` (`ENOSPC`, `EIO`, `EPIPE`, …), or for a
    ///   `write` that made no progress.
    /// - Complexity: O(*n*) in the number of bytes.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String) throws(OutputError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = system_write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                let code = system_errno
                if code == _EINTR { continue }
                throw OutputError(errno: code, operation: .write, path: path)
            }
            if n == 0 {
                throw OutputError(code: .ioFailure, operation: .write, path: path,
                                  reason: "the system wrote 0 of \(bytes.count - offset) bytes")
            }
            offset += n
        }
    }

    /// Creates a folder and its missing parents (`mkdir -p`).
    ///
    /// - Parameters:
    ///   - path: The folder to create.
    ///   - permissions: The mode bits of folders it creates (the umask applies).
    /// - Throws: ``OutputError`` naming the part of the path that could not be created, or
    ///   ``OutputError/Code/ioFailure`` when `path` exists and is not a folder.
    public static func makeDirectory(_ path: String, permissions: UInt16 = 0o755) throws(OutputError) {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/" + component
            if system_mkdir(partial, CInterop.Mode(permissions)) != 0 {
                let code = system_errno
                if code != _EEXIST { throw OutputError(errno: code, operation: .makeDirectory, path: partial) }
            }
        }
        if !isDirectory(path) {
            throw OutputError(code: .ioFailure, operation: .makeDirectory, path: path, reason: "it exists and is not a folder")
        }
    }
}

// The one file of the shared test support that imports the C library (swift-system's
// Internals/Syscalls.swift is the model). Test targets call these instead of importing
// Glibc or Darwin themselves.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Unsupported platform: add its C library to Internals/Syscalls.swift")
#endif

/// Thin wrappers over the C library for tests.
public enum TestSystem {
    /// An environment variable's value (`getenv`), or `nil` when unset or not UTF-8.
    public static func environment(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        return String(validatingCString: raw)
    }

    /// Whether the long tests are asked for (`TOKENKIT_LONG_TESTS=1`).
    public static var longTests: Bool { environment("TOKENKIT_LONG_TESTS") == "1" }

    /// This process's id (`getpid`), for unique temporary names.
    public static var processID: Int32 { getpid() }

    /// Removes a file (`unlink`); a missing file is not an error for a test's cleanup.
    public static func removeFile(_ path: String) { _ = unlink(path) }

    /// Removes an empty folder (`rmdir`).
    public static func removeDirectory(_ path: String) { _ = rmdir(path) }

    /// Creates a symbolic link at `path` pointing to `target` (`symlink`); `false` on failure.
    @discardableResult
    public static func makeSymbolicLink(to target: String, at path: String) -> Bool { symlink(target, path) == 0 }

    /// Sets a file's or folder's mode bits (`chmod`); `false` on failure.
    @discardableResult
    public static func setPermissions(_ path: String, _ mode: UInt16) -> Bool { chmod(path, mode_t(mode)) == 0 }

    /// A new, empty, private folder in `$TMPDIR` (else `/tmp`) (`mkdtemp`).
    public static func makeTemporaryDirectory(_ prefix: String = "tokenkit-test") -> String? {
        let folder = environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(folder)/\(prefix)-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }
    }

    /// `open(path, O_WRONLY | O_CLOEXEC)`: a descriptor, or -1.
    public static func openForWriting(_ path: String) -> Int32 { open(path, O_WRONLY | O_CLOEXEC) }

    /// `close(2)`.
    public static func close(_ fd: Int32) { _ = libcClose(fd) }

    /// The C `ENOSPC`, `ENOENT`, `EACCES` and `EISDIR`, for checking an error's `errno`.
    public static let ENOSPC = Int32(libc_ENOSPC), ENOENT = Int32(libc_ENOENT), EACCES = Int32(libc_EACCES), EISDIR = Int32(libc_EISDIR)

    /// Whether this process runs as root (`geteuid() == 0`), which permission bits do not stop.
    public static var isRoot: Bool { geteuid() == 0 }

    /// `exp(3)`.
    @inline(__always) public static func exp(_ x: Double) -> Double { libmExp(x) }
    /// `log(3)`.
    @inline(__always) public static func log(_ x: Double) -> Double { libmLog(x) }
}

// Module-level so that `exp`/`log` resolve to the C library, not to TestSystem's own.
@inline(__always) private func libmExp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func libmLog(_ x: Double) -> Double { log(x) }
@inline(__always) private func libcClose(_ fd: Int32) -> Int32 { close(fd) }
private let libc_ENOSPC = ENOSPC, libc_ENOENT = ENOENT, libc_EACCES = EACCES, libc_EISDIR = EISDIR

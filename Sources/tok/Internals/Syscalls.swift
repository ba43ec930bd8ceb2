// The one file of `tok` that talks to the C library (swift-system's Internals/Syscalls.swift is
// the model): every POSIX call the CLI makes goes through a `system_` function here, so porting
// tok means reading this file only.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#else
#error("tok's syscall layer supports Glibc and Darwin only")
#endif

/// The calling thread's `errno`.
var system_errno: Int32 { errno }

/// `write(2)`: the bytes written, or -1 with `errno` set.
func system_write(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// `open(2)` with a creation mode.
func system_open(_ path: String, _ flags: Int32, _ mode: UInt32) -> Int32 {
    open(path, flags, mode_t(mode))
}

/// `close(2)`.
func system_close(_ fd: Int32) -> Int32 {
    close(fd)
}

/// `isatty(3)`.
func system_isatty(_ fd: Int32) -> Bool {
    isatty(fd) == 1
}

/// `getenv(3)`, copied into a `String`.
func system_getenv(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

/// `mkdir(2)`.
func system_mkdir(_ path: String, _ mode: UInt32) -> Int32 {
    mkdir(path, mode_t(mode))
}

/// `strerror(3)`, copied into a `String`.
func system_strerror(_ code: Int32) -> String {
    strerror(code).map { String(cString: $0) } ?? "error \(code)"
}

/// Flags for ``system_open(_:_:_:)``: write only, create, truncate.
let system_O_WRONLY_CREAT_TRUNC: Int32 = O_WRONLY | O_CREAT | O_TRUNC

/// An error number from the C library (swift-system's `Errno`, reduced to what tok needs).
struct Errno: Error, Hashable, CustomStringConvertible {
    /// The `errno` value.
    var rawValue: Int32

    /// The calling thread's current `errno`.
    static var current: Errno { Errno(rawValue: system_errno) }

    /// `EINTR`: a signal interrupted the call; it is retried.
    static let interrupted = Errno(rawValue: EINTR)
    /// `EPIPE`: the reader of a pipe went away (SIGPIPE ignored).
    static let brokenPipe = Errno(rawValue: EPIPE)
    /// `ENOSPC`: the device is full.
    static let noSpace = Errno(rawValue: ENOSPC)
    /// `EIO`: a low-level I/O error.
    static let ioError = Errno(rawValue: EIO)
    /// `EEXIST`: the file already exists.
    static let fileExists = Errno(rawValue: EEXIST)

    /// The C library's message for this error ("No space left on device").
    var description: String { system_strerror(rawValue) }
}

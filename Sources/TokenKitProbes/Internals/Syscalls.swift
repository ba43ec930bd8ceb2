// The one file of TokenKitProbes that imports the C library (swift-system's
// Internals/Syscalls.swift is the model): the append-only results file.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Unsupported platform: add its C library to Internals/Syscalls.swift")
#endif

/// The calling thread's `errno`.
var system_errno: Int32 { errno }

/// `strerror(3)` as a Swift string.
func system_strerror(_ code: Int32) -> String { String(cString: strerror(code)) }

/// `open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644)`.
func system_openForAppending(_ path: String) -> Int32 {
    open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
}

/// `open(path, O_RDONLY | O_CLOEXEC)`.
func system_openForReading(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC)
}

/// `fstat(2)`'s `st_size`, or `nil` when `fstat` fails.
func system_fileSize(_ fd: Int32) -> Int? {
    var info = stat()
    return fstat(fd, &info) == 0 ? Int(info.st_size) : nil
}

/// `pread(2)` of one byte at `offset`, or `nil`.
func system_preadByte(_ fd: Int32, at offset: Int) -> UInt8? {
    var byte: UInt8 = 0
    return pread(fd, &byte, 1, off_t(offset)) == 1 ? byte : nil
}

/// `close(2)`.
func system_close(_ fd: Int32) { _ = close(fd) }

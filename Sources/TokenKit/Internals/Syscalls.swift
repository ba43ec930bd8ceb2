// The one file of TokenKit that imports the C library (swift-system's Internals/Syscalls.swift is
// the model). Every POSIX or libc call of the module is a thin internal wrapper here, named
// `system_<C name>`, and every C constant a `_<C name>` property, so the rest of the module is
// platform-neutral and a port touches one file. `@inline(__always)`: the wrappers cost nothing.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Unsupported platform: add its C library to Internals/Syscalls.swift")
#endif

/// C types the module names, under platform-neutral names.
enum CInterop {
    /// `struct stat`.
    typealias Stat = stat
    /// `mode_t`.
    typealias Mode = mode_t
    /// `clockid_t`.
    typealias ClockID = clockid_t
}

// MARK: errno

/// The calling thread's `errno`.
var system_errno: Int32 {
    @inline(__always) get { errno }
    @inline(__always) set { errno = newValue }
}

/// `strerror(3)` as a Swift string.
@inline(__always)
func system_strerror(_ code: Int32) -> String { String(cString: strerror(code)) }

var _EINTR: Int32 { EINTR }
var _ENOENT: Int32 { ENOENT }
var _ENOTDIR: Int32 { ENOTDIR }
var _EACCES: Int32 { EACCES }
var _EPERM: Int32 { EPERM }
var _EISDIR: Int32 { EISDIR }
var _EEXIST: Int32 { EEXIST }
var _ENOSPC: Int32 { ENOSPC }
var _EIO: Int32 { EIO }
var _EROFS: Int32 { EROFS }
var _EDQUOT: Int32 { EDQUOT }
var _EPIPE: Int32 { EPIPE }

// MARK: Files

var _O_RDONLY: Int32 { O_RDONLY }
var _O_WRONLY: Int32 { O_WRONLY }
var _O_CREAT: Int32 { O_CREAT }
var _O_EXCL: Int32 { O_EXCL }
var _O_TRUNC: Int32 { O_TRUNC }
var _O_APPEND: Int32 { O_APPEND }
var _O_CLOEXEC: Int32 { O_CLOEXEC }

/// Whether a `st_mode` names a directory (`S_ISDIR`).
@inline(__always)
func system_isDirectory(_ mode: CInterop.Mode) -> Bool { (mode & S_IFMT) == S_IFDIR }

/// Whether a `st_mode` names a regular file (`S_ISREG`).
@inline(__always)
func system_isRegularFile(_ mode: CInterop.Mode) -> Bool { (mode & S_IFMT) == S_IFREG }

/// `open(2)`.
@inline(__always)
func system_open(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: CInterop.Mode = 0) -> Int32 {
    open(path, flags, mode)
}

/// `close(2)`.
@inline(__always) @discardableResult
func system_close(_ fd: Int32) -> Int32 { close(fd) }

/// `read(2)`.
@inline(__always)
func system_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// `write(2)`.
@inline(__always)
func system_write(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// `fsync(2)`.
@inline(__always)
func system_fsync(_ fd: Int32) -> Int32 { fsync(fd) }

/// `fstat(2)`.
@inline(__always)
func system_fstat(_ fd: Int32, _ info: inout CInterop.Stat) -> Int32 { fstat(fd, &info) }

/// `stat(2)`.
@inline(__always)
func system_stat(_ path: UnsafePointer<CChar>, _ info: inout CInterop.Stat) -> Int32 { stat(path, &info) }

/// `rename(2)`.
@inline(__always)
func system_rename(_ from: UnsafePointer<CChar>, _ to: UnsafePointer<CChar>) -> Int32 { rename(from, to) }

/// `unlink(2)`.
@inline(__always) @discardableResult
func system_unlink(_ path: UnsafePointer<CChar>) -> Int32 { unlink(path) }

/// `mkdir(2)`.
@inline(__always)
func system_mkdir(_ path: UnsafePointer<CChar>, _ mode: CInterop.Mode) -> Int32 { mkdir(path, mode) }

/// The names in a directory (`opendir`/`readdir`/`closedir`), without `.` and `..`, in the
/// order the system gives them; `nil` when it cannot be opened.
func system_directoryEntries(_ path: String) -> [String]? {
    guard let dir = opendir(path) else { return nil }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names
}

/// `getpid(2)`.
@inline(__always)
func system_getpid() -> Int32 { getpid() }

// MARK: Memory

/// `mmap(2)` of a whole file, read-only and private; `nil` when it fails (see `errno`).
@inline(__always)
func system_mmapReadOnly(_ fd: Int32, _ size: Int) -> UnsafeMutableRawPointer? {
    guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
    return p
}

/// `munmap(2)`.
@inline(__always) @discardableResult
func system_munmap(_ address: UnsafeMutableRawPointer, _ size: Int) -> Int32 { munmap(address, size) }

/// `madvise(MADV_SEQUENTIAL)`: read-ahead for a front-to-back pass.
@inline(__always) @discardableResult
func system_madviseSequential(_ address: UnsafeMutableRawPointer, _ size: Int) -> Int32 {
    madvise(address, size, MADV_SEQUENTIAL)
}

/// `madvise(MADV_DONTNEED)`: drop pages from this process (file-backed ones fault back in).
@inline(__always) @discardableResult
func system_madviseDontNeed(_ address: UnsafeMutableRawPointer, _ size: Int) -> Int32 {
    madvise(address, size, MADV_DONTNEED)
}

/// `memmove(3)`.
@inline(__always)
func system_memmove(_ to: UnsafeMutableRawPointer, _ from: UnsafeRawPointer, _ count: Int) {
    _ = memmove(to, from, count)
}

/// `free(3)`, for memory a C library allocated with `malloc`.
@inline(__always)
func system_free(_ p: UnsafeMutableRawPointer?) { free(p) }

// MARK: System

/// `sysconf(_SC_PAGESIZE)`.
@inline(__always)
func system_pageSize() -> Int { Int(sysconf(Int32(_SC_PAGESIZE))) }

/// `sysconf(_SC_NPROCESSORS_ONLN)`.
@inline(__always)
func system_onlineProcessorCount() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

var _CLOCK_MONOTONIC: CInterop.ClockID { CLOCK_MONOTONIC }
var _CLOCK_PROCESS_CPUTIME_ID: CInterop.ClockID { CLOCK_PROCESS_CPUTIME_ID }
var _CLOCK_THREAD_CPUTIME_ID: CInterop.ClockID { CLOCK_THREAD_CPUTIME_ID }

/// `clock_gettime(2)` in seconds.
@inline(__always)
func system_clockSeconds(_ clock: CInterop.ClockID) -> Double {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// `getenv(3)`.
@inline(__always)
func system_getenv(_ name: String) -> String? {
    guard let raw = getenv(name) else { return nil }
    return String(cString: raw)
}

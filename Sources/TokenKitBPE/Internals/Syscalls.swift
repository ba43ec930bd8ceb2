// The one file of TokenKitBPE that imports the C library (swift-system's Internals/Syscalls.swift
// is the model): memory mapping and huge pages for the big tables and scratch, thread-local
// storage for the piece cache. Each wrapper is named `system_<C name>` and
// is `@inline(__always)`, so the engine's hot paths pay nothing for the indirection.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Unsupported platform: add its C library to Internals/Syscalls.swift")
#endif

// MARK: Memory

/// An anonymous private read-write mapping of `size` bytes (zero-filled), or `nil`.
@usableFromInline @inline(__always)
func system_mmapAnonymous(_ size: Int) -> UnsafeMutableRawPointer? {
    guard let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED else {
        return nil
    }
    return p
}

/// `munmap(2)`.
@usableFromInline @inline(__always)
func system_munmap(_ address: UnsafeMutableRawPointer, _ size: Int) {
    _ = munmap(address, size)
}

/// `madvise(MADV_HUGEPAGE)` where the system has transparent huge pages (Linux); elsewhere nothing.
@usableFromInline @inline(__always)
func system_adviseHugePages(_ address: UnsafeMutableRawPointer, _ size: Int) {
    #if os(Linux)
    _ = madvise(address, size, 14)  // MADV_HUGEPAGE (not exported by the Glibc module)
    #endif
}

/// `posix_memalign(3)`: `size` bytes aligned to `alignment`, to be released with ``system_free(_:)``; `nil` on failure.
@inline(__always)
func system_posix_memalign(_ size: Int, alignment: Int) -> UnsafeMutableRawPointer? {
    var raw: UnsafeMutableRawPointer?
    guard posix_memalign(&raw, alignment, size) == 0 else { return nil }
    return raw
}

/// `free(3)`, for memory from ``system_posix_memalign(_:alignment:)``.
@inline(__always)
func system_free(_ p: UnsafeMutableRawPointer) { free(p) }

/// `memset(p, 0, count)`.
@inline(__always)
func system_zero(_ p: UnsafeMutableRawPointer, _ count: Int) { _ = memset(p, 0, count) }

// MARK: Thread-local storage

/// `pthread_key_t`.
@usableFromInline typealias system_ThreadKey = pthread_key_t

/// `pthread_key_create(3)` with a destructor that gets the non-nil values of exiting threads.
func system_threadKeyCreate(_ destructor: @convention(c) (UnsafeMutableRawPointer?) -> Void) -> system_ThreadKey {
    var key = pthread_key_t()
    #if canImport(Darwin)
    // Darwin declares the destructor's argument non-optional.
    _ = pthread_key_create(&key, unsafeBitCast(destructor, to: (@convention(c) (UnsafeMutableRawPointer) -> Void).self))
    #else
    _ = pthread_key_create(&key, destructor)
    #endif
    return key
}

/// `pthread_getspecific(3)`.
@usableFromInline @inline(__always)
func system_threadGetSpecific(_ key: system_ThreadKey) -> UnsafeMutableRawPointer? { pthread_getspecific(key) }

/// `pthread_setspecific(3)`.
@usableFromInline @inline(__always)
func system_threadSetSpecific(_ key: system_ThreadKey, _ value: UnsafeMutableRawPointer?) {
    _ = pthread_setspecific(key, value)
}

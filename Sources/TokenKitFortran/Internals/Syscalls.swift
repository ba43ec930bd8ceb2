// The one file of TokenKitFortran that imports the C library (swift-system's
// Internals/Syscalls.swift is the model). `@inline(__always)`: the lexer's line scan calls
// memchr directly.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Unsupported platform: add its C library to Internals/Syscalls.swift")
#endif

/// `memchr(3)`: the first `byte` in `base[0..<count]`, or `nil`.
@inline(__always)
func system_memchr(_ base: UnsafePointer<UInt8>, _ byte: UInt8, _ count: Int) -> UnsafePointer<UInt8>? {
    guard let hit = memchr(base, Int32(byte), count) else { return nil }
    return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
}

// The one file of TokenKitLiB that imports the C library (swift-system's
// Internals/Syscalls.swift is the model): libm without Foundation, inlined.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Unsupported platform: add its C library to Internals/Syscalls.swift")
#endif

@inline(__always) func _log2(_ x: Double) -> Double { log2(x) }

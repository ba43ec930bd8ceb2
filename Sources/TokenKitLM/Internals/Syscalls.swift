// The one file of TokenKitLM that imports the C library (swift-system's Internals/Syscalls.swift
// is the model): libm without Foundation, and dlopen for OpenBLAS. The math wrappers are
// `@inline(__always)`, so the forward pass calls libm directly.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Unsupported platform: add its C library to Internals/Syscalls.swift")
#endif

// MARK: libm

@inline(__always) func _exp(_ x: Double) -> Double { exp(x) }
@inline(__always) func _log(_ x: Double) -> Double { log(x) }
@inline(__always) func _expf(_ x: Float) -> Float { expf(x) }
@inline(__always) func _sqrtf(_ x: Float) -> Float { sqrtf(x) }
@inline(__always) func _cos(_ x: Double) -> Double { cos(x) }
@inline(__always) func _sin(_ x: Double) -> Double { sin(x) }
@inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }

// MARK: Dynamic loading

/// `dlopen(name, RTLD_NOW | RTLD_LOCAL)`: the library's handle, or `nil` when it is not installed.
func system_dlopen(_ name: String) -> UnsafeMutableRawPointer? {
    dlopen(name, RTLD_NOW | RTLD_LOCAL)
}

/// `dlsym(3)`: the address of `symbol` in a loaded library, or `nil`.
func system_dlsym(_ handle: UnsafeMutableRawPointer, _ symbol: String) -> UnsafeMutableRawPointer? {
    dlsym(handle, symbol)
}

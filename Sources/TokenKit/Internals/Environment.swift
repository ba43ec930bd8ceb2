// The process environment, read in one place. (When the module gains its Internals/Syscalls.swift
// layer, this wrapper belongs there.)
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `getenv(3)` as a Swift string; `nil` when the variable is not set.
func system_getenv(_ name: String) -> String? {
    guard let raw = getenv(name) else { return nil }
    return String(cString: raw)
}

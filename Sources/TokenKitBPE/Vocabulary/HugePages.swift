#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Allocation for the big lookup tables: 2 MiB-aligned and, on Linux, marked for transparent
/// huge pages. A cl100k/o200k table is 4–8 MB of random probes; with 4 KiB pages nearly every
/// probe also misses the TLB, with 2 MiB pages almost none does.
enum HugePages {
    static let alignment = 2 << 20

    /// Allocates `count` zeroed elements. Free with ``free(_:)``.
    static func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let bytes = max(count * MemoryLayout<T>.stride, 64)
        var raw: UnsafeMutableRawPointer?
        if bytes >= alignment / 2, posix_memalign(&raw, alignment, bytes) == 0, let raw {
            #if os(Linux)
            _ = madvise(raw, bytes, 14)  // MADV_HUGEPAGE
            #endif
            memset(raw, 0, bytes)
            return raw.bindMemory(to: T.self, capacity: count)
        }
        let p = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        memset(p, 0, bytes)
        return p.bindMemory(to: T.self, capacity: count)
    }

    /// Frees memory from ``allocate(_:count:)``.
    static func free<T>(_ p: UnsafeMutablePointer<T>, count: Int) {
        let bytes = max(count * MemoryLayout<T>.stride, 64)
        if bytes >= alignment / 2 {
            // posix_memalign memory (or, if it failed, the fallback): both are released by
            // free() on glibc/Darwin because UnsafeMutableRawPointer.allocate uses malloc.
            Glibc_free(UnsafeMutableRawPointer(p))
        } else {
            UnsafeMutableRawPointer(p).deallocate()
        }
    }
}

@inline(__always)
private func Glibc_free(_ p: UnsafeMutableRawPointer) {
    #if canImport(Glibc)
    Glibc.free(p)
    #else
    Darwin.free(p)
    #endif
}

/// Allocation for the big lookup tables: 2 MiB-aligned and, on Linux, marked for transparent
/// huge pages. A cl100k/o200k table is 4–8 MB of random probes; with 4 KiB pages nearly every
/// probe also misses the TLB, with 2 MiB pages almost none does.
///
/// Which allocator serves a table depends only on its byte size, so ``free(_:count:)`` pairs
/// each release with its allocation: `posix_memalign`/`free` for big tables, Swift's
/// `allocate`/`deallocate` for small ones.
enum HugePages {
    static let alignment = 2 << 20

    /// Whether a table of `bytes` bytes comes from `posix_memalign` (else from Swift's allocator).
    @inline(__always)
    static func isLarge(_ bytes: Int) -> Bool { bytes >= alignment / 2 }

    /// Allocates `count` zeroed elements. Free with ``free(_:count:)`` and the same `count`.
    static func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let bytes = max(count * MemoryLayout<T>.stride, 64)
        if isLarge(bytes) {
            // 2 MiB alignment first; cache-line alignment if the system cannot give that. Both
            // come from posix_memalign, so free() releases either.
            guard let raw = system_posix_memalign(bytes, alignment: alignment) ?? system_posix_memalign(bytes, alignment: 64) else {
                // What Swift's own allocator does when memory runs out.
                preconditionFailure("out of memory allocating \(bytes) bytes")
            }
            system_adviseHugePages(raw, bytes)
            system_zero(raw, bytes)
            return raw.bindMemory(to: T.self, capacity: count)
        }
        let p = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        system_zero(p, bytes)
        return p.bindMemory(to: T.self, capacity: count)
    }

    /// Frees memory from ``allocate(_:count:)`` (same `count`).
    static func free<T>(_ p: UnsafeMutablePointer<T>, count: Int) {
        let bytes = max(count * MemoryLayout<T>.stride, 64)
        if isLarge(bytes) {
            system_free(UnsafeMutableRawPointer(p))
        } else {
            UnsafeMutableRawPointer(p).deallocate()
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One anonymous mapping for the work arrays of a very long merge, backed by transparent huge
/// pages where the kernel offers them (`madvise` mode).
///
/// Why: a megabyte-long piece needs ~40 MB of scratch; with 4 KiB pages the page faults and
/// zeroing cost as much as the merge itself. Huge pages take one fault per 2 MiB. Falls back to
/// the ordinary allocator when `mmap` fails.
@usableFromInline
struct LargeScratch {
    @usableFromInline let base: UnsafeMutableRawPointer
    @usableFromInline let size: Int
    @usableFromInline let mapped: Bool

    /// Reserves at least `bytes` bytes (zero-filled when mapped, uninitialised otherwise).
    @usableFromInline
    init(bytes: Int) {
        let huge = 2 << 20
        let size = (max(bytes, 1) + huge - 1) / huge * huge
        #if canImport(Glibc)
        let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        if let p, p != MAP_FAILED {
            _ = madvise(p, size, 14)   // MADV_HUGEPAGE (not exported by the Glibc module)
            self.base = p
            self.size = size
            self.mapped = true
            return
        }
        #endif
        self.base = .allocate(byteCount: size, alignment: 64)
        self.size = size
        self.mapped = false
    }

    /// Returns the memory to the system.
    @usableFromInline
    func release() {
        #if canImport(Glibc)
        if mapped { _ = munmap(base, size); return }
        #endif
        base.deallocate()
    }
}

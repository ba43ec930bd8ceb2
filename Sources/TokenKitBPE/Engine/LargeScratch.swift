/// One anonymous mapping for the work arrays of a very long merge, backed by transparent huge
/// pages where the kernel offers them (`madvise` mode).
///
/// Why: a megabyte-long piece needs ~40 MB of scratch; with 4 KiB pages the page faults and
/// zeroing cost as much as the merge itself. Huge pages take one fault per 2 MiB. Falls back to
/// the ordinary allocator when `mmap` fails.
///
/// Non-copyable, and released by its `deinit`: a copy cannot free the memory twice.
@usableFromInline
struct LargeScratch: ~Copyable {
    @usableFromInline let base: UnsafeMutableRawPointer
    @usableFromInline let size: Int
    @usableFromInline let mapped: Bool

    /// Reserves at least `bytes` bytes (zero-filled when mapped, uninitialised otherwise).
    @usableFromInline
    init(bytes: Int) {
        let huge = 2 << 20
        let size = (max(bytes, 1) + huge - 1) / huge * huge
        if let p = system_mmapAnonymous(size) {
            system_adviseHugePages(p, size)
            self.base = p
            self.size = size
            self.mapped = true
            return
        }
        self.base = .allocate(byteCount: size, alignment: 64)
        self.size = size
        self.mapped = false
    }

    /// Returns the memory to the system, the way it was obtained. Inlinable because the
    /// inlinable merge loops destroy the value (the optimizer may not inline a resilient deinit
    /// into them).
    @inlinable deinit {
        if mapped { system_munmap(base, size) } else { base.deallocate() }
    }
}

import TokenKit

/// One part of a piece during merging: where it starts (relative to the piece), its id, and
/// the rank/merged id of merging it with the next part (`noMerge` when it cannot).
@usableFromInline
struct MergePart {
    @usableFromInline var start: Int32
    @usableFromInline var id: UInt32
    @usableFromInline var pair: UInt64
    @inlinable init(start: Int32, id: UInt32, pair: UInt64) { self.start = start; self.id = id; self.pair = pair }
}

extension BPEModel {
    /// tiktoken's linear rescan: find the lowest-rank adjacent pair (leftmost on ties), merge,
    /// recompute the two neighbouring pairs, repeat.
    @inlinable
    func linearMerge<Q: MergeQuery, S: TokenSink>(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ m: Int, _ rule: Q, _ sink: inout S
    ) {
        withUnsafeTemporaryAllocation(of: MergePart.self, capacity: m + 1) { parts in
            let byteIDs = self.byteIDs
            for i in 0..<m {
                parts[i] = MergePart(start: Int32(i), id: byteIDs[Int(base[start + i])], pair: noMerge)
            }
            parts[m] = MergePart(start: Int32(m), id: UInt32.max, pair: noMerge)
            var n = m
            let pairs = self.bytePairs
            for i in 0..<(m - 1) {
                parts[i].pair = pairs[Int(base[start + i]) << 8 | Int(base[start + i + 1])]
            }
            while true {
                var best = noMerge
                var bi = -1
                var i = 0
                while i < n - 1 {
                    // Compare ranks only (high half): equal ranks keep the leftmost.
                    if parts[i].pair >> 32 < best >> 32 { best = parts[i].pair; bi = i }
                    i += 1
                }
                if bi < 0 { break }
                parts[bi].id = UInt32(truncatingIfNeeded: best)
                // Remove part bi+1 (the sentinel at n moves down too).
                var k = bi + 1
                while k < n { parts[k] = parts[k + 1]; k += 1 }
                n -= 1
                if bi + 1 < n {
                    parts[bi].pair = rule.query(leftStart: Int(parts[bi].start), left: parts[bi].id,
                                                right: parts[bi + 1].id, rightEnd: Int(parts[bi + 2].start))
                } else {
                    parts[bi].pair = noMerge
                }
                if bi > 0 {
                    parts[bi - 1].pair = rule.query(leftStart: Int(parts[bi - 1].start), left: parts[bi - 1].id,
                                                    right: parts[bi].id, rightEnd: Int(parts[bi + 1].start))
                }
            }
            for i in 0..<n where parts[i].id != UInt32.max {
                sink.emit(parts[i].id, start: start + Int(parts[i].start), end: start + Int(parts[i + 1].start))
            }
        }
    }

    /// Heap merge for long pieces: a min-heap of (rank, position) over a doubly linked list of
    /// parts, stale entries skipped lazily. Same order as the linear scan, O(*m* log *m*).
    @inlinable
    func heapMerge<Q: MergeQuery, S: TokenSink>(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ m: Int, _ rule: Q, _ sink: inout S
    ) {
        // One allocation for the per-part arrays; unsafe buffers keep bounds checks out of the
        // loop (indices are parts of this piece by construction).
        let ids = UnsafeMutablePointer<UInt32>.allocate(capacity: m)
        let next = UnsafeMutablePointer<Int32>.allocate(capacity: m)
        let prev = UnsafeMutablePointer<Int32>.allocate(capacity: m)
        let pair = UnsafeMutablePointer<UInt64>.allocate(capacity: m)
        var heap = MinHeap(capacity: m)
        defer {
            ids.deallocate(); next.deallocate(); prev.deallocate(); pair.deallocate()
        }
        initialiseParts(base, start, m, ids, next, prev, pair)
        for i in 0..<(m - 1) where pair[i] != noMerge { heap.push((pair[i] >> 32) << 32 | UInt64(i)) }
        while let top = heap.pop() {
            let i = Int(top & 0xFFFF_FFFF)
            let rank = top >> 32
            // Stale: the part was absorbed (pair reset) or its pair changed.
            let current = pair[i]
            if current == noMerge || current >> 32 != rank { continue }
            let after = absorbNext(i, into: current, m, ids, next, prev, pair)
            if after < m {
                let afterEnd = Int(next[after])
                let q = rule.query(leftStart: i, left: ids[i], right: ids[after], rightEnd: afterEnd)
                pair[i] = q
                if q != noMerge { heap.push((q >> 32) << 32 | UInt64(i)) }
            } else {
                pair[i] = noMerge
            }
            let p = Int(prev[i])
            if p >= 0 {
                let q = rule.query(leftStart: p, left: ids[p], right: ids[i], rightEnd: after)
                pair[p] = q
                if q != noMerge { heap.push((q >> 32) << 32 | UInt64(p)) }
            }
        }
        emitParts(start, m, ids, next, &sink)
    }

    /// Sets up the linked list of one-byte parts of a piece and their first-round pairs (the
    /// heap and bucket merges share it).
    @inlinable
    func initialiseParts(_ base: UnsafePointer<UInt8>, _ start: Int, _ m: Int, _ ids: UnsafeMutablePointer<UInt32>,
                         _ next: UnsafeMutablePointer<Int32>, _ prev: UnsafeMutablePointer<Int32>,
                         _ pair: UnsafeMutablePointer<UInt64>) {
        for i in 0..<m {
            ids[i] = byteIDs[Int(base[start + i])]
            next[i] = Int32(i + 1)
            prev[i] = Int32(i - 1)
        }
        pair[m - 1] = noMerge
        for i in 0..<(m - 1) {
            pair[i] = bytePairs[Int(base[start + i]) << 8 | Int(base[start + i + 1])]
        }
    }

    /// Merges part `i` with the part after it into the token of `merged` (a pair value) and
    /// returns the index of the part that now follows `i` (`m` at the end).
    @inlinable @inline(__always)
    func absorbNext(_ i: Int, into merged: UInt64, _ m: Int, _ ids: UnsafeMutablePointer<UInt32>,
                    _ next: UnsafeMutablePointer<Int32>, _ prev: UnsafeMutablePointer<Int32>,
                    _ pair: UnsafeMutablePointer<UInt64>) -> Int {
        let j = Int(next[i])
        ids[i] = UInt32(truncatingIfNeeded: merged)
        let after = Int(next[j])
        next[i] = Int32(after)
        if after < m { prev[after] = Int32(i) }
        pair[j] = noMerge
        return after
    }

    /// Emits the parts left in the linked list (bytes without an id are dropped).
    @inlinable
    func emitParts<S: TokenSink>(_ start: Int, _ m: Int, _ ids: UnsafeMutablePointer<UInt32>,
                                 _ next: UnsafeMutablePointer<Int32>, _ sink: inout S) {
        var i = 0
        while i < m {
            let j = Int(next[i])
            if ids[i] != UInt32.max { sink.emit(ids[i], start: start + i, end: start + j) }
            i = j
        }
    }
}

/// A binary min-heap of `UInt64` keys in a manually managed buffer (grows by doubling).
///
/// Non-copyable, and freed by its `deinit`: a copy cannot free the buffer twice. Kept apart from
/// swift-collections' `Heap` because it sits in the merge loop of long pieces.
@usableFromInline
struct MinHeap: ~Copyable {
    @usableFromInline var items: UnsafeMutablePointer<UInt64>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int
    @inlinable init(capacity: Int) {
        self.capacity = max(capacity, 16)
        items = .allocate(capacity: self.capacity)
    }

    /// Inlinable: the inlinable merge loops destroy the heap.
    @inlinable deinit { items.deallocate() }

    @inlinable mutating func push(_ x: UInt64) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: items, count: count)
            items.deallocate()
            items = bigger
            capacity *= 2
        }
        var i = count
        count += 1
        while i > 0 {
            let p = (i - 1) >> 1
            let up = items[p]
            if up <= x { break }
            items[i] = up
            i = p
        }
        items[i] = x
    }

    @inlinable mutating func pop() -> UInt64? {
        if count == 0 { return nil }
        let top = items[0]
        count -= 1
        if count == 0 { return top }
        let last = items[count]
        let n = count
        var i = 0
        while true {
            let l = 2 * i + 1
            if l >= n { break }
            let r = l + 1
            var c = l
            var cv = items[l]
            if r < n {
                let rv = items[r]
                if rv < cv { c = r; cv = rv }
            }
            if cv >= last { break }
            items[i] = cv
            i = c
        }
        items[i] = last
        return top
    }
}

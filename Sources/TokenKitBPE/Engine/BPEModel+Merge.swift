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
            for i in 0..<(m - 1) {
                parts[i].pair = rule.query(leftStart: i, left: parts[i].id, right: parts[i + 1].id, rightEnd: i + 2)
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
        var ids = [UInt32](repeating: 0, count: m)
        var next = [Int32](repeating: 0, count: m)
        var prev = [Int32](repeating: 0, count: m)
        var pair = [UInt64](repeating: noMerge, count: m)
        var heap = MinHeap(capacity: m)
        for i in 0..<m {
            ids[i] = byteIDs[Int(base[start + i])]
            next[i] = Int32(i + 1)
            prev[i] = Int32(i - 1)
        }
        // Part i spans [i, next[i]); the end of the part after it is next[next[i]] (or m).
        @inline(__always) func end(_ j: Int32) -> Int { j >= Int32(m) ? m : Int(next[Int(j)]) }
        for i in 0..<(m - 1) {
            let q = rule.query(leftStart: i, left: ids[i], right: ids[i + 1], rightEnd: i + 2)
            pair[i] = q
            if q != noMerge { heap.push((q >> 32) << 32 | UInt64(i)) }
        }
        while let top = heap.pop() {
            let i = Int(top & 0xFFFF_FFFF)
            let rank = top >> 32
            // Stale: the part was absorbed (pair reset) or its pair changed.
            if pair[i] == noMerge || pair[i] >> 32 != rank { continue }
            let j = Int(next[i])
            ids[i] = UInt32(truncatingIfNeeded: pair[i])
            let after = Int(next[j])
            next[i] = Int32(after)
            if after < m { prev[after] = Int32(i) }
            pair[j] = noMerge
            if after < m {
                let q = rule.query(leftStart: i, left: ids[i], right: ids[after], rightEnd: end(Int32(after)))
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
        var i = 0
        while i < m {
            let j = Int(next[i])
            if ids[i] != UInt32.max { sink.emit(ids[i], start: start + i, end: start + j) }
            i = j
        }
    }
}

/// A binary min-heap of `UInt64` keys.
@usableFromInline
struct MinHeap {
    @usableFromInline var items: [UInt64]
    @usableFromInline init(capacity: Int) { items = []; items.reserveCapacity(capacity) }

    @inlinable mutating func push(_ x: UInt64) {
        items.append(x)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if items[p] <= x { break }
            items[i] = items[p]
            i = p
        }
        items[i] = x
    }

    @inlinable mutating func pop() -> UInt64? {
        guard let last = items.popLast() else { return nil }
        if items.isEmpty { return last }
        let top = items[0]
        let n = items.count
        var i = 0
        while true {
            let l = 2 * i + 1
            if l >= n { break }
            let r = l + 1
            let c = (r < n && items[r] < items[l]) ? r : l
            if items[c] >= last { break }
            items[i] = items[c]
            i = c
        }
        items[i] = last
        return top
    }
}

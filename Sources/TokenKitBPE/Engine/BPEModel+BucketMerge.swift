import TokenKit

extension BPEModel {
    /// Pieces at least this long (bytes) try the rank-bucket merge before the heap.
    public static let bucketThreshold = 4096

    /// Linear-time merge for very long pieces (1 MB of one letter, of spaces, of one CJK
    /// character), exact whenever merging never creates a pair of lower rank than the one
    /// being merged — true of every merges list (a merge's parts exist before it) and of
    /// trained rank files. When that fails it returns `false` having emitted nothing, and the
    /// caller runs ``heapMerge(_:_:_:_:_:)``.
    ///
    /// Why it is exact: ranks are processed in increasing order (one bucket of positions per
    /// rank, a small heap over the distinct ranks). Within one rank, pairs that share a part form
    /// chains; each chain is merged from its leftmost pair rightwards — tiktoken's "leftmost
    /// lowest rank first" — and separate chains commute. A merged pair's neighbours are
    /// recomputed at once, so stale bucket entries are recognised by their rank and skipped.
    ///
    /// - Complexity: O(*m* + *d* log *d*) for *m* bytes and *d* distinct ranks seen, plus
    ///   O(*V*) to clear the bucket heads, where *V* is `rankLimit`.
    @inlinable
    func bucketMerge<Q: MergeQuery, S: TokenSink>(
        _ base: UnsafePointer<UInt8>, _ start: Int, _ m: Int, _ rule: Q, rankLimit: Int, _ sink: inout S
    ) -> Bool {
        // Bucket entries: a singly linked queue per rank. Order inside a rank does not matter for
        // exactness (chains are walked to their left end) but insertion order — mostly ascending
        // positions — makes that walk short and the stale-entry skips sequential. At most m − 1
        // initial entries plus two per merge (≤ m − 1 merges): 3m.
        let entryCapacity = 3 * m
        let memoSize = 4096
        // One huge-page mapping for everything (see LargeScratch); untouched parts cost nothing.
        let scratch = LargeScratch(bytes: 8 * m + 4 * m * 3 + 8 * entryCapacity + 8 * rankLimit + 16 * memoSize + 256)
        var cursor = scratch.base
        func carve<T>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
            let aligned = cursor.alignedUp(for: T.self)
            cursor = aligned + MemoryLayout<T>.stride * count
            return aligned.bindMemory(to: T.self, capacity: count)
        }
        let pair = carve(UInt64.self, m)
        let ids = carve(UInt32.self, m)
        let next = carve(Int32.self, m)
        let prev = carve(Int32.self, m)
        let entryPos = carve(Int32.self, entryCapacity)
        let entryNext = carve(Int32.self, entryCapacity)
        let head = carve(Int32.self, rankLimit)
        head.initialize(repeating: -1, count: rankLimit)
        // Read only where head ≥ 0, so it needs no initialisation.
        let tail = carve(Int32.self, rankLimit)
        // Memo of (left id, right id) → query result: long pathological pieces repeat a few pairs.
        let memoKey = carve(UInt64.self, memoSize)
        let memoValue = carve(UInt64.self, memoSize)
        memoKey.initialize(repeating: UInt64.max, count: memoSize)
        var ranks = MinHeap(capacity: 64)
        var entries = 0

        @inline(__always) func push(_ rank: Int, _ position: Int) {
            entryPos[entries] = Int32(position)
            entryNext[entries] = -1
            if head[rank] < 0 {
                ranks.push(UInt64(rank))
                head[rank] = Int32(entries)
            } else {
                entryNext[Int(tail[rank])] = Int32(entries)
            }
            tail[rank] = Int32(entries)
            entries += 1
        }

        @inline(__always) func query(_ left: Int, _ right: Int, _ rightEnd: Int) -> UInt64 {
            // A byte without an id has no unique key (rank files may lack bytes): ask the rule.
            if ids[left] == UInt32.max || ids[right] == UInt32.max {
                return rule.query(leftStart: left, left: ids[left], right: ids[right], rightEnd: rightEnd)
            }
            let key = UInt64(ids[left]) << 32 | UInt64(ids[right])
            let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 52)
            if memoKey[slot] == key { return memoValue[slot] }
            let q = rule.query(leftStart: left, left: ids[left], right: ids[right], rightEnd: rightEnd)
            memoKey[slot] = key
            memoValue[slot] = q
            return q
        }

        initialiseParts(base, start, m, ids, next, prev, pair)
        for i in 0..<(m - 1) where pair[i] != noMerge {
            let r = Int(pair[i] >> 32)
            if r >= rankLimit { return false }
            push(r, i)
        }

        while let top = ranks.pop() {
            let rank = Int(top)
            let rank64 = UInt64(rank)
            var e = head[rank]
            head[rank] = -1
            /// Whether the pair starting at part `x` still has this bucket's rank.
            @inline(__always) func hasRank(_ x: Int) -> Bool { pair[x] != noMerge && pair[x] >> 32 == rank64 }
            /// Stores a recomputed pair and files it; `false` when it breaks the precondition
            /// (a rank not above the one being merged, or outside the bucket range).
            @inline(__always) func setPair(_ x: Int, _ q: UInt64) -> Bool {
                pair[x] = q
                guard q != noMerge else { return true }
                let r = Int(q >> 32)
                if r <= rank || r >= rankLimit { return false }
                push(r, x)
                return true
            }
            while e >= 0 {
                var i = Int(entryPos[Int(e)])
                e = entryNext[Int(e)]
                guard hasRank(i) else { continue }
                // Walk to the chain's left end: tiktoken merges the leftmost equal-rank pair first.
                while true {
                    let p = Int(prev[i])
                    if p >= 0, hasRank(p) { i = p } else { break }
                }
                // Merge rightwards along the chain.
                while true {
                    let after = absorbNext(i, into: pair[i], m, ids, next, prev, pair)
                    // When the chain goes on at `after`, that merge recomputes this pair as its
                    // left neighbour: skip the query and the soon-stale entry.
                    let chainGoesOn = after < m && hasRank(after)
                    if chainGoesOn || after >= m {
                        pair[i] = noMerge
                    } else if !setPair(i, query(i, after, Int(next[after]))) {
                        return false
                    }
                    let p = Int(prev[i])
                    if p >= 0, !setPair(p, query(p, i, after)) { return false }
                    // The next pair of the chain starts at `after`.
                    guard chainGoesOn else { break }
                    i = after
                }
            }
        }
        emitParts(start, m, ids, next, &sink)
        return true
    }
}

import TokenKit

extension LlamaTokenizer {
    /// A candidate merge of symbol `left` with the symbol after it.
    private struct Candidate {
        var score: Float
        var left: Int32
        var right: Int32
        /// The right symbol's end when the candidate was made (it grows if the right merges on).
        var rightEnd: Int32
        var id: Int32

        /// Higher score first, then leftmost (run.c scans left to right and keeps a strict
        /// maximum). A merged symbol keeps its left index, so index order is text order.
        @inline(__always)
        func before(_ o: Candidate) -> Bool {
            if score != o.score { return score > o.score }
            return left < o.left
        }
    }

    /// Encodes `bytes[range]` (no framing) and appends the tokens.
    func encodeText(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, dummyPrefix: Bool, into out: inout Encoding) {
        if range.isEmpty { return }
        let base = bytes.baseAddress!
        // Symbols as parallel arrays: input span, id, links, and whether it is mergeable.
        var start: [Int32] = [], end: [Int32] = [], id: [Int32] = [], mergeable: [Bool] = []
        start.reserveCapacity(range.count + 1)
        end.reserveCapacity(range.count + 1)
        id.reserveCapacity(range.count + 1)
        mergeable.reserveCapacity(range.count + 1)
        let lo = Int32(range.lowerBound)
        // Symbol 0 carries the dummy prefix when there is one.
        var hasDummy = false
        if dummyPrefix {
            if let s = spaceID {
                start.append(lo); end.append(lo); id.append(Int32(s)); mergeable.append(true)
                hasDummy = true
            } else if byteFallback[0x20] >= 0 {
                start.append(lo); end.append(lo); id.append(byteFallback[0x20]); mergeable.append(false)
            }
        }
        var i = range.lowerBound
        while i < range.upperBound {
            let n = UTF8Validation.validSequenceLength(at: i, in: UnsafeBufferPointer(rebasing: bytes[..<range.upperBound])) ?? 1
            if let piece = table.lookup(prefixSpace: false, base + i, n) {
                start.append(Int32(i)); end.append(Int32(i + n)); id.append(piece); mergeable.append(true)
            } else {
                for k in i..<(i + n) {
                    let fb = byteFallback[Int(bytes[k])]
                    // A vocabulary without this byte piece gives <unk> (id 0), as SentencePiece does.
                    start.append(Int32(k)); end.append(Int32(k + 1)); id.append(fb >= 0 ? fb : 0); mergeable.append(false)
                }
            }
            i += n
        }
        let count = id.count
        var next = [Int32](repeating: -1, count: count)
        var prev = [Int32](repeating: -1, count: count)
        var alive = [Bool](repeating: true, count: count)
        for k in 0..<count {
            next[k] = k + 1 < count ? Int32(k + 1) : -1
            prev[k] = Int32(k - 1)
        }
        var heap: [Candidate] = []
        heap.reserveCapacity(count)
        let scores = self.scores
        do {
            func push(_ c: Candidate) {
                heap.append(c)
                var k = heap.count - 1
                while k > 0 {
                    let parent = (k - 1) / 2
                    if heap[k].before(heap[parent]) { heap.swapAt(k, parent); k = parent } else { break }
                }
            }
            func pop() -> Candidate {
                let top = heap[0]
                let last = heap.removeLast()
                if !heap.isEmpty {
                    heap[0] = last
                    var k = 0
                    while true {
                        let l = 2 * k + 1, r = l + 1
                        var best = k
                        if l < heap.count && heap[l].before(heap[best]) { best = l }
                        if r < heap.count && heap[r].before(heap[best]) { best = r }
                        if best == k { break }
                        heap.swapAt(k, best)
                        k = best
                    }
                }
                return top
            }
            func consider(_ l: Int32) {
                guard l >= 0 else { return }
                let r = next[Int(l)]
                guard r >= 0, mergeable[Int(l)], mergeable[Int(r)] else { return }
                let s = Int(start[Int(l)])
                let e = Int(end[Int(r)])
                let prefix = hasDummy && l == 0
                if let piece = table.lookup(prefixSpace: prefix, base + s, e - s) {
                    push(Candidate(score: scores[Int(piece)], left: l, right: r, rightEnd: Int32(e), id: piece))
                }
            }
            for k in 0..<count { consider(Int32(k)) }
            while !heap.isEmpty {
                let c = pop()
                let l = Int(c.left), r = Int(c.right)
                guard alive[l], alive[r], next[l] == c.right, end[r] == c.rightEnd else { continue }
                // Merge r into l.
                end[l] = end[r]
                id[l] = c.id
                alive[r] = false
                let after = next[r]
                next[l] = after
                if after >= 0 { prev[Int(after)] = Int32(l) }
                consider(prev[l])
                consider(Int32(l))
            }
        }
        var k: Int32 = count > 0 ? 0 : -1
        while k >= 0 {
            let s = Int(start[Int(k)]), e = Int(end[Int(k)])
            // The dummy prefix alone covers no input.
            out.append(TokenID(id[Int(k)]), covering: s..<e)
            k = next[Int(k)]
        }
    }
}

import TokenKit

extension LlamaTokenizer {
    /// Encodes `bytes[range]` (no framing) and appends the tokens.
    ///
    /// When no mergeable piece has a space after its first byte (true of SentencePiece
    /// vocabularies, whose `▁` only starts pieces; checked at load), no token can span a space
    /// that it does not start with, so the text is cut before every space and each word is
    /// merged on its own. The result is identical — merges in different words never interact,
    /// and within a word the global order (score, then position) restricts to the word — but the
    /// heaps stay tiny.
    ///
    /// - Complexity: O(*n* log *w*) for the longest word *w* (O(*n* log *n*) without the cut).
    func encodeText(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, dummyPrefix: Bool, into out: inout Encoding) {
        if range.isEmpty { return }
        var scratch = MergeScratch()
        guard splitsAtSpaces else {
            encodeWord(bytes, range: range, dummyPrefix: dummyPrefix, scratch: &scratch, into: &out)
            return
        }
        var wordStart = range.lowerBound
        var i = range.lowerBound + 1
        while i < range.upperBound {
            if bytes[i] == 0x20 {
                encodeWord(bytes, range: wordStart..<i, dummyPrefix: dummyPrefix && wordStart == range.lowerBound,
                           scratch: &scratch, into: &out)
                wordStart = i
            }
            i += 1
        }
        encodeWord(bytes, range: wordStart..<range.upperBound, dummyPrefix: dummyPrefix && wordStart == range.lowerBound,
                   scratch: &scratch, into: &out)
    }

    /// run.c's merge loop over one span: symbols per code point, then best-score merges.
    private func encodeWord(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, dummyPrefix: Bool,
                            scratch s: inout MergeScratch, into out: inout Encoding) {
        s.reset()
        let base = bytes.baseAddress!
        let lo = Int32(range.lowerBound)
        // Symbol 0 carries the dummy prefix when there is one.
        var hasDummy = false
        if dummyPrefix {
            if let space = spaceID {
                s.add(start: lo, end: lo, id: Int32(space), mergeable: true)
                hasDummy = true
            } else if byteFallback[0x20] >= 0 {
                s.add(start: lo, end: lo, id: byteFallback[0x20], mergeable: false)
            }
        }
        let limited = UnsafeBufferPointer(rebasing: bytes[..<range.upperBound])
        var i = range.lowerBound
        while i < range.upperBound {
            let n = UTF8Validation.validSequenceLength(at: i, in: limited) ?? 1
            if let piece = table.lookup(prefixSpace: false, base + i, n) {
                s.add(start: Int32(i), end: Int32(i + n), id: piece, mergeable: true)
            } else {
                for k in i..<(i + n) {
                    let fb = byteFallback[Int(bytes[k])]
                    // A vocabulary without this byte piece gives <unk> (id 0), as SentencePiece does.
                    s.add(start: Int32(k), end: Int32(k + 1), id: fb >= 0 ? fb : 0, mergeable: false)
                }
            }
            i += n
        }
        s.link()
        let count = s.id.count
        for k in 0..<count { consider(Int32(k), hasDummy: hasDummy, base: base, &s) }
        while let c = s.pop() {
            let l = Int(c.left), r = Int(c.right)
            guard s.alive[l], s.alive[r], s.next[l] == c.right, s.end[r] == c.rightEnd else { continue }
            // Merge r into l.
            s.end[l] = s.end[r]
            s.id[l] = c.id
            s.alive[r] = false
            let after = s.next[r]
            s.next[l] = after
            if after >= 0 { s.prev[Int(after)] = Int32(l) }
            consider(s.prev[l], hasDummy: hasDummy, base: base, &s)
            consider(Int32(l), hasDummy: hasDummy, base: base, &s)
        }
        var k: Int32 = count > 0 ? 0 : -1
        while k >= 0 {
            // The dummy prefix alone covers no input (an empty range).
            out.append(TokenID(s.id[Int(k)]), covering: Int(s.start[Int(k)])..<Int(s.end[Int(k)]))
            k = s.next[Int(k)]
        }
    }

    /// Queues the merge of symbol `l` with its right neighbour if their concatenation is a piece.
    @inline(__always)
    private func consider(_ l: Int32, hasDummy: Bool, base: UnsafePointer<UInt8>, _ s: inout MergeScratch) {
        guard l >= 0 else { return }
        let r = s.next[Int(l)]
        guard r >= 0, s.mergeable[Int(l)], s.mergeable[Int(r)] else { return }
        let start = Int(s.start[Int(l)])
        let end = Int(s.end[Int(r)])
        if let piece = table.lookup(prefixSpace: hasDummy && l == 0, base + start, end - start) {
            s.push(MergeScratch.Candidate(score: scores[Int(piece)], left: l, right: r, rightEnd: Int32(end), id: piece))
        }
    }
}

/// The working arrays of one merge loop, reused across the words of an input.
struct MergeScratch {
    /// A candidate merge of symbol `left` with the symbol after it.
    struct Candidate {
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

    var start: [Int32] = [], end: [Int32] = [], id: [Int32] = [], mergeable: [Bool] = []
    var next: [Int32] = [], prev: [Int32] = [], alive: [Bool] = []
    var heap: [Candidate] = []

    mutating func reset() {
        start.removeAll(keepingCapacity: true)
        end.removeAll(keepingCapacity: true)
        id.removeAll(keepingCapacity: true)
        mergeable.removeAll(keepingCapacity: true)
        next.removeAll(keepingCapacity: true)
        prev.removeAll(keepingCapacity: true)
        alive.removeAll(keepingCapacity: true)
        heap.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func add(start s: Int32, end e: Int32, id i: Int32, mergeable m: Bool) {
        start.append(s)
        end.append(e)
        id.append(i)
        mergeable.append(m)
    }

    /// Links the symbols into a list in order.
    mutating func link() {
        let count = id.count
        for k in 0..<count {
            next.append(k + 1 < count ? Int32(k + 1) : -1)
            prev.append(Int32(k - 1))
            alive.append(true)
        }
    }

    mutating func push(_ c: Candidate) {
        heap.append(c)
        var k = heap.count - 1
        while k > 0 {
            let parent = (k - 1) / 2
            if heap[k].before(heap[parent]) { heap.swapAt(k, parent); k = parent } else { break }
        }
    }

    mutating func pop() -> Candidate? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var k = 0
            let n = heap.count
            while true {
                let l = 2 * k + 1, r = l + 1
                var best = k
                if l < n && heap[l].before(heap[best]) { best = l }
                if r < n && heap[r].before(heap[best]) { best = r }
                if best == k { break }
                heap.swapAt(k, best)
                k = best
            }
        }
        return top
    }
}

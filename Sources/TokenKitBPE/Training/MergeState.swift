/// Pretokens as symbol sequences with their pair counts: the state both training and merge
/// replay (mixture inference) advance one merge at a time.
///
/// Pairs are packed as `a << 32 | b`, so comparing packed pairs compares `(a, b)`
/// lexicographically — the order Hugging Face's trainer breaks ties by.
struct MergeState {
    /// Each distinct pretoken as a sequence of token ids.
    var words: [[UInt32]]
    /// How often each word occurs.
    let wordCounts: [Int64]
    /// The count of every adjacent pair, weighted by word counts.
    var pairCounts: [UInt64: Int64] = [:]

    @inline(__always)
    static func pack(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    @inline(__always)
    static func unpack(_ p: UInt64) -> (UInt32, UInt32) { (UInt32(truncatingIfNeeded: p >> 32), UInt32(truncatingIfNeeded: p)) }

    init(words: [[UInt32]], counts: [Int64]) {
        self.words = words
        self.wordCounts = counts
    }

    /// Counts every pair and returns, for each pair, the words it occurs in (ascending, unique).
    ///
    /// - Complexity: O(total symbols).
    mutating func countPairs() -> [UInt64: [Int32]] {
        var index: [UInt64: [Int32]] = [:]
        pairCounts.removeAll(keepingCapacity: true)
        for (i, word) in words.enumerated() where word.count > 1 {
            let f = wordCounts[i]
            for k in 0..<(word.count - 1) {
                let p = Self.pack(word[k], word[k + 1])
                pairCounts[p, default: 0] += f
                if index[p]?.last != Int32(i) { index[p, default: []].append(Int32(i)) }
            }
        }
        return index
    }

    /// Replaces every non-overlapping `(a, b)` in word `i`, left to right, by `replacement`,
    /// and reports the pair-count changes exactly as Hugging Face's `Word::merge` does: for
    /// each merge, −1 for the pairs it breaks with its neighbours and +1 for the pairs the new
    /// symbol forms with them (the merged pair itself is not decremented).
    ///
    /// - Complexity: O(length of the word).
    @inline(__always)
    mutating func mergeWord(_ i: Int, _ a: UInt32, _ b: UInt32, into replacement: UInt32,
                            changes: inout [(pair: UInt64, delta: Int8)]) {
        let word = words[i]
        let n = word.count
        guard n > 1 else { return }
        var out: [UInt32] = []
        var merged = false
        var r = 0
        while r < n {
            if r + 1 < n && word[r] == a && word[r + 1] == b {
                if !merged {
                    out.reserveCapacity(n)
                    out.append(contentsOf: word[0..<r])
                    merged = true
                }
                if let prev = out.last {
                    changes.append((Self.pack(prev, a), -1))
                    changes.append((Self.pack(prev, replacement), 1))
                }
                out.append(replacement)
                if r + 2 < n {
                    let next = word[r + 2]
                    changes.append((Self.pack(b, next), -1))
                    changes.append((Self.pack(replacement, next), 1))
                }
                r += 2
            } else {
                if merged { out.append(word[r]) }
                r += 1
            }
        }
        if merged { words[i] = out }
    }
}

/// A max-heap of merge candidates ordered as Hugging Face's `BinaryHeap<Merge>`: higher count
/// first, and on equal counts the smaller pair `(a, b)`.
struct MergeQueue {
    struct Entry {
        var count: Int64
        var pair: UInt64
        /// Index of the entry's word list in ``MergeQueue/positions``.
        var positions: Int32
    }

    private var heap: [Entry] = []
    /// The word lists of the entries (HF keeps a `HashSet` per entry).
    var positions: [[Int32]] = []

    var isEmpty: Bool { heap.isEmpty }

    @inline(__always)
    private static func before(_ x: Entry, _ y: Entry) -> Bool {
        x.count != y.count ? x.count > y.count : x.pair < y.pair
    }

    mutating func push(count: Int64, pair: UInt64, words: [Int32]) {
        positions.append(words)
        push(Entry(count: count, pair: pair, positions: Int32(positions.count - 1)))
    }

    mutating func push(_ e: Entry) {
        heap.append(e)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if Self.before(heap[i], heap[parent]) {
                heap.swapAt(i, parent)
                i = parent
            } else {
                break
            }
        }
    }

    mutating func pop() -> Entry? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            let n = heap.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var best = i
                if l < n && Self.before(heap[l], heap[best]) { best = l }
                if r < n && Self.before(heap[r], heap[best]) { best = r }
                if best == i { break }
                heap.swapAt(i, best)
                i = best
            }
        }
        return top
    }
}

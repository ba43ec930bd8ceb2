/// Pretokens as symbol sequences with their pair counts: the state both training and merge
/// replay (mixture inference) advance one merge at a time.
///
/// Words live back to back in one flat symbol array (merges only shorten them, so they are
/// rewritten in place); pairs are packed as `a << 32 | b`, so comparing packed pairs compares
/// `(a, b)` lexicographically — the order Hugging Face's trainer breaks ties by.
struct MergeState {
    /// All words' symbols, word `i` at `symbols[starts[i] ..< starts[i] + lengths[i]]`.
    var symbols: [UInt32]
    let starts: [Int]
    var lengths: [Int32]
    /// How often each word occurs.
    let wordCounts: [Int64]
    /// The count of every adjacent pair, weighted by word counts.
    var pairCounts = PairCountTable()

    @inline(__always)
    static func pack(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    @inline(__always)
    static func unpack(_ p: UInt64) -> (UInt32, UInt32) { (UInt32(truncatingIfNeeded: p >> 32), UInt32(truncatingIfNeeded: p)) }

    /// Creates the state from words given as byte strings mapped through `symbolOf`.
    init(words: [[UInt8]], counts: [Int64], symbolOf: [UInt32]) {
        var symbols: [UInt32] = []
        symbols.reserveCapacity(words.reduce(0) { $0 + $1.count })
        var starts: [Int] = []
        var lengths: [Int32] = []
        starts.reserveCapacity(words.count)
        lengths.reserveCapacity(words.count)
        for w in words {
            starts.append(symbols.count)
            lengths.append(Int32(w.count))
            for b in w { symbols.append(symbolOf[Int(b)]) }
        }
        self.symbols = symbols
        self.starts = starts
        self.lengths = lengths
        self.wordCounts = counts
    }

    /// The number of words.
    var wordCount: Int { starts.count }

    /// The symbols of word `i`.
    func word(_ i: Int) -> ArraySlice<UInt32> {
        symbols[starts[i]..<(starts[i] + Int(lengths[i]))]
    }

    /// Counts every pair; returns, per distinct pair, the words it occurs in (ascending,
    /// unique) as ranges into one flat array.
    ///
    /// - Complexity: O(total symbols + distinct pairs).
    mutating func countPairs() -> (pairs: [UInt64], ranges: [Range<Int>], words: [Int32]) {
        // Pass 1: counts, and a dense index per distinct pair.
        var dense = PairCountTable(capacity: 1 << 16)
        var pairs: [UInt64] = []
        var occurrences: [(Int32, Int32)] = []  // (dense pair index, word)
        occurrences.reserveCapacity(symbols.count)
        symbols.withUnsafeBufferPointer { s in
            for i in 0..<starts.count where lengths[i] > 1 {
                let f = wordCounts[i]
                let base = starts[i]
                for k in base..<(base + Int(lengths[i]) - 1) {
                    let p = Self.pack(s[k], s[k + 1])
                    pairCounts.add(p, f)
                    var index = dense[p]
                    if index == 0 {
                        pairs.append(p)
                        index = Int64(pairs.count)
                        dense.add(p, index)
                    }
                    occurrences.append((Int32(index - 1), Int32(i)))
                }
            }
        }
        // Pass 2: bucket the occurrences by pair (counting sort keeps words ascending).
        var bucketSize = [Int](repeating: 0, count: pairs.count + 1)
        for (p, _) in occurrences { bucketSize[Int(p) + 1] += 1 }
        for k in 1..<bucketSize.count { bucketSize[k] += bucketSize[k - 1] }
        var fill = bucketSize
        var flat = [Int32](repeating: -1, count: occurrences.count)
        var lastWord = [Int32](repeating: -1, count: pairs.count)
        var used = [Int](repeating: 0, count: pairs.count)
        for (p, w) in occurrences where lastWord[Int(p)] != w {
            lastWord[Int(p)] = w
            flat[fill[Int(p)]] = w
            fill[Int(p)] += 1
            used[Int(p)] += 1
        }
        let ranges = (0..<pairs.count).map { bucketSize[$0]..<(bucketSize[$0] + used[$0]) }
        return (pairs, ranges, flat)
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
        let n = Int(lengths[i])
        guard n > 1 else { return }
        let base = starts[i]
        let written: Int = symbols.withUnsafeMutableBufferPointer { s in
            var w = base  // write position (never ahead of r)
            var r = base
            let end = base + n
            while r < end {
                if r + 1 < end && s[r] == a && s[r + 1] == b {
                    if w > base {
                        let prev = s[w - 1]
                        changes.append((Self.pack(prev, a), -1))
                        changes.append((Self.pack(prev, replacement), 1))
                    }
                    s[w] = replacement
                    w += 1
                    if r + 2 < end {
                        let next = s[r + 2]
                        changes.append((Self.pack(b, next), -1))
                        changes.append((Self.pack(replacement, next), 1))
                    }
                    r += 2
                } else {
                    s[w] = s[r]
                    w += 1
                    r += 1
                }
            }
            return w - base
        }
        lengths[i] = Int32(written)
    }
}

/// A max-heap of merge candidates ordered as Hugging Face's `BinaryHeap<Merge>`: higher count
/// first, and on equal counts the smaller pair `(a, b)`.
///
/// Each entry carries the words to merge in (HF keeps a `HashSet` per entry) as a range of
/// ``words``, a flat arena that only grows.
struct MergeQueue {
    struct Entry {
        var count: Int64
        var pair: UInt64
        var words: Range<Int>
    }

    private var heap: [Entry] = []
    /// Word indices of all entries.
    var words: [Int32] = []

    var isEmpty: Bool { heap.isEmpty }

    @inline(__always)
    private static func before(_ x: Entry, _ y: Entry) -> Bool {
        x.count != y.count ? x.count > y.count : x.pair < y.pair
    }

    /// Builds the heap from all entries at once.
    ///
    /// - Complexity: O(*n*).
    mutating func heapify(_ entries: [Entry], words: [Int32]) {
        heap = entries
        self.words = words
        if heap.count > 1 {
            for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        }
    }

    mutating func push(count: Int64, pair: UInt64, words new: some Collection<Int32>) {
        let start = words.count
        words.append(contentsOf: new)
        push(Entry(count: count, pair: pair, words: start..<words.count))
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
            siftDown(0)
        }
        return top
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
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
}

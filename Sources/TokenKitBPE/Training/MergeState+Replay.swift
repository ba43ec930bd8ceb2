extension MergeState {
    /// Merges `(a, b)` in word `i` and adds the word's **true** pair-count change to `deltas`:
    /// every pair of the old word at −count, every pair of the new word at +count.
    ///
    /// ``mergeWord(_:_:_:into:changes:)`` reports Hugging Face's incremental changes, which
    /// leave the merged pair's own count alone and miscount overlapping runs ("a a a"); merge
    /// replay for mixture inference needs the counts a fresh recount would give.
    ///
    /// - Returns: whether the word contained the pair.
    /// - Complexity: O(length of the word).
    @inline(__always)
    mutating func mergeWordTrueCounts(_ i: Int, _ a: UInt32, _ b: UInt32, into replacement: UInt32,
                                      deltas: inout [(pair: UInt64, delta: Int64)],
                                      scratch: inout [(pair: UInt64, delta: Int8)]) -> Bool {
        let n = Int(lengths[i])
        guard n > 1 else { return false }
        let base = starts[i]
        var found = false
        for k in base..<(base + n - 1) where symbols[k] == a && symbols[k + 1] == b {
            found = true
            break
        }
        guard found else { return false }
        let f = wordCounts[i]
        for k in base..<(base + n - 1) { deltas.append((Self.pack(symbols[k], symbols[k + 1]), -f)) }
        scratch.removeAll(keepingCapacity: true)
        mergeWord(i, a, b, into: replacement, changes: &scratch)
        let m = Int(lengths[i])
        if m > 1 {
            for k in base..<(base + m - 1) { deltas.append((Self.pack(symbols[k], symbols[k + 1]), f)) }
        }
        return true
    }
}

/// Replays a merge list over counted pretokens with **true** pair counts, reporting after each
/// merge the new count of every pair whose count changed: the pair-count trajectory that data
/// mixture inference (Hayase et al.) builds its linear program from.
///
/// Symbols are byte values 0…255 for the bytes and any ids the caller chooses for merged
/// tokens. Replay depends only on the words, never on their counts, so trajectories of shards
/// add up to the trajectory of the whole.
public struct MergeReplay {
    private var state: MergeState
    /// Initial index: pair → words (CSR), looked up through `initialSlot` (slot + 1).
    private let initialPairs: [UInt64]
    private let initialRanges: [Range<Int>]
    private let initialWords: [Int32]
    private var initialSlot = PairCountTable()
    /// Words that gained a pair after the start (pairs with a merged symbol).
    private var laterWords: [UInt64: [Int32]] = [:]
    private var visited: [Int32]
    private var stamp: Int32 = 0
    private var deltas: [(pair: UInt64, delta: Int64)] = []
    private var scratch: [(pair: UInt64, delta: Int8)] = []

    /// Creates the replay over pretokens; each byte is its own symbol.
    public init(counts: PretokenCounts) {
        state = MergeState(words: counts.entries.map(\.bytes), counts: counts.entries.map(\.count),
                           symbolOf: (0..<256).map { UInt32($0) })
        let index = state.countPairs()
        initialPairs = index.pairs
        initialRanges = index.ranges
        initialWords = index.words
        initialSlot = PairCountTable(capacity: index.pairs.count)
        for (k, p) in index.pairs.enumerated() { initialSlot.add(p, Int64(k + 1)) }
        visited = [Int32](repeating: -1, count: state.wordCount)
    }

    /// Packs a pair of symbols as `a << 32 | b`.
    @inline(__always)
    public static func pack(_ a: UInt32, _ b: UInt32) -> UInt64 { MergeState.pack(a, b) }

    /// Splits a packed pair.
    @inline(__always)
    public static func unpack(_ p: UInt64) -> (UInt32, UInt32) { MergeState.unpack(p) }

    /// The pair counts before any merge (pairs with a nonzero count, in no particular order).
    public var initialCounts: [(pair: UInt64, count: Int64)] {
        initialPairs.map { ($0, state.pairCounts[$0]) }.filter { $0.1 != 0 }
    }

    /// The current count of a pair.
    public func count(_ pair: UInt64) -> Int64 { state.pairCounts[pair] }

    /// Applies merge `(a, b) → replacement` to every word and returns the new count of each
    /// pair whose count changed, sorted by pair.
    ///
    /// - Complexity: O(total length of the words containing the pair).
    public mutating func apply(_ a: UInt32, _ b: UInt32, into replacement: UInt32) -> [(pair: UInt64, count: Int64)] {
        let key = Self.pack(a, b)
        stamp &+= 1
        deltas.removeAll(keepingCapacity: true)
        let slot = Int(initialSlot[key])
        if slot > 0 {
            for k in initialRanges[slot - 1] { visit(initialWords[k], a, b, replacement) }
        }
        // A merged pair never forms again (merges only create new symbols): drop its list.
        if let later = laterWords.removeValue(forKey: key) {
            for w in later { visit(w, a, b, replacement) }
        }
        guard !deltas.isEmpty else { return [] }
        deltas.sort { $0.pair < $1.pair }
        var out: [(pair: UInt64, count: Int64)] = []
        var k = 0
        while k < deltas.count {
            let p = deltas[k].pair
            var d: Int64 = 0
            while k < deltas.count && deltas[k].pair == p {
                d += deltas[k].delta
                k += 1
            }
            if d != 0 { out.append((p, state.pairCounts.add(p, d))) }
        }
        return out
    }

    private mutating func visit(_ w: Int32, _ a: UInt32, _ b: UInt32, _ replacement: UInt32) {
        if visited[Int(w)] == stamp { return }
        visited[Int(w)] = stamp
        let before = deltas.count
        guard state.mergeWordTrueCounts(Int(w), a, b, into: replacement, deltas: &deltas, scratch: &scratch) else { return }
        // Register the word under each new pair holding the merged symbol (others are indexed).
        for k in before..<deltas.count where deltas[k].delta > 0 {
            let (x, y) = Self.unpack(deltas[k].pair)
            if x == replacement || y == replacement {
                laterWords[deltas[k].pair, default: []].append(w)
            }
        }
    }
}

import TokenKit

/// One token of a batch handed to the merge loop: a symbol id and the input bytes it covers.
struct EngineToken {
    var symbol: UInt32
    var range: Range<Int>
    /// The word the token belongs to (NER-style word ids), if tracked; a merge keeps the left token's.
    var word: Int = -1
}

/// The merge loop over one batch, with an incremental pair index.
///
/// Tokens live in per-sequence linked lists whose nodes are numbered in batch order (sequence
/// by sequence, left to right); a merged node keeps its left node's number, so node numbers
/// keep giving the reference's scan order. For every valid pair the index holds its count and
/// a heap of the nodes where it starts; a global heap orders pairs by (count ↓, first
/// occurrence ↑) — the reference's `max` over an insertion-ordered counter, rebuilt each
/// merge. Entries go stale when counts change and are re-pushed lazily, so a merge costs
/// O(occurrences · log *n*) instead of a full rescan.
///
/// - Complexity: O((*n* + *k*) log *n*) for *n* tokens and *k* merged occurrences.
struct MergeEngine {
    let vocabulary: BaseVocabulary
    let validity: PairValidity
    let baseCount: UInt32

    // Symbols above the base vocabulary: out-of-vocabulary input tokens and merges.
    var extraBytes: [[UInt8]] = []
    var extraSpecial: [Bool] = []
    var extraComponents: [[TokenID]] = []
    var extraIndex: [[UInt8]: UInt32] = [:]
    /// The number of extra symbols that came from the input (not from merges).
    var inputSymbolCount = 0

    // Nodes.
    var symbol: [UInt32] = []
    var next: [Int32] = []
    var prev: [Int32] = []
    var alive: [Bool] = []
    var ranges: [Range<Int>] = []
    var words: [Int] = []
    var heads: [Int32] = []
    var liveCount = 0

    // Pair index.
    var pairOf: [UInt64: Int32] = [:]
    var pairKeys: [UInt64] = []
    var pairCount: [Int32] = []
    var pairVersion: [UInt32] = []
    var pairOccurrences: [BinaryHeap<Int32>] = []
    var dirty: [Int32] = []
    var isDirty: [Bool] = []
    var validityCache: [UInt64: Bool] = [:]
    var best = BinaryHeap<BestEntry> { a, b in a.count > b.count || (a.count == b.count && a.first < b.first) }

    /// Pair-index updates and heap pushes and pops so far: the engine's work, which grows near
    /// linearly with the batch (tests check it; a counter costs less than timing).
    var operations = 0

    struct BestEntry {
        var count: Int32
        var first: Int32
        var pair: Int32
        var version: UInt32
    }

    init(vocabulary: BaseVocabulary, validity: PairValidity) {
        self.vocabulary = vocabulary
        self.validity = validity
        self.baseCount = UInt32(vocabulary.count)
    }

    // MARK: Symbols

    func bytes(_ s: UInt32) -> [UInt8] {
        s < baseCount ? vocabulary.bytes[Int(s)] : extraBytes[Int(s - baseCount)]
    }

    func isSpecial(_ s: UInt32) -> Bool {
        s < baseCount ? vocabulary.isSpecial[Int(s)] : extraSpecial[Int(s - baseCount)]
    }

    func components(_ s: UInt32) -> [TokenID] {
        if s < baseCount { return vocabulary.isSpecial[Int(s)] ? [] : [s] }
        return extraComponents[Int(s - baseCount)]
    }

    /// The symbol of an input token given by its bytes: an ordinary base token, a special, or
    /// a new out-of-vocabulary symbol.
    mutating func inputSymbol(bytes b: [UInt8], special: Bool) -> UInt32 {
        if special, let id = vocabulary.specialID(of: b) { return id }
        if !special, let id = vocabulary.id(of: b) { return id }
        if let s = extraIndex[b], extraSpecial[Int(s - baseCount)] == special { return s }
        let s = baseCount + UInt32(extraBytes.count)
        extraBytes.append(b)
        extraSpecial.append(special)
        // An out-of-vocabulary input token decomposes into the base tokenizer's own encoding
        // of its bytes (the FVT convention); a special into nothing.
        let parts = special ? [] : ((try? vocabulary.base.encode(b, options: .plain).ids) ?? [])
        extraComponents.append(parts.filter { Int($0) < vocabulary.count && !vocabulary.isSpecial[Int($0)] })
        extraIndex[b] = s
        inputSymbolCount += 1
        return s
    }

    /// The symbol for the bytes of a merge: an existing ordinary token with those bytes, or new.
    mutating func mergedSymbol(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let joined = bytes(a) + bytes(b)
        if let id = vocabulary.id(of: joined) { return id }
        if let s = extraIndex[joined], !extraSpecial[Int(s - baseCount)] { return s }
        let s = baseCount + UInt32(extraBytes.count)
        extraBytes.append(joined)
        extraSpecial.append(false)
        extraComponents.append(components(a) + components(b))
        extraIndex[joined] = s
        return s
    }

    // MARK: Loading

    /// Adds one sequence.
    mutating func append(sequence tokens: [EngineToken]) {
        var previous: Int32 = -1
        heads.append(tokens.isEmpty ? -1 : Int32(symbol.count))
        for t in tokens {
            let node = Int32(symbol.count)
            symbol.append(t.symbol)
            ranges.append(t.range)
            words.append(t.word)
            alive.append(true)
            prev.append(previous)
            next.append(-1)
            if previous >= 0 { next[Int(previous)] = node }
            previous = node
        }
        liveCount += tokens.count
    }

    /// Counts every adjacent valid pair; call once after loading.
    mutating func indexPairs() {
        for node in 0..<symbol.count where next[node] >= 0 {
            addOccurrence(Int32(node))
        }
    }

    // MARK: Pair index

    private mutating func valid(_ a: UInt32, _ b: UInt32) -> Bool {
        let key = UInt64(a) << 32 | UInt64(b)
        if let v = validityCache[key] { return v }
        let v = validity.isValid(bytes(a), isSpecial(a), bytes(b), isSpecial(b))
        validityCache[key] = v
        return v
    }

    private mutating func touch(_ p: Int32) {
        if !isDirty[Int(p)] { isDirty[Int(p)] = true; dirty.append(p) }
    }

    /// Records the pair starting at `node` (if valid).
    private mutating func addOccurrence(_ node: Int32) {
        operations += 1
        let a = symbol[Int(node)], b = symbol[Int(next[Int(node)])]
        guard valid(a, b) else { return }
        let key = UInt64(a) << 32 | UInt64(b)
        let p: Int32
        if let existing = pairOf[key] {
            p = existing
        } else {
            p = Int32(pairKeys.count)
            pairOf[key] = p
            pairKeys.append(key)
            pairCount.append(0)
            pairVersion.append(0)
            pairOccurrences.append(BinaryHeap<Int32>(<))
            isDirty.append(false)
        }
        pairCount[Int(p)] += 1
        pairOccurrences[Int(p)].push(node)
        touch(p)
    }

    /// Forgets the pair starting at `node` (its heap entry goes stale and is dropped lazily).
    private mutating func removeOccurrence(_ node: Int32) {
        operations += 1
        let a = symbol[Int(node)], b = symbol[Int(next[Int(node)])]
        guard let p = pairOf[UInt64(a) << 32 | UInt64(b)] else { return }
        pairCount[Int(p)] -= 1
        touch(p)
    }

    /// Whether the pair `p` still starts at `node`. A (node, pair) occurrence never comes back
    /// once gone: the symbols at a node and its successor only ever get longer.
    private func isLive(_ node: Int32, _ p: Int32) -> Bool {
        let n = Int(node)
        guard alive[n], next[n] >= 0 else { return false }
        let key = pairKeys[Int(p)]
        return symbol[n] == UInt32(key >> 32) && symbol[Int(next[n])] == UInt32(key & 0xFFFF_FFFF)
    }

    /// Re-pushes changed pairs, then pops stale entries; returns the best pair.
    private mutating func bestPair() -> (pair: Int32, count: Int32)? {
        for p in dirty {
            let i = Int(p)
            isDirty[i] = false
            pairVersion[i] &+= 1
            guard pairCount[i] > 0 else { continue }
            while let top = pairOccurrences[i].top, !isLive(top, p) { pairOccurrences[i].pop(); operations += 1 }
            guard let first = pairOccurrences[i].top else { continue }
            best.push(BestEntry(count: pairCount[i], first: first, pair: p, version: pairVersion[i]))
            operations += 1
        }
        dirty.removeAll(keepingCapacity: true)
        while let top = best.top {
            if top.version == pairVersion[Int(top.pair)] { return (top.pair, top.count) }
            best.pop()
            operations += 1
        }
        return nil
    }

    // MARK: Merging

    /// Runs up to `limit` merges; calls `afterMerge` with the log entry and the live token count.
    ///
    /// - Returns: The number of merges done (fewer than `limit` on early exit).
    @discardableResult
    mutating func run(limit: Int, afterMerge: (MergeLogEntry, Int) -> Void) -> Int {
        var done = 0
        while done < limit, let (p, count) = bestPair() {
            let key = pairKeys[Int(p)]
            let a = UInt32(key >> 32), b = UInt32(key & 0xFFFF_FFFF)
            let merged = mergedSymbol(a, b)
            // All current occurrences, in scan order; overlapping ones die as we go.
            var occurrences: [Int32] = []
            occurrences.reserveCapacity(Int(count))
            while let node = pairOccurrences[Int(p)].pop() {
                operations += 1
                if isLive(node, p) { occurrences.append(node) }
            }
            for node in occurrences where isLive(node, p) {
                let i = Int(node), j = Int(next[i])
                let before = prev[i], after = next[j]
                if before >= 0 { removeOccurrence(before) }
                removeOccurrence(node)
                if after >= 0 { removeOccurrence(Int32(j)) }
                symbol[i] = merged
                ranges[i] = ranges[i].lowerBound..<ranges[j].upperBound
                alive[j] = false
                next[i] = after
                if after >= 0 { prev[Int(after)] = node }
                liveCount -= 1
                if before >= 0 { addOccurrence(before) }
                if after >= 0 { addOccurrence(node) }
            }
            done += 1
            afterMerge(MergeLogEntry(left: bytes(a), right: bytes(b), count: Int(count)), liveCount)
        }
        return done
    }

    /// The sequences as (symbol, range) lists.
    func sequences() -> [[EngineToken]] {
        heads.map { head in
            var out: [EngineToken] = []
            var node = head
            while node >= 0 {
                out.append(EngineToken(symbol: symbol[Int(node)], range: ranges[Int(node)], word: words[Int(node)]))
                node = next[Int(node)]
            }
            return out
        }
    }
}

/// One merge: the pair (in bytes) and how often it occurred across the batch when chosen.
public struct MergeLogEntry: Sendable, Hashable {
    /// The left token's bytes.
    public var left: [UInt8]
    /// The right token's bytes.
    public var right: [UInt8]
    /// Its count (overlapping occurrences included) when it was chosen.
    public var count: Int

    /// Creates an entry.
    public init(left: [UInt8], right: [UInt8], count: Int) {
        self.left = left
        self.right = right
        self.count = count
    }

    /// The pair in byte-level string form (`Ġ` for space).
    public var byteLevelPair: (String, String) {
        (ByteLevelText.encode(left), ByteLevelText.encode(right))
    }
}

import TokenKit

/// Learns a byte-level BPE vocabulary: the same merges, in the same order, as Hugging Face's
/// `BpeTrainer` given the same pretokens.
///
/// The algorithm and its tie-break, which decide exactness:
/// 1. Ids: the special tokens first (in the order given), then the 256-byte alphabet sorted
///    by the GPT-2 byte-level scalar that stands for each byte (HF's `initial_alphabet =
///    ByteLevel.alphabet()`, sorted by code point), then one id per merge.
/// 2. Pair counts over distinct pretokens, weighted by how often each occurs.
/// 3. Repeatedly take the most frequent pair; **ties go to the smaller pair `(left id, right
///    id)`** (HF's `Merge` ordering). Counts are refreshed lazily: a candidate whose count is
///    stale is pushed back with its current count.
/// 4. Merge it in the words that contained it when it was queued, updating the neighbouring
///    pairs' counts (HF's `Word::merge` rules), and queue the new pairs.
/// 5. Stop when the vocabulary (specials + alphabet + distinct merged tokens) reaches the
///    target size, the queue is empty, or the best count falls below `minFrequency` (or 1).
///
/// Counts are 64-bit (HF's are 32-bit and overflow past 2³¹ occurrences of a pair).
public struct BPETrainer: Sendable {
    /// What to learn.
    public struct Configuration: Sendable, Hashable {
        /// The vocabulary size to reach: specials + 256 bytes + merges, as HF counts it.
        public var vocabularySize: Int
        /// The smallest pair count that still makes a merge (HF's `min_frequency`; 0 = any).
        public var minFrequency: Int64
        /// Special tokens, given ids first.
        public var specialTokens: [String]
        /// Normalization and split.
        public var preTokenizer: TrainingPreTokenizer

        /// Creates a configuration with HF's byte-level defaults.
        public init(vocabularySize: Int, minFrequency: Int64 = 0, specialTokens: [String] = [],
                    preTokenizer: TrainingPreTokenizer = TrainingPreTokenizer()) {
            self.vocabularySize = vocabularySize
            self.minFrequency = minFrequency
            self.specialTokens = specialTokens
            self.preTokenizer = preTokenizer
        }
    }

    /// Where training is.
    public enum Progress: Sendable {
        /// Counting pretokens: bytes done of total.
        case counting(done: Int, total: Int)
        /// Learning merges: merges done of the most that can be learned.
        case merging(done: Int, total: Int)
    }

    /// The settings.
    public let configuration: Configuration

    /// Creates a trainer.
    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// Counts the files' pretokens and learns merges from them.
    ///
    /// - Throws: ``TrainingError`` for unreadable or binary files, an empty corpus, a bad
    ///   pattern, or a vocabulary size below the alphabet plus the specials.
    public func train(files: [String], progress: (@Sendable (Progress) -> Void)? = nil) throws(TrainingError) -> TrainedBPE {
        try checkSize()
        let counts = try PretokenCounts.count(files: files, preTokenizer: configuration.preTokenizer) { done, total in
            progress?(.counting(done: done, total: total))
        }
        if counts.distinctCount == 0 {
            throw TrainingError(.emptyCorpus, "the corpus has no text to learn from (\(files.count) file(s), \(counts.byteCount) bytes)")
        }
        return try train(counts, progress: progress)
    }

    /// Learns merges from counted pretokens.
    ///
    /// - Complexity: O(*M* · *w* + *P* log *P*) for *M* merges, *w* the words touched per merge
    ///   and *P* the distinct pairs.
    public func train(_ counts: PretokenCounts, progress: (@Sendable (Progress) -> Void)? = nil) throws(TrainingError) -> TrainedBPE {
        try checkSize()
        var vocabulary = TrainedBPE.VocabularyBuilder()
        for special in configuration.specialTokens { vocabulary.addSpecial(special) }
        var byteID = [UInt32](repeating: 0, count: 256)
        for b in GPT2ByteAlphabet.bytesInScalarOrder { byteID[Int(b)] = vocabulary.addByte(b) }

        var state = MergeState(
            words: counts.entries.map { entry in entry.bytes.map { byteID[Int($0)] } },
            counts: counts.entries.map(\.count))
        var queue = MergeQueue()
        for (pair, words) in state.countPairs() {
            let count = state.pairCounts[pair] ?? 0
            if count > 0 { queue.push(count: count, pair: pair, words: words) }
        }

        let target = configuration.vocabularySize
        let mostMerges = max(0, target - vocabulary.count)
        var changes: [(pair: UInt64, delta: Int8)] = []
        var merges: [(UInt32, UInt32)] = []
        var lastReport = 0
        while vocabulary.count < target, var top = queue.pop() {
            let current = state.pairCounts[top.pair] ?? 0
            if top.count != current {
                top.count = current
                queue.push(top)
                continue
            }
            if top.count < 1 || configuration.minFrequency > top.count { break }
            let (a, b) = MergeState.unpack(top.pair)
            let newID = vocabulary.addMerge(a, b)
            merges.append((a, b))

            changes.removeAll(keepingCapacity: true)
            var touched: [(pair: UInt64, word: Int32)] = []
            let words = queue.positions[Int(top.positions)]
            queue.positions[Int(top.positions)] = []
            for w in words {
                let before = changes.count
                state.mergeWord(Int(w), a, b, into: newID, changes: &changes)
                let f = state.wordCounts[Int(w)]
                for k in before..<changes.count {
                    let c = changes[k]
                    state.pairCounts[c.pair, default: 0] += Int64(c.delta) * f
                    if c.delta > 0 { touched.append((c.pair, w)) }
                }
            }
            // HF groups the new positions by pair (a set per pair) and queues each pair once.
            var grouped: [UInt64: [Int32]] = [:]
            for t in touched where grouped[t.pair]?.last != t.word { grouped[t.pair, default: []].append(t.word) }
            for (pair, ws) in grouped {
                let count = state.pairCounts[pair] ?? 0
                if count > 0 { queue.push(count: count, pair: pair, words: ws) }
            }
            if let progress, merges.count - lastReport >= 256 {
                lastReport = merges.count
                progress(.merging(done: merges.count, total: mostMerges))
            }
        }
        progress?(.merging(done: merges.count, total: merges.count))
        return TrainedBPE(vocabulary: vocabulary, merges: merges, configuration: configuration)
    }

    private func checkSize() throws(TrainingError) {
        let floor = 256 + Set(configuration.specialTokens).count
        if configuration.vocabularySize < floor {
            throw TrainingError(
                .vocabularyTooSmall,
                "a vocabulary of \(configuration.vocabularySize) cannot hold the 256-byte alphabet and \(floor - 256) special token(s); use at least \(floor)")
        }
    }
}

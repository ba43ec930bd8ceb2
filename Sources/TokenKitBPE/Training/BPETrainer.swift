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
        return try train(counts, progress: progress)
    }

    /// Learns merges from counted pretokens.
    ///
    /// - Complexity: O(*M* · *w* + *P* log *P*) for *M* merges, *w* the words touched per merge
    ///   and *P* the distinct pairs.
    public func train(_ counts: PretokenCounts, progress: (@Sendable (Progress) -> Void)? = nil) throws(TrainingError) -> TrainedBPE {
        try checkSize()
        if counts.distinctCount == 0 {
            throw TrainingError(.emptyCorpus, "the corpus has no text to learn from (\(counts.byteCount) bytes, no pretokens)")
        }
        var vocabulary = TrainedBPE.VocabularyBuilder()
        for special in configuration.specialTokens { vocabulary.addSpecial(special) }
        var byteID = [UInt32](repeating: 0, count: 256)
        for b in ByteLevelAlphabet.bytesInScalarOrder { byteID[Int(b)] = vocabulary.addByte(b) }

        var state = MergeState(words: counts.entries.map(\.bytes), counts: counts.entries.map(\.count), symbolOf: byteID)
        var queue = MergeQueue()
        let initial = state.countPairs()
        var entries: [MergeQueue.Entry] = []
        entries.reserveCapacity(initial.pairs.count)
        for (k, pair) in initial.pairs.enumerated() {
            let count = state.pairCounts[pair]
            if count > 0 { entries.append(.init(count: count, pair: pair, words: initial.ranges[k])) }
        }
        queue.heapify(entries, words: initial.words)

        let target = configuration.vocabularySize
        let mostMerges = max(0, target - vocabulary.count)
        var changes: [(pair: UInt64, delta: Int8)] = []
        var touched: [(pair: UInt64, word: Int32)] = []
        var merges: [(UInt32, UInt32)] = []
        var lastReport = 0
        while vocabulary.count < target, var top = queue.pop() {
            let current = state.pairCounts[top.pair]
            if top.count != current {
                top.count = current
                queue.push(top)
                continue
            }
            if top.count < 1 || configuration.minFrequency > top.count { break }
            let (a, b) = MergeState.unpack(top.pair)
            let newID = vocabulary.addMerge(a, b)
            merges.append((a, b))

            touched.removeAll(keepingCapacity: true)
            for k in top.words {
                let w = queue.words[k]
                changes.removeAll(keepingCapacity: true)
                state.mergeWord(Int(w), a, b, into: newID, changes: &changes)
                let f = state.wordCounts[Int(w)]
                for c in changes {
                    state.pairCounts.add(c.pair, Int64(c.delta) * f)
                    if c.delta > 0 { touched.append((c.pair, w)) }
                }
            }
            // HF collects the new positions in one set per pair and queues each pair once.
            touched.sort { $0.pair != $1.pair ? $0.pair < $1.pair : $0.word < $1.word }
            var k = 0
            var group: [Int32] = []
            while k < touched.count {
                let pair = touched[k].pair
                group.removeAll(keepingCapacity: true)
                while k < touched.count && touched[k].pair == pair {
                    if group.last != touched[k].word { group.append(touched[k].word) }
                    k += 1
                }
                let count = state.pairCounts[pair]
                if count > 0 { queue.push(count: count, pair: pair, words: group) }
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

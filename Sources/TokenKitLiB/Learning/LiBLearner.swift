/// The 2023 LiB learner ("Less is Better", Yang, Frank and van den Bosch), reproduced exactly.
///
/// The learner reads articles (groups of sentences) and keeps an ordered lexicon whose order is
/// the only score: rank 0 is the most valued chunk. While reading, each sentence is segmented
/// greedily (longest match); with probability α the previous chunk and the current one are
/// memorized as a new chunk, unknown symbols are memorized as they come, and new chunks go on
/// probation for τ0 steps. A chunk whose longest match has a shorter alternative is tested
/// against that alternative: the better path is rewarded, the worse punished. After each
/// article, expired probation entries are forgotten, rewards and punishments re-rank the
/// lexicon by `⌊r·Δ⌋ + 1` places, and the tail fraction ω goes on probation (spec §1.4).
///
/// Containers follow Python's semantics (ordered dictionaries whose updates keep position) and
/// the only random call is CPython's `random.random()`, so a run with the same corpus,
/// parameters and seed gives the reference's lexicon exactly.
///
/// ```swift
/// var learner = LiBLearner(parameters: .quickDemo)
/// let corpus = LiBCorpus(text: "you want to see the book\nget it\n")
/// learner.train(on: corpus, steps: 30)
/// learner.cleanLexicon()
/// learner.lexicon  // the chunks in rank order
/// ```
public struct LiBLearner: Sendable {
    /// A chunk: a sequence of Unicode scalars (a Python `str`).
    public typealias Chunk = [Unicode.Scalar]

    /// A probation entry: steps left and the context the chunk was memorized in (`nil` when it
    /// was put on probation for sitting in the lexicon tail).
    struct Probation: Sendable {
        var life: Int
        var context: (left: Chunk, right: Chunk)?
    }

    /// A pending two-path evaluation while reading a sentence.
    struct Pending {
        var alterEnd: Int
        var defaultChunks: [Chunk]
        var alterChunks: [Chunk]
    }

    /// The hyperparameters.
    public let parameters: LiBParameters
    /// The generator (its ``PythonRandom/randomCalls`` counts calls).
    public internal(set) var rng: PythonRandom
    /// The lexicon in rank order (index 0 is the most valued chunk).
    public internal(set) var lexiconChunks: [Chunk] = []
    /// `lexiconChunks[k].hashValue`, kept in step, so re-rank searches compare integers.
    var lexiconHashes: [Int] = []
    /// Chunk → rank. Exact between steps; during re-ranking only the moved chunk's entry is
    /// refreshed, as in the reference (the search in ``rerank(removing:)`` copes with that).
    var rankHint: [Chunk: Int] = [:]
    var trie = ScalarTrie()
    var probation = InsertionOrderedDictionary<Chunk, Probation>()
    var rewards: [(chunk: Chunk, effect: Int)] = []
    /// Training steps done.
    public internal(set) var stepsDone = 0
    /// How many re-rank look-ups missed the reference's forward search and needed a full one
    /// (the reference would raise there, pitfall L12); 0 in every run the spec checks.
    public internal(set) var rerankSearchMisses = 0

    /// Creates an empty learner; the lexicon starts empty, as in the reference.
    public init(parameters: LiBParameters) {
        self.parameters = parameters
        self.rng = PythonRandom(seed: parameters.seed)
    }

    /// Creates a learner that starts from a lexicon given in rank order (duplicates dropped,
    /// first occurrence kept). Nothing is on probation.
    public init(parameters: LiBParameters, lexicon: [String]) {
        self.init(parameters: parameters)
        for text in lexicon {
            let chunk = Array(text.unicodeScalars)
            if chunk.isEmpty || rankHint[chunk] != nil { continue }
            appendToLexicon(chunk)
        }
    }

    // MARK: Observation

    /// The lexicon as strings, in rank order.
    public var lexicon: [String] { lexiconChunks.map(Self.string) }

    /// The chunks on probation, in the probation pool's (insertion) order.
    public var probationChunks: [String] { probation.keys.map(Self.string) }

    /// Steps left for `text` on probation, or `nil` when it is not on probation.
    public func probationLife(of text: String) -> Int? {
        probation[Array(text.unicodeScalars)]?.life
    }

    /// The context stored with `text` on probation (`nil` when not on probation or put there
    /// for sitting in the tail).
    public func probationContext(of text: String) -> (left: String, right: String)? {
        guard let ctx = probation[Array(text.unicodeScalars)]?.context else { return nil }
        return (Self.string(ctx.left), Self.string(ctx.right))
    }

    static func string(_ chunk: Chunk) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: chunk)
        return String(s)
    }

    // MARK: Training

    /// Trains for `steps` articles of ``LiBParameters/articleLength`` sentences each, taken
    /// sequentially from the corpus and wrapping to the start after the last (shorter) one.
    ///
    /// - Parameters:
    ///   - corpus: The sentences to read, in order.
    ///   - steps: The number of articles to train on.
    ///   - progress: Called after each step with the number of steps done.
    /// - Complexity: O(total symbols read × longest chunk) plus O(|L|) per step.
    public mutating func train(on corpus: LiBCorpus, steps: Int, progress: (Int) -> Void = { _ in }) {
        var position = 0
        let sentences = corpus.sentences
        guard !sentences.isEmpty else { return }
        for step in 0..<max(steps, 0) {
            let end = min(position + parameters.articleLength, sentences.count)
            learn(article: sentences[position..<end])
            position = end >= sentences.count ? 0 : end
            progress(step + 1)
        }
    }

    /// One training step: reads every sentence of the article, then forgets, re-ranks and
    /// marks the tail (spec §1.4 `TRAIN_STEP`).
    public mutating func learn<C: Collection>(article: C) where C.Element == [Unicode.Scalar] {
        for sentence in article { read(sentence) }
        let forgotten = forgetExpired()
        rerank(removing: forgotten)
        markTail()
        stepsDone += 1
    }

    /// Removes every chunk still on probation from the lexicon (the reference's
    /// `clean_lexicon`, run after training). With ``LiBParameters/pinSymbols``, single
    /// symbols stay.
    public mutating func cleanLexicon() {
        var doomed = Set<Chunk>()
        for chunk in probation.keys where !(parameters.pinSymbols && chunk.count == 1) { doomed.insert(chunk) }
        removeFromLexicon(doomed)
        for chunk in doomed { probation.removeValue(forKey: chunk) }
    }

    // MARK: Lexicon primitives

    mutating func appendToLexicon(_ chunk: Chunk) {
        rankHint[chunk] = lexiconChunks.count
        lexiconChunks.append(chunk)
        lexiconHashes.append(chunk.hashValue)
        trie.insert(chunk)
    }

    mutating func removeFromLexicon(_ doomed: Set<Chunk>) {
        if doomed.isEmpty { return }
        var kept: [Chunk] = []
        kept.reserveCapacity(lexiconChunks.count)
        for chunk in lexiconChunks {
            if doomed.contains(chunk) { trie.remove(chunk) } else { kept.append(chunk) }
        }
        lexiconChunks = kept
        lexiconHashes = kept.map(\.hashValue)
        rebuildRanks()
    }

    mutating func rebuildRanks() {
        rankHint.removeAll(keepingCapacity: true)
        for (k, chunk) in lexiconChunks.enumerated() { rankHint[chunk] = k }
    }

    /// `MEMORIZE`: appends an unknown chunk at the tail and puts it on probation.
    mutating func memorize(_ chunk: Chunk, context: (left: Chunk, right: Chunk)) {
        if let cap = parameters.maxChunkLength, chunk.count > cap { return }
        guard !chunk.isEmpty, rankHint[chunk] == nil else { return }
        appendToLexicon(chunk)
        if parameters.pinSymbols && chunk.count == 1 { return }
        probation[chunk] = Probation(life: parameters.life, context: context)
    }
}

import TokenKit

/// The dynamic batch-merge loop of Feher, Vulić & Minixhofer (arXiv 2411.18553, ACL 2025),
/// over the tokens of any base tokenizer.
///
/// Repeatedly merges the most frequent adjacent *valid* pair across the whole batch (ties go to
/// the pair that occurs first, in batch order), left to right without overlaps, until `m`
/// merges are done or no valid pair is left. Counting pools all sequences, so a sentence's
/// tokens depend on the batch it is in.
///
/// ```swift
/// let merger = try DynamicBatchMerger(base: ByteTokenizer.raw, mode: .word)
/// let result = try merger.merge(byteLevelTokens: [["Ġ", "c", "a", "t"]], merges: 10)
/// ```
public struct DynamicBatchMerger: Sendable {
    /// The base tokens as bytes.
    public let vocabulary: BaseVocabulary
    /// Which pairs may merge.
    public let mode: BoundaryMode
    /// The base tokenizer's pre-tokenizer (for ``BoundaryMode/pretokens``).
    public let preTokenizer: any PieceCounter

    /// Creates a merger.
    ///
    /// - Parameters:
    ///   - base: The base tokenizer (its tokens must have bytes).
    ///   - mode: The boundary mode.
    ///   - preTokenizer: The base tokenizer's piece rule; by default the base's own split pattern
    ///     when it is a BPE tokenizer, GPT-2's otherwise.
    ///   - additionalSpecialTexts: Token texts that never merge though the base lacks them.
    /// - Throws: ``DynamicMergeError/Code/noByteDecoding``.
    public init(base: any Tokenizer, mode: BoundaryMode = .pretokens, preTokenizer: (any PieceCounter)? = nil,
                additionalSpecialTexts: [String] = []) throws(DynamicMergeError) {
        self.init(vocabulary: try BaseVocabulary(base: base, additionalSpecialTexts: additionalSpecialTexts),
                  mode: mode, preTokenizer: preTokenizer ?? SplitPatternPieceCounter.matching(base))
    }

    /// Creates a merger over an already read vocabulary.
    public init(vocabulary: BaseVocabulary, mode: BoundaryMode, preTokenizer: any PieceCounter = GPT2PieceCounter()) {
        self.vocabulary = vocabulary
        self.mode = mode
        self.preTokenizer = preTokenizer
    }

    private var validity: PairValidity { PairValidity(mode: mode, preTokenizer: preTokenizer) }

    /// Merges a batch of base-id sequences.
    ///
    /// - Parameters:
    ///   - ids: Base ids per sequence.
    ///   - offsets: Each token's input range (same shape as `ids`), or `nil`.
    ///   - wordIDs: Each token's word id (same shape as `ids`; NER inputs), or `nil`. A merged
    ///     token keeps its left token's word id, as the reference does.
    ///   - merges: The most merges to do (`m`).
    /// - Throws: ``DynamicMergeError`` for an empty batch, `merges < 0`, or an id outside the
    ///   base vocabulary or without bytes.
    /// - Complexity: O((*n* + *k*) log *n*) for *n* tokens and *k* merged occurrences.
    public func merge(ids: [[TokenID]], offsets: [[Range<Int>]]? = nil, wordIDs: [[Int]]? = nil, merges: Int) throws(DynamicMergeError) -> DynamicMergeResult {
        guard !ids.isEmpty else { throw .emptyBatch }
        guard merges >= 0 else { throw .negativeMerges(merges) }
        try Self.checkSize(ids.reduce(0) { $0 + $1.count })
        var engine = MergeEngine(vocabulary: vocabulary, validity: validity)
        for (s, seq) in ids.enumerated() {
            var tokens: [EngineToken] = []
            tokens.reserveCapacity(seq.count)
            for (k, id) in seq.enumerated() {
                guard Int(id) < vocabulary.count else {
                    throw DynamicMergeError(.noByteDecoding, "sequence \(s), token \(k): id \(id) is outside the base vocabulary (size \(vocabulary.count))")
                }
                if vocabulary.bytes[Int(id)].isEmpty && !vocabulary.isSpecial[Int(id)] {
                    throw DynamicMergeError(.noByteDecoding, "sequence \(s), token \(k): the base tokenizer gives no bytes for id \(id)")
                }
                let range = offsets.flatMap { $0.indices.contains(s) && $0[s].indices.contains(k) ? $0[s][k] : nil } ?? 0..<0
                let word = wordIDs.flatMap { $0.indices.contains(s) && $0[s].indices.contains(k) ? $0[s][k] : nil } ?? -1
                tokens.append(EngineToken(symbol: id, range: range, word: word))
            }
            engine.append(sequence: tokens)
        }
        return finish(&engine, merges: merges)
    }

    /// Merges a batch given as token strings in byte-level form (`Ġ` = space), as the
    /// reference's README example does. A string equal to a special token's text is special;
    /// a string the base vocabulary lacks gets a new id above it.
    ///
    /// - Throws: ``DynamicMergeError/Code/notByteLevel`` for a character outside the
    ///   byte-level alphabet (specials may use any text); the errors of ``merge(ids:offsets:wordIDs:merges:)``.
    public func merge(byteLevelTokens batch: [[String]], merges: Int) throws(DynamicMergeError) -> DynamicMergeResult {
        guard !batch.isEmpty else { throw .emptyBatch }
        guard merges >= 0 else { throw .negativeMerges(merges) }
        try Self.checkSize(batch.reduce(0) { $0 + $1.count })
        var engine = MergeEngine(vocabulary: vocabulary, validity: validity)
        for (s, seq) in batch.enumerated() {
            var tokens: [EngineToken] = []
            for (k, text) in seq.enumerated() {
                let raw = Array(text.utf8)
                let special = vocabulary.specialID(of: raw) != nil || vocabulary.additionalSpecialTexts.contains(raw)
                let bytes: [UInt8]
                if special {
                    bytes = raw
                } else if let decoded = ByteLevelText.decode(text), !decoded.isEmpty {
                    bytes = decoded
                } else {
                    throw DynamicMergeError(.notByteLevel,
                                            "sequence \(s), token \(k): \(text.debugDescription) is \(text.isEmpty ? "empty" : "not in byte-level form (GPT-2 alphabet, Ġ for space)")")
                }
                tokens.append(EngineToken(symbol: engine.inputSymbol(bytes: bytes, special: special), range: 0..<0))
            }
            engine.append(sequence: tokens)
        }
        return finish(&engine, merges: merges)
    }

    /// The engine numbers tokens with 32-bit indices.
    static func checkSize(_ total: Int) throws(DynamicMergeError) {
        if total >= Int(Int32.max) {
            throw DynamicMergeError(.tooLarge, "the batch has \(total) tokens; dynamic merging handles fewer than \(Int32.max) per batch")
        }
    }

    private func finish(_ engine: inout MergeEngine, merges: Int) -> DynamicMergeResult {
        engine.indexPairs()
        var log: [MergeLogEntry] = []
        var totals = [engine.liveCount]
        engine.run(limit: merges) { entry, live in
            log.append(entry)
            totals.append(live)
        }
        let sequences = engine.sequences()
        let base = engine.baseCount
        let tokens = engine.extraBytes.indices.map { k in
            DynamicToken(id: base + TokenID(k), bytes: engine.extraBytes[k], components: engine.extraComponents[k],
                         isSpecial: engine.extraSpecial[k])
        }
        return DynamicMergeResult(
            ids: sequences.map { $0.map(\.symbol) },
            offsets: sequences.map { $0.map(\.range) },
            wordIDs: sequences.map { $0.map(\.word) },
            mergeLog: log,
            vocabulary: DynamicVocabulary(baseSize: Int(base), tokens: tokens),
            totalTokensAfterMerge: totals,
            base: vocabulary)
    }
}

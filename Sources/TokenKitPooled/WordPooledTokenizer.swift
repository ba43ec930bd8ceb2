import TokenKit

/// What happens to a word with more units than the row width allows.
public enum PooledTruncation: String, Sendable, Hashable, CaseIterable {
    /// Drop the units past the limit (the reference: `truncation=True, max_length=maxLen`).
    case dropExtraUnits = "drop"
    /// Fail with the word's byte offset.
    case error
}

/// Word-pooled tokenization ("Learn Your Tokens", Thawani et al., EMNLP 2023 Findings):
/// text → words → units, with `p` CLS prefix ids per word.
///
/// The flat ``encode(_:options:)`` gives, for every word, its `p` CLS ids (under the default
/// framing) followed by its units; `Encoding.groups` holds each word's range of ids. The
/// model-facing matrices (words × units, padded, with lengths) come from `layout(_:width:)`
/// (bytes or a `String`) and ``layoutBatch(_:width:)``.
///
/// CLS ids are `unitVocabularySize + k` for `k < p`, so they never collide with a unit id. The
/// reference uses `maxLen + k`, which collides with real unit ids whenever the unit vocabulary
/// is larger than the row width; TokenKit deliberately differs there.
///
/// ```swift
/// let pooled = try WordPooledTokenizer(units: .bytes, normalization: .clean, prefixCount: 4)
/// let layout = try pooled.layout("Hello world", width: .longestWord)
/// layout.lengths  // [5, 1, 5]
/// ```
public struct WordPooledTokenizer: Tokenizer {
    /// What words are made of.
    public let units: PooledUnits
    /// How text is cut into words.
    public let normalization: PooledNormalization
    /// `p`: CLS prefix ids per word (the reference's `--num_prefix`, default 4).
    public let prefixCount: Int
    /// The most units a word keeps (`nil`: no limit).
    public let maxUnitsPerWord: Int?
    /// What happens past ``maxUnitsPerWord``.
    public let truncation: PooledTruncation
    /// The id that fills rows past a word's units (0 in the reference for every unit kind).
    public let padID: TokenID
    /// The CLS ids, `unitVocabularySize ..< unitVocabularySize + p`.
    public let clsIDs: [TokenID]
    /// The unit tokenizer's specials and the CLS ids (`<cls_k>`, role `.cls`).
    public let specialTokens: SpecialTokens

    /// Creates a word-pooled tokenizer.
    ///
    /// - Throws: `FormatError` for `prefixCount < 0`, `maxUnitsPerWord < 1`, or ids that do
    ///   not fit in `TokenID`.
    public init(units: PooledUnits, normalization: PooledNormalization, prefixCount: Int = 4,
                maxUnitsPerWord: Int? = nil, truncation: PooledTruncation = .dropExtraUnits,
                padID: TokenID = 0) throws(FormatError) {
        guard prefixCount >= 0 else { throw FormatError(.invalidValue, "the CLS prefix count must be 0 or more, not \(prefixCount)") }
        if let m = maxUnitsPerWord, m < 1 { throw FormatError(.invalidValue, "the maximum units per word must be at least 1, not \(m)") }
        let base = units.vocabularySize
        guard base + prefixCount <= Int(TokenID.max) else {
            throw FormatError(.invalidValue, "\(base) unit ids + \(prefixCount) CLS ids do not fit in 32-bit ids")
        }
        self.units = units
        self.normalization = normalization
        self.prefixCount = prefixCount
        self.maxUnitsPerWord = maxUnitsPerWord
        self.truncation = truncation
        self.padID = padID
        self.clsIDs = (0..<prefixCount).map { TokenID(base + $0) }
        var specials = Array(units.tokenizer.specialTokens.all)
        for (k, id) in clsIDs.enumerated() { specials.append(SpecialToken(id: id, text: "<cls_\(k)>", role: .cls)) }
        self.specialTokens = SpecialTokens(specials)
    }

    public var family: TokenizerFamily { .wordPooled }
    public var source: String { "pooled:\(units.name):\(normalization.name)" }
    /// Unit ids, then the CLS ids.
    public var vocabularySize: Int { units.vocabularySize + prefixCount }
    /// `RoundTrip.text` in ``PooledNormalization/clean`` mode with units that round-trip
    /// and no truncation; `RoundTrip.normalizedText` for the presets.
    public var roundTrip: RoundTrip {
        if normalization.keepsAllText && maxUnitsPerWord == nil
            && (units.tokenizer.roundTrip == .bytes || units.tokenizer.roundTrip == .text) { return .text }
        return .normalizedText
    }

    /// The words of the input with their units.
    ///
    /// - Throws: `TokenizerError.Code.invalidUTF8`; errors of the unit tokenizer (with the
    ///   word's offset); `TokenizerError.Code.unsupportedInput` for an over-long word under
    ///   ``PooledTruncation/error``.
    /// - Complexity: O(*n*) plus the unit tokenizer's cost.
    public func segment(_ bytes: UnsafeBufferPointer<UInt8>) throws(TokenizerError) -> [PooledWordUnits] {
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) { throw .invalidUTF8(at: bad) }
        let words: [PooledWord]
        do throws(ICUError) {
            words = try normalization.words(in: bytes)
        } catch {
            throw TokenizerError(code: .unsupportedInput, message: "ICU word breaking failed: \(error)")
        }
        var out: [PooledWordUnits] = []
        out.reserveCapacity(words.count)
        for word in words {
            var encoded: Encoding
            do throws(TokenizerError) {
                encoded = try units.tokenizer.encode(word.bytes(in: bytes), options: .plain)
            } catch {
                var e = error
                e.byteOffset = word.range.lowerBound + (error.byteOffset ?? 0)
                e.message = "word at byte \(word.range.lowerBound): \(error.message)"
                throw e
            }
            if let limit = maxUnitsPerWord, encoded.count > limit {
                if truncation == .error {
                    throw TokenizerError(code: .unsupportedInput,
                                         message: "the word at byte \(word.range.lowerBound) has \(encoded.count) units, more than the limit of \(limit)",
                                         byteOffset: word.range.lowerBound)
                }
                encoded.ids.removeSubrange(limit...)
                encoded.offsets.removeSubrange(limit...)
            }
            var offsets = encoded.offsets
            if word.replacement != nil {
                // A replacement stands for the whole word: its first unit covers it.
                for k in offsets.indices {
                    offsets[k] = k == 0 ? word.range : word.range.upperBound..<word.range.upperBound
                }
            } else {
                for k in offsets.indices {
                    offsets[k] = (offsets[k].lowerBound + word.range.lowerBound)..<(offsets[k].upperBound + word.range.lowerBound)
                }
            }
            out.append(PooledWordUnits(word: word, ids: encoded.ids, offsets: offsets))
        }
        return out
    }

    /// Per word: the CLS ids (unless `options.framing == .none`) then the units; `Encoding.groups`
    /// has one range per word. CLS ids cover an empty range at the word's start.
    ///
    /// - Complexity: O(*n*) plus the unit tokenizer's cost.
    public func encode(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Encoding {
        let words = try segment(bytes)
        let withCLS = options.framing != .none
        var out = Encoding()
        out.reserveCapacity(words.reduce(0) { $0 + $1.ids.count } + (withCLS ? words.count * prefixCount : 0))
        for w in words {
            let start = out.count
            if withCLS {
                for id in clsIDs { out.append(id, covering: w.word.range.lowerBound..<w.word.range.lowerBound) }
            }
            out.ids.append(contentsOf: w.ids)
            out.offsets.append(contentsOf: w.offsets)
            out.groups.append(start..<out.count)
        }
        return out
    }

    public func tokenBytes(_ id: TokenID) -> [UInt8]? {
        if let k = clsIDs.firstIndex(of: id) { return Array("<cls_\(k)>".utf8) }
        return units.tokenizer.tokenBytes(id)
    }

    /// Decodes units; a first CLS id starts a new word. For the presets, words are joined
    /// with a space (the normalized text); in ``PooledNormalization/clean`` mode they are
    /// concatenated (the input). CLS ids are written as `<cls_k>` unless skipped. Without
    /// CLS ids, word boundaries are unknown and units are concatenated.
    ///
    /// - Throws: `TokenizerError.Code.unknownTokenID`.
    /// - Complexity: O(total bytes).
    public func decode(_ ids: [TokenID], options: DecodeOptions) throws(TokenizerError) -> [UInt8] {
        var out: [UInt8] = []
        var run: [TokenID] = []
        var runStart = 0
        var wordsSeen = 0
        func flush() throws(TokenizerError) {
            if run.isEmpty { return }
            do throws(TokenizerError) {
                out.append(contentsOf: try units.tokenizer.decode(run, options: options))
            } catch {
                var e = error
                if let t = e.tokenIndex { e.tokenIndex = t + runStart }
                throw e
            }
            run.removeAll(keepingCapacity: true)
        }
        let base = TokenID(units.vocabularySize)
        for (index, id) in ids.enumerated() {
            if id >= base {
                guard Int(id - base) < prefixCount else {
                    throw .unknownTokenID(id, at: index, vocabularySize: vocabularySize)
                }
                try flush()
                let k = Int(id - base)
                if k == 0 {
                    if wordsSeen > 0 && !normalization.keepsAllText { out.append(0x20) }
                    wordsSeen += 1
                }
                if !options.skipSpecialTokens { out.append(contentsOf: "<cls_\(k)>".utf8) }
            } else {
                if run.isEmpty { runStart = index }
                run.append(id)
            }
        }
        try flush()
        return out
    }
}

/// One word with its units.
public struct PooledWordUnits: Sendable, Hashable {
    /// Where the word is in the input.
    public var word: PooledWord
    /// Its unit ids (after truncation).
    public var ids: [TokenID]
    /// The input bytes each unit covers.
    public var offsets: [Range<Int>]
}

import TokenKit

/// A Hugging Face `tokenizer.json` with a BPE model, run as `tokenizers` runs it: added tokens
/// matched in the raw text, normalizer, added tokens matched in normalized text,
/// pre-tokenizer, BPE model, post-processor; decoding through the decoder chain.
///
/// Offsets are byte ranges into the input (`tokenizers` gives character offsets, trimmed by
/// `trim_offsets`; TokenKit keeps whole ranges so that they tile the input).
///
/// Special-token semantics are chosen per call: `SpecialTokenPolicy.matchAll` is what
/// `tokenizers` does (every added token matched); with another policy, added tokens marked
/// `special` follow it (ordinary text, or an error when disallowed), while non-special added
/// tokens (GPT-NeoX's runs of spaces) are always matched, because they are part of the vocabulary.
///
/// ```swift
/// let neox = try HFTokenizer(contentsOf: "gpt-neox-20b/tokenizer.json")
/// try neox.encode("Hello  world", options: EncodeOptions(specials: .matchAll)).ids
/// ```
public final class HFTokenizer: Tokenizer {
    /// The normalizer, if any.
    let normalizer: (any HFNormalizer)?
    /// The pre-tokenizer, if any.
    let preTokenizer: (any HFPreTokenizer)?
    /// The BPE model.
    let model: HFBPEModel
    /// Added tokens and their matchers.
    let added: HFAddedVocabulary
    /// Added-token text by id (they override the model's text for decoding).
    let addedText: [TokenID: [UInt8]]
    /// Ids of added tokens marked special.
    let specialIDs: Set<TokenID>
    /// The decoder, if any.
    let decoder: (any HFDecoder)?
    /// The post-processor.
    let postProcessor: HFPostProcessor

    /// The engine scanner that reproduces the whole pre-tokenizer, when it is one published
    /// pattern followed by a plain ByteLevel mapping (GPT-2, NeoX, OLMo, Llama 3-style files):
    /// such text skips the general pipeline and goes straight from scanner to engine.
    let fastPattern: SplitPattern?

    public let source: String
    public let specialTokens: SpecialTokens
    public let vocabularySize: Int
    public var family: TokenizerFamily { .bpe }
    public let roundTrip: RoundTrip

    init(source: String, normalizer: (any HFNormalizer)?, preTokenizer: (any HFPreTokenizer)?, model: HFBPEModel,
         addedTokens: [HFAddedToken], unknownToken: String?, decoder: (any HFDecoder)?,
         postProcessor: HFPostProcessor) throws(FormatError)
    {
        self.source = source
        self.normalizer = normalizer
        self.preTokenizer = preTokenizer
        self.model = model
        do {
            self.added = try HFAddedVocabulary(tokens: addedTokens, normalizer: normalizer)
        } catch {
            throw FormatError(.invalidValue, "an added token cannot be normalized: \(error.message)")
        }
        var text: [TokenID: [UInt8]] = [:]
        var specials: [SpecialToken] = []
        var specialIDs = Set<TokenID>()
        for t in addedTokens {
            // tokenizers keeps a normalized added token's text normalized (decode shows it so).
            var content = AlignedText(bytes: Array(t.content.utf8), origin: Array(repeating: 0..<0, count: t.content.utf8.count))
            if t.normalized, let normalizer { try? normalizer.normalize(&content) }
            if text[t.id] == nil { text[t.id] = content.bytes }
            if t.special {
                specialIDs.insert(t.id)
                specials.append(SpecialToken(id: t.id, text: t.content, role: Self.role(of: t.content, unknown: unknownToken)))
            }
        }
        self.addedText = text
        self.specialIDs = specialIDs
        self.specialTokens = SpecialTokens(specials)
        self.vocabularySize = max(model.idLimit, (addedTokens.map { Int($0.id) }.max() ?? -1) + 1)
        self.decoder = decoder
        self.postProcessor = postProcessor
        self.fastPattern = model.engine == nil ? nil : Self.fastPattern(of: preTokenizer)
        self.roundTrip = normalizer == nil && model.byteLevel && decoder is HFByteLevelDecoder ? .text : .normalizedText
    }

    static func role(of text: String, unknown: String?) -> SpecialToken.Role {
        if text == unknown { return .unk }
        switch text {
        case "<s>", "<|begin_of_text|>", "<|startoftext|>", "<bos>", "[CLS]": return .bos
        case "</s>", "<|endoftext|>", "<|end_of_text|>", "<eos>", "[SEP]": return .eos
        case "<pad>", "<|padding|>", "<|pad|>", "[PAD]": return .pad
        case "<unk>", "[UNK]": return .unk
        case "<mask>", "[MASK]": return .mask
        default: return .control
        }
    }

    /// The scanner equivalent to `preTokenizer`, if there is one.
    static func fastPattern(of preTokenizer: (any HFPreTokenizer)?) -> SplitPattern? {
        func scanner(_ split: HFSplit) -> SplitPattern? {
            // The published patterns match every character, so their matches tile the text:
            // Isolated and inverted Removed (keep the matches) both give exactly the matches.
            let keepsMatches = (split.behavior == .isolated && !split.invert) || (split.behavior == .removed && split.invert)
            guard keepsMatches, case .regex(let re) = split.pattern,
                  let p = try? SplitPattern(regex: re.pattern), p.isScanner, p.regexString == re.pattern else { return nil }
            return p
        }
        switch preTokenizer {
        case let b as HFByteLevelPreTokenizer:
            return !b.addPrefixSpace && b.useRegex ? scanner(b.gpt2) : nil
        case let split as HFSplit:
            return scanner(split)
        case let seq as HFPreTokenizerSequence:
            var stages = seq.stages
            if let last = stages.last as? HFByteLevelPreTokenizer, !last.addPrefixSpace, !last.useRegex { stages.removeLast() }
            guard stages.count == 1 else { return nil }
            return fastPattern(of: stages[0])
        default:
            return nil
        }
    }

    /// Whether the normalizer leaves `segment` unchanged, so the fast path may skip it.
    private func normalizerKeeps(_ segment: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let normalizer else { return true }
        guard let unicode = normalizer as? HFUnicodeNormalizer else { return false }
        if UnicodeText.isASCII(segment) { return true }
        return (try? UnicodeText.normalize(segment, to: unicode.form))?.elementsEqual(segment) ?? false
    }

    public func encode(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Encoding {
        var sink = EncodingSink()
        sink.encoding.reserveCapacity(bytes.count / 3)
        try run(bytes, options: options, into: &sink)
        if options.framing == .none { return sink.encoding }
        return postProcessor.apply(to: sink.encoding, inputLength: bytes.count)
    }

    /// Counts tokens without building an encoding (the fast path allocates nothing per token).
    public func count(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Int {
        var sink = CountingSink()
        try run(bytes, options: options, into: &sink)
        return sink.count + (options.framing == .none ? 0 : postProcessor.framingCount)
    }

    /// The whole pipeline up to (not including) post-processing, emitting into `sink`.
    private func run<S: TokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions, into sink: inout S) throws(TokenizerError) {
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) { throw .invalidUTF8(at: bad) }
        let segments = added.hasRaw
            ? try added.split(Array(bytes), normalizedStage: false, policy: options.specials, errorOffset: { $0 })
            : [(range: 0..<bytes.count, token: nil)]
        var scratch: [(id: TokenID, range: Range<Int>)] = []
        for segment in segments {
            if let token = segment.token {
                sink.emit(token.id, start: segment.range.lowerBound, end: segment.range.upperBound)
                continue
            }
            if segment.range.isEmpty { continue }
            if let fast = fastPattern, let base = bytes.baseAddress,
               normalizerKeeps(UnsafeBufferPointer(rebasing: bytes[segment.range])) {
                let lower = segment.range.lowerBound
                let inner = added.hasNormalized
                    ? try added.split(Array(bytes[segment.range]), normalizedStage: true, policy: options.specials,
                                      errorOffset: { lower + $0 })
                    : [(range: 0..<segment.range.count, token: nil)]
                for part in inner {
                    let range = (lower + part.range.lowerBound)..<(lower + part.range.upperBound)
                    if let token = part.token {
                        sink.emit(token.id, start: range.lowerBound, end: range.upperBound)
                        continue
                    }
                    try fast.split(bytes, range) { start, end in
                        _ = model.encodeFast(base, start: start, end: end, into: &sink)
                        return true
                    }
                }
                continue
            }
            var text = AlignedText(original: UnsafeBufferPointer(rebasing: bytes[segment.range]), base: segment.range.lowerBound)
            try normalizer?.normalize(&text)
            let origin = text.origin
            let inner = try added.split(text.bytes, normalizedStage: true, policy: options.specials,
                                        errorOffset: { $0 < origin.count ? origin[$0].lowerBound : segment.range.upperBound })
            for part in inner {
                if let token = part.token {
                    let r = text.originalRange(of: part.range)
                    sink.emit(token.id, start: r.lowerBound, end: r.upperBound)
                    continue
                }
                if part.range.isEmpty { continue }
                let piece = inner.count == 1 ? text : text.slice(part.range)
                let pieces = try preTokenizer?.apply([piece]) ?? [piece]
                for p in pieces {
                    scratch.removeAll(keepingCapacity: true)
                    model.tokenize(p.bytes, into: &scratch)
                    for (id, r) in scratch {
                        let o = p.originalRange(of: r)
                        sink.emit(id, start: o.lowerBound, end: o.upperBound)
                    }
                }
            }
        }
    }

    /// The text of a token as the vocabulary writes it, or `nil` for an unused id.
    func vocabularyText(_ id: TokenID) -> [UInt8]? {
        if let t = addedText[id] { return t }
        guard Int(id) < model.tokenText.count else { return nil }
        return model.tokenText[Int(id)]
    }

    public func decode(_ ids: [TokenID], options: DecodeOptions) throws(TokenizerError) -> [UInt8] {
        var texts: [[UInt8]] = []
        texts.reserveCapacity(ids.count)
        for (k, id) in ids.enumerated() {
            guard let t = vocabularyText(id) else { throw .unknownTokenID(id, at: k, vocabularySize: vocabularySize) }
            if options.skipSpecialTokens && specialIDs.contains(id) { continue }
            texts.append(t)
        }
        guard let decoder else {
            // tokenizers joins the token texts with spaces when there is no decoder.
            var out: [UInt8] = []
            for (k, t) in texts.enumerated() {
                if k > 0 { out.append(0x20) }
                out.append(contentsOf: t)
            }
            return out
        }
        return decoder.decode(texts, firstIndex: 0).flatMap { $0 }
    }

    public func tokenBytes(_ id: TokenID) -> [UInt8]? {
        guard let t = vocabularyText(id) else { return nil }
        guard let decoder else { return t }
        return decoder.decode([t], firstIndex: 1).flatMap { $0 }
    }
}

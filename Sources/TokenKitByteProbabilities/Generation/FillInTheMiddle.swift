import TokenKit
import TokenKitLM

/// The special tokens of fill-in-the-middle prompting: `<PRE> prefix <SUF> suffix <MID> middle…`
/// until the end-of-middle token (spec §1.7).
public struct FIMSentinels: Sendable, Hashable {
    /// Starts the prefix.
    public var prefix: SpecialToken
    /// Starts the suffix.
    public var suffix: SpecialToken
    /// Starts the middle (generation follows).
    public var middle: SpecialToken
    /// Ends the middle, when the vocabulary has one (an outcome of its own); else EOS ends it.
    public var endOfMiddle: SpecialToken?

    /// Known spellings (Code Llama, StarCoder/SantaCoder, Qwen/CodeGemma-style).
    static let prefixNames = ["<PRE>", "<fim_prefix>", "<|fim_prefix|>", "<fim-prefix>", "▁<PRE>"]
    static let suffixNames = ["<SUF>", "<fim_suffix>", "<|fim_suffix|>", "<fim-suffix>", "▁<SUF>"]
    static let middleNames = ["<MID>", "<fim_middle>", "<|fim_middle|>", "<fim-middle>", "▁<MID>"]
    static let endNames = ["<EOT>", "<|fim_pad|>", "<fim_pad>", "▁<EOT>"]

    /// The sentinels of `tokenizer`'s special tokens, or `nil` when it lacks any of prefix,
    /// suffix and middle.
    public static func find(in tokens: SpecialTokens) -> FIMSentinels? {
        func first(_ names: [String]) -> SpecialToken? {
            for n in names { if let t = tokens.token(withText: n) { return t } }
            return nil
        }
        guard let p = first(prefixNames), let s = first(suffixNames), let m = first(middleNames) else { return nil }
        return FIMSentinels(prefix: p, suffix: s, middle: m, endOfMiddle: first(endNames))
    }
}

/// Fill-in-the-middle with exact byte probabilities: the context holds the sentinels and the
/// canonical encodings of prefix and suffix; the byte stream is the middle.
public enum FillInTheMiddle {
    /// A byte-level model of the middle between `prefix` and `suffix` (`middle` = bytes already
    /// written, which may end inside a token).
    ///
    /// - Throws: ``ByteProbabilityError/Code/noFIMSentinels`` when the tokenizer has none
    ///   (stories260K); tokenizer and model errors.
    public static func model<T: Tokenizer, M: LanguageModel>(
        model: M, tokenizer: T, prefix: [UInt8], suffix: [UInt8], middle: [UInt8] = [], mode: CoverMode = .canonical
    ) throws(ByteProbabilityError) -> ByteLevelModel<T, LanguageModelSource<M>> {
        guard let s = FIMSentinels.find(in: tokenizer.specialTokens) else {
            throw ByteProbabilityError(.noFIMSentinels,
                "\(tokenizer.source) has no fill-in-the-middle sentinels (needs prefix, suffix and middle special tokens such as <PRE> <SUF> <MID> or <fim_prefix> <fim_suffix> <fim_middle>)")
        }
        let codec = ByteStreamCodec(tokenizer: tokenizer, extraOutcomes: s.endOfMiddle.map { [$0] } ?? [])
        let options = EncodeOptions(framing: .none, specials: .ordinary)
        let pre: [TokenID], suf: [TokenID]
        do throws(TokenizerError) {
            pre = try tokenizer.encode(prefix, options: options).ids
            suf = try tokenizer.encode(suffix, options: options).ids
        } catch {
            throw .tokenizer(error)
        }
        var context: [TokenID] = tokenizer.specialTokens.first(.bos).map { [$0.id] } ?? []
        context += [s.prefix.id] + pre + [s.suffix.id] + suf + [s.middle.id]
        let source = LanguageModelSource(model: model, prefix: context)
        return try ByteLevelModel(codec: codec, source: source, mode: mode, stream: codec.dummyPrefix + middle)
    }
}

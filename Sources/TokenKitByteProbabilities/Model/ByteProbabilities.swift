import TokenKit
import TokenKitLM

/// Entry points that pair a `LanguageModel` with a tokenizer the way the CLI and most callers
/// want: the byte stream is the tokenizer's dummy prefix (if any) followed by the prompt, and
/// the LM context starts with BOS (if the tokenizer has one).
public enum ByteProbabilities {
    /// The BOS context of `tokenizer` (`[BOS]` or empty).
    public static func bosContext<T: Tokenizer>(_ tokenizer: T) -> [TokenID] {
        tokenizer.specialTokens.first(.bos).map { [$0.id] } ?? []
    }

    /// A byte-level model positioned after `prompt` (user text; the dummy prefix is added).
    ///
    /// - Throws: ``ByteProbabilityError`` (vocabulary mismatch, impossible prefix, model errors).
    /// - Complexity: One LM call per byte after the prompt's split point.
    public static func model<T: Tokenizer, M: LanguageModel>(
        model: M, tokenizer: T, prompt: [UInt8], mode: CoverMode = .canonical,
        splitRule: ByteStreamCodec<T>.SplitRule? = nil
    ) throws(ByteProbabilityError) -> ByteLevelModel<T, LanguageModelSource<M>> {
        let codec = ByteStreamCodec(tokenizer: tokenizer, splitRule: splitRule)
        let source = LanguageModelSource(model: model, prefix: bosContext(tokenizer))
        return try ByteLevelModel(codec: codec, source: source, mode: mode, stream: codec.dummyPrefix + prompt)
    }

    /// A baseline distribution after `prompt` and the number of LM queries it took.
    public static func baseline<T: Tokenizer, M: LanguageModel>(
        _ kind: Baselines.Kind, model: M, tokenizer: T, prompt: [UInt8]
    ) throws(ByteProbabilityError) -> (distribution: NextByteDistribution, lmCalls: Int) {
        guard model.vocabularySize == tokenizer.vocabularySize else {
            throw ByteProbabilityError(.vocabularyMismatch, "the model predicts \(model.vocabularySize) ids but the tokenizer has \(tokenizer.vocabularySize)")
        }
        let codec = ByteStreamCodec(tokenizer: tokenizer)
        let source = LanguageModelSource(model: model, prefix: bosContext(tokenizer))
        let d = try Baselines.distribution(kind, codec: codec, source: source, stream: codec.dummyPrefix + prompt)
        return (d, source.queries)
    }
}

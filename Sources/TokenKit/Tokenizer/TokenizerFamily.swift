/// The algorithm family of a tokenizer, as `tok info` reports it.
///
/// A struct with named statics rather than an enum, so a module outside the core can add a
/// family without breaking exhaustive switches in client code.
public struct TokenizerFamily: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The family's stable, lower-case name.
    public var rawValue: String

    /// Creates a family from its name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// One token per byte (raw or ByT5 ids).
    public static let byteLevel = TokenizerFamily(rawValue: "byte-level")
    /// Byte-level byte-pair encoding (tiktoken, GPT-2, Hugging Face BPE).
    public static let bpe = TokenizerFamily(rawValue: "bpe")
    /// SentencePiece-style BPE with scores and byte fallback (llama2.c `tokenizer.bin`).
    public static let sentencePieceBPE = TokenizerFamily(rawValue: "sentencepiece-bpe")
    /// Less-is-Better lexicon segmentation.
    public static let lib = TokenizerFamily(rawValue: "lib")
    /// Word-pooled (hierarchical words → units).
    public static let wordPooled = TokenizerFamily(rawValue: "word-pooled")
    /// Dynamic batch-merge over a base tokenizer (output depends on the batch).
    public static let dynamicBatchMerge = TokenizerFamily(rawValue: "dynamic-batch-merge")
    /// Tokompiler: source code to anonymized tokens.
    public static let tokompiler = TokenizerFamily(rawValue: "tokompiler")

    public var description: String { rawValue }
}

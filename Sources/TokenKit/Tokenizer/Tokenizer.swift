/// A tokenizer: turns bytes into token ids and back.
///
/// Every tokenizer family in TokenKit conforms — byte-level BPE, SentencePiece BPE, LiB,
/// word-pooled, dynamic batch-merge, byte-level and Tokompiler — so tools, the CLI and the
/// analyzers work with any of them through this one protocol.
///
/// The core requirement is ``encode(_:options:)`` over a buffer of bytes: inputs are UTF-8 text
/// or arbitrary bytes, and offsets in the result are byte ranges into that buffer. Text and
/// array conveniences, counting, batching and decoding to `String` have default
/// implementations (see `Tokenizer+Conveniences.swift`); a conformer overrides them where it
/// can do better, for example a ``count(_:options:)`` that allocates nothing per token.
///
/// What round-trips is stated by ``roundTrip``: byte tokenizers and byte-level BPE give back the
/// exact input bytes; normalizing or anonymizing tokenizers do not.
///
/// Conformers are immutable values or `final class`es with `let` state, hence `Sendable`:
/// encode from as many tasks as you like.
public protocol Tokenizer: Sendable {
    /// The algorithm family (reported by `tok info`).
    var family: TokenizerFamily { get }

    /// Where the tokenizer came from: a built-in name or the path it was loaded from.
    var source: String { get }

    /// The number of ids, including special tokens; every valid id is `< vocabularySize`.
    ///
    /// - Complexity: O(1).
    var vocabularySize: Int { get }

    /// The special tokens (BOS, EOS, padding, sentinels, …).
    var specialTokens: SpecialTokens { get }

    /// What `decode(encode(x))` gives back.
    var roundTrip: RoundTrip { get }

    /// Whether the ids for one input depend on the other inputs of a batch.
    ///
    /// When `true`, ``encode(_:options:)`` throws ``TokenizerError/Code/needsBatch`` and only
    /// ``encodeBatch(_:options:)`` gives results.
    var dependsOnBatch: Bool { get }

    /// Encodes bytes to ids with the byte range each id covers.
    ///
    /// - Parameters:
    ///   - bytes: The input: UTF-8 text or, for tokenizers that accept them, arbitrary bytes.
    ///   - options: Framing tokens and special-token handling.
    /// - Returns: Ids and offsets into `bytes`.
    /// - Throws: ``TokenizerError`` when the input is not acceptable (invalid UTF-8 for a text
    ///   tokenizer, a disallowed special token).
    /// - Complexity: Tokenizer-dependent; O(*n*) or O(*n* log *n*) in the input length for
    ///   every tokenizer in TokenKit.
    func encode(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Encoding

    /// Counts the tokens ``encode(_:options:)`` would produce, without building them.
    ///
    /// The default encodes and counts; conformers override it with a path that allocates
    /// nothing per token.
    ///
    /// - Complexity: As ``encode(_:options:)``.
    func count(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Int

    /// Decodes ids to the bytes they stand for.
    ///
    /// - Throws: ``TokenizerError/Code/unknownTokenID`` for an id outside the vocabulary.
    /// - Complexity: O(total bytes of the tokens).
    func decode(_ ids: [TokenID], options: DecodeOptions) throws(TokenizerError) -> [UInt8]

    /// The bytes a single token stands for, or `nil` for an id outside the vocabulary.
    ///
    /// For special tokens this is their literal text. Bytes may be an incomplete UTF-8
    /// sequence: byte-level vocabularies split characters.
    ///
    /// - Complexity: O(length of the token).
    func tokenBytes(_ id: TokenID) -> [UInt8]?

    /// A human-readable rendering of one token (its text, escaped where it is not valid
    /// UTF-8), or `nil` for an id outside the vocabulary.
    func displayString(_ id: TokenID) -> String?

    /// Encodes many inputs, concurrently where the tokenizer allows it.
    ///
    /// The result has one encoding per input, in input order, equal to encoding each input on
    /// its own unless ``dependsOnBatch`` is `true`.
    ///
    /// - Complexity: The sum of the inputs' encode costs, spread over the available cores.
    func encodeBatch(_ inputs: [[UInt8]], options: EncodeOptions) async throws(TokenizerError) -> [Encoding]

    /// The largest cut point `c <= limit` such that encoding `bytes[..<c]` and `bytes[c...]`
    /// separately gives exactly the tokens of encoding `bytes` whole, or `nil` if none is known.
    ///
    /// Lets callers stream huge inputs in chunks and count them in parallel. The default
    /// returns `nil` (encode whole).
    ///
    /// - Complexity: O(`limit`) at worst; usually O(1) amortized from the end.
    func independentBoundary(in bytes: UnsafeBufferPointer<UInt8>, before limit: Int) -> Int?
}

/// What decoding an encoding gives back.
public enum RoundTrip: Sendable, Hashable {
    /// `decode(encode(x)) == x` for every byte string `x`.
    case bytes
    /// `decode(encode(x)) == x` for every valid UTF-8 `x`.
    case text
    /// `decode(encode(x))` is `x` after the tokenizer's normalization.
    case normalizedText
    /// Decoding does not give back the input (anonymized or lossy tokens).
    case none
}

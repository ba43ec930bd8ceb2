import TokenKit

/// What a word is made of: bytes, scalars or subwords — any TokenKit tokenizer.
///
/// A word's units are the ids `tokenizer` gives the word's bytes on their own, without
/// framing (no EOS, no BOS), as the reference does (`add_special_tokens=False`).
public struct PooledUnits: Sendable {
    /// The tokenizer that turns one word into units.
    public let tokenizer: any Tokenizer
    /// The unit kind's name (`bytes`, `scalars`, or the subword tokenizer's source).
    public let name: String

    /// Creates units from any tokenizer (subwords: GPT-2 BPE in the reference).
    public init(subwords tokenizer: any Tokenizer) {
        self.tokenizer = tokenizer
        self.name = tokenizer.source
    }

    private init(tokenizer: any Tokenizer, name: String) {
        self.tokenizer = tokenizer
        self.name = name
    }

    /// ByT5 byte ids (byte + 3; 0 = pad), the reference's byte mode.
    public static let bytes = PooledUnits(tokenizer: ByteTokenizer.byt5, name: "bytes")

    /// Unicode scalars with the open vocabulary (code point + 1; 0 = pad).
    public static let scalars = PooledUnits(tokenizer: ScalarTokenizer.open, name: "scalars")

    /// Unicode scalars with a corpus vocabulary (space = 0, then code-point order).
    public static func scalars(corpus: String) -> PooledUnits {
        PooledUnits(tokenizer: ScalarTokenizer(corpus: corpus), name: "scalars")
    }

    /// The number of unit ids; CLS ids start here.
    public var vocabularySize: Int { tokenizer.vocabularySize }
}

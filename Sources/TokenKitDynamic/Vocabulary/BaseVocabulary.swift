import TokenKit

/// The base tokenizer's tokens as bytes, looked up both ways, with the set of special tokens.
///
/// Dynamic merging compares tokens by their bytes (the reference compares token strings in
/// byte-level form, which is the same thing): a merge that produces the bytes of an existing
/// base token *is* that token.
public final class BaseVocabulary: Sendable {
    /// The base tokenizer.
    public let base: any Tokenizer
    /// The bytes of each base id.
    public let bytes: [[UInt8]]
    /// Whether each base id is special (never merges).
    public let isSpecial: [Bool]
    /// Texts that are special when they appear as tokens of pretokenized input even though
    /// the base vocabulary lacks them (`<s>` with a GPT-2 base, …).
    public let additionalSpecialTexts: Set<[UInt8]>
    private let index: [[UInt8]: TokenID]

    /// The RoBERTa / XLM-R framing tokens (`<s>`, `</s>`, `<pad>`, `<unk>`, `<mask>`), which
    /// the reference's base token streams carry.
    public static let robertaSpecialTexts = ["<s>", "</s>", "<pad>", "<unk>", "<mask>"]

    /// Reads every token of `base`.
    ///
    /// - Throws: ``DynamicMergeError/Code/noByteDecoding`` when the base tokenizer cannot give
    ///   the bytes of an ordinary token.
    /// - Complexity: O(vocabulary bytes).
    public init(base: any Tokenizer, additionalSpecialTexts: [String] = []) throws(DynamicMergeError) {
        let specials = base.specialTokens
        var bytes: [[UInt8]] = []
        var isSpecial: [Bool] = []
        var index: [[UInt8]: TokenID] = [:]
        bytes.reserveCapacity(base.vocabularySize)
        isSpecial.reserveCapacity(base.vocabularySize)
        let extra = Set(additionalSpecialTexts.map { Array($0.utf8) })
        var ordinaryWithBytes = 0
        for raw in 0..<base.vocabularySize {
            let id = TokenID(raw)
            let special = specials.contains(id: id)
            // Sparse vocabularies leave some ids without bytes; such an id never appears in
            // base output, and one that does is reported when the batch is read.
            let b = base.tokenBytes(id) ?? []
            let marked = special || extra.contains(b)
            bytes.append(b)
            isSpecial.append(marked)
            if !marked && !b.isEmpty {
                ordinaryWithBytes += 1
                if index[b] == nil { index[b] = id }
            }
        }
        if base.vocabularySize > 0 && ordinaryWithBytes == 0 {
            throw DynamicMergeError(.noByteDecoding,
                                    "the base tokenizer \(base.source) gives no bytes for its tokens; dynamic merging needs byte-level decoding for the UTF-8 and boundary checks")
        }
        self.base = base
        self.bytes = bytes
        self.isSpecial = isSpecial
        self.additionalSpecialTexts = extra
        self.index = index
    }

    /// The number of base ids.
    public var count: Int { bytes.count }

    /// The ordinary (non-special) base id whose bytes are `bytes`.
    public func id(of bytes: [UInt8]) -> TokenID? { index[bytes] }

    /// The special base id whose text is `bytes`.
    public func specialID(of bytes: [UInt8]) -> TokenID? {
        base.specialTokens.token(withText: String(decoding: bytes, as: UTF8.self))?.id
    }
}

import TokenKit

extension HFTokenizer {
    /// The split stage, for `tok info`: the published pattern that reproduces the whole
    /// pre-tokenizer when there is one, else `nil` (see ``preTokenizerDescription``).
    public var splitPattern: SplitPattern? { fastPattern }

    /// The pre-tokenizer as `tokenizer.json` names its stages, e.g.
    /// `Sequence(Split(Isolated), ByteLevel)`; `nil` when there is none.
    public var preTokenizerDescription: String? { preTokenizer.map(Self.describe) }

    /// The normalizer as `tokenizer.json` names its stages, e.g. `Sequence(NFKC, Lowercase)`;
    /// `nil` when there is none.
    public var normalizerDescription: String? { normalizer.map(Self.describe) }

    /// A stage's `tokenizer.json` type name, with its stages for a `Sequence`.
    static func describe(_ stage: Any) -> String {
        switch stage {
        case let s as HFPreTokenizerSequence: return "Sequence(" + s.stages.map(describe).joined(separator: ", ") + ")"
        case let s as HFNormalizerSequence: return "Sequence(" + s.stages.map(describe).joined(separator: ", ") + ")"
        case let s as HFUnicodeNormalizer: return TiktokenSidecar.normalizerName(s.form)
        case let s as HFSplit: return "Split(\(s.behavior))"
        default:
            let name = String(describing: type(of: stage))
            let bare = name.hasPrefix("HF") ? String(name.dropFirst(2)) : name
            return bare.hasSuffix("PreTokenizer") ? String(bare.dropLast("PreTokenizer".count)) : bare
        }
    }
}

/// How special-token text that appears in the input is treated.
///
/// This is tiktoken's two-set model, which also expresses Hugging Face's added-token
/// matching (``matchAll``):
/// - a special in ``allowed`` is matched in the text and becomes its id;
/// - a special in ``disallowed`` (and not allowed) found in the text is an error naming it
///   and its byte offset;
/// - any other special text is encoded as ordinary text.
public struct SpecialTokenPolicy: Sendable, Hashable {
    /// A set of special tokens, by text.
    public enum Selection: Sendable, Hashable {
        /// No special token.
        case none
        /// Every special token of the tokenizer.
        case all
        /// The special tokens with these texts.
        case only(Set<String>)

        /// Whether `text` is selected.
        public func contains(_ text: String) -> Bool {
            switch self {
            case .none: false
            case .all: true
            case .only(let set): set.contains(text)
            }
        }
    }

    /// Specials matched in the text.
    public var allowed: Selection
    /// Specials whose presence in the text is an error (unless allowed).
    public var disallowed: Selection

    /// Creates a policy.
    public init(allowed: Selection, disallowed: Selection) {
        self.allowed = allowed
        self.disallowed = disallowed
    }

    /// Everything is ordinary text (tiktoken's `encode_ordinary`).
    public static let ordinary = SpecialTokenPolicy(allowed: .none, disallowed: .none)
    /// tiktoken's `encode` default: no special is allowed and finding one is an error.
    public static let tiktokenDefault = SpecialTokenPolicy(allowed: .none, disallowed: .all)
    /// Every special is matched (Hugging Face added-token semantics).
    public static let matchAll = SpecialTokenPolicy(allowed: .all, disallowed: .none)
}

/// Whether an encode call adds framing tokens (BOS, EOS, a post-processing template).
public enum Framing: String, Sendable, Hashable, CaseIterable {
    /// What the tokenizer's reference does by default: ByT5 appends EOS, Hugging Face
    /// applies its post-processor, SentencePiece (llama2.c) prepends BOS, tiktoken adds nothing.
    case tokenizerDefault = "default"
    /// No framing tokens: ids for the input's content only.
    case none
    /// Every framing token the tokenizer has.
    case add
}

/// Options for one encode call.
public struct EncodeOptions: Sendable, Hashable {
    /// Whether framing tokens (BOS, EOS, templates) are added.
    public var framing: Framing
    /// How special-token text in the input is treated.
    public var specials: SpecialTokenPolicy

    /// Creates options.
    public init(framing: Framing = .tokenizerDefault, specials: SpecialTokenPolicy = .ordinary) {
        self.framing = framing
        self.specials = specials
    }

    /// The tokenizer's default framing; special-token text treated as ordinary text.
    public static let `default` = EncodeOptions()

    /// Content tokens only: no framing, special-token text treated as ordinary text.
    public static let plain = EncodeOptions(framing: .none)
}

/// Options for one decode call.
public struct DecodeOptions: Sendable, Hashable {
    /// Whether special tokens are left out of the output instead of written as their text.
    public var skipSpecialTokens: Bool

    /// Creates options.
    public init(skipSpecialTokens: Bool = false) {
        self.skipSpecialTokens = skipSpecialTokens
    }

    /// Special tokens are written as their text.
    public static let `default` = DecodeOptions()
}

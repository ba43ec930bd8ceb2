import TokenKit

/// A language-model operation could not be carried out: the context is empty or longer than the
/// model's sequence length, a token id is outside the model's vocabulary, or a model does not fit
/// its tokenizer.
///
/// Malformed checkpoint files are `FormatError`s instead (with the byte offset), wrapped in
/// ``LMLoadError``.
public struct LMError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A kind of LM error.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The context has no tokens, so there is nothing to predict from.
        public static let emptyContext = Code(rawValue: "empty-context")
        /// The context is longer than the model's sequence length.
        public static let contextTooLong = Code(rawValue: "context-too-long")
        /// A token id is outside the model's vocabulary.
        public static let unknownTokenID = Code(rawValue: "unknown-token-id")
        /// The model and the tokenizer have different vocabulary sizes.
        public static let vocabularyMismatch = Code(rawValue: "vocabulary-mismatch")
        /// A sampling or generation parameter is out of range.
        public static let invalidParameter = Code(rawValue: "invalid-parameter")
        /// A length given to `truncate(to:)` is past the current length.
        public static let invalidLength = Code(rawValue: "invalid-length")
        public var description: String { rawValue }
    }

    /// What kind of error this is.
    public var code: Code
    /// A sentence that says what was wrong.
    public var message: String
    /// The position in the token sequence the problem concerns, when it has one.
    public var position: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, position: Int? = nil) {
        self.code = code
        self.message = message
        self.position = position
    }

    /// There is no token to condition on.
    public static let emptyContext = LMError(.emptyContext, "the context is empty: a prediction needs at least one token (BOS)")

    /// Position `position` is past the model's `limit` positions.
    public static func contextTooLong(_ length: Int, limit: Int) -> LMError {
        LMError(.contextTooLong, "the context needs \(length) positions but the model has \(limit)", position: limit)
    }

    /// Token `id` at `position` is outside a vocabulary of `size`.
    public static func unknownTokenID(_ id: UInt32, at position: Int, vocabularySize size: Int) -> LMError {
        LMError(.unknownTokenID, "token id \(id) at position \(position) is outside the model's vocabulary (size \(size))",
                position: position)
    }

    /// The model's vocabulary (`model`) and the tokenizer's (`tokenizer`) differ in size.
    public static func vocabularyMismatch(model: Int, tokenizer: Int) -> LMError {
        LMError(.vocabularyMismatch, "the model has \(model) vocabulary rows but the tokenizer has \(tokenizer) tokens")
    }

    public var description: String { message }
}

/// Loading a model or its tokenizer failed: the file could not be read or is malformed.
public enum LMLoadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case input(InputError)
    /// The file is malformed (with the byte offset of the problem).
    case format(FormatError)
    /// The files do not fit together (model and tokenizer vocabularies differ).
    case mismatch(LMError)

    public var description: String {
        switch self {
        case .input(let e): e.description
        case .format(let e): e.description
        case .mismatch(let e): e.description
        }
    }
}

/// An error raised while encoding or decoding.
///
/// Errors carry a ``Code`` to match on, a message that says what was wrong, and where in the
/// input it happened (a byte offset, or the index of the offending token).
///
/// ```swift
/// do { _ = try tokenizer.decode(ids) }
/// catch where error.code == .unknownTokenID { … }
/// ```
public struct TokenizerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A kind of tokenizer error.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The input is not valid UTF-8 and the tokenizer needs text.
        public static let invalidUTF8 = Code(rawValue: "invalid-utf8")
        /// An id is outside the vocabulary.
        public static let unknownTokenID = Code(rawValue: "unknown-token-id")
        /// A special token that the policy disallows appears in the text.
        public static let disallowedSpecialToken = Code(rawValue: "disallowed-special-token")
        /// The tokenizer cannot handle this input (it says why).
        public static let unsupportedInput = Code(rawValue: "unsupported-input")
        /// Encoding needs the whole batch (dynamic merges); call the batch API.
        public static let needsBatch = Code(rawValue: "needs-batch")
        public var description: String { rawValue }
    }

    /// What kind of error this is.
    public var code: Code
    /// A sentence that says what was wrong.
    public var message: String
    /// The byte offset in the input where the problem is, when it has one.
    public var byteOffset: Int?
    /// The index of the offending token in a decode call, when it has one.
    public var tokenIndex: Int?

    /// Creates an error.
    public init(code: Code, message: String, byteOffset: Int? = nil, tokenIndex: Int? = nil) {
        self.code = code
        self.message = message
        self.byteOffset = byteOffset
        self.tokenIndex = tokenIndex
    }

    /// The input has an invalid UTF-8 sequence at `offset`.
    public static func invalidUTF8(at offset: Int) -> TokenizerError {
        TokenizerError(code: .invalidUTF8, message: "invalid UTF-8 at byte \(offset)", byteOffset: offset)
    }

    /// Token `index` of a decode call has the id `id`, which the vocabulary (of `size`) lacks.
    public static func unknownTokenID(_ id: TokenID, at index: Int, vocabularySize size: Int) -> TokenizerError {
        TokenizerError(
            code: .unknownTokenID,
            message: "token id \(id) at position \(index) is outside the vocabulary (size \(size))",
            tokenIndex: index)
    }

    /// The disallowed special token `text` appears at byte `offset`.
    public static func disallowedSpecialToken(_ text: String, at offset: Int) -> TokenizerError {
        TokenizerError(
            code: .disallowedSpecialToken,
            message: "the text contains the special token \(text) at byte \(offset); allow it or encode it as ordinary text",
            byteOffset: offset)
    }

    public var description: String { message }
}

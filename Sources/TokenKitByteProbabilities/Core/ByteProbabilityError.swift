import TokenKit
import TokenKitLM

/// A byte-level probability computation could not be carried out.
public struct ByteProbabilityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A kind of error.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The language model failed (context too long, unknown id, …).
        public static let model = Code(rawValue: "model")
        /// The tokenizer could not encode a byte string.
        public static let tokenizer = Code(rawValue: "tokenizer")
        /// The byte prefix has probability zero under the model (no valid cover carries mass).
        public static let impossiblePrefix = Code(rawValue: "impossible-prefix")
        /// The model and the tokenizer do not fit together.
        public static let vocabularyMismatch = Code(rawValue: "vocabulary-mismatch")
        /// The tokenizer has no fill-in-the-middle sentinels.
        public static let noFIMSentinels = Code(rawValue: "no-fim-sentinels")
        /// A parameter is out of range (temperature, top-p, weights, …).
        public static let invalidParameter = Code(rawValue: "invalid-parameter")
        public var description: String { rawValue }
    }

    /// What kind of error this is.
    public var code: Code
    /// A sentence that says what was wrong.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// Wraps a language-model error.
    public static func model(_ error: LMError) -> ByteProbabilityError {
        ByteProbabilityError(.model, error.description)
    }

    /// Wraps a tokenizer error.
    public static func tokenizer(_ error: TokenizerError) -> ByteProbabilityError {
        ByteProbabilityError(.tokenizer, error.description)
    }

    /// A prefix with zero probability.
    public static func impossiblePrefix(length: Int) -> ByteProbabilityError {
        ByteProbabilityError(.impossiblePrefix, "the byte prefix of length \(length) has probability 0 under the model (no valid cover has mass)")
    }

    /// A parameter out of range.
    public static func invalidParameter(_ message: String) -> ByteProbabilityError {
        ByteProbabilityError(.invalidParameter, message)
    }
}

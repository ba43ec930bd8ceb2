/// A LiB training or segmentation request that cannot be carried out.
public struct LiBError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A kind of LiB error.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A hyperparameter is out of range.
        public static let invalidParameter = Code(rawValue: "invalid-parameter")
        /// The corpus has no sentence to learn from.
        public static let emptyCorpus = Code(rawValue: "empty-corpus")
        /// A corpus file cannot be read.
        public static let unreadable = Code(rawValue: "unreadable")
        /// The corpus is not valid UTF-8.
        public static let invalidUTF8 = Code(rawValue: "invalid-utf8")
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

    /// A hyperparameter is out of range.
    public static func invalidParameter(_ message: String) -> LiBError { LiBError(.invalidParameter, message) }

    /// The corpus yields no sentence.
    public static let emptyCorpus = LiBError(.emptyCorpus, "the corpus has no non-empty line to learn from")

    public var description: String { message }
}

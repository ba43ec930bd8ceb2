import TokenKit

/// Training could not start or finish: bad settings or bad corpus files.
public struct TrainingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A kind of training error.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// No corpus text at all.
        public static let emptyCorpus = Code(rawValue: "empty-corpus")
        /// The vocabulary size cannot even hold the byte alphabet and the special tokens.
        public static let vocabularyTooSmall = Code(rawValue: "vocabulary-too-small")
        /// A corpus file is not UTF-8 text.
        public static let binaryInput = Code(rawValue: "binary-input")
        /// A corpus file could not be read.
        public static let unreadableInput = Code(rawValue: "unreadable-input")
        /// The split pattern does not compile.
        public static let invalidPattern = Code(rawValue: "invalid-pattern")
        /// The output could not be written.
        public static let unwritableOutput = Code(rawValue: "unwritable-output")
        public var description: String { rawValue }
    }

    /// What kind of error this is.
    public var code: Code
    /// What was wrong, and where.
    public var message: String
    /// The failed write behind an ``Code/unwritableOutput`` error, with its path and `errno`.
    public var output: OutputError?

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// An ``Code/unwritableOutput`` error that keeps the failed write as its cause.
    public init(_ output: OutputError) {
        self.init(.unwritableOutput, output.description)
        self.output = output
    }

    public var description: String { message }
}

import TokenKit

/// An arithmetic-probe operation failed: a bad parameter, an impossible length signature, an
/// unreachable endpoint, a file that cannot be read or written.
///
/// Malformed *rows* of a results file are not errors: they are skipped and counted (see
/// ``SkippedRows``); a ``ProbeError`` stops the operation.
public struct ProbeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A kind of probe error.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A length signature that no pair of addends can have (`7+7=9`, `9+8=8`).
        public static let impossibleSignature = Code(rawValue: "impossible-signature")
        /// A parameter is out of range or cannot be parsed.
        public static let invalidParameter = Code(rawValue: "invalid-parameter")
        /// A number format name is not known.
        public static let unknownFormat = Code(rawValue: "unknown-format")
        /// An HTTP endpoint could not be reached or kept failing.
        public static let endpoint = Code(rawValue: "endpoint")
        /// A model or tokenizer failed while producing a response.
        public static let model = Code(rawValue: "model")
        /// A file could not be read or written.
        public static let io = Code(rawValue: "io")
        /// A file is malformed as a whole (no header, missing columns).
        public static let format = Code(rawValue: "format")
        public var description: String { rawValue }
    }

    /// What kind of error this is.
    public var code: Code
    /// A sentence that says what was wrong.
    public var message: String

    /// The failed write behind an ``Code/io`` error, with its path and `errno`.
    public var output: OutputError?

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// An ``Code/io`` error that keeps the failed write as its cause.
    public init(_ output: OutputError) {
        self.init(.io, output.description)
        self.output = output
    }

    /// A parameter error.
    public static func invalidParameter(_ message: String) -> ProbeError { ProbeError(.invalidParameter, message) }

    /// Wraps an input error.
    public static func io(_ error: InputError) -> ProbeError { ProbeError(.io, error.description) }

    /// Wraps a format error.
    public static func format(_ error: FormatError) -> ProbeError { ProbeError(.format, error.description) }

    public var description: String { message }
}

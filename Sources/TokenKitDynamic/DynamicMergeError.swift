import TokenKit

/// An error of the dynamic batch-merge tokenizer: bad settings or unusable input.
public struct DynamicMergeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A kind of error.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public var rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The batch has no sequences.
        public static let emptyBatch = Code(rawValue: "empty-batch")
        /// A merge count below zero.
        public static let negativeMerges = Code(rawValue: "negative-merges")
        /// A reduction target outside 0…100 or a calibration curve that cannot express it.
        public static let invalidReduction = Code(rawValue: "invalid-reduction")
        /// The base tokenizer cannot give the bytes of its tokens (needed for the UTF-8 and
        /// boundary checks).
        public static let noByteDecoding = Code(rawValue: "no-byte-decoding")
        /// A token string is not in the byte-level alphabet.
        public static let notByteLevel = Code(rawValue: "not-byte-level")
        /// A batch with more tokens than the engine's 32-bit node indices hold.
        public static let tooLarge = Code(rawValue: "too-large")
        /// An embedding table or id that does not fit.
        public static let embedding = Code(rawValue: "embedding")
        public var description: String { rawValue }
    }

    /// What kind of error.
    public var code: Code
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// An empty batch.
    public static let emptyBatch = DynamicMergeError(.emptyBatch, "the batch is empty: dynamic merging needs at least one sequence")

    /// A negative merge count.
    public static func negativeMerges(_ m: Int) -> DynamicMergeError {
        DynamicMergeError(.negativeMerges, "the number of merges must be 0 or more, not \(m)")
    }

    public var description: String { message }

    /// The error as a `TokenizerError` (for the `Tokenizer` entry points).
    public var tokenizerError: TokenizerError {
        TokenizerError(code: .unsupportedInput, message: message)
    }
}

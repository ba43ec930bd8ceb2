/// An input file (a vocabulary, a model, a JSON document) is malformed.
///
/// The message says what was expected and what was found; ``location`` says where.
public struct FormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A kind of format error.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The syntax is broken (a bad JSON token, a line with the wrong number of fields).
        public static let syntax = Code(rawValue: "syntax")
        /// The input ends too early.
        public static let truncated = Code(rawValue: "truncated")
        /// A value has the wrong type (a string where a number belongs).
        public static let wrongType = Code(rawValue: "wrong-type")
        /// A required field is missing.
        public static let missingField = Code(rawValue: "missing-field")
        /// A value is out of range or inconsistent with another.
        public static let invalidValue = Code(rawValue: "invalid-value")
        /// A name refers to something that does not exist (a merge naming an unknown token).
        public static let unknownReference = Code(rawValue: "unknown-reference")
        /// The same key, rank or id appears twice.
        public static let duplicate = Code(rawValue: "duplicate")
        /// The file is empty.
        public static let empty = Code(rawValue: "empty")
        /// The input is valid but uses a feature TokenKit does not implement.
        public static let unsupported = Code(rawValue: "unsupported")
        /// Text that must be UTF-8 is not.
        public static let invalidUTF8 = Code(rawValue: "invalid-utf8")
        public var description: String { rawValue }
    }

    /// What kind of error this is.
    public var code: Code
    /// A sentence that says what was wrong.
    public var message: String
    /// Where it was found.
    public var location: InputLocation

    /// Creates an error.
    public init(_ code: Code, _ message: String, at location: InputLocation = InputLocation()) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// The same error, attributed to the file at `path`.
    public func inFile(_ path: String?) -> FormatError {
        var copy = self
        copy.location = location.inFile(path)
        return copy
    }

    /// `location: message`.
    public var description: String {
        let place = location.description
        return place.isEmpty ? message : "\(place): \(message)"
    }
}

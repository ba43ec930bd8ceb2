/// A file or stream could not be opened or read.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A kind of input error.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// No file at that path. The corresponding C error is `ENOENT`.
        public static let notFound = Code(rawValue: "not-found")
        /// Permission denied. The corresponding C error is `EACCES`.
        public static let permissionDenied = Code(rawValue: "permission-denied")
        /// The path is a directory where a file was expected. The corresponding C error is `EISDIR`.
        public static let isDirectory = Code(rawValue: "is-directory")
        /// Any other failure of `open`, `read`, `fstat` or `mmap`.
        public static let ioFailure = Code(rawValue: "io-failure")
        public var description: String { rawValue }
    }

    /// What kind of error this is.
    public var code: Code
    /// The path (or `<stdin>`).
    public var path: String
    /// The C `errno`, when a system call failed.
    public var errno: Int32?
    /// What was being done.
    public var message: String

    /// Creates an error.
    public init(code: Code, path: String, errno: Int32? = nil, message: String) {
        self.code = code
        self.path = path
        self.errno = errno
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

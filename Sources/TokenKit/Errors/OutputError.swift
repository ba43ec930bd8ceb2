/// A file could not be created, written, synced or renamed into place.
///
/// Keeps the C `errno` and the path, so a caller can tell a full disk from a permission problem
/// and a message can name the file the user asked for (never the temporary file).
public struct OutputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A kind of output error.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The device or quota is full. The corresponding C errors are `ENOSPC` and `EDQUOT`.
        public static let noSpace = Code(rawValue: "no-space")
        /// Writing there is not allowed. The corresponding C errors are `EACCES`, `EPERM` and `EROFS`.
        public static let permissionDenied = Code(rawValue: "permission-denied")
        /// A folder on the path does not exist. The corresponding C errors are `ENOENT` and `ENOTDIR`.
        public static let notFound = Code(rawValue: "not-found")
        /// The target is a directory. The corresponding C error is `EISDIR`.
        public static let isDirectory = Code(rawValue: "is-directory")
        /// The reader of a pipe went away. The corresponding C error is `EPIPE`.
        public static let brokenPipe = Code(rawValue: "broken-pipe")
        /// Any other failure (`EIO`, a write that made no progress, …).
        public static let ioFailure = Code(rawValue: "io-failure")
        public var description: String { rawValue }
    }

    /// The step that failed.
    public struct Operation: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The step's name, as a message says it ("cannot write").
        public var rawValue: String
        /// Creates an operation from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Creating the (temporary) file. The corresponding C call is `open`.
        public static let create = Operation(rawValue: "create")
        /// Creating a folder. The corresponding C call is `mkdir`.
        public static let makeDirectory = Operation(rawValue: "create the folder")
        /// Writing bytes. The corresponding C call is `write`.
        public static let write = Operation(rawValue: "write")
        /// Flushing to the device. The corresponding C call is `fsync`.
        public static let sync = Operation(rawValue: "sync")
        /// Closing the file. The corresponding C call is `close`.
        public static let close = Operation(rawValue: "close")
        /// Moving the finished file over the target. The corresponding C call is `rename`.
        public static let rename = Operation(rawValue: "rename into place")
        public var description: String { rawValue }
    }

    /// What kind of error this is.
    public var code: Code
    /// The step that failed.
    public var operation: Operation
    /// The path the caller asked to write (or `<stdout>`).
    public var path: String
    /// The C `errno`, when a system call failed.
    public var errno: Int32?
    /// The system's text for `errno`, or what else went wrong.
    public var reason: String

    /// Creates an error.
    public init(code: Code, operation: Operation, path: String, errno: Int32? = nil, reason: String) {
        self.code = code
        self.operation = operation
        self.path = path
        self.errno = errno
        self.reason = reason
    }

    /// An error for a failed system call, classified by `errno`.
    public init(errno code: Int32, operation: Operation, path: String) {
        let kind: Code =
            switch code {
            case _ENOSPC, _EDQUOT: .noSpace
            case _EACCES, _EPERM, _EROFS: .permissionDenied
            case _ENOENT, _ENOTDIR: .notFound
            case _EISDIR: .isDirectory
            case _EPIPE: .brokenPipe
            default: .ioFailure
            }
        self.init(code: kind, operation: operation, path: path, errno: code, reason: system_strerror(code))
    }

    public var description: String { "\(path): cannot \(operation): \(reason)" }
}

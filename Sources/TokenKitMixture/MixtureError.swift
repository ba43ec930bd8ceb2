/// Why mixture inference could not run: bad input or a failed solve.
public struct MixtureError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem.
    public enum Code: String, Sendable {
        case noCategories, duplicateCategory, emptyCategory, unreadableInput, noMerges
        case tooManyMerges, badMergeList, solverFailed, solverWrongOptimum, badCache
        /// The LP backend asked for is not in this build (CLP) or cannot be loaded (HiGHS).
        case solverUnavailable
    }
    /// The kind.
    public let code: Code
    /// What was wrong and where.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The LP solver did not prove optimality.
    public static func solverFailed(_ message: String) -> MixtureError { MixtureError(.solverFailed, message) }
}

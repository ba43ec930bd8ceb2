import ArgumentParser
import TokenKit

/// A failure the CLI reports as one line on stderr before exiting: status 1, or 64 (`EX_USAGE`)
/// for a usage error.
struct CLIError: Error, CustomStringConvertible {
    /// What went wrong and where.
    var description: String
    /// Whether the command line itself is wrong (exit 64 with the usage), not the input.
    var isUsage = false

    init(_ description: String) {
        self.description = description
    }

    /// A tokenizer error, attributed to an input (`file`, `file:line`).
    init(_ error: TokenizerError, in origin: String) {
        var message = "\(origin): \(error.message)"
        if error.code == .invalidUTF8 { message += " (use --invalid-utf8 replace)" }
        self.description = message
    }

    /// A usage error: a value the options do not accept (exit 64, like ArgumentParser's own).
    static func usage(_ message: String) -> CLIError {
        var error = CLIError(message)
        error.isUsage = true
        return error
    }

    /// A write that failed (`ENOSPC`, `EIO`, `EPIPE`, …) on the output called `output`.
    static func writeFailed(_ output: String, _ cause: Errno) -> CLIError {
        CLIError("write error: \(output): \(cause)")
    }
}

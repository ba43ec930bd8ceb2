import ArgumentParser
import TokenKit

/// A failure the CLI reports as one line on stderr before exiting with status 1.
struct CLIError: Error, CustomStringConvertible {
    /// What went wrong and where.
    var description: String

    init(_ description: String) {
        self.description = description
    }

    /// A tokenizer error, attributed to an input (`file`, `file:line`).
    init(_ error: TokenizerError, in origin: String) {
        var message = "\(origin): \(error.message)"
        if error.code == .invalidUTF8 { message += " (use --invalid-utf8 replace)" }
        self.description = message
    }
}

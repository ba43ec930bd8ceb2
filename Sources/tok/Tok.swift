import ArgumentParser
import TokenKit
import TokenKitCatalog

/// `tok`: tokenize, count, decode and inspect with any TokenKit tokenizer.
@main
struct Tok: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tok",
        abstract: "Tokenize, count, decode and inspect text with any TokenKit tokenizer.",
        discussion: """
            Pick a tokenizer with -t: a built-in name (see `tok list`) or a path to a tokenizer \
            file or folder, whose format is detected from its content and extension. Without -t, \
            tok uses its embedded default (\(TokenizerCatalog.defaultSpec)).

            Examples:
              echo 'Hello, world' | tok encode -t byt5
              tok count -t bytes README.md docs/*.md
              tok encode --jsonl --tokens < requests.jsonl > ids.jsonl
              tok encode -t byt5 notes.txt | tok decode -t byt5
            """,
        version: "0.1.0",
        subcommands: [
            EncodeCommand.self, DecodeCommand.self, CountCommand.self, InfoCommand.self, ListCommand.self,
            LMCommand.self, BytesCommand.self,
            FortranCommand.self,
            TrainCommand.self, MixtureCommand.self,
            ProbeCommand.self,
            StatsCommand.self,
        ]
    )

    /// ArgumentParser's `main()`, except that a ``CLIError/usage(_:)`` thrown by a command's
    /// `run()` exits 64 like the parser's own usage errors (bad enum values, out-of-range
    /// numbers), in every command.
    static func main() async {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError where error.isUsage {
            // As ArgumentParser reports its own usage errors: the message, the command's usage, 64.
            printError("Error: \(error.description)\nUsage: \(usageString(for: type(of: command)))")
            exit(withError: ExitCode.validationFailure)
        } catch {
            exit(withError: error)
        }
    }
}

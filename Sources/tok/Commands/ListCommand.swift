import ArgumentParser
import TokenKit
import TokenKitCatalog

/// `tok list`: the built-in tokenizers and the file formats `-t` accepts.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the built-in tokenizer names and the file formats -t accepts.")

    func run() throws {
        var out = OutputStream.standardOutput()
        try out.write("Built-in tokenizers (tok … -t NAME):\n")
        let builtins = TokenizerCatalog.standard.builtins
        let width = builtins.map(\.name.count).max() ?? 0
        for b in builtins {
            try out.write("  \(b.name)\(String(repeating: " ", count: width - b.name.count))  \(b.summary)\(b.name == TokenizerCatalog.defaultSpec ? " (default)" : "")\n")
        }
        let formats = TokenizerCatalog.standard.formats
        if !formats.isEmpty {
            try out.write("\nFiles (tok … -t PATH, detected from content and extension):\n")
            for f in formats { try out.write("  \(f)\n") }
        }
        try out.flush()
    }
}

import ArgumentParser
import TokenKit

/// `tok list`: the built-in tokenizers and the file formats `-t` accepts.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the built-in tokenizer names and the file formats -t accepts.")

    func run() throws {
        var out = OutputStream.standardOutput()
        try out.write("Built-in tokenizers (tok … -t NAME):\n")
        let builtins = Catalog.shared.builtins
        let width = builtins.map(\.name.count).max() ?? 0
        for b in builtins {
            try out.write("  \(b.name)\(String(repeating: " ", count: width - b.name.count))  \(b.summary)\(b.name == Catalog.defaultSpec ? " (default)" : "")\n")
        }
        let formats = Catalog.shared.loaders.flatMap(\.formats)
        if !formats.isEmpty {
            try out.write("\nFiles (tok … -t PATH, detected from content and extension):\n")
            for f in formats { try out.write("  \(f)\n") }
        }
        try out.flush()
    }
}

import TokenKit

/// Loads LiB lexicon files (``LexiconFile``) for the catalog, recognized by their magic line.
public struct LiBTokenizerLoader: TokenizerLoader {
    /// Creates the loader.
    public init() {}

    public var builtins: [(name: String, summary: String)] { [] }

    public var formats: [String] { ["LiB lexicon (.lib.txt, first line '\(LexiconFile.magic)')"] }

    public func loadBuiltin(named name: String) throws(LoadError) -> (any Tokenizer)? { nil }

    public func recognizes(path: String, head: [UInt8]) -> Bool {
        head.starts(with: Array(LexiconFile.magic.utf8))
    }

    public func load(path: String) throws(LoadError) -> any Tokenizer {
        let file = try LexiconFile.load(path: path)
        do throws(FormatError) {
            return try file.tokenizer(source: path)
        } catch {
            throw .format(error.inFile(path))
        }
    }
}

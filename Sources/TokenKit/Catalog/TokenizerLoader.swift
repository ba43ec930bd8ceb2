/// Loads one family's tokenizers, by built-in name or from files.
///
/// Each tokenizer module provides a loader; ``TokenizerCatalog`` asks them in turn, so the CLI's
/// `-t SPEC` works for every family without knowing any of them.
public protocol TokenizerLoader: Sendable {
    /// The built-in tokenizers this loader provides, as name and one-line summary.
    var builtins: [(name: String, summary: String)] { get }

    /// The formats this loader reads, for help and error messages (`.tiktoken rank file`, …).
    var formats: [String] { get }

    /// Loads a built-in tokenizer, or returns `nil` if `name` is not one of this loader's.
    func loadBuiltin(named name: String) throws(LoadError) -> (any Tokenizer)?

    /// Whether the file or folder at `path` is in a format this loader reads.
    ///
    /// - Parameters:
    ///   - path: The path.
    ///   - head: The first bytes of the file (up to 4 KiB); empty for a folder.
    func recognizes(path: String, head: [UInt8]) -> Bool

    /// Loads the tokenizer at `path`.
    ///
    /// - Throws: ``LoadError`` naming the file and what is wrong.
    func load(path: String) throws(LoadError) -> any Tokenizer
}

extension TokenizerLoader {
    /// Defaults to no formats.
    public var formats: [String] { [] }
    /// Defaults to recognizing nothing.
    public func recognizes(path: String, head: [UInt8]) -> Bool { false }
    /// Defaults to a format error: this loader reads no files.
    public func load(path: String) throws(LoadError) -> any Tokenizer {
        throw .format(FormatError(.unsupported, "no reader for this file", at: InputLocation(path: path)))
    }
}

/// The byte tokenizers: `bytes` (raw ids) and `byt5`.
public struct ByteTokenizerLoader: TokenizerLoader {
    /// Creates the loader.
    public init() {}

    public var builtins: [(name: String, summary: String)] {
        [("bytes", "one token per byte, id = byte value (256 ids)"),
         ("byt5", "ByT5 ids: byte + 3, pad 0, eos 1 (appended), unk 2, 125 sentinels (384 ids)")]
    }

    public func loadBuiltin(named name: String) throws(LoadError) -> (any Tokenizer)? {
        switch name {
        case "bytes": ByteTokenizer.raw
        case "byt5": ByteTokenizer.byt5
        default: nil
        }
    }
}

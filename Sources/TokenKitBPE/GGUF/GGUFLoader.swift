import TokenKit

/// Catalog loader for GGUF files (llama.cpp), by their `GGUF` magic number: `tok -t
/// ggml-vocab-gpt-2.gguf`.
public struct GGUFLoader: TokenizerLoader {
    /// Creates the loader.
    public init() {}

    public var builtins: [(name: String, summary: String)] { [] }

    public var formats: [String] { ["GGUF (tokenizer.ggml.* keys, byte-level BPE)"] }

    public func loadBuiltin(named name: String) throws(LoadError) -> (any Tokenizer)? { nil }

    public func recognizes(path: String, head: [UInt8]) -> Bool {
        head.starts(with: Array("GGUF".utf8)) || (head.isEmpty && path.hasSuffix(".gguf") && !FileIO.isDirectory(path))
    }

    public func load(path: String) throws(LoadError) -> any Tokenizer {
        let file = try GGUFFile(contentsOf: path)
        do { return try GGUFVocabulary.tokenizer(from: file, path: path) } catch { throw .format(error) }
    }
}

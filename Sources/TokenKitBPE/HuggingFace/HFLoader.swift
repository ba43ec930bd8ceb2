import TokenKit

/// Catalog loader for Hugging Face `tokenizer.json` files (or a folder holding one), so
/// `tok -t path/tokenizer.json` and `tok -t model-folder/` work.
public struct HFLoader: TokenizerLoader {
    /// Creates the loader.
    public init() {}

    public var builtins: [(name: String, summary: String)] { [] }

    public var formats: [String] { ["Hugging Face tokenizer.json (BPE model), or a folder holding one"] }

    public func loadBuiltin(named name: String) throws(LoadError) -> (any Tokenizer)? { nil }

    public func recognizes(path: String, head: [UInt8]) -> Bool {
        if FileIO.isDirectory(path) {
            let names = Set(FileIO.contentsOfDirectory(path))
            return names.contains("tokenizer.json")
        }
        let file = path.split(separator: "/").last.map(String.init) ?? path
        if file == "tokenizer.json" { return true }
        guard file.hasSuffix(".json"), file != "encoder.json", file != "vocab.json" else { return false }
        return Self.looksLikeTokenizerJSON(head)
    }

    /// Whether the first bytes look like a `tokenizer.json` object (one of its top-level keys
    /// appears near the start).
    static func looksLikeTokenizerJSON(_ head: [UInt8]) -> Bool {
        guard let first = head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }), first == UInt8(ascii: "{") else {
            return false
        }
        let text = String(decoding: head, as: UTF8.self)
        return ["\"added_tokens\"", "\"pre_tokenizer\"", "\"normalizer\"", "\"truncation\"", "\"post_processor\""]
            .contains { text.contains($0) }
    }

    public func load(path: String) throws(LoadError) -> any Tokenizer {
        let file = FileIO.isDirectory(path) ? path + "/tokenizer.json" : path
        return try HFTokenizer(contentsOf: file)
    }
}

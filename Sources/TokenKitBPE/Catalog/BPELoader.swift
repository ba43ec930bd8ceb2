import CTokenKitVocabularies
import TokenKit

/// `tok -t` support for byte-level BPE: rank files, GPT-2 and vocab+merges folders, and the
/// preset names (`cl100k_base`, `o200k_base`, `llama3`, …) resolved to a rank file in the
/// folder `$TOKENKIT_VOCABULARIES`.
public struct BPELoader: TokenizerLoader {
    /// Creates the loader.
    public init() {}

    /// The environment variable naming the folder of vocabulary files.
    public static let environmentVariable = "TOKENKIT_VOCABULARIES"

    public var builtins: [(name: String, summary: String)] {
        [("tokenkit-32k", "TokenKit's own 32k byte-level BPE (cl100k pattern), built into tok"),
         ("r50k_base", "GPT-3 ranks (GPT-2 pattern); rank file from $TOKENKIT_VOCABULARIES"),
         ("p50k_base", "Codex ranks (GPT-2 pattern); rank file from $TOKENKIT_VOCABULARIES"),
         ("cl100k_base", "GPT-4 ranks (cl100k pattern); rank file from $TOKENKIT_VOCABULARIES"),
         ("o200k_base", "GPT-4o ranks (o200k pattern); rank file from $TOKENKIT_VOCABULARIES"),
         ("llama3", "Llama 3 tokenizer.model (cl100k pattern); from $TOKENKIT_VOCABULARIES"),
         ("llama4", "Llama 4 tokenizer.model (o200k pattern); from $TOKENKIT_VOCABULARIES"),
         ("qwen2", "Qwen2 vocab.json + merges.txt (Qwen2 pattern, NFC); from $TOKENKIT_VOCABULARIES"),
         ("gpt2", "GPT-2 encoder.json + vocab.bpe; from $TOKENKIT_VOCABULARIES")]
    }

    public var formats: [String] {
        [".tiktoken rank file (or Llama 3/4 tokenizer.model)", "GPT-2 encoder.json + vocab.bpe", "vocab.json + merges.txt"]
    }

    /// Where a preset's files may be, relative to the vocabulary folder.
    static func candidates(for preset: BPEPreset) -> [String] {
        switch preset.name {
        case "llama3": return ["llama3/tokenizer.model", "llama3.tiktoken", "llama3.model"]
        case "llama4": return ["llama4/tokenizer.model", "llama4.tiktoken", "llama4.model"]
        case "qwen2": return ["qwen2"]
        case "gpt2": return ["gpt2"]
        default: return ["\(preset.name).tiktoken", "openai-tiktoken/\(preset.name).tiktoken"]
        }
    }

    public func loadBuiltin(named name: String) throws(LoadError) -> (any Tokenizer)? {
        if name == BPEPreset.tokenKit32k.name { return try Self.tokenKit32k() }
        guard !name.contains("/"), let preset = BPEPreset.named(name) else { return nil }
        let wanted = Self.candidates(for: preset)
        guard let folder = system_getenv(Self.environmentVariable), !folder.isEmpty else {
            throw .unknownTokenizer(name, hint: "\(name) is a BPE preset whose vocabulary file is not bundled: set \(Self.environmentVariable) to a folder holding \(wanted[0]), or pass the file's path with -t")
        }
        for relative in wanted {
            let path = folder + "/" + relative
            if FileIO.exists(path) { return try BPEFiles.load(path: path, preset: preset) }
        }
        throw .unknownTokenizer(name, hint: "no \(wanted.joined(separator: " or ")) in \(Self.environmentVariable)=\(folder); put the file there or pass its path with -t")
    }

    /// The embedded default vocabulary, with Hugging Face merge semantics (the encoding its
    /// `tokenizer.json` defines).
    public static func tokenKit32k() throws(LoadError) -> BPETokenizer {
        let ranks = UnsafeBufferPointer(start: tokenkit_32k_ranks_bytes(), count: Int(tokenkit_32k_ranks_length))
        let merges = UnsafeBufferPointer(start: tokenkit_32k_merges_bytes(), count: Int(tokenkit_32k_merges_length))
        let origin = "tokenkit-32k (embedded)"
        let table: TokenTable
        do throws(FormatError) {
            table = try RankFile.parse(ranks, path: origin)
        } catch {
            throw .format(error)
        }
        let preset = BPEPreset.tokenKit32k
        var idOfText: [String: TokenID] = [:]
        for id in 0..<TokenID(table.idCount) where table.contains(id) {
            idOfText[ByteLevelAlphabet.string(of: table.bytes(id))] = id
        }
        var triples: [(left: TokenID, right: TokenID, merged: TokenID)] = []
        var line = 0
        for raw in merges.split(separator: 0x0A) {
            line += 1
            // Only the header is a comment: "# #" and "# Ċ" are real merges.
            if line == 1 && raw.starts(with: Array("#version".utf8)) { continue }
            let parts = raw.split(separator: 0x20)
            guard parts.count == 2,
                  let left = idOfText[String(decoding: parts[0], as: UTF8.self)],
                  let right = idOfText[String(decoding: parts[1], as: UTF8.self)] else {
                throw .format(FormatError(.invalidValue, "merge line is not two known tokens", at: InputLocation(path: origin, line: line)))
            }
            let joined = Array(table.bytes(left)) + Array(table.bytes(right))
            guard let merged = joined.withUnsafeBufferPointer({ table.id(of: $0.baseAddress!, count: $0.count) }) else {
                throw .format(FormatError(.unknownReference, "merge result is not in the vocabulary", at: InputLocation(path: origin, line: line)))
            }
            triples.append((left, right, merged))
        }
        let byteIDs: [TokenID?] = (0..<256).map { idOfText[ByteLevelAlphabet.string(of: [UInt8($0)])] }
        let model = BPEModel(table: table, rule: .pairs(PairTable(merges: triples)), ignoreMerges: false, byteIDs: byteIDs)
        return BPETokenizer(model: model, pattern: preset.pattern, normalization: preset.normalization,
                            specialTokens: preset.specials, name: preset.name, source: "built-in")
    }

    public func recognizes(path: String, head: [UInt8]) -> Bool {
        if FileIO.isDirectory(path) {
            let names = Set(FileIO.contentsOfDirectory(path))
            return (names.contains("encoder.json") && names.contains("vocab.bpe"))
                || (names.contains("vocab.json") && names.contains("merges.txt") && !names.contains("tokenizer.json"))
        }
        let file = path.split(separator: "/").last.map(String.init) ?? path
        if file == "vocab.bpe" || file == "merges.txt" || file == "encoder.json" { return true }
        return file.hasSuffix(".tiktoken") || RankFile.looksLike(head)
    }

    public func load(path: String) throws(LoadError) -> any Tokenizer {
        try BPEFiles.load(path: path)
    }
}

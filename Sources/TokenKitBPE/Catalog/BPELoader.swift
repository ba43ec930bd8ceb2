import CTokenKitVocabularies
import TokenKit

/// `tok -t` support for byte-level BPE: rank files, GPT-2 and vocab+merges folders, and the
/// preset names (`cl100k_base`, `o200k_base`, `llama3`, …), found offline where
/// `VocabularySearch` looks: `$TOKENKIT_VOCABULARIES`, then tiktoken's download cache.
public struct BPELoader: TokenizerLoader {
    /// Where preset names are looked for.
    public let search: VocabularySearch

    /// Creates the loader.
    public init(search: VocabularySearch = VocabularySearch()) {
        self.search = search
    }

    /// The environment variable naming the folder of vocabulary files.
    public static let environmentVariable = VocabularySearch.folderVariable

    public var builtins: [(name: String, summary: String)] {
        [("tokenkit-32k", "TokenKit's own 32k byte-level BPE (cl100k pattern), built into tok"),
         ("r50k_base", "GPT-3 ranks (GPT-2 pattern); from $TOKENKIT_VOCABULARIES or tiktoken's cache"),
         ("p50k_base", "Codex ranks (GPT-2 pattern); from $TOKENKIT_VOCABULARIES or tiktoken's cache"),
         ("p50k_edit", "p50k_base ranks with fill-in-the-middle specials; from $TOKENKIT_VOCABULARIES or tiktoken's cache"),
         ("cl100k_base", "GPT-4 ranks (cl100k pattern); from $TOKENKIT_VOCABULARIES or tiktoken's cache"),
         ("o200k_base", "GPT-4o ranks (o200k pattern); from $TOKENKIT_VOCABULARIES or tiktoken's cache"),
         ("o200k_harmony", "o200k_base ranks with the harmony specials; from $TOKENKIT_VOCABULARIES or tiktoken's cache"),
         ("llama3", "Llama 3 tokenizer.model (cl100k pattern); from $TOKENKIT_VOCABULARIES"),
         ("llama4", "Llama 4 tokenizer.model (o200k pattern); from $TOKENKIT_VOCABULARIES"),
         ("qwen2", "Qwen2 vocab.json + merges.txt (Qwen2 pattern, NFC); from $TOKENKIT_VOCABULARIES"),
         ("gpt2", "GPT-2 encoder.json + vocab.bpe; from $TOKENKIT_VOCABULARIES or tiktoken's cache")]
    }

    public var formats: [String] {
        [".tiktoken rank file (+ its .tiktoken.json sidecar; or Llama 3/4 tokenizer.model)", "GPT-2 encoder.json + vocab.bpe", "vocab.json + merges.txt"]
    }

    /// Where a preset's files may be, relative to the vocabulary folder.
    static func candidates(for preset: BPEPreset) -> [String] {
        switch preset.name {
        case "llama3": return ["llama3/tokenizer.model", "llama3.tiktoken", "llama3.model"]
        case "llama4": return ["llama4/tokenizer.model", "llama4.tiktoken", "llama4.model"]
        case "qwen2": return ["qwen2"]
        case "gpt2": return ["gpt2"]
        case "p50k_edit": return ["p50k_edit.tiktoken", "p50k_base.tiktoken", "openai-tiktoken/p50k_base.tiktoken"]
        case "o200k_harmony": return ["o200k_harmony.tiktoken", "o200k_base.tiktoken", "openai-tiktoken/o200k_base.tiktoken"]
        default: return ["\(preset.name).tiktoken", "openai-tiktoken/\(preset.name).tiktoken"]
        }
    }

    /// Where tiktoken downloads a preset's files from (`tiktoken_ext/openai_public.py`): its
    /// cache names each file by the SHA-1 of this URL. GPT-2 is two files, its vocabulary
    /// (`encoder.json`) and merges (`vocab.bpe`).
    static func tiktokenURLs(for preset: BPEPreset) -> [String] {
        let blob = "https://openaipublic.blob.core.windows.net/"
        switch preset.name {
        case "gpt2": return [blob + "gpt-2/encodings/main/encoder.json", blob + "gpt-2/encodings/main/vocab.bpe"]
        case "r50k_base", "p50k_base", "cl100k_base", "o200k_base": return [blob + "encodings/\(preset.name).tiktoken"]
        case "p50k_edit": return [blob + "encodings/p50k_base.tiktoken"]
        case "o200k_harmony": return [blob + "encodings/o200k_base.tiktoken"]
        default: return []
        }
    }

    public func loadBuiltin(named name: String) throws(LoadError) -> (any Tokenizer)? {
        if name == BPEPreset.tokenKit32k.name { return try Self.tokenKit32k() }
        guard !name.contains("/"), let preset = BPEPreset.named(name) else { return nil }
        var tried: [String] = []
        if let folder = search.folder {
            for relative in Self.candidates(for: preset) {
                let path = VocabularySearch.join(folder, relative)
                if FileIO.exists(path) { return try BPEFiles.load(path: path, preset: preset) }
                tried.append(path)
            }
        }
        let urls = Self.tiktokenURLs(for: preset)
        var cached: [String] = []
        for url in urls {
            let (path, cacheTried) = search.tiktokenCachedFile(url: url)
            if let path { cached.append(path) } else { tried += cacheTried }
        }
        if !urls.isEmpty && cached.count == urls.count {
            if cached.count == 2 {
                return try BPEFiles.loadVocabulary(vocab: cached[0], merges: cached[1], preset: preset, source: cached[0])
            }
            return try BPEFiles.loadRankFile(path: cached[0], preset: preset)
        }
        var hint = "\(name)'s vocabulary is not bundled and TokenKit does not download; looked in: \(tried.joined(separator: ", "))"
        if search.folder == nil { hint += " ($\(Self.environmentVariable) is not set)" }
        hint += urls.isEmpty
            ? "; set $\(Self.environmentVariable) to a folder holding \(Self.candidates(for: preset)[0]), or pass the file's path with -t"
            : "; run tiktoken.get_encoding(\"\(preset.name)\") once to fill its cache, set $\(Self.environmentVariable) to a folder holding \(Self.candidates(for: preset)[0]), or pass the file's path with -t"
        throw .unknownTokenizer(name, hint: hint)
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
        let model = try BPEFiles.mergeModel(table: table, merges: merges, origin: origin)
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
        if file.hasSuffix(".tiktoken.json") { return true }
        return file.hasSuffix(".tiktoken") || RankFile.looksLike(head)
    }

    public func load(path: String) throws(LoadError) -> any Tokenizer {
        // A rank file's sidecar stands for the rank file beside it.
        if path.hasSuffix(".tiktoken.json") { return try BPEFiles.loadRankFile(path: String(path.dropLast(5))) }
        return try BPEFiles.load(path: path)
    }
}

import TokenKit
import TokenKitBPE

extension MergeList {
    /// Loads the merge list of a tokenizer named by `spec`: a `tokenizer.json`, a `merges.txt`
    /// / `vocab.bpe` (or a folder holding one), a tiktoken rank file, or a built-in rank-file
    /// tokenizer (`cl100k_base`, `o200k_base`, …). The pre-tokenizer is the tokenizer's own
    /// when the format says it (presets, `tokenizer.json`'s Split pattern), else `pattern`.
    ///
    /// - Throws: ``MixtureError`` for unreadable or malformed files and tokenizers without merges.
    public static func load(_ spec: String, pattern: SplitPattern? = nil) throws(MixtureError) -> MergeList {
        let name = spec.split(separator: "/").last.map(String.init) ?? spec
        if FileIO.isDirectory(spec) {
            let names = Set(FileIO.contentsOfDirectory(spec))
            for file in ["tokenizer.json", "merges.txt", "vocab.bpe"] where names.contains(file) {
                return try load(spec + "/" + file, pattern: pattern)
            }
        } else if name.hasSuffix(".json") {
            return try fromTokenizerJSON(spec, pattern: pattern)
        } else if name.hasSuffix(".txt") || name.hasSuffix(".bpe") {
            return try fromMergesText(spec, preTokenizer: TrainingPreTokenizer(pattern: pattern ?? .gpt2))
        }
        var loaded: BPETokenizer?
        do throws(LoadError) {
            if FileIO.isDirectory(spec) || FileIO.exists(spec) {
                loaded = try BPEFiles.load(path: spec)
            } else {
                loaded = try BPELoader().loadBuiltin(named: spec) as? BPETokenizer
            }
        } catch {
            throw MixtureError(.unreadableInput, "cannot load tokenizer '\(spec)': \(error)")
        }
        guard let tokenizer = loaded else {
            throw MixtureError(.noMerges, "'\(spec)' is not a byte-level BPE tokenizer with merges (a WordPiece, unigram or byte tokenizer has no merge list to analyse)")
        }
        guard case .ranks = tokenizer.model.rule else {
            throw MixtureError(.noMerges, "tokenizer '\(spec)' keeps its merges in a pair table; pass its merges.txt or tokenizer.json instead")
        }
        let pre = TrainingPreTokenizer(pattern: pattern ?? tokenizer.pattern, normalization: tokenizer.normalization)
        return MergeList(ranks: tokenizer.model.table, preTokenizer: pre, source: spec)
    }

    /// Reads `left right` lines (GPT-2 byte-level spelling; a `#version` header is skipped).
    public static func fromMergesText(_ path: String, preTokenizer: TrainingPreTokenizer) throws(MixtureError) -> MergeList {
        let bytes = try read(path)
        var pairs: [(left: [UInt8], right: [UInt8])] = []
        var line = 0
        for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            line += 1
            var text = String(decoding: raw, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            if text.isEmpty || (line == 1 && text.hasPrefix("#")) { continue }
            let parts = text.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2, let l = ByteLevelAlphabet.bytes(of: String(parts[0])), let r = ByteLevelAlphabet.bytes(of: String(parts[1])),
                  !l.isEmpty, !r.isEmpty else {
                throw MixtureError(.badMergeList, "\(path):\(line): expected a merge 'left right' of two byte-level tokens")
            }
            pairs.append((l, r))
        }
        return MergeList(pairs: pairs, preTokenizer: preTokenizer, source: path)
    }

    /// Reads `model.merges` of a Hugging Face `tokenizer.json` ("a b" strings or [a, b] arrays)
    /// and, when present, its Split pattern and NFC/NFKC normalizer.
    public static func fromTokenizerJSON(_ path: String, pattern: SplitPattern? = nil) throws(MixtureError) -> MergeList {
        let bytes = try read(path)
        let json: JSONValue
        do throws(FormatError) { json = try bytes.withUnsafeBufferPointer { b in Result { () throws(FormatError) -> JSONValue in try JSONParser.parse(b) } }.get() } catch {
            throw MixtureError(.badMergeList, "\(path): \(error.message)")
        }
        guard json["model"]?["type"]?.stringValue ?? "BPE" == "BPE", case .array(let list)? = json["model"]?["merges"] else {
            throw MixtureError(.noMerges, "\(path) has no BPE merge list (model.merges); only BPE tokenizers can be analysed")
        }
        // SentencePiece conversions spell a space `▁` (U+2581), which the byte-level alphabet
        // never uses; their pieces are literal text.
        let sentencePiece = json["model"]?["byte_fallback"]?.boolValue == true || list.contains { item in
            if let s = item.stringValue { return s.unicodeScalars.contains("\u{2581}") }
            if case .array(let a) = item { return a.contains { $0.stringValue?.unicodeScalars.contains("\u{2581}") ?? false } }
            return false
        }
        var pairs: [(left: [UInt8], right: [UInt8])] = []
        pairs.reserveCapacity(list.count)
        for (k, item) in list.enumerated() {
            var l: String?, r: String?
            if let s = item.stringValue {
                let parts = s.split(separator: " ", omittingEmptySubsequences: false)
                if parts.count == 2 { l = String(parts[0]); r = String(parts[1]) }
            } else if case .array(let a) = item, a.count == 2 {
                l = a[0].stringValue; r = a[1].stringValue
            }
            if sentencePiece {
                guard let l, let r, !l.isEmpty, !r.isEmpty else {
                    throw MixtureError(.badMergeList, "\(path): merge \(k) is not a pair of pieces")
                }
                pairs.append((Array(l.utf8), Array(r.utf8)))
                continue
            }
            guard let l, let r, let lb = ByteLevelAlphabet.bytes(of: l), let rb = ByteLevelAlphabet.bytes(of: r), !lb.isEmpty, !rb.isEmpty else {
                throw MixtureError(.badMergeList, "\(path): merge \(k) is not a pair of byte-level tokens")
            }
            pairs.append((lb, rb))
        }
        if sentencePiece { return MergeList(sentencePiece: pairs, source: path) }
        var split = pattern
        if split == nil, let regex = findRegex(json["pre_tokenizer"]) {
            do throws(FormatError) { split = try SplitPattern(regex: regex) } catch {
                throw MixtureError(.badMergeList, "\(path): the pre-tokenizer's pattern does not compile: \(error.message)")
            }
        }
        var form: NormalizationForm?
        switch json["normalizer"]?["type"]?.stringValue {
        case "NFC": form = .nfc
        case "NFKC": form = .nfkc
        default: form = nil
        }
        return MergeList(pairs: pairs, preTokenizer: TrainingPreTokenizer(pattern: split ?? .gpt2, normalization: form), source: path)
    }

    /// The first `pattern.Regex` of a (possibly nested) pre-tokenizer.
    private static func findRegex(_ v: JSONValue?) -> String? {
        guard let v else { return nil }
        if let r = v["pattern"]?["Regex"]?.stringValue { return r }
        if case .array(let items)? = v["pretokenizers"] {
            for item in items { if let r = findRegex(item) { return r } }
        }
        return nil
    }

    static func read(_ path: String) throws(MixtureError) -> [UInt8] {
        do throws(InputError) {
            let file = try MappedFile(path: path)
            return Array(file.bytes)
        } catch {
            throw MixtureError(.unreadableInput, "cannot read \(path): \(error)")
        }
    }
}

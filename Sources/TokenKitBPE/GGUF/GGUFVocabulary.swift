import TokenKit

/// Turns the `tokenizer.ggml.*` metadata of a GGUF file into a tokenizer.
///
/// Supported: `tokenizer.ggml.model = "gpt2"` (byte-level BPE) with the pre-tokenizer types
/// whose split regexes llama.cpp publishes and TokenKit reproduces (`tokenizer.ggml.pre`:
/// gpt-2 and its aliases, starcoder and its aliases, falcon, deepseek-coder, llama-bpe/llama3,
/// qwen2). Anything else (SentencePiece `llama`, WordPiece `bert`, an unknown pre-tokenizer) is
/// an `unsupported` error naming it.
public enum GGUFVocabulary {
    /// llama.cpp's split regexes per pre-tokenizer type, applied in turn, each keeping both
    /// matches and the text between them (as Hugging Face's `Split` with `Isolated`).
    static func splitRegexes(pre: String) -> (regexes: [String], ignoreMerges: Bool)? {
        let gpt2 = SplitPattern.gpt2Pattern
        switch pre {
        case "gpt-2", "gpt2", "mpt", "olmo", "jais", "trillion":
            return ([gpt2], false)
        case "starcoder", "refact", "command-r", "smollm", "codeshell", "exaone", "minerva":
            return (["\\p{N}", gpt2], false)
        case "falcon":
            return (["[\\p{P}\\$\\+<=>\\^~\\|`]+", gpt2, "[0-9][0-9][0-9]"], false)
        case "deepseek-coder":
            return (["[\r\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", "[\u{4E00}-\u{9FA5}\u{0800}-\u{4E00}\u{AC00}-\u{D7FF}]+", "\\p{N}"], false)
        case "llama3", "llama-bpe", "llama-v3", "dbrx", "smaug-bpe":
            return ([SplitPattern.llama3Pattern], true)
        case "qwen2", "stablelm2", "hunyuan", "megrez":
            return ([SplitPattern.qwen2Pattern], false)
        default:
            return nil
        }
    }

    /// Builds the tokenizer of a parsed GGUF file.
    ///
    /// - Throws: `FormatError` for missing or inconsistent keys, `unsupported` for models
    ///   and pre-tokenizers TokenKit does not reproduce.
    public static func tokenizer(from file: GGUFFile, path: String) throws(FormatError) -> HFTokenizer {
        let at = InputLocation(path: path)
        guard let modelType = file["tokenizer.ggml.model"]?.stringValue else {
            throw FormatError(.missingField, "no tokenizer.ggml.model key: not a GGUF file with a vocabulary", at: at)
        }
        guard modelType == "gpt2" else {
            throw FormatError(.unsupported, "tokenizer.ggml.model \"\(modelType)\" is not supported for GGUF (only \"gpt2\", byte-level BPE, is)", at: at)
        }
        let pre = file["tokenizer.ggml.pre"]?.stringValue ?? "default"
        guard let split = splitRegexes(pre: pre) else {
            throw FormatError(.unsupported, "tokenizer.ggml.pre \"\(pre)\" is not supported (its split rules are not reproduced by TokenKit)", at: at)
        }
        guard case .strings(let tokens)? = file["tokenizer.ggml.tokens"] else {
            throw FormatError(.missingField, "tokenizer.ggml.tokens is missing or not an array of strings", at: at)
        }
        var types: [Int] = []
        if case .array(let list)? = file["tokenizer.ggml.token_type"] {
            types = list.map { $0.intValue ?? 1 }
            guard types.count == tokens.count else {
                throw FormatError(.invalidValue, "tokenizer.ggml.token_type has \(types.count) entries for \(tokens.count) tokens", at: at)
            }
        }
        let merges: [[UInt8]]
        switch file["tokenizer.ggml.merges"] {
        case .strings(let m)?: merges = m
        case .array(let m)? where m.isEmpty: merges = []
        default: throw FormatError(.missingField, "tokenizer.ggml.merges is missing or not an array of strings", at: at)
        }

        var idByText: [String: TokenID] = [:]
        var tokenText: [[UInt8]?] = []
        var vocabulary: [[UInt8]: TokenID] = [:]
        var added: [HFAddedToken] = []
        idByText.reserveCapacity(tokens.count)
        for (id, t) in tokens.enumerated() {
            let text = String(decoding: t, as: UTF8.self)
            tokenText.append(t)
            if idByText[text] == nil { idByText[text] = TokenID(id) }
            let type = types.isEmpty ? 1 : types[id]
            switch type {
            case 3: // control: special, matched only when the policy allows it
                added.append(HFAddedToken(id: TokenID(id), content: text, special: true, normalized: false))
            case 4: // user-defined: always matched in the text, as llama.cpp does
                added.append(HFAddedToken(id: TokenID(id), content: text, special: false, normalized: false))
            default:
                if let key = ByteLevelAlphabet.bytes(of: text), vocabulary[key] == nil { vocabulary[key] = TokenID(id) }
            }
        }
        var mergeTable: [UInt64: UInt64] = [:]
        mergeTable.reserveCapacity(merges.count)
        for (rank, line) in merges.enumerated() {
            let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw FormatError(.syntax, "tokenizer.ggml.merges[\(rank)]: a merge must be two tokens separated by one space", at: at)
            }
            let a = String(decoding: parts[0], as: UTF8.self)
            let b = String(decoding: parts[1], as: UTF8.self)
            guard let ia = idByText[a], let ib = idByText[b] else {
                throw FormatError(.unknownReference, "tokenizer.ggml.merges[\(rank)] names the unknown token \"\(idByText[a] == nil ? a : b)\"", at: at)
            }
            guard let im = idByText[a + b] else {
                throw FormatError(.unknownReference, "tokenizer.ggml.merges[\(rank)]: \"\(a + b)\" is not in the vocabulary", at: at)
            }
            let key = UInt64(ia) << 32 | UInt64(ib)
            if mergeTable[key] == nil { mergeTable[key] = UInt64(rank) << 32 | UInt64(im) }
        }
        let model = HFBPEModel(
            tokenText: tokenText, vocabulary: vocabulary, merges: mergeTable, continuingSubwordPrefix: [], endOfWordSuffix: [],
            unknown: nil, fuseUnknown: false, byteFallback: nil, ignoreMerges: split.ignoreMerges, byteLevel: true,
            vocabularyCount: tokens.count)
        var stages: [any HFPreTokenizer] = []
        let scanners = EngineScanners()
        for r in split.regexes {
            let regex: ICURegex
            do { regex = try ICURegex(r) } catch { throw FormatError(.unsupported, "ICU cannot compile \(r): \(error)", at: at) }
            stages.append(HFSplit(pattern: .regex(regex), behavior: .isolated, invert: false, scanner: scanners.scanner(forPattern: r)))
        }
        return try HFTokenizer(
            source: path, normalizer: nil, preTokenizer: HFPreTokenizerSequence(stages), model: model,
            addedTokens: added, unknownToken: nil, decoder: HFByteLevelDecoder(), postProcessor: .none)
    }
}

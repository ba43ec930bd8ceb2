import TokenKit

/// `tok -t dynamic:BASE` and `tok -t dynamic/OPTIONS:BASE`: dynamic batch-merge over the
/// tokenizer `BASE` (any spec the catalog resolves).
///
/// `OPTIONS` is a comma-separated list of `mode=sentence|pretokens|word|word_hyphen`,
/// `merges=M` and `pre=gpt2|metaspace|whitespace` (the piece rule for `pretokens` mode; default:
/// the base's own split pattern for a BPE base, gpt2 otherwise). The CLI's `--merges`, `--reduction` and `--mode` override them.
public struct DynamicTokenizerLoader: TokenizerLoader {
    /// Resolves the base tokenizer spec.
    public let resolveBase: @Sendable (String) throws(LoadError) -> any Tokenizer

    /// Creates the loader; `resolveBase` loads base tokenizers (the CLI passes its catalog).
    public init(resolveBase: @escaping @Sendable (String) throws(LoadError) -> any Tokenizer) {
        self.resolveBase = resolveBase
    }

    public var builtins: [(name: String, summary: String)] {
        [("dynamic:SPEC", "dynamic batch-merge over tokenizer SPEC (batch-dependent; dynamic/mode=word,merges=20:SPEC for options)")]
    }

    /// The piece counter named `name`.
    public static func pieceCounter(named name: String) -> (any PieceCounter)? {
        switch name {
        case "gpt2": GPT2PieceCounter()
        case "metaspace": MetaspacePieceCounter()
        case "whitespace": WhitespacePieceCounter()
        default: nil
        }
    }

    public func loadBuiltin(named name: String) throws(LoadError) -> (any Tokenizer)? {
        let rest: Substring
        var options: Substring = ""
        if name.hasPrefix("dynamic:") {
            rest = name.dropFirst("dynamic:".count)
        } else if name.hasPrefix("dynamic/"), let colon = name.firstIndex(of: ":") {
            options = name[name.index(name.startIndex, offsetBy: "dynamic/".count)..<colon]
            rest = name[name.index(after: colon)...]
        } else {
            return nil
        }
        var mode = BoundaryMode.pretokens
        var merges = 1000
        var counter: (any PieceCounter)? = nil
        for item in options.split(separator: ",") {
            let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { throw .unknownTokenizer(name, hint: "option \(item) is not key=value") }
            switch kv[0] {
            case "mode":
                guard let m = BoundaryMode(rawValue: kv[1]) else {
                    throw .unknownTokenizer(name, hint: "mode must be sentence, pretokens, word or word_hyphen, not \(kv[1])")
                }
                mode = m
            case "merges":
                guard let m = Int(kv[1]), m >= 0 else { throw .unknownTokenizer(name, hint: "merges must be 0 or more, not \(kv[1])") }
                merges = m
            case "pre":
                guard let c = Self.pieceCounter(named: kv[1]) else {
                    throw .unknownTokenizer(name, hint: "pre must be gpt2, metaspace or whitespace, not \(kv[1])")
                }
                counter = c
            default:
                throw .unknownTokenizer(name, hint: "unknown option \(kv[0]) (mode, merges, pre)")
            }
        }
        guard !rest.isEmpty else { throw .unknownTokenizer(name, hint: "no base tokenizer after dynamic:") }
        let base = try resolveBase(String(rest))
        do throws(DynamicMergeError) {
            return try DynamicMergeTokenizer(base: base, mode: mode, budget: .merges(merges), preTokenizer: counter,
                                             additionalSpecialTexts: BaseVocabulary.robertaSpecialTexts)
        } catch {
            throw .unknownTokenizer(name, hint: error.message)
        }
    }
}

import TokenKit

/// `tok -t pooled:UNIT` and `tok -t pooled/OPTIONS:UNIT`.
///
/// `UNIT` is `bytes` (ByT5 ids), `scalars` (open scalar vocabulary) or any other tokenizer
/// spec (a name or path, resolved through the catalog: subword units). `OPTIONS` is a
/// comma-separated list of `norm=clean|edataset-nat|mydataset|mydataset-keep-latin`, `p=N`
/// (CLS prefixes, default 4), `max=N` (units per word) and `trunc=drop|error`:
///
/// ```
/// tok encode -t pooled/norm=edataset-nat,p=4,max=16:bytes notes.txt
/// ```
public struct PooledTokenizerLoader: TokenizerLoader {
    /// Resolves the unit tokenizer spec.
    public let resolveUnits: @Sendable (String) throws(LoadError) -> any Tokenizer

    /// Creates the loader; `resolveUnits` loads subword unit tokenizers (the CLI passes its catalog).
    public init(resolveUnits: @escaping @Sendable (String) throws(LoadError) -> any Tokenizer) {
        self.resolveUnits = resolveUnits
    }

    public var builtins: [(name: String, summary: String)] {
        [("pooled:bytes", "word-pooled: ICU words → ByT5 byte ids, 4 CLS ids per word (pooled/norm=edataset-nat,p=4,max=16:UNIT for options)"),
         ("pooled:scalars", "word-pooled: ICU words → Unicode scalars (id = code point + 1)"),
         ("pooled:SPEC", "word-pooled with the subwords of tokenizer SPEC as units")]
    }

    public func loadBuiltin(named name: String) throws(LoadError) -> (any Tokenizer)? {
        let rest: Substring
        var options: Substring = ""
        if name.hasPrefix("pooled:") {
            rest = name.dropFirst("pooled:".count)
        } else if name.hasPrefix("pooled/"), let colon = name.firstIndex(of: ":") {
            options = name[name.index(name.startIndex, offsetBy: "pooled/".count)..<colon]
            rest = name[name.index(after: colon)...]
        } else {
            return nil
        }
        var normalization = PooledNormalization.clean
        var p = 4
        var maxUnits: Int?
        var truncation = PooledTruncation.dropExtraUnits
        for item in options.split(separator: ",") {
            let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { throw Self.bad(name, "option \(item) is not key=value") }
            switch kv[0] {
            case "norm":
                switch kv[1] {
                case "clean": normalization = .clean
                case "edataset-nat": normalization = .eDatasetNat
                case "mydataset": normalization = .myDataset(deletingLatinWords: true)
                case "mydataset-keep-latin": normalization = .myDataset(deletingLatinWords: false)
                default: throw Self.bad(name, "norm must be clean, edataset-nat, mydataset or mydataset-keep-latin, not \(kv[1])")
                }
            case "p":
                guard let v = Int(kv[1]), v >= 0 else { throw Self.bad(name, "p must be a count ≥ 0, not \(kv[1])") }
                p = v
            case "max":
                guard let v = Int(kv[1]), v >= 1 else { throw Self.bad(name, "max must be a count ≥ 1, not \(kv[1])") }
                maxUnits = v
            case "trunc":
                guard let v = PooledTruncation(rawValue: kv[1]) else { throw Self.bad(name, "trunc must be drop or error, not \(kv[1])") }
                truncation = v
            default:
                throw Self.bad(name, "unknown option \(kv[0]) (norm, p, max, trunc)")
            }
        }
        let units: PooledUnits
        switch rest {
        case "bytes": units = .bytes
        case "scalars": units = .scalars
        case "": throw Self.bad(name, "no unit after pooled: (bytes, scalars or a tokenizer spec)")
        default: units = PooledUnits(subwords: try resolveUnits(String(rest)))
        }
        do throws(FormatError) {
            return try WordPooledTokenizer(units: units, normalization: normalization, prefixCount: p,
                                           maxUnitsPerWord: maxUnits, truncation: truncation)
        } catch {
            throw .format(error)
        }
    }

    static func bad(_ name: String, _ why: String) -> LoadError {
        .unknownTokenizer(name, hint: why)
    }
}

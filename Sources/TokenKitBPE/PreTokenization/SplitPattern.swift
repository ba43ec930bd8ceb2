import TokenKit

/// Splits text into pieces before BPE merging. ``SplitPattern`` is TokenKit's implementation;
/// the Hugging Face pipeline plugs its own components in through this protocol.
public protocol PreTokenizer: Sendable {
    /// Calls `body(start, end)` for each piece of `bytes[range]`, in order; stops when `body`
    /// returns `false`. Offsets are indices into `bytes`.
    ///
    /// - Throws: `TokenizerError` when the input cannot be split (a regex pattern over
    ///   invalid UTF-8).
    func split(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (Int, Int) -> Bool) throws(TokenizerError)
}

/// A split pattern: one of the published GPT-style patterns, each with a hand-written scanner,
/// or any other regex, run by ICU.
public enum SplitPattern: Sendable, Hashable, PreTokenizer {
    /// GPT-2 / r50k_base / p50k_base.
    case gpt2
    /// cl100k_base (tiktoken 0.14's spelling).
    case cl100k
    /// Llama 3 (cl100k's older spelling; differs only on trailing whitespace with a newline).
    case llama3
    /// o200k_base and Llama 4.
    case o200k
    /// Qwen2 (cl100k with single digits).
    case qwen2
    /// Any other pattern, by ICU (also the differential oracle of the scanners).
    case regex(ICURegex)
    /// No pre-tokenization: the whole text is one piece.
    case none

    /// The published regexes, as the references spell them (Python `regex` syntax, which ICU
    /// reads the same way for these patterns).
    public static let gpt2Pattern = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#
    /// Llama 3 (and pre-0.8 tiktoken's cl100k).
    public static let llama3Pattern = #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    /// o200k_base / Llama 4.
    public static let o200kPattern = #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    /// Qwen2.
    public static let qwen2Pattern = #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#

    /// The pattern for a preset name (`gpt2`, `r50k`, `p50k`, `cl100k`, `llama3`, `o200k`,
    /// `llama4`, `qwen2`, with or without `_base`), a regex equal to a published one (which gets
    /// its scanner), or any other regex.
    ///
    /// - Throws: `FormatError` when `spec` is neither a name nor a valid ICU regex.
    public static func named(_ spec: String) throws(FormatError) -> SplitPattern {
        var name = spec.lowercased()
        if name.hasSuffix("_base") { name.removeLast(5) }
        switch name {
        case "gpt2", "gpt-2", "r50k", "p50k", "p50k_edit": return .gpt2
        case "cl100k": return .cl100k
        case "llama3", "llama-3", "llama-bpe": return .llama3
        case "o200k", "llama4", "llama-4": return .o200k
        case "qwen2", "qwen": return .qwen2
        case "none": return .none
        default: break
        }
        switch spec {
        case gpt2Pattern: return .gpt2
        case cl100kPattern: return .cl100k
        case llama3Pattern: return .llama3
        case o200kPattern: return .o200k
        case qwen2Pattern: return .qwen2
        default: break
        }
        do throws(ICUError) {
            return .regex(try ICURegex(spec))
        } catch {
            throw FormatError(.invalidValue, "'\(spec)' is neither a pattern name (gpt2, r50k, p50k, cl100k, llama3, o200k, llama4, qwen2, none) nor a valid regex: \(error)")
        }
    }

    /// cl100k_base as tiktoken 0.14 spells it (possessive quantifiers, `\s++$`).
    public static let cl100kPattern = #"'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"#

    /// The regex this pattern stands for (`nil` for ``none``).
    public var regexString: String? {
        switch self {
        case .gpt2: Self.gpt2Pattern
        case .cl100k: Self.cl100kPattern
        case .llama3: Self.llama3Pattern
        case .o200k: Self.o200kPattern
        case .qwen2: Self.qwen2Pattern
        case .regex(let r): r.pattern
        case .none: nil
        }
    }

    /// A short name for `tok info`.
    public var name: String {
        switch self {
        case .gpt2: "gpt2"
        case .cl100k: "cl100k"
        case .llama3: "llama3"
        case .o200k: "o200k"
        case .qwen2: "qwen2"
        case .regex: "regex"
        case .none: "none"
        }
    }

    /// Whether a hand-written scanner runs this pattern (any bytes accepted, no ICU).
    public var isScanner: Bool {
        switch self {
        case .regex: false
        default: true
        }
    }

    /// The same pattern run by ICU (the scanners' differential oracle).
    public func icuOracle() throws(ICUError) -> ICURegex? {
        switch self {
        case .regex(let r): return r
        case .none: return nil
        default: return try ICURegex(regexString ?? "")
        }
    }

    public func split(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (Int, Int) -> Bool) throws(TokenizerError) {
        guard let base = bytes.baseAddress, !range.isEmpty else { return }
        switch self {
        case .gpt2: GPT2Scanner.forEachPiece(base, range.lowerBound, range.upperBound, body)
        case .cl100k: CL100KScanner.forEachPiece(base, range.lowerBound, range.upperBound, body)
        case .llama3: Llama3Scanner.forEachPiece(base, range.lowerBound, range.upperBound, body)
        case .o200k: O200KScanner.forEachPiece(base, range.lowerBound, range.upperBound, body)
        case .qwen2: Qwen2Scanner.forEachPiece(base, range.lowerBound, range.upperBound, body)
        case .none: _ = body(range.lowerBound, range.upperBound)
        case .regex(let regex):
            let slice = UnsafeBufferPointer(rebasing: bytes[range])
            if let bad = UTF8Validation.firstInvalidOffset(in: slice) {
                throw .invalidUTF8(at: range.lowerBound + bad)
            }
            let matches: [Range<Int>]
            do throws(ICUError) {
                matches = try regex.matches(in: slice)
            } catch {
                throw TokenizerError(code: .unsupportedInput, message: "the split regex failed: \(error)")
            }
            for m in matches where !m.isEmpty {
                if !body(range.lowerBound + m.lowerBound, range.lowerBound + m.upperBound) { return }
            }
        }
    }

    /// The pieces of `bytes` as ranges.
    public func pieces(_ bytes: UnsafeBufferPointer<UInt8>) throws(TokenizerError) -> [Range<Int>] {
        var out: [Range<Int>] = []
        try split(bytes, 0..<bytes.count) { out.append($0..<$1); return true }
        return out
    }
}

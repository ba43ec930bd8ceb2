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

    /// The pattern names ``named(_:)`` accepts, one per pattern (aliases such as `r50k`,
    /// `p50k`, `llama4` or a `_base` suffix are accepted too).
    public static let names = ["gpt2", "cl100k", "llama3", "o200k", "qwen2", "none"]

    /// The pattern a name stands for: `gpt2` (also `r50k`, `p50k`, `p50k_edit`), `cl100k`,
    /// `llama3`, `o200k` (also `llama4`), `qwen2`, or `none`; a `_base` suffix is ignored.
    ///
    /// Only names: a regex is ``init(regex:)``'s, so a misspelt name is an error rather than a
    /// regex that drops text.
    ///
    /// - Throws: `FormatError` listing the names when `name` is none of them.
    public static func named(_ name: String) throws(FormatError) -> SplitPattern {
        guard let pattern = preset(name) else {
            throw FormatError(.invalidValue, "'\(name)' is not a split pattern name (\(names.joined(separator: ", ")))")
        }
        return pattern
    }

    /// The pattern for a name, or `nil`.
    static func preset(_ spec: String) -> SplitPattern? {
        var name = spec.lowercased()
        if name.hasSuffix("_base") { name.removeLast(5) }
        switch name {
        case "gpt2", "gpt-2", "r50k", "p50k", "p50k_edit": return .gpt2
        case "cl100k": return .cl100k
        case "llama3", "llama-3", "llama-bpe": return .llama3
        case "o200k", "o200k_harmony", "llama4", "llama-4": return .o200k
        case "qwen2", "qwen": return .qwen2
        case "none": return SplitPattern.none
        default: return nil
        }
    }

    /// A pattern from a regex: a published regex (as ``gpt2Pattern`` and its siblings spell
    /// it) runs on its scanner, any other on ICU, keeping the text between matches as pieces
    /// of its own (Hugging Face `Split` with `Isolated` behaviour), so no byte is dropped.
    ///
    /// - Throws: `FormatError` when ICU cannot compile `regex`.
    public init(regex: String) throws(FormatError) {
        switch regex {
        case Self.gpt2Pattern: self = .gpt2
        case Self.cl100kPattern: self = .cl100k
        case Self.llama3Pattern: self = .llama3
        case Self.o200kPattern: self = .o200k
        case Self.qwen2Pattern: self = .qwen2
        default:
            do throws(ICUError) {
                self = .regex(try ICURegex(regex))
            } catch {
                throw FormatError(.invalidValue, "the regex '\(regex)' does not compile: \(error)")
            }
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
            // Hugging Face `Split` with `Isolated` behaviour: the text between matches is a piece
            // too (tiktoken's `findall` would drop it, losing bytes).
            var position = 0
            for m in matches where !m.isEmpty {
                if m.lowerBound > position, !body(range.lowerBound + position, range.lowerBound + m.lowerBound) { return }
                if !body(range.lowerBound + m.lowerBound, range.lowerBound + m.upperBound) { return }
                position = max(position, m.upperBound)
            }
            if position < slice.count { _ = body(range.lowerBound + position, range.upperBound) }
        }
    }

    /// The pieces of `bytes` as ranges.
    public func pieces(_ bytes: UnsafeBufferPointer<UInt8>) throws(TokenizerError) -> [Range<Int>] {
        var out: [Range<Int>] = []
        try split(bytes, 0..<bytes.count) { out.append($0..<$1); return true }
        return out
    }
}

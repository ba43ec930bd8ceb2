import TokenKit

/// How training text is normalized and cut into pretokens before merges are learned.
///
/// It mirrors the Hugging Face pipelines the trainer is checked against: an optional NFC/NFKC
/// normalizer, a split by `pattern` that keeps every piece (HF's `Isolated` behaviour: text
/// between matches becomes pieces too), and optionally every numeric scalar as its own piece
/// (HF's `Digits(individual_digits=True)`).
public struct TrainingPreTokenizer: Sendable, Hashable {
    /// A split pattern: a named published one or any ICU regex.
    public enum Pattern: Sendable, Hashable {
        /// GPT-2 (`r50k_base`); with grouped digits this is HF's `ByteLevel(use_regex=True)`.
        case gpt2
        /// `cl100k_base` (also Llama 3's).
        case cl100k
        /// `o200k_base`.
        case o200k
        /// Llama 3 (the cl100k pattern).
        case llama3
        /// Any regular expression in ICU syntax.
        case regex(String)

        /// The regular expression.
        public var regex: String {
            switch self {
            case .gpt2:
                #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#
            case .cl100k, .llama3:
                #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
            case .o200k:
                #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
            case .regex(let r):
                r
            }
        }

        /// Parses a CLI value: a pattern name or a regex.
        public init(name: String) {
            switch name {
            case "gpt2", "r50k", "r50k_base": self = .gpt2
            case "cl100k", "cl100k_base": self = .cl100k
            case "o200k", "o200k_base": self = .o200k
            case "llama3": self = .llama3
            default: self = .regex(name)
            }
        }
    }

    /// The split pattern.
    public var pattern: Pattern
    /// The normalizer applied to each line first, if any.
    public var normalization: NormalizationForm?
    /// Whether each numeric scalar becomes its own pretoken.
    public var individualDigits: Bool

    /// Creates a pre-tokenizer.
    public init(pattern: Pattern = .gpt2, normalization: NormalizationForm? = nil, individualDigits: Bool = false) {
        self.pattern = pattern
        self.normalization = normalization
        self.individualDigits = individualDigits
    }

    /// Checks that the pattern compiles.
    ///
    /// - Throws: ``TrainingError`` naming the pattern and ICU's complaint.
    public func validate() throws(TrainingError) {
        do throws(ICUError) {
            _ = try ICURegex(pattern.regex)
        } catch {
            throw TrainingError(.invalidPattern, "the split pattern does not compile: \(error)")
        }
    }

    /// Calls `body` with every pretoken of one line (already normalized), in order.
    func forEachPretoken(
        in line: UnsafeBufferPointer<UInt8>, matcher: ICURegexMatcher, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(ICUError) {
        try withoutActuallyEscaping(body) { body throws(ICUError) in
            var position = 0
            let digits = individualDigits
            func emit(_ range: Range<Int>) {
                if range.isEmpty { return }
                if digits {
                    Self.splitDigits(UnsafeBufferPointer(rebasing: line[range]), body)
                } else {
                    body(UnsafeBufferPointer(rebasing: line[range]))
                }
            }
            try matcher.forEachMatch(in: line) { match in
                if match.lowerBound > position { emit(position..<match.lowerBound) }
                emit(match)
                position = max(position, match.upperBound)
            }
            if position < line.count { emit(position..<line.count) }
        }
    }

    /// Isolates every numeric scalar (general category N*), as Rust's `char::is_numeric`.
    static func splitDigits(_ piece: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        var i = 0
        while i < piece.count {
            let (scalar, length) = decodeScalar(piece, at: i)
            if GeneralCategory(scalar).isNumber {
                if i > start { body(UnsafeBufferPointer(rebasing: piece[start..<i])) }
                body(UnsafeBufferPointer(rebasing: piece[i..<(i + length)]))
                start = i + length
            }
            i += length
        }
        if start < piece.count { body(UnsafeBufferPointer(rebasing: piece[start..<piece.count])) }
    }

    /// Decodes the scalar at `i` of valid UTF-8.
    @inline(__always)
    static func decodeScalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
        var v = b0 & (0xFF >> (length + 1))
        for k in 1..<length where i + k < b.count { v = v << 6 | (UInt32(b[i + k]) & 0x3F) }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", length)
    }
}

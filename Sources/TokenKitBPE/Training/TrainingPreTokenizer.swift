import TokenKit

/// How training text is normalized and cut into pretokens before merges are learned.
///
/// It mirrors the Hugging Face pipelines the trainer is checked against: an optional NFC/NFKC
/// normalizer, a split by `pattern` that keeps every piece (HF's `Isolated` behaviour: text
/// between matches becomes pieces too), and optionally every numeric scalar as its own piece
/// (HF's `Digits(individual_digits=True)`).
public struct TrainingPreTokenizer: Sendable, Hashable {
    /// The split pattern: a hand-written scanner for the published patterns, ICU for any other.
    public var pattern: SplitPattern
    /// The normalizer applied to each line first, if any.
    public var normalization: NormalizationForm?
    /// Whether each numeric scalar becomes its own pretoken.
    public var individualDigits: Bool

    /// Creates a pre-tokenizer.
    public init(pattern: SplitPattern = .gpt2, normalization: NormalizationForm? = nil, individualDigits: Bool = false) {
        self.pattern = pattern
        self.normalization = normalization
        self.individualDigits = individualDigits
    }

    /// The pattern written into `tokenizer.json` and its tiktoken sidecar.
    ///
    /// HF runs Split regexes on Oniguruma, which reads tiktoken's newer cl100k spelling
    /// `\p{N}{1,3}+` as "one or more runs of 1–3 digits", not as a possessive; the older
    /// spelling (Llama 3's) splits identically in every engine, so cl100k is exported as it.
    public var exportedPattern: SplitPattern { pattern == .cl100k ? .llama3 : pattern }

    /// Checks that the pattern compiles.
    ///
    /// - Throws: ``TrainingError`` naming the pattern and ICU's complaint.
    public func validate() throws(TrainingError) {
        if case .none = pattern { return }
        do throws(ICUError) {
            _ = try pattern.icuOracle()
        } catch {
            throw TrainingError(.invalidPattern, "the split pattern does not compile: \(error)")
        }
    }

    /// A pattern by name: `gpt2`, `cl100k`, `o200k`, `llama3`, `qwen2` (``SplitPattern/names``).
    ///
    /// - Throws: ``TrainingError/Code/invalidPattern`` listing the names when `name` is none.
    public static func pattern(named name: String) throws(TrainingError) -> SplitPattern {
        do throws(FormatError) {
            return try SplitPattern.named(name)
        } catch {
            throw TrainingError(.invalidPattern, error.message)
        }
    }

    /// A pattern from a regex (a published one runs on its scanner).
    ///
    /// - Throws: ``TrainingError/Code/invalidPattern`` when the regex does not compile.
    public static func pattern(regex: String) throws(TrainingError) -> SplitPattern {
        do throws(FormatError) {
            return try SplitPattern(regex: regex)
        } catch {
            throw TrainingError(.invalidPattern, error.message)
        }
    }

    /// Calls `body` with every pretoken of one line (already normalized), in order.
    ///
    /// The published patterns run on their scanners; any other regex runs on ICU with HF's
    /// `Isolated` semantics (text between matches is a pretoken too).
    func forEachPretoken(
        in line: UnsafeBufferPointer<UInt8>, matcher: ICURegexMatcher?, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(ICUError) {
        guard let matcher else {
            let digits = individualDigits
            try? pattern.split(line, 0..<line.count) { start, end in
                let piece = UnsafeBufferPointer(rebasing: line[start..<end])
                if digits { Self.splitDigits(piece, body) } else { body(piece) }
                return true
            }
            return
        }
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

    /// Decodes the scalar at `i` of valid UTF-8 and returns it with its width in bytes (other
    /// pre-tokenizers that walk validated text share it).
    @inline(__always)
    public static func decodeScalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
        var v = b0 & (0xFF >> (length + 1))
        for k in 1..<length where i + k < b.count { v = v << 6 | (UInt32(b[i + k]) & 0x3F) }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", length)
    }
}

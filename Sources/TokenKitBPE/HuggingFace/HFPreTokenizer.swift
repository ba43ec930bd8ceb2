import TokenKit

/// A Hugging Face pre-tokenizer stage: cuts (and possibly rewrites) pieces of normalized text.
///
/// Pieces are ``AlignedText`` values, so a stage that rewrites (Metaspace's `▁`, ByteLevel's
/// prefix space) keeps offsets into the original input.
public protocol HFPreTokenizer: Sendable {
    /// Appends the pieces `piece` is cut into to `out` (empty pieces are dropped).
    func split(_ piece: AlignedText, into out: inout [AlignedText]) throws(TokenizerError)
}

extension HFPreTokenizer {
    /// Applies the stage to every piece.
    func apply(_ pieces: [AlignedText]) throws(TokenizerError) -> [AlignedText] {
        var out: [AlignedText] = []
        out.reserveCapacity(pieces.count)
        for p in pieces { try split(p, into: &out) }
        return out
    }
}

/// How `Split`-like stages treat the delimiters they find (Hugging Face's
/// `SplitDelimiterBehavior`).
public enum HFSplitBehavior: String, Sendable, CaseIterable {
    /// Delimiters are dropped.
    case removed = "Removed"
    /// Each delimiter is its own piece.
    case isolated = "Isolated"
    /// A delimiter joins the piece before it.
    case mergedWithPrevious = "MergedWithPrevious"
    /// A delimiter joins the piece after it.
    case mergedWithNext = "MergedWithNext"
    /// Runs of delimiters form one piece.
    case contiguous = "Contiguous"

    /// Cuts `text` given its alternating (range, isMatch) list (covering the whole text),
    /// exactly as `NormalizedString::split` does.
    func cut(_ text: AlignedText, _ parts: [(range: Range<Int>, isMatch: Bool)], into out: inout [AlignedText]) {
        var ranges: [Range<Int>] = []
        switch self {
        case .removed:
            ranges = parts.filter { !$0.isMatch }.map(\.range)
        case .isolated:
            ranges = parts.map(\.range)
        case .mergedWithPrevious:
            var previousMatch = false
            for p in parts {
                if p.isMatch && !previousMatch, let last = ranges.last {
                    ranges[ranges.count - 1] = last.lowerBound..<p.range.upperBound
                } else {
                    ranges.append(p.range)
                }
                previousMatch = p.isMatch
            }
        case .mergedWithNext:
            var previousMatch = false
            for p in parts.reversed() {
                if p.isMatch && !previousMatch, let last = ranges.last {
                    ranges[ranges.count - 1] = p.range.lowerBound..<last.upperBound
                } else {
                    ranges.append(p.range)
                }
                previousMatch = p.isMatch
            }
            ranges.reverse()
        case .contiguous:
            var previousMatch = false
            for p in parts {
                if p.isMatch == previousMatch, let last = ranges.last {
                    ranges[ranges.count - 1] = last.lowerBound..<p.range.upperBound
                } else {
                    ranges.append(p.range)
                }
                previousMatch = p.isMatch
            }
        }
        for r in ranges where !r.isEmpty { out.append(text.slice(r)) }
    }

    /// The alternating list for `matches` in a text of `count` bytes (HF `find_matches`).
    static func parts(_ matches: [Range<Int>], count: Int, invert: Bool) -> [(range: Range<Int>, isMatch: Bool)] {
        if count == 0 { return [(0..<0, invert)] }
        var out: [(range: Range<Int>, isMatch: Bool)] = []
        out.reserveCapacity(matches.count * 2 + 1)
        var previous = 0
        for m in matches {
            if previous != m.lowerBound { out.append((previous..<m.lowerBound, invert)) }
            out.append((m, !invert))
            previous = m.upperBound
        }
        if previous != count { out.append((previous..<count, invert)) }
        return out
    }

    /// The alternating list where each scalar satisfying `isDelimiter` is one match.
    static func parts(scalarsOf bytes: [UInt8], where isDelimiter: (Unicode.Scalar) -> Bool) -> [(range: Range<Int>, isMatch: Bool)] {
        var matches: [Range<Int>] = []
        for (s, r) in AlignedText.scalars(bytes) where isDelimiter(s) { matches.append(r) }
        return parts(matches, count: bytes.count, invert: false)
    }
}

/// `Split`: cuts on a pattern (literal or regex) with a delimiter behavior, optionally inverted.
///
/// When the regex is one whose matches a faster scanner reproduces, that scanner is used
/// instead of ICU (same pieces; the scanners are fuzzed against ICU).
public struct HFSplit: HFPreTokenizer {
    /// The pattern.
    public let pattern: HFPattern
    /// What happens to delimiters.
    public let behavior: HFSplitBehavior
    /// Whether the pattern marks the pieces to keep rather than the delimiters.
    public let invert: Bool
    /// A faster equivalent of the regex, if known.
    let scanner: (@Sendable ([UInt8]) -> [Range<Int>])?

    /// Creates the stage.
    public init(pattern: HFPattern, behavior: HFSplitBehavior, invert: Bool) {
        self.pattern = pattern
        self.behavior = behavior
        self.invert = invert
        self.scanner = nil
    }

    init(pattern: HFPattern, behavior: HFSplitBehavior, invert: Bool, scanner: (@Sendable ([UInt8]) -> [Range<Int>])?) {
        self.pattern = pattern
        self.behavior = behavior
        self.invert = invert
        self.scanner = scanner
    }

    public func split(_ piece: AlignedText, into out: inout [AlignedText]) throws(TokenizerError) {
        let matches: [Range<Int>]
        if let scanner { matches = scanner(piece.bytes) } else { matches = try pattern.matches(in: piece.bytes) }
        behavior.cut(piece, HFSplitBehavior.parts(matches, count: piece.count, invert: invert), into: &out)
    }
}

/// `Digits`: numbers apart from the rest, each digit alone or runs together.
public struct HFDigits: HFPreTokenizer {
    /// One piece per digit.
    public let individualDigits: Bool

    /// Creates the stage.
    public init(individualDigits: Bool) { self.individualDigits = individualDigits }

    public func split(_ piece: AlignedText, into out: inout [AlignedText]) throws(TokenizerError) {
        let parts = HFSplitBehavior.parts(scalarsOf: piece.bytes) { GeneralCategory($0).isNumber }
        (individualDigits ? HFSplitBehavior.isolated : .contiguous).cut(piece, parts, into: &out)
    }
}

/// `Punctuation`: punctuation characters as delimiters (Rust's ASCII punctuation or Unicode
/// punctuation categories).
public struct HFPunctuation: HFPreTokenizer {
    /// What happens to the punctuation.
    public let behavior: HFSplitBehavior

    /// Creates the stage.
    public init(behavior: HFSplitBehavior) { self.behavior = behavior }

    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 {
            return (0x21...0x2F).contains(v) || (0x3A...0x40).contains(v) || (0x5B...0x60).contains(v) || (0x7B...0x7E).contains(v)
        }
        return s.isHFPunctuation
    }

    public func split(_ piece: AlignedText, into out: inout [AlignedText]) throws(TokenizerError) {
        behavior.cut(piece, HFSplitBehavior.parts(scalarsOf: piece.bytes, where: Self.isPunctuation), into: &out)
    }
}

/// `WhitespaceSplit`: cuts on white space, which is dropped.
public struct HFWhitespaceSplit: HFPreTokenizer {
    /// Creates the stage.
    public init() {}

    public func split(_ piece: AlignedText, into out: inout [AlignedText]) throws(TokenizerError) {
        HFSplitBehavior.removed.cut(piece, HFSplitBehavior.parts(scalarsOf: piece.bytes) { $0.isHFWhitespace }, into: &out)
    }
}

/// `Whitespace`: the pieces of `\w+|[^\w\s]+`; white space is dropped.
public struct HFWhitespace: HFPreTokenizer {
    /// Creates the stage.
    public init() {}

    /// 0 white space, 1 word character, 2 anything else.
    static func kind(_ s: Unicode.Scalar) -> Int {
        if s.value < 0x80 {
            let v = s.value
            if v == 0x20 || (0x09...0x0D).contains(v) { return 0 }
            if (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || v == 0x5F { return 1 }
            return 2
        }
        if s.properties.isWhitespace { return 0 }
        let c = GeneralCategory(s)
        // Oniguruma's Unicode \w: letters, marks, numbers, connector punctuation, join controls.
        if c.isLetter || c.isMark || c.isNumber || c == .connectorPunctuation || s.properties.isAlphabetic
            || s.value == 0x200C || s.value == 0x200D { return 1 }
        return 2
    }

    public func split(_ piece: AlignedText, into out: inout [AlignedText]) throws(TokenizerError) {
        var runStart = 0
        var runKind = -1
        for (s, r) in AlignedText.scalars(piece.bytes) {
            let k = Self.kind(s)
            if k != runKind {
                if runKind > 0 { out.append(piece.slice(runStart..<r.lowerBound)) }
                runStart = r.lowerBound
                runKind = k
            }
        }
        if runKind > 0 { out.append(piece.slice(runStart..<piece.count)) }
    }
}

/// `Metaspace`: spaces become the replacement character (`▁`), a prefix is added by the
/// prepend scheme, and pieces start at each replacement character when `split` is on.
public struct HFMetaspace: HFPreTokenizer {
    /// When the replacement is put in front of a piece.
    public enum PrependScheme: String, Sendable {
        /// Always.
        case always
        /// Only in front of the first piece of the input.
        case first
        /// Never.
        case never
    }

    /// The replacement character's UTF-8.
    public let replacement: [UInt8]
    /// The prepend scheme.
    public let prependScheme: PrependScheme
    /// Whether pieces are cut before each replacement.
    public let splitPieces: Bool

    /// Creates the stage.
    public init(replacement: [UInt8], prependScheme: PrependScheme, split: Bool) {
        self.replacement = replacement
        self.prependScheme = prependScheme
        self.splitPieces = split
    }

    public func split(_ piece: AlignedText, into out: inout [AlignedText]) throws(TokenizerError) {
        var text = piece
        let spaces = try HFPattern.literal([0x20]).matches(in: text.bytes)
        if !spaces.isEmpty { text = HFReplace.replacing(spaces, with: replacement, in: text) }
        let startsWithReplacement = text.bytes.starts(with: replacement)
        switch prependScheme {
        case .always where !startsWithReplacement:
            text = HFPrepend.prepending(replacement, to: text)
        case .first where !startsWithReplacement && text.originalRange(of: 0..<0).lowerBound == 0:
            text = HFPrepend.prepending(replacement, to: text)
        default: break
        }
        if splitPieces {
            let matches = try HFPattern.literal(replacement).matches(in: text.bytes)
            HFSplitBehavior.mergedWithNext.cut(text, HFSplitBehavior.parts(matches, count: text.count, invert: false), into: &out)
        } else if !text.isEmpty {
            out.append(text)
        }
    }
}

/// `ByteLevel`: optional prefix space, optional GPT-2 split; the byte-to-character mapping is
/// implicit (the model's vocabulary is converted to raw bytes once, at load time).
public struct HFByteLevelPreTokenizer: HFPreTokenizer {
    /// Whether a space is put in front of each piece that does not start with one.
    public let addPrefixSpace: Bool
    /// Whether pieces are cut with the GPT-2 pattern.
    public let useRegex: Bool
    let gpt2: HFSplit

    /// The GPT-2 split pattern, as Hugging Face writes it.
    public static let gpt2Pattern =
        "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"

    init(addPrefixSpace: Bool, useRegex: Bool, gpt2: HFSplit) {
        self.addPrefixSpace = addPrefixSpace
        self.useRegex = useRegex
        self.gpt2 = gpt2
    }

    public func split(_ piece: AlignedText, into out: inout [AlignedText]) throws(TokenizerError) {
        var text = piece
        if addPrefixSpace && text.bytes.first != 0x20 { text = HFPrepend.prepending([0x20], to: text) }
        if useRegex {
            try gpt2.split(text, into: &out)
        } else if !text.isEmpty {
            out.append(text)
        }
    }
}

/// `Sequence`: pre-tokenizers applied in order.
public struct HFPreTokenizerSequence: HFPreTokenizer {
    /// The stages.
    public let stages: [any HFPreTokenizer]

    /// Creates the stage.
    public init(_ stages: [any HFPreTokenizer]) { self.stages = stages }

    public func split(_ piece: AlignedText, into out: inout [AlignedText]) throws(TokenizerError) {
        var pieces = [piece]
        for s in stages { pieces = try s.apply(pieces) }
        out.append(contentsOf: pieces)
    }
}

import TokenKit

/// Representative continuations `z` for deciding *prefix-validity* (`t` is a prefix of
/// `enc(decode(t)·z)` for some `z`) under a streaming pre-tokenizer.
///
/// A regex pre-tokenizer (GPT-2, cl100k, o200k) decides where a piece ends by looking at the
/// characters after it: a whitespace run gives back its last character before a non-space
/// (`\s+(?!\S)`), a non-letter joins following letters (cl100k/o200k), a `'` becomes a
/// contraction (`'s 'll 're`, case-insensitive, also `'ſ`), upper- then lower-case letters join
/// (o200k), digits group by three, an incomplete UTF-8 character becomes a letter, a space or a
/// symbol. What matters for the pieces is the *class* of the next one or two characters, and for
/// the BPE inside the last, truncated piece, whether some continuation leaves a token boundary at
/// the end of the text: both are covered by trying, per class, common and rare characters (rare
/// ones merge with nothing, so a truncated piece keeps its boundary). The set is:
///
/// - `ε`;
/// - ``singles``: one character of every class the published patterns distinguish (space, other
///   horizontal whitespace, `\r`, `\n`, `/`, `'`, the contraction letters in both cases, `ſ`,
///   lower/upper/title/modifier/other letters, marks, decimal/other/letter numbers, punctuation,
///   symbols, control characters, 2-, 3- and 4-byte characters of each, stray continuation and lead
///   bytes, `0xFF`);
/// - ``pairs``: two characters from a core set (whitespace, letters, digits, `'`, punctuation,
///   a rare letter, a stray byte) and the two-letter contraction tails;
/// - when the text ends inside a UTF-8 character: its completions, one per (general category,
///   white-space) class and the first and last in each class, each alone and followed by a letter,
///   a space, a digit or a newline.
///
/// Deciding over this set is *sound* (a match proves prefix-validity); completeness is what the
/// property tests check against larger sets (`BPEPropertyTests`).
public struct ContinuationSet: Sendable, Hashable {
    /// Continuations tried for every text (the empty continuation first).
    public let generic: [[UInt8]]

    /// A set from explicit continuations (the empty one is added first).
    public init(_ continuations: [[UInt8]]) {
        var seen = Set<[UInt8]>([[]])
        generic = [[]] + continuations.filter { seen.insert($0).inserted }
    }

    /// One character per class of the GPT-2, cl100k and o200k patterns, common and rare.
    public static let singles: [[UInt8]] = [
        // whitespace
        " ", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2028}", "\u{3000}", "\n", "\r",
        // letters: the contraction letters in both cases, then rarer ones per class
        "a", "s", "t", "m", "d", "l", "v", "r", "e", "q", "S", "T", "M", "D", "L", "V", "R", "E", "A", "Q",
        "ſ", "ß", "é", "É", "ǅ", "ʰ", "ǂ", "ꀀ", "日", "\u{10428}", "\u{10400}", "\u{1D400}",
        // marks
        "\u{0301}", "\u{20DD}", "\u{0903}",
        // numbers
        "0", "1", "7", "٣", "²", "Ⅻ", "\u{1D7CE}",
        // punctuation, symbols, controls
        "!", "'", "/", ".", "-", "\"", "\u{0}", "\u{7F}", "☃", "€", "\u{1D11E}", "\u{FFFD}",
    ].map { Array($0.utf8) } + [[0x80], [0xBF], [0xC3], [0xE2], [0xF0], [0xFF]]

    /// The core characters whose pairs are tried.
    public static let core: [[UInt8]] = [" ", "\t", "\n", "\r", "a", "A", "1", "!", "'", "ǂ", "\u{A0}"].map { Array($0.utf8) } + [[0x80]]

    /// Two-character continuations: every pair of ``core`` characters and the contraction tails.
    public static let pairs: [[UInt8]] = {
        var out: [[UInt8]] = []
        for a in core { for b in core { out.append(a + b) } }
        for s in ["ll", "LL", "lL", "Ll", "ve", "VE", "re", "RE", "tt", "ss"] { out.append(Array(s.utf8)) }
        return out
    }()

    /// The set for the GPT-2, cl100k and o200k pre-tokenizers: ``singles`` and ``pairs``.
    public static let regexPreTokenizers = ContinuationSet(singles + pairs)

    /// The continuations to try after `text`: ``generic`` and, when `text` ends inside a UTF-8
    /// character, that character's completions (with one following character).
    ///
    /// - Complexity: O(|generic|), plus up to 4,096 scalar classifications when a character misses
    ///   two bytes (a 3-byte lead byte alone, or a 4-byte lead with one continuation byte).
    public func continuations(after text: ArraySlice<UInt8>) -> [[UInt8]] {
        guard let partial = Self.incompleteCharacter(at: text) else { return generic }
        var out = generic
        for completion in Self.completions(of: partial) {
            out.append(completion)
            for follower in [[0x61], [0x20], [0x31], [0x0A]] as [[UInt8]] { out.append(completion + follower) }
        }
        return out
    }

    /// The bytes of the incomplete UTF-8 character `text` ends with (a lead byte and fewer
    /// continuation bytes than it needs, all still valid), or `nil`.
    static func incompleteCharacter(at text: ArraySlice<UInt8>) -> [UInt8]? {
        var i = text.endIndex
        var k = 0
        while i > text.startIndex && k < 3 {
            let b = text[i - 1]
            if b & 0xC0 != 0x80 { break }
            i -= 1; k += 1
        }
        guard i > text.startIndex else { return nil }
        let lead = text[i - 1]
        let need: Int
        switch lead {
        case 0xC2...0xDF: need = 1
        case 0xE0...0xEF: need = 2
        case 0xF0...0xF4: need = 3
        default: return nil
        }
        guard k < need else { return nil }
        let partial = Array(text[(i - 1)...])
        if k >= 1 {
            let b1 = partial[1]
            switch lead {
            case 0xE0: if b1 < 0xA0 { return nil }
            case 0xED: if b1 > 0x9F { return nil }
            case 0xF0: if b1 < 0x90 { return nil }
            case 0xF4: if b1 > 0x8F { return nil }
            default: break
            }
        }
        return partial
    }

    /// Completions (the missing bytes only) of `partial` to valid scalars: per class (general
    /// category, white space) the first and the last in byte order. With three bytes missing, the
    /// second byte is enumerated and the last two take the values 0x80, 0x9F, 0xA0, 0xBF.
    static func completions(of partial: [UInt8]) -> [[UInt8]] {
        let need = utf8Length(partial[0]) - partial.count
        guard need > 0 else { return [] }
        var first: [UInt16: [UInt8]] = [:]
        var last: [UInt16: [UInt8]] = [:]
        var order: [UInt16] = []
        let sample: [UInt8] = [0x80, 0x9F, 0xA0, 0xBF]
        func visit(_ tail: [UInt8]) {
            guard let scalar = decode(partial + tail) else { return }
            let key = UInt16(GeneralCategory(scalar).rawValue) << 1 | (scalar.isUnicodeWhiteSpace ? 1 : 0)
            if first[key] == nil { first[key] = tail; order.append(key) }
            last[key] = tail
        }
        switch need {
        case 1:
            for a in UInt8(0x80)...0xBF { visit([a]) }
        case 2:
            for a in UInt8(0x80)...0xBF { for b in UInt8(0x80)...0xBF { visit([a, b]) } }
        default:
            for a in UInt8(0x80)...0xBF { for b in sample { for c in sample { visit([a, b, c]) } } }
        }
        var out: [[UInt8]] = []
        for key in order {
            if let f = first[key] { out.append(f) }
            if let l = last[key], l != first[key] { out.append(l) }
        }
        return out
    }

    static func utf8Length(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 1
        }
    }

    /// The scalar of one complete, valid UTF-8 sequence, or `nil`.
    static func decode(_ b: [UInt8]) -> Unicode.Scalar? {
        var v: UInt32
        switch b.count {
        case 2: v = UInt32(b[0] & 0x1F) << 6 | UInt32(b[1] & 0x3F); if v < 0x80 { return nil }
        case 3: v = UInt32(b[0] & 0x0F) << 12 | UInt32(b[1] & 0x3F) << 6 | UInt32(b[2] & 0x3F); if v < 0x800 { return nil }
        case 4:
            v = UInt32(b[0] & 0x07) << 18 | UInt32(b[1] & 0x3F) << 12 | UInt32(b[2] & 0x3F) << 6 | UInt32(b[3] & 0x3F)
            if v < 0x10000 { return nil }
        default: return nil
        }
        for c in b.dropFirst() where c & 0xC0 != 0x80 { return nil }
        return Unicode.Scalar(v)
    }
}

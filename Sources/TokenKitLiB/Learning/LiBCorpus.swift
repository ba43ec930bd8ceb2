import TokenKit

/// Sentences prepared for the LiB learner as the reference's demo prepares them (spec §1.3).
///
/// The text is cut into lines at `\n`; each line is stripped of surrounding whitespace (Python
/// `str.strip()`), split at single spaces (Python `split(' ')`, so two spaces make an empty
/// token), and every token gets the divider (a space) appended back, unless
/// ``removeDivider`` is set (Chinese, pitfall L10), in which case the tokens are simply joined.
/// So `"you want to see the book"` becomes `"you want to see the book "`.
///
/// Lines that are empty after stripping are skipped (the reference's behaviour on blank lines
/// was not checked; the corpora it was run on have none).
public struct LiBCorpus: Sendable {
    /// The prepared sentences, as Unicode scalars.
    public var sentences: [[Unicode.Scalar]]
    /// Whether token dividers were removed.
    public let removeDivider: Bool

    /// Prepares a corpus from text.
    public init(text: String, removeDivider: Bool = false) {
        self.removeDivider = removeDivider
        var sentences: [[Unicode.Scalar]] = []
        var line: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if let s = Self.prepare(line, removeDivider: removeDivider) { sentences.append(s) }
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(scalar)
            }
        }
        if let s = Self.prepare(line, removeDivider: removeDivider) { sentences.append(s) }
        self.sentences = sentences
    }

    /// Prepares a corpus from UTF-8 bytes.
    ///
    /// - Throws: ``LiBError`` with code `invalidUTF8` and the byte offset of the first bad byte.
    public init(utf8 bytes: [UInt8], removeDivider: Bool = false, name: String = "corpus") throws(LiBError) {
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw LiBError(.invalidUTF8, "\(name): invalid UTF-8 at byte \(bad)")
        }
        self.init(text: String(decoding: bytes, as: UTF8.self), removeDivider: removeDivider)
    }

    /// Wraps sentences that are already prepared.
    public init(sentences: [String]) {
        self.sentences = sentences.map { Array($0.unicodeScalars) }
        self.removeDivider = false
    }

    /// The first `count` sentences: the reference's default test set (10).
    public func testSentences(_ count: Int = 10) -> [[Unicode.Scalar]] {
        Array(sentences.prefix(count))
    }

    /// The total number of scalars.
    public var scalarCount: Int { sentences.reduce(0) { $0 + $1.count } }

    static func prepare(_ line: [Unicode.Scalar], removeDivider: Bool) -> [Unicode.Scalar]? {
        var lo = 0, hi = line.count
        while lo < hi && isPythonSpace(line[lo]) { lo += 1 }
        while hi > lo && isPythonSpace(line[hi - 1]) { hi -= 1 }
        if lo == hi { return nil }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(hi - lo + 1)
        for s in line[lo..<hi] where !(removeDivider && s == " ") { out.append(s) }
        // split(' ') then appending ' ' to every token and joining = the line plus one space.
        if !removeDivider { out.append(" ") }
        return out
    }

    /// Python's `str.isspace()` for one code point (what `strip()` removes).
    public static func isPythonSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}

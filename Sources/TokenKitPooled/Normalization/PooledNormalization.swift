import TokenKit

/// How text is cut into the words that a word-pooled model pools.
///
/// The two presets reproduce the reference pipeline of "Learn Your Tokens" (eTok) exactly; they
/// are lossy (spacing around punctuation and newlines is gone, long words become `@`, Latin words
/// are deleted). ``clean`` keeps every byte: the words tile the input, so decoding gives the
/// input back.
public enum PooledNormalization: Sendable, Hashable {
    /// The reference's `eDataset_nat` preset (English experiments): `\n`, `<unk>`, `=`, `@-@`
    /// become spaces; `:` `,` `;` `.` `!` `'` `--` `?` become words of their own; spaces
    /// collapse; the text is stripped; words longer than 9 scalars become `@`.
    case eDatasetNat
    /// The reference's `myDataset` preset: as above with the alternatives `-` `{` `}:` `,` `;`
    /// `.` `!` `'` `--` `?` (so `--` becomes two `-` words), no `@` replacement, and — when
    /// `deletingLatinWords` (the reference as shipped) — every word containing an ASCII letter
    /// deleted.
    case myDataset(deletingLatinWords: Bool)
    /// ICU word boundaries (UAX #29); every segment, spaces and punctuation included, is a word.
    case clean

    /// The preset's name as the CLI spells it.
    public var name: String {
        switch self {
        case .eDatasetNat: "edataset-nat"
        case .myDataset(let deleting): deleting ? "mydataset" : "mydataset-keep-latin"
        case .clean: "clean"
        }
    }

    /// Whether the words tile the input, so that their concatenation is the input.
    public var keepsAllText: Bool { self == .clean }
}

/// One word: a contiguous byte range of the input, or a replacement standing for one.
public struct PooledWord: Sendable, Hashable {
    /// The bytes of the input the word comes from.
    public var range: Range<Int>
    /// The word's text when it is not `input[range]` (`@` for an over-long word in `eDataset_nat`).
    public var replacement: [UInt8]?

    /// Creates a word.
    public init(range: Range<Int>, replacement: [UInt8]? = nil) {
        self.range = range
        self.replacement = replacement
    }

    /// The word's bytes within `input`.
    public func bytes(in input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        replacement ?? Array(input[range])
    }
}

extension PooledNormalization {
    /// Cuts valid UTF-8 text into words.
    ///
    /// For the presets, every word is a contiguous piece of the input (the reference only
    /// inserts and collapses spaces around words, and replaces over-long words with `@`), so
    /// words come back as byte ranges and the pipeline never copies the text. An input whose
    /// normalized text is empty has no words (the reference's `"".split(" ")` gives one empty
    /// word; an empty word has nothing to pool, so TokenKit leaves it out).
    ///
    /// - Parameter bytes: Valid UTF-8 (the caller validates).
    /// - Throws: `ICUError` from the word breaker in ``clean`` mode.
    /// - Complexity: O(*n*).
    public func words(in bytes: UnsafeBufferPointer<UInt8>) throws(ICUError) -> [PooledWord] {
        switch self {
        case .clean:
            return try WordBreaker.segments(in: bytes).map { PooledWord(range: $0.range) }
        case .eDatasetNat:
            let pieces = PresetScanner.pieces(bytes, alternatives: PresetScanner.eDatasetAlternatives)
            let stripped = PresetScanner.strip(pieces, in: bytes)
            return stripped.map { range in
                PresetScanner.scalarCount(bytes, range) > 9 ? PooledWord(range: range, replacement: [UInt8(ascii: "@")])
                                                            : PooledWord(range: range)
            }
        case .myDataset(let deleting):
            var pieces = PresetScanner.pieces(bytes, alternatives: PresetScanner.myDatasetAlternatives)
            if deleting {
                pieces.removeAll { range in bytes[range].contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } }
            }
            return PresetScanner.strip(pieces, in: bytes).map { PooledWord(range: $0) }
        }
    }

    /// Words of a string.
    public func words(in text: String) throws(ICUError) -> [String] {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(ICUError) -> [String] in
                try words(in: buffer).map { String(decoding: $0.bytes(in: buffer), as: UTF8.self) }
            }
        }
        return try result.get()
    }
}

/// The reference presets as one left-to-right scan.
///
/// The reference applies `str.replace` four times, then one `re.sub` that pads an alternation
/// with spaces, then collapses spaces and strips. None of the replaced strings overlaps another
/// or a padded alternative once replaced (the replacement is a space, which no pattern
/// contains), so one scan that tries the replaced strings, then the alternatives in the
/// regex's order, at every position is equivalent — and it yields word ranges directly.
enum PresetScanner {
    /// Replaced by a space before padding, in the reference's order.
    static let replaced: [[UInt8]] = ["\n", "<unk>", "=", "@-@"].map { Array($0.utf8) }
    /// `(:|,|;|\.|\n|!|'|--|\?)`; `\n` is gone by then.
    static let eDatasetAlternatives: [[UInt8]] = [":", ",", ";", ".", "!", "'", "--", "?"].map { Array($0.utf8) }
    /// `(-|{|}:|,|;|\.|!|'|--|\?)`: `-` comes before `--`, so `--` is two `-` words.
    static let myDatasetAlternatives: [[UInt8]] = ["-", "{", "}:", ",", ";", ".", "!", "'", "--", "?"].map { Array($0.utf8) }

    @inline(__always)
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ p: [UInt8]) -> Bool {
        if i + p.count > bytes.count { return false }
        for k in 0..<p.count where bytes[i + k] != p[k] { return false }
        return true
    }

    /// The space-separated pieces after replacement and padding (no empty pieces: collapsing
    /// spaces and `split(" ")` never leave one inside the text).
    static func pieces(_ bytes: UnsafeBufferPointer<UInt8>, alternatives: [[UInt8]]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0  // start of the current piece
        var i = 0
        func close(_ end: Int) {
            if end > start { out.append(start..<end) }
        }
        // Bytes that can start a space, a replaced string or an alternative; others are skipped fast.
        var starts = [Bool](repeating: false, count: 256)
        starts[0x20] = true
        for p in replaced + alternatives { starts[Int(p[0])] = true }
        scan: while i < bytes.count {
            if !starts[Int(bytes[i])] { i += 1; continue }
            if bytes[i] == 0x20 {
                close(i); i += 1; start = i; continue
            }
            for r in replaced where hasPrefix(bytes, at: i, r) {
                close(i); i += r.count; start = i; continue scan
            }
            for a in alternatives where hasPrefix(bytes, at: i, a) {
                close(i)
                out.append(i..<(i + a.count))
                i += a.count; start = i; continue scan
            }
            i += 1
        }
        close(i)
        return out
    }

    /// Python's `str.strip()` on the joined text: leading and trailing `isspace()` characters
    /// go, and pieces that become empty with them.
    static func strip(_ pieces: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var pieces = pieces[...]
        while let first = pieces.first {
            var lo = first.lowerBound
            while lo < first.upperBound, let (scalar, n) = scalar(bytes, lo), PythonSpace.isSpace(scalar) { lo += n }
            if lo == first.upperBound { pieces.removeFirst(); continue }
            pieces[pieces.startIndex] = lo..<first.upperBound
            break
        }
        while let last = pieces.last {
            var hi = last.upperBound
            while hi > last.lowerBound, let (scalar, n) = scalarBefore(bytes, hi), PythonSpace.isSpace(scalar) { hi -= n }
            if hi == last.lowerBound { pieces.removeLast(); continue }
            pieces[pieces.endIndex - 1] = last.lowerBound..<hi
            break
        }
        return Array(pieces)
    }

    /// The number of Unicode scalars (Python `len`) in a valid UTF-8 range.
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var n = 0
        for i in range where bytes[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// The scalar starting at `i` in valid UTF-8 and its length.
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int)? {
        guard i < bytes.count else { return nil }
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
        guard i + n <= bytes.count else { return nil }
        var v = b0 & (0xFF >> UInt32(n + 1))
        for k in 1..<n { v = (v << 6) | (UInt32(bytes[i + k]) & 0x3F) }
        return (v, n)
    }

    /// The scalar ending at `end` in valid UTF-8 and its length.
    static func scalarBefore(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> (UInt32, Int)? {
        var s = end - 1
        while s > 0 && bytes[s] & 0xC0 == 0x80 && end - s < 4 { s -= 1 }
        guard s >= 0, let (v, n) = scalar(bytes, s), s + n == end else { return nil }
        return (v, n)
    }
}

/// Python's `str.isspace()`: bidirectional class WS, B or S, or category Zs.
enum PythonSpace {
    static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default:
            false
        }
    }
}

import TokenKit

/// A hand-written pre-tokenizer for one published split pattern: given a position, where does
/// the regex's next match end?
///
/// Scanners work on raw UTF-8 (``ScalarClass/at(_:_:_:_:)``), never build strings, and give
/// exactly the matches of the reference regex (tested against ICU on corpora and random
/// strings). The text is covered without gaps, as `findall` would, because every pattern has
/// a catch-all last alternative.
@usableFromInline
protocol PieceScanner {
    /// The end of the match that starts at `i` (`i < n`); always `> i`.
    static func pieceEnd(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ t: UnsafeMutablePointer<UInt8>) -> Int
}

extension PieceScanner {
    /// Calls `body` with each piece of `p[start..<end]`; stops early when `body` returns `false`.
    @inline(__always) @usableFromInline
    static func forEachPiece(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ body: (Int, Int) -> Bool) {
        let t = ScalarClass.bmp
        var i = start
        while i < end {
            let e = pieceEnd(p, i, end, t)
            if !body(i, e) { return }
            i = e
        }
    }
}

/// Shared pieces of the GPT-style patterns.
@usableFromInline
enum ScanRules {
    /// `'s|'t|'re|'ve|'m|'ll|'d` at `i` (which holds `'`): the end of the match, or `nil`.
    ///
    /// With `caseInsensitive` this is `(?i:…)`: also upper case, and `ſ` (U+017F), which
    /// simple case folding maps to `s` — the references match `'ſ` as a contraction.
    @inline(__always) @usableFromInline
    static func contraction(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, caseInsensitive: Bool) -> Int? {
        guard i + 1 < n else { return nil }
        let fold: UInt8 = caseInsensitive ? 0x20 : 0
        let c = p[i + 1] | fold
        switch c {
        case UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "m"), UInt8(ascii: "d"):
            return i + 2
        case UInt8(ascii: "r"), UInt8(ascii: "v"), UInt8(ascii: "l"):
            guard i + 2 < n else { return nil }
            let d = p[i + 2] | fold
            if c == UInt8(ascii: "r") && d == UInt8(ascii: "e") { return i + 3 }
            if c == UInt8(ascii: "v") && d == UInt8(ascii: "e") { return i + 3 }
            if c == UInt8(ascii: "l") && d == UInt8(ascii: "l") { return i + 3 }
            return nil
        case 0xC5 | 0x20 where caseInsensitive:
            // U+017F LATIN SMALL LETTER LONG S is C5 BF.
            if p[i + 1] == 0xC5 && i + 2 < n && p[i + 2] == 0xBF { return i + 3 }
            return nil
        default:
            return nil
        }
    }

    /// Advances over scalars whose flags intersect `mask`.
    @inline(__always) @usableFromInline
    static func run(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ t: UnsafeMutablePointer<UInt8>, _ mask: UInt8) -> Int {
        var j = i
        while j < n {
            let (f, l) = ScalarClass.at(p, j, n, t)
            if f & mask == 0 { break }
            j += l
        }
        return j
    }

    /// Advances over scalars that are neither whitespace, letters nor numbers (`[^\s\p{L}\p{N}]`).
    @inline(__always) @usableFromInline
    static func otherRun(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ t: UnsafeMutablePointer<UInt8>) -> Int {
        var j = i
        while j < n {
            let (f, l) = ScalarClass.at(p, j, n, t)
            if f & (ScalarClass.letter | ScalarClass.number | ScalarClass.space) != 0 { break }
            j += l
        }
        return j
    }

    /// The whitespace alternatives at `i` (a whitespace scalar): `\s++$` (when `endRunWhole`,
    /// tiktoken 0.14's cl100k and r50k spelling), `\s*[\r\n]+` (when `newlineRule`), then
    /// `\s+(?!\S)`, then `\s+`.
    ///
    /// `\s*[\r\n]+` backtracks to the last newline of the run and takes it (and nothing after);
    /// `\s+(?!\S)` gives back the run's last scalar unless the run ends the text.
    @inline(__always) @usableFromInline
    static func whitespace(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ t: UnsafeMutablePointer<UInt8>, newlineRule: Bool, endRunWhole: Bool = false) -> Int {
        var j = i
        var lastStart = i
        var lastNewlineEnd = -1
        while j < n {
            let b = p[j]
            if b < 0x80 {
                let f = t[Int(b)]
                if f & ScalarClass.space == 0 { break }
                if f & ScalarClass.newline != 0 { lastNewlineEnd = j + 1 }
                lastStart = j
                j += 1
            } else {
                let (f, l) = ScalarClass.at(p, j, n, t)
                if f & ScalarClass.space == 0 { break }
                lastStart = j
                j += l
            }
        }
        if endRunWhole && j == n { return j }
        if newlineRule && lastNewlineEnd > 0 { return lastNewlineEnd }
        if j == n { return j }
        return lastStart > i ? lastStart : j
    }
}

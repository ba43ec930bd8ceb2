/// The cl100k_base split pattern as tiktoken 0.14 spells it:
///
/// ```
/// '(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s
/// ```
///
/// It differs from the older spelling (kept by Llama 3, ``Llama3Scanner``) in one place:
/// `\s++$` makes trailing whitespace one piece even when it holds a newline (`"a\n  "` →
/// `a`, `\n  `; the old spelling gives `a`, `\n`, `  `).
@usableFromInline
struct CL100KScanner: PieceScanner {
    @inline(__always) @usableFromInline
    static func pieceEnd(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ t: UnsafeMutablePointer<UInt8>) -> Int {
        scan(p, i, n, t, maxDigits: 3, endRunWhole: true)
    }

    @inline(__always) @usableFromInline
    static func scan(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ t: UnsafeMutablePointer<UInt8>, maxDigits: Int, endRunWhole: Bool) -> Int {
        if p[i] == UInt8(ascii: "'"), let e = ScanRules.contraction(p, i, n, caseInsensitive: true) { return e }
        let (f, l) = ScalarClass.at(p, i, n, t)
        if f & ScalarClass.letter != 0 {
            return ScanRules.run(p, i + l, n, t, ScalarClass.letter)
        }
        if f & (ScalarClass.number | ScalarClass.newline) == 0 && i + l < n {
            let (g, _) = ScalarClass.at(p, i + l, n, t)
            if g & ScalarClass.letter != 0 { return ScanRules.run(p, i + l, n, t, ScalarClass.letter) }
        }
        if f & ScalarClass.number != 0 {
            var j = i + l
            var k = 1
            while k < maxDigits && j < n {
                let (g, m) = ScalarClass.at(p, j, n, t)
                if g & ScalarClass.number == 0 { break }
                j += m
                k += 1
            }
            return j
        }
        // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
        var k = -1
        if f & ScalarClass.space == 0 {
            k = i
        } else if p[i] == 0x20 && i + 1 < n {
            let (g, _) = ScalarClass.at(p, i + 1, n, t)
            if g & (ScalarClass.letter | ScalarClass.number | ScalarClass.space) == 0 { k = i + 1 }
        }
        if k >= 0 {
            var j = ScanRules.otherRun(p, k, n, t)
            while j < n && (p[j] == 0x0A || p[j] == 0x0D) { j += 1 }
            return j
        }
        return ScanRules.whitespace(p, i, n, t, newlineRule: true, endRunWhole: endRunWhole)
    }
}

/// Qwen2's split pattern: cl100k's with `\p{N}` (one digit per piece) instead of `\p{N}{1,3}`.
@usableFromInline
struct Qwen2Scanner: PieceScanner {
    @inline(__always) @usableFromInline
    static func pieceEnd(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ t: UnsafeMutablePointer<UInt8>) -> Int {
        CL100KScanner.scan(p, i, n, t, maxDigits: 1, endRunWhole: false)
    }
}

/// Llama 3's split pattern: cl100k's older spelling,
///
/// ```
/// (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
/// ```
@usableFromInline
struct Llama3Scanner: PieceScanner {
    @inline(__always) @usableFromInline
    static func pieceEnd(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ t: UnsafeMutablePointer<UInt8>) -> Int {
        CL100KScanner.scan(p, i, n, t, maxDigits: 3, endRunWhole: false)
    }
}

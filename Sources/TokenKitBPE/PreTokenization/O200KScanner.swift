/// The o200k_base split pattern (also Llama 4's):
///
/// ```
/// [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
/// |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
/// |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
/// ```
///
/// The first two alternatives backtrack: `U*` gives back scalars until `W+` can match, so the
/// match ends after the last `W` scalar of the `U` run when the run is not followed by `\p{Ll}`.
/// The regex tries: first alternative with the optional prefix, then without it, then the
/// second alternative with and without it — the scanner does the same.
@usableFromInline
struct O200KScanner: PieceScanner {
    /// `[U]*[W]+` from `k`: end or -1.
    @inline(__always) @usableFromInline
    static func upperThenLower(_ p: UnsafePointer<UInt8>, _ k: Int, _ n: Int, _ t: UnsafeMutablePointer<UInt8>) -> Int {
        var j = k
        var lastLowerEnd = -1
        while j < n {
            let (f, l) = ScalarClass.at(p, j, n, t)
            if f & ScalarClass.upperish == 0 {
                if f & ScalarClass.lowerish != 0 { return ScanRules.run(p, j + l, n, t, ScalarClass.lowerish) }
                break
            }
            j += l
            if f & ScalarClass.lowerish != 0 { lastLowerEnd = j }
        }
        return lastLowerEnd
    }

    /// `[U]+[W]*` from `k`: end or -1.
    @inline(__always) @usableFromInline
    static func upperRun(_ p: UnsafePointer<UInt8>, _ k: Int, _ n: Int, _ t: UnsafeMutablePointer<UInt8>) -> Int {
        let (f, l) = ScalarClass.at(p, k, n, t)
        if f & ScalarClass.upperish == 0 { return -1 }
        let u = ScanRules.run(p, k + l, n, t, ScalarClass.upperish)
        return ScanRules.run(p, u, n, t, ScalarClass.lowerish)
    }

    @inline(__always) @usableFromInline
    static func withContraction(_ p: UnsafePointer<UInt8>, _ e: Int, _ n: Int) -> Int {
        if e < n && p[e] == UInt8(ascii: "'"), let c = ScanRules.contraction(p, e, n, caseInsensitive: true) { return c }
        return e
    }

    @inline(__always) @usableFromInline
    static func pieceEnd(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ t: UnsafeMutablePointer<UInt8>) -> Int {
        let (f, l) = ScalarClass.at(p, i, n, t)
        let prefixOK = f & (ScalarClass.letter | ScalarClass.number | ScalarClass.newline) == 0 && i + l < n
        if f & (ScalarClass.letter | ScalarClass.mark) != 0 || prefixOK {
            if prefixOK {
                let e = upperThenLower(p, i + l, n, t)
                if e >= 0 { return withContraction(p, e, n) }
            }
            var e = upperThenLower(p, i, n, t)
            if e >= 0 { return withContraction(p, e, n) }
            if prefixOK {
                e = upperRun(p, i + l, n, t)
                if e >= 0 { return withContraction(p, e, n) }
            }
            e = upperRun(p, i, n, t)
            if e >= 0 { return withContraction(p, e, n) }
        }
        if f & ScalarClass.number != 0 {
            var j = i + l
            var k = 1
            while k < 3 && j < n {
                let (g, m) = ScalarClass.at(p, j, n, t)
                if g & ScalarClass.number == 0 { break }
                j += m
                k += 1
            }
            return j
        }
        var k = -1
        if f & ScalarClass.space == 0 {
            k = i
        } else if p[i] == 0x20 && i + 1 < n {
            let (g, _) = ScalarClass.at(p, i + 1, n, t)
            if g & (ScalarClass.letter | ScalarClass.number | ScalarClass.space) == 0 { k = i + 1 }
        }
        if k >= 0 {
            var j = ScanRules.otherRun(p, k, n, t)
            while j < n && (p[j] == 0x0A || p[j] == 0x0D || p[j] == UInt8(ascii: "/")) { j += 1 }
            return j
        }
        return ScanRules.whitespace(p, i, n, t, newlineRule: true)
    }
}

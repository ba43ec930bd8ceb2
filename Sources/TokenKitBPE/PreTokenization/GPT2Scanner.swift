/// The GPT-2 split pattern (r50k_base, p50k_base, GPT-2 and most Hugging Face byte-level files):
///
/// ```
/// 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
/// ```
///
/// (tiktoken 0.14 spells it `'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s`;
/// without a newline rule both spellings match the same.)
@usableFromInline
struct GPT2Scanner: PieceScanner {
    @inline(__always) @usableFromInline
    static func pieceEnd(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ t: UnsafeMutablePointer<UInt8>) -> Int {
        if p[i] == UInt8(ascii: "'"), let e = ScanRules.contraction(p, i, n, caseInsensitive: false) { return e }
        var k = i
        var (f, l) = ScalarClass.at(p, i, n, t)
        if p[i] == 0x20 && i + 1 < n {
            let (g, m) = ScalarClass.at(p, i + 1, n, t)
            if g & ScalarClass.space == 0 { k = i + 1; f = g; l = m }
        }
        if f & ScalarClass.letter != 0 { return ScanRules.run(p, k + l, n, t, ScalarClass.letter) }
        if f & ScalarClass.number != 0 { return ScanRules.run(p, k + l, n, t, ScalarClass.number) }
        if f & ScalarClass.space == 0 { return ScanRules.otherRun(p, k + l, n, t) }
        return ScanRules.whitespace(p, i, n, t, newlineRule: false)
    }
}

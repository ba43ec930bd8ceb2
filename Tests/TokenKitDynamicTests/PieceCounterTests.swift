import Testing
import TokenKit
import TokenKitTestSupport
@testable import TokenKitDynamic

@Suite struct PieceCounterTests {
    static let pieces = ["a", "Z", "é", "日", "7", "٣", "Ⅻ", " ", "  ", "\t", "\n", "\u{A0}", "\u{3000}", "'", "'s", "'re", "'ll", "'x",
                         "'d", "'ve", "'m", "'t", "!", "-", ".", "😀", "\u{301}", "_", "$"]

    /// The scanner counts exactly the pieces ICU's run of GPT-2's regex finds.
    @Test func gpt2ScannerMatchesICU() {
        var rng = SplitMix64(seed: 99)
        let fast = GPT2PieceCounter()
        let icu = RegexPieceCounter.gpt2
        for _ in 0..<3000 {
            let text = (0..<Int(rng.next() % 8)).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }.joined()
            let bytes = Array(text.utf8)
            #expect(fast.pieceCount(bytes) == icu.pieceCount(bytes), "\(text.debugDescription)")
        }
    }

    @Test func knownCounts() {
        let c = GPT2PieceCounter()
        #expect(c.pieceCount(Array(" stability.".utf8)) == 2)
        #expect(c.pieceCount(Array("   ".utf8)) == 1)
        #expect(c.pieceCount(Array("  a".utf8)) == 2)
        #expect(c.pieceCount(Array("don't".utf8)) == 2)  // "don", "'t"
        #expect(c.pieceCount([]) == 0)
        #expect(MetaspacePieceCounter().pieceCount(Array(" a b".utf8)) == 2)
        #expect(WhitespacePieceCounter().pieceCount(Array(" a\u{3000}b ".utf8)) == 2)
    }
}

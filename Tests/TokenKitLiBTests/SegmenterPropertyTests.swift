import Testing
import TokenKit
import TokenKitTestSupport
@testable import TokenKitLiB

/// Random lexicons and inputs: the byte-trie segmenter (faithful mode) agrees with the learner's
/// scalar segmenter piece for piece, and pieces always concatenate back to the input.
@Suite struct SegmenterPropertyTests {
    static let alphabet: [Unicode.Scalar] = ["a", "b", "c", " ", "\u{E9}", "e", "\u{301}", "\u{4E2D}", "\u{1F600}"]

    static func randomText(_ rng: inout SplitMix64, maxLength: Int) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maxLength, using: &rng) {
            s.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
        }
        return String(s)
    }

    @Test(arguments: 0..<40)
    func byteTrieSegmenterMatchesScalarSegmenter(_ seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9)
        var lexicon: [String] = []
        var seen = Set<[Unicode.Scalar]>()
        for _ in 0..<Int.random(in: 1...25, using: &rng) {
            let entry = Self.randomText(&rng, maxLength: 4)
            if !entry.isEmpty && seen.insert(Array(entry.unicodeScalars)).inserted { lexicon.append(entry) }
        }
        if lexicon.isEmpty { lexicon = ["a"] }
        let learner = LiBLearner(parameters: LiBParameters(), lexicon: lexicon)
        let faithful = try LiBTokenizer(lexicon: lexicon, mode: .faithful)
        let production = try LiBTokenizer(lexicon: lexicon, mode: .production)
        for _ in 0..<25 {
            let text = Self.randomText(&rng, maxLength: 20)
            let pieces = learner.segment(text)
            // Compare scalars: String == would treat canonically equivalent pieces as equal.
            #expect(faithful.pieces(text).map { Array($0.unicodeScalars) } == pieces.map { Array($0.unicodeScalars) },
                    "lexicon \(lexicon), text \(text.debugDescription)")
            #expect(pieces.joined().unicodeScalars.elementsEqual(text.unicodeScalars))
            let encoded = try production.encode(text, options: .plain)
            #expect(try production.decode(encoded.ids) == Array(text.utf8))
            // Faithful encode succeeds exactly when every piece is an entry, with ids = ranks.
            if pieces.allSatisfy({ faithful.rank(of: $0) != nil }) {
                #expect(try faithful.encode(text, options: .plain).ids.map { Int($0) } == pieces.compactMap { faithful.rank(of: $0) })
            } else {
                #expect(throws: TokenizerError.self) { try faithful.encode(text, options: .plain) }
            }
        }
    }
}

import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport
@testable import TokenKitPooled

/// Word-pooled with GPT-2 subwords as units (the reference's "sub" mode).
@Suite(SharedData.requires("vocabularies/gpt2/encoder.json"))
struct PooledGPT2Tests {
    static func gpt2() throws -> BPETokenizer {
        try BPEFiles.load(path: try #require(SharedData.path("vocabularies/gpt2")))
    }

    /// Each word's units are GPT-2's ids of the word on its own, without specials; CLS ids
    /// sit above GPT-2's vocabulary.
    @Test func unitsAreTheWordsOwnSubwords() throws {
        let gpt2 = try Self.gpt2()
        let t = try WordPooledTokenizer(units: PooledUnits(subwords: gpt2), normalization: .eDatasetNat, prefixCount: 4)
        let text = "The cat's hat -- extraordinarily red!"
        let layout = try t.layout(text, width: .longestWord)
        let words = try PooledNormalization.eDatasetNat.words(in: text)
        #expect(words == ["The", "cat", "'", "s", "hat", "--", "@", "red", "!"])
        for (w, word) in words.enumerated() {
            let expected = try gpt2.encode(word, options: .plain).ids
            #expect(Array(layout.row(w).prefix(layout.lengths[w])) == expected)
        }
        #expect(t.clsIDs.first == TokenID(gpt2.vocabularySize))
    }

    @Test func cleanModeLawsWithGPT2Units() async throws {
        let t = try WordPooledTokenizer(units: PooledUnits(subwords: try Self.gpt2()), normalization: .clean, prefixCount: 2)
        #expect(t.roundTrip == .text)
        await TokenizerLaws.checkAll(t, seed: 3, count: 60)
    }
}

import Testing
import TokenKit
import TokenKitTestSupport
@testable import TokenKitLiB

@Suite struct TokenizerTests {
    /// Oracle A through the byte-trie segmenter in faithful mode (ids are ranks).
    @Test(arguments: OracleA.rows)
    func faithfulTokenizerMatchesOracleA(_ row: OracleA.Row) throws {
        let t = try LiBTokenizer(lexicon: row.lexicon, mode: .faithful)
        #expect(t.pieces(row.input) == row.output)
        // Where every piece is an entry, the ids are their ranks.
        if row.output.allSatisfy({ t.rank(of: $0) != nil }) {
            #expect(try t.encode(row.input, options: .plain).ids.map { t.lexicon[Int($0)] } == row.output)
        }
    }

    /// The `abx` row: the reference segments it as a|b|x but cannot give `x` an id (L8).
    @Test func faithfulUnknownSymbolIsANamedError() throws {
        let t = try LiBTokenizer(lexicon: ["ab", "b", "a"], mode: .faithful)
        #expect(try t.encode("abb", options: .plain).ids == [0, 1])
        #expect(t.pieces("abx") == ["ab", "x"])
        do {
            _ = try t.encode("abx", options: .plain)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unsupportedInput)
            #expect(error.byteOffset == 2)
            #expect(error.message.contains("U+78"))
        }
        // Quirk L2 with a forgotten first symbol: `ab` has no shorter prefix, so `a` comes out
        // alone and has no id.
        let u = try LiBTokenizer(lexicon: ["ab", "b"], mode: .faithful)
        #expect(u.pieces("ab") == ["a", "b"])
        #expect(throws: TokenizerError.self) { try u.encode("ab", options: .plain) }
    }

    @Test func faithfulRejectsInvalidUTF8() throws {
        let t = try LiBTokenizer(lexicon: ["a"], mode: .faithful)
        #expect(throws: TokenizerError.self) { try t.encode([0x61, 0xFF], options: .plain) }
    }

    /// Oracle B's eight segmentations through the tokenizer built from the cleaned lexicon.
    @Test func faithfulTokenizerMatchesOracleBSegmentations() throws {
        var learner = LiBLearner(parameters: OracleB.parameters)
        let corpus = LiBCorpus(text: OracleB.corpusText)
        learner.train(on: corpus, steps: 30)
        learner.cleanLexicon()
        let t = LiBTokenizer(learner: learner, mode: .faithful)
        for (sentence, expected) in zip(corpus.sentences, OracleB.segmentations) {
            #expect(t.pieces(LiBLearner.string(sentence)) == expected)
        }
        // `c` was forgotten, so the reference cannot encode sentence 2 to ids (L3 + L8).
        #expect(throws: TokenizerError.self) { try t.encode(LiBLearner.string(corpus.sentences[1]), options: .plain) }
        #expect(try t.encode(LiBLearner.string(corpus.sentences[0]), options: .plain).ids.map { t.lexicon[Int($0)] }
                == OracleB.segmentations[0])
    }

    @Test func productionEmitsLongestMatchAndFallsBackToBytes() throws {
        let t = try LiBTokenizer(lexicon: ["ab"], mode: .production)
        #expect(try t.segment("ab") == ["ab"])
        #expect(try t.segment("abx") == ["ab", "<0x78>"])
        let e = try t.encode("é", options: .plain)
        #expect(e.ids == [1 + 0xC3, 1 + 0xA9])
        #expect(e.offsets == [0..<1, 1..<2])
    }

    @Test func productionRanksUnknownUnitsLast() throws {
        // Default path ab|d (d unknown) vs alternative a|bd: the faithful rank sum counts the
        // unknown d as 0 and keeps the default (L4); production ranks it last.
        let learner = LiBLearner(parameters: LiBParameters(), lexicon: ["ab", "a", "bd"])
        #expect(learner.segment("abd") == ["ab", "d"])
        let production = try LiBTokenizer(lexicon: ["ab", "a", "bd", "z"], mode: .production)
        #expect(try production.segment("abd") == ["a", "bd"])
    }

    @Test func specialTokensAndFraming() throws {
        let t = try LiBTokenizer(lexicon: ["a", "b", "<"], mode: .production,
                                 specials: [("<s>", .bos), ("</s>", .eos)])
        #expect(t.vocabularySize == 3 + 256 + 2)
        let matched = try t.encode("a</s>b", options: EncodeOptions(framing: .none, specials: .matchAll))
        #expect(matched.ids == [0, 3 + 256 + 1, 1])
        let framed = try t.encode("ab", options: EncodeOptions(framing: .add))
        #expect(framed.ids == [3 + 256, 0, 1, 3 + 256 + 1])
        #expect(try t.encode("ab", options: .default).ids == [0, 1])
        #expect(throws: TokenizerError.self) {
            try t.encode("a</s>", options: EncodeOptions(specials: .tiktokenDefault))
        }
    }

    @Test func newlineCutsAreIndependent() throws {
        let t = try LiBTokenizer(lexicon: ["ab", "a", "b", "b\nx"], mode: .production)
        #expect(t.newlineIsBoundary == false)
        let u = try LiBTokenizer(lexicon: ["ab", "a", "b", "\n"], mode: .production)
        let text = Array("ab\nab\nb".utf8)
        #expect(text.withUnsafeBufferPointer { u.independentBoundary(in: $0, before: 5) } == 3)
    }

    @Test func lawsHoldForATrainedProductionLexicon() async throws {
        var parameters = OracleB.parameters
        parameters.pinSymbols = true
        var learner = LiBLearner(parameters: parameters)
        learner.train(on: LiBCorpus(text: OracleB.corpusText), steps: 30)
        learner.cleanLexicon()
        let t = LiBTokenizer(learner: learner, mode: .production)
        await TokenizerLaws.checkAll(t, seed: 8)
        let withSpecials = try LiBTokenizer(lexicon: learner.lexicon + ["\n"], mode: .production,
                                            specials: [("<|endoftext|>", .eos)])
        await TokenizerLaws.checkAll(withSpecials, seed: 9)
    }

    @Test func lawsHoldOnASmallHandMadeLexicon() async throws {
        let t = try LiBTokenizer(lexicon: ["th", "the ", "t", "h", "e", " ", "a", "ab", "abc", "\u{301}", "e\u{301}"],
                                 mode: .production)
        await TokenizerLaws.checkAll(t, seed: 3)
    }

    @Test func rejectsBadLexicons() {
        #expect(throws: FormatError.self) { try LiBTokenizer(lexicon: ["a", ""]) }
        #expect(throws: FormatError.self) { try LiBTokenizer(lexicon: ["a", "b", "a"]) }
        // Canonically equivalent but different code points are different entries (C1).
        #expect(throws: Never.self) { try LiBTokenizer(lexicon: ["\u{E9}", "e\u{301}"]) }
    }
}

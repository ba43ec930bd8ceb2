import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport
@testable import TokenKitDynamic

/// Dynamic merging over the real GPT-2 vocabulary (shared/vocabularies/gpt2).
@Suite(SharedData.requires("vocabularies/gpt2/encoder.json"))
struct DynamicGPT2Tests {
    static func gpt2() throws -> BPETokenizer {
        try BPEFiles.load(path: try #require(SharedData.path("vocabularies/gpt2")))
    }

    /// Oracle A with GPT-2 as the base vocabulary: the same merges and tokens; unmerged tokens
    /// keep their GPT-2 ids, and a merge that spells a GPT-2 token (` mRNA`) is that token.
    @Test func oracleAOverGPT2Vocabulary() throws {
        let base = try Self.gpt2()
        let merger = try DynamicBatchMerger(base: base, mode: .pretokens, additionalSpecialTexts: BaseVocabulary.robertaSpecialTexts)
        let batch = [MergeOracleTests.split(MergeOracleTests.seq1), MergeOracleTests.split(MergeOracleTests.seq2)]
        let r = try merger.merge(byteLevelTokens: batch, merges: 10)
        #expect(r.mergeLog.map { "\($0.byteLevelPair.0) \($0.byteLevelPair.1) \($0.count)" } == [
            "on uc 2", "onuc le 2", "onucle op 2", "onucleop rote 2", "onucleoprote in 2",
            "Ġm R 2", "ĠmR NA 2", "ĠR ib 1", "ĠRib onucleoprotein 1", "Ġreg ulate 1"])
        #expect(r.byteLevelTokens(0) == MergeOracleTests.split("<s> ĠRibonucleoprotein Ġparticles Ġregulate ĠmRNA Ġstability . </s>"))
        let particles = try base.encode(" particles").ids
        let mRNA = try base.encode(" mRNA").ids
        #expect(particles.count == 1 && mRNA.count == 1)
        #expect(r.ids[0][2] == particles[0])
        #expect(r.ids[0][4] == mRNA[0])
        #expect(r.ids[0][1] >= TokenID(base.vocabularySize))  // ĠRibonucleoprotein is new
    }

    /// A text batch: base-encode, merge in pretokens mode with GPT-2's own split pattern; every
    /// merged token stays inside one GPT-2 pre-token and the sequences still spell the inputs.
    @Test func textBatchRespectsGPT2PreTokens() async throws {
        let base = try Self.gpt2()
        let t = try DynamicMergeTokenizer(base: base, mode: .pretokens, budget: .merges(1000))
        let texts = ["Ribonucleoprotein particles regulate mRNA stability.",
                     "mRNA stability is modulated by ribonucleoprotein factors.",
                     "Ribonucleoproteins, ribonucleases and riboswitches."]
        let result = try await t.mergeBatch(texts.map { Array($0.utf8) }, options: .plain)
        let counter = SplitPatternPieceCounter(.gpt2)
        for (s, text) in texts.enumerated() {
            #expect(String(decoding: result.decode(s), as: UTF8.self) == text)
            for id in result.ids[s] where Int(id) >= base.vocabularySize {
                #expect(counter.pieceCount(result.bytes(of: id) ?? []) == 1)
            }
        }
        #expect(result.ids.map(\.count).reduce(0, +) < texts.map { (try? base.count($0)) ?? 0 }.reduce(0, +))
    }

    /// TokenKitBPE's GPT-2 scanner and the dynamic module's piece counter agree.
    @Test func pieceCountersAgree() {
        var rng = SplitMix64(seed: 11)
        let a = SplitPatternPieceCounter(.gpt2), b = GPT2PieceCounter()
        for _ in 0..<2000 {
            let text = (0..<Int(rng.next() % 8)).map { _ in PieceCounterTests.pieces[Int(rng.next() % UInt64(PieceCounterTests.pieces.count))] }.joined()
            #expect(a.pieceCount(Array(text.utf8)) == b.pieceCount(Array(text.utf8)), "\(text.debugDescription)")
        }
    }
}

import Testing
import TokenKit
@testable import TokenKitDynamic

/// The oracles of other-tokenizers.md §3.7.
///
/// Oracle A's base tokens are given in the spec in byte-level form (they come from the
/// reference README's base tokenizer); the tests feed exactly those strings through
/// ``DynamicBatchMerger/merge(byteLevelTokens:merges:)`` over a raw-byte base vocabulary, with
/// `<s>`/`</s>` as specials. The merge loop, validity rules, counting and tie-break never look
/// at base ids, only at token bytes and specials, so this exercises the whole algorithm; only
/// the ids of unmerged tokens differ from a run over the original vocabulary.
@Suite struct MergeOracleTests {
    static let seq1 = "<s> ĠR ib on uc le op rote in Ġparticles Ġreg ulate Ġm R NA Ġstability . </s>"
    static let seq2 = "<s> Ġm R NA Ġstability Ġis Ġmod ulated Ġby Ġrib on uc le op rote in Ġfactors . </s>"

    static func merger(_ mode: BoundaryMode) throws -> DynamicBatchMerger {
        try DynamicBatchMerger(base: ByteTokenizer.raw, mode: mode, additionalSpecialTexts: BaseVocabulary.robertaSpecialTexts)
    }

    static func split(_ s: String) -> [String] { s.split(separator: " ").map(String.init) }

    @Test(arguments: [BoundaryMode.pretokens, .word, .sentence, .wordHyphen])
    func oracleA(_ mode: BoundaryMode) throws {
        let batch = [Self.split(Self.seq1), Self.split(Self.seq2)]
        #expect(batch[0].count == 18 && batch[1].count == 19)
        let result = try Self.merger(mode).merge(byteLevelTokens: batch, merges: 10)
        let log = result.mergeLog.map { e in [e.byteLevelPair.0, e.byteLevelPair.1, String(e.count)] }
        #expect(log == [
            ["on", "uc", "2"], ["onuc", "le", "2"], ["onucle", "op", "2"], ["onucleop", "rote", "2"],
            ["onucleoprote", "in", "2"], ["Ġm", "R", "2"], ["ĠmR", "NA", "2"], ["ĠR", "ib", "1"],
            ["ĠRib", "onucleoprotein", "1"], ["Ġreg", "ulate", "1"],
        ])
        #expect(result.byteLevelTokens(0) == Self.split("<s> ĠRibonucleoprotein Ġparticles Ġregulate ĠmRNA Ġstability . </s>"))
        #expect(result.byteLevelTokens(1) == Self.split("<s> ĠmRNA Ġstability Ġis Ġmod ulated Ġby Ġrib onucleoprotein Ġfactors . </s>"))
        #expect(result.totalTokensAfterMerge.first == 37 && result.totalTokensAfterMerge.last == 20)
        // The new token's decomposition: the base tokens it was merged from.
        let rib = try #require(result.ids[0].dropFirst().first)
        let parts = result.components(of: rib).map { ByteLevelText.encode(result.bytes(of: $0) ?? []) }
        #expect(parts.joined() == "ĠRibonucleoprotein")
    }

    @Test func oracleB() throws {
        let m = try Self.merger(.sentence)
        let one = try m.merge(byteLevelTokens: [["x", "x", "x"]], merges: 1)
        #expect(one.byteLevelTokens(0) == ["xx", "x"])
        #expect(one.mergeLog.map(\.count) == [2])
        let two = try m.merge(byteLevelTokens: [["x", "x", "x"]], merges: 2)
        #expect(two.byteLevelTokens(0) == ["xxx"])
        #expect(two.mergeLog.map(\.count) == [2, 1])
    }

    @Test(arguments: [BoundaryMode.word, .pretokens])
    func oracleC(_ mode: BoundaryMode) throws {
        let r = try Self.merger(mode).merge(byteLevelTokens: [["Ġthe", "Ġcat"]], merges: 5)
        #expect(r.mergeCount == 0)
        #expect(r.byteLevelTokens(0) == ["Ġthe", "Ġcat"])
    }

    @Test func oracleD() throws {
        let sentence = try Self.merger(.sentence)
        let one = try sentence.merge(byteLevelTokens: [["Ġ", "Ġ", "Ġ"]], merges: 1)
        #expect(one.byteLevelTokens(0) == ["ĠĠ", "Ġ"] && one.mergeLog.map(\.count) == [2])
        #expect(try sentence.merge(byteLevelTokens: [["Ġ", "Ġ", "Ġ"]], merges: 2).byteLevelTokens(0) == ["ĠĠĠ"])
        // word: a whitespace-only string splits into 0 pieces.
        #expect(try Self.merger(.word).merge(byteLevelTokens: [["Ġ", "Ġ", "Ġ"]], merges: 2).mergeCount == 0)
        // pretokens with GPT-2's regex: a space run is one piece.
        #expect(try Self.merger(.pretokens).merge(byteLevelTokens: [["Ġ", "Ġ", "Ġ"]], merges: 2).byteLevelTokens(0) == ["ĠĠĠ"])
        for mode in BoundaryMode.allCases {
            #expect(try Self.merger(mode).merge(byteLevelTokens: [["Ċ", "Ċ"]], merges: 3).mergeCount == 0)
        }
    }

    @Test func oracleE() throws {
        let r = MergeCalibration.reduction(initialLength: 42.14, length: 39.14, plateauLength: 35.94)
        #expect(abs(r - 48.387) < 0.001)
    }

    /// Pairs that split a multi-byte character are valid, even in `word` mode; the whitespace
    /// heuristic rejects a space after the first byte.
    @Test func validityRules() throws {
        let v = PairValidity(mode: .word, preTokenizer: RegexPieceCounter.gpt2)
        #expect(v.isValid([0xE2], false, [0x82, 0xAC], false))
        #expect(!v.isValid(Array("a".utf8), false, Array(" b".utf8), false))
        #expect(!v.isValid(Array("a".utf8), true, Array("b".utf8), false))
        let hyphen = PairValidity(mode: .wordHyphen, preTokenizer: RegexPieceCounter.gpt2)
        #expect(hyphen.isValid(Array("well".utf8), false, Array("-".utf8), false))
        #expect(!hyphen.isValid(Array("well".utf8), false, Array(".".utf8), false))
        #expect(hyphen.isValid(Array("3".utf8), false, Array(".".utf8), false) == false)  // "3" is not punct; "." is
        #expect(hyphen.isValid(Array("-".utf8), false, Array("-".utf8), false))
        let pre = PairValidity(mode: .pretokens, preTokenizer: RegexPieceCounter.gpt2)
        #expect(!pre.isValid(Array(" stability".utf8), false, Array(".".utf8), false))
        #expect(PairValidity(mode: .pretokens, preTokenizer: MetaspacePieceCounter()).isValid(Array(" stability".utf8), false, Array(".".utf8), false))
    }

    @Test func badInput() throws {
        let m = try Self.merger(.word)
        #expect(throws: DynamicMergeError.emptyBatch) { try m.merge(byteLevelTokens: [], merges: 1) }
        #expect(throws: DynamicMergeError.negativeMerges(-1)) { try m.merge(byteLevelTokens: [["a"]], merges: -1) }
        #expect(throws: DynamicMergeError.self) { try m.merge(byteLevelTokens: [["a", "€"]], merges: 1) }
        #expect(throws: DynamicMergeError.self) { try m.merge(ids: [[999]], merges: 1) }
        // An empty sequence inside a batch is fine.
        #expect(try m.merge(byteLevelTokens: [[], ["a", "b"]], merges: 1).byteLevelTokens(1) == ["ab"])
    }
}

@Suite struct WordIDTests {
    /// Word ids follow the left token of each merge.
    @Test func mergedTokensKeepTheLeftWordID() throws {
        let merger = try DynamicBatchMerger(base: ByteTokenizer.raw, mode: .sentence)
        let ids: [[TokenID]] = [[97, 98, 97, 98]]
        let r = try merger.merge(ids: ids, wordIDs: [[0, 1, 2, 3]], merges: 1)
        #expect(r.ids == [[256, 256]])
        #expect(r.wordIDs == [[0, 2]])
        #expect(try merger.merge(ids: ids, merges: 1).wordIDs == [[-1, -1]])
    }
}

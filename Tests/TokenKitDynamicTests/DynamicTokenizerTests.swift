import Testing
import TokenKit
import TokenKitTestSupport
@testable import TokenKitDynamic

@Suite struct DynamicTokenizerTests {
    @Test func singleEncodeNeedsBatch() throws {
        let t = try DynamicMergeTokenizer(base: ByteTokenizer.raw, mode: .word, budget: .merges(5))
        #expect(t.dependsOnBatch)
        #expect(throws: TokenizerError.self) { try t.encode("abc") }
    }

    /// Over raw bytes in `word` mode, merges rebuild words; offsets still tile each input and
    /// the tokens concatenate back to it.
    @Test func batchEncodeMergesAcrossInputs() async throws {
        let t = try DynamicMergeTokenizer(base: ByteTokenizer.raw, mode: .word, budget: .merges(100))
        let inputs = ["the cat sat", "the cat ran", "a hat"].map { Array($0.utf8) }
        let result = try await t.mergeBatch(inputs, options: .plain)
        #expect((0..<3).map { String(decoding: result.decode($0), as: UTF8.self) } == ["the cat sat", "the cat ran", "a hat"])
        #expect(result.byteLevelTokens(0) == ["the", "Ġcat", "Ġsat"])
        #expect(result.mergeLog.first.map { [$0.left, $0.right] } == [Array("a".utf8), Array("t".utf8)])
        let encodings = try await t.encodeBatch(inputs, options: .plain)
        for (e, input) in zip(encodings, inputs) {
            var position = 0
            for r in e.offsets { #expect(r.lowerBound == position); position = r.upperBound }
            #expect(position == input.count)
        }
        // Merged ids sit above the base vocabulary and are described by the batch vocabulary.
        let merged = encodings[0].ids.filter { $0 >= 256 }
        #expect(!merged.isEmpty && merged.allSatisfy { result.vocabulary.token($0) != nil })
    }

    @Test func badInputIsATypedError() async throws {
        let t = try DynamicMergeTokenizer(base: ByteTokenizer.raw, budget: .merges(1))
        await #expect(throws: TokenizerError.self) { try await t.encodeBatch([], options: .plain) }
        #expect(throws: DynamicMergeError.self) { try DynamicMergeTokenizer(base: ByteTokenizer.raw, budget: .merges(-3)) }
        #expect(throws: DynamicMergeError.self) {
            try DynamicMergeTokenizer(base: ByteTokenizer.raw, budget: .reduction(120, MergeCalibration(averageLength: [3, 2])))
        }
        // Empty texts are fine: they have no tokens.
        let r = try await t.mergeBatch([[], Array("aa aa".utf8)], options: .plain)
        #expect(r.ids[0].isEmpty)
    }

    /// §3.4's example curve: 20 merges ≈ 48% of the way to the plateau.
    @Test func budgetFromReduction() throws {
        var lengths = [Double](repeating: 0, count: 134)
        for k in 0...133 { lengths[k] = 42.14 - (42.14 - 35.94) * Double(k) / 133 }
        lengths[20] = 39.14
        let curve = MergeCalibration(averageLength: lengths)
        #expect(abs(curve.reduction(atMerges: 20) - 48.387) < 0.001)
        #expect(try curve.merges(forReduction: 48) == 20)
        #expect(try curve.merges(forReduction: 100) == 133)
        #expect(try curve.merges(forReduction: 0) == 0)
        #expect(curve.plateauMerges == 133)
    }

    @Test func calibrationMeasuresAverageLengths() throws {
        let merger = try DynamicBatchMerger(base: ByteTokenizer.raw, mode: .sentence)
        let batches: [[[TokenID]]] = [[[97, 97, 97, 97]], [[98, 99], [98, 99]]]
        let curve = try MergeCalibration.measure(merger, batches: batches)
        // Batch 1: 4 → 2 (aa aa) → 1; batch 2: 4 → 2. Three sequences.
        let expected: [Double] = [8.0 / 3, 4.0 / 3, 1.0]
        #expect(curve.averageLength == expected)
    }

    @Test func meanOfComponentsEmbeddings() throws {
        // 3 rows × 2: row 0 = UNK.
        let fvt = try MeanOfComponentsEmbeddings(table: [0, 0, 1, 3, 3, 5], dimension: 2, unknownRow: 0)
        let tokens = [DynamicToken(id: 10, bytes: [1], components: [1, 2], isSpecial: false),
                      DynamicToken(id: 11, bytes: [2], components: [], isSpecial: false)]
        #expect(try fvt.embeddings(for: tokens) == [[2, 4], [0, 0]])
        let cached = CachedEmbeddingProvider(fvt, capacity: 4)
        _ = try cached.embeddings(for: tokens)
        #expect(try cached.embeddings(for: tokens) == [[2, 4], [0, 0]])
        #expect(cached.statistics.hits == 2 && cached.statistics.misses == 2)
        #expect(throws: DynamicMergeError.self) { try MeanOfComponentsEmbeddings(table: [1, 2, 3], dimension: 2, unknownRow: 0) }
        #expect(throws: DynamicMergeError.self) {
            try fvt.embeddings(for: [DynamicToken(id: 12, bytes: [3], components: [9], isSpecial: false)])
        }
    }
}

@Suite struct ReductionStudyTests {
    /// Two batches of raw bytes in `word` mode: the plateau is one token per word piece.
    @Test func studyReportsBothReductions() throws {
        let merger = try DynamicBatchMerger(base: ByteTokenizer.raw, mode: .word)
        let batch1 = ["ab ab", "ab"].map { Array($0.utf8).map(TokenID.init) }
        let batch2 = [Array("cd".utf8).map(TokenID.init)]
        let study = try ReductionStudy.run(merger, batches: [batch1, batch2], merges: 1)
        // Before: 5 + 2 + 2 = 9 tokens over 3 sequences. Batch 1 merges (a,b) ×3 → "ab", "Ġab";
        // then (Ġ,ab) → 2 + 1 tokens; batch 2 merges (c,d) → 1 token. Plateau: 3 + 1 = 4.
        #expect(study.sequences == 3 && study.batches == 2)
        let expected: [Double] = [9.0 / 3, 5.0 / 3, 4.0 / 3]
        #expect(study.curve.averageLength == expected)
        #expect(abs(study.reductionTowardsPlateau - 80) < 1e-9)
        let atOne: Double = 400.0 / 9, atPlateau: Double = 500.0 / 9
        #expect(abs(study.lengthReduction - atOne) < 1e-9)
        #expect(abs(study.plateauLengthReduction - atPlateau) < 1e-9)
        #expect(study.averagePlateauMerges == 1.5)
        #expect(throws: DynamicMergeError.self) { try ReductionStudy.run(merger, batches: [], merges: 1) }
    }
}

/// A tokenizer that cannot say which bytes its tokens stand for.
private struct OpaqueTokenizer: Tokenizer {
    var family: TokenizerFamily { .bpe }
    var source: String { "opaque" }
    var vocabularySize: Int { 10 }
    var specialTokens: SpecialTokens { SpecialTokens([SpecialToken(id: 9, text: "<s>", role: .bos)]) }
    var roundTrip: RoundTrip { .none }
    func encode(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Encoding {
        Encoding(ids: bytes.map { TokenID($0 % 9) }, offsets: bytes.indices.map { $0..<($0 + 1) })
    }
    func tokenBytes(_ id: TokenID) -> [UInt8]? { id == 9 ? Array("<s>".utf8) : nil }
}

@Suite struct BaseVocabularyTests {
    @Test func baseWithoutByteDecodingIsRejected() {
        do {
            _ = try DynamicBatchMerger(base: OpaqueTokenizer(), mode: .word)
            Issue.record("expected noByteDecoding")
        } catch {
            #expect(error.code == .noByteDecoding)
            #expect(error.message.contains("opaque"))
        }
    }

    @Test func mergesThatSpellABaseTokenBecomeIt() throws {
        // Over ByT5 ids, no merge can spell a base token (all are single bytes) — but over the
        // raw bytes of a pretokenized batch, "a"+"b" twice interns one new id.
        let merger = try DynamicBatchMerger(base: ByteTokenizer.raw, mode: .sentence)
        let r = try merger.merge(byteLevelTokens: [["a", "b"], ["a", "b"]], merges: 1)
        #expect(r.ids == [[256], [256]])
        #expect(r.vocabulary.tokens.map(\.bytes) == [Array("ab".utf8)])
        #expect(r.vocabulary.tokens[0].components == [97, 98])
    }
}

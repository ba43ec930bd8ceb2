import Testing
import TokenKit
import TokenKitTestSupport
@testable import TokenKitPooled

@Suite struct WordPooledTokenizerTests {
    static func bytes(_ n: PooledNormalization, p: Int = 4, max: Int? = nil, truncation: PooledTruncation = .dropExtraUnits) throws -> WordPooledTokenizer {
        try WordPooledTokenizer(units: .bytes, normalization: n, prefixCount: p, maxUnitsPerWord: max, truncation: truncation)
    }

    /// §2.2 byte-unit oracles: ByT5 ids, no EOS.
    @Test func byteUnitOracles() throws {
        let t = try Self.bytes(.eDatasetNat, p: 0)
        let words = try "cat's नमस्ते".withUTF8Buffer { try t.segment($0) }
        #expect(words.map(\.ids) == [[102, 100, 119], [42], [118],
                                     [227, 167, 171, 227, 167, 177, 227, 167, 187, 227, 168, 144, 227, 167, 167, 227, 168, 138]])
        let clean = try Self.bytes(.clean, p: 0)
        let one = try "cat's".withUTF8Buffer { try clean.segment($0) }
        #expect(one.map(\.ids) == [[102, 100, 119, 42, 118]])
    }

    /// CLS ids sit above every unit id, for every unit kind.
    @Test func clsIDsNeverCollideWithUnits() throws {
        for (units, text) in [(PooledUnits.bytes, "Grüße, 世界 😀"), (.scalars, "Grüße, 世界 😀"), (.scalars(corpus: "ab c"), "ab c")] {
            let t = try WordPooledTokenizer(units: units, normalization: .clean, prefixCount: 4)
            #expect(t.clsIDs.count == 4)
            #expect(t.clsIDs.allSatisfy { Int($0) >= units.vocabularySize && Int($0) < t.vocabularySize })
            let encoded = try t.encode(text)
            let unitIDs = encoded.ids.filter { !t.clsIDs.contains($0) }
            #expect(unitIDs.allSatisfy { Int($0) < units.vocabularySize })
            #expect(encoded.ids.count == unitIDs.count + 4 * encoded.groups.count)
        }
    }

    /// Groups: CLS ids then units for each word, tiling the ids.
    @Test func groupsHoldWords() throws {
        let t = try Self.bytes(.eDatasetNat, p: 2)
        let e = try t.encode("ab, c")
        #expect(e.groups == [0..<4, 4..<7, 7..<10])
        #expect(e.ids == [384, 385, 100, 101, 384, 385, 47, 384, 385, 102])
        #expect(e.offsets[2] == 0..<1 && e.offsets[6] == 2..<3 && e.offsets[9] == 4..<5)
        #expect(try t.decodeString(e.ids, options: DecodeOptions(skipSpecialTokens: true)) == "ab , c")
        #expect(try t.decodeString(e.ids) == "<cls_0><cls_1>ab <cls_0><cls_1>, <cls_0><cls_1>c")
    }

    @Test func layoutPadsAndCountsLengths() throws {
        let t = try Self.bytes(.eDatasetNat, p: 4)
        let layout = try t.layout("cat's hat", width: .longestWord)
        #expect(layout.width == 3)
        #expect(layout.lengths == [3, 1, 1, 3])
        #expect(layout.units == [102, 100, 119, 42, 0, 0, 118, 0, 0, 107, 100, 119])
        #expect(layout.rowsWithPrefix[1] == [384, 385, 386, 387, 42, 0, 0])
        let fixed = try t.layout("cat's hat", width: .fixed(2))
        #expect(fixed.lengths == [2, 1, 1, 2])
        #expect(Array(fixed.row(0)) == [102, 100])
        let strict = try Self.bytes(.eDatasetNat, truncation: .error)
        #expect(throws: TokenizerError.self) { try strict.layout("cat's hat", width: .fixed(2)) }
    }

    @Test func batchLayoutSharesWidthAndRows() throws {
        let t = try Self.bytes(.clean, p: 1)
        let batch = try t.layoutBatch([Array("a bb".utf8), Array("ccc".utf8), []], width: .longestWord)
        #expect(batch.width == 3 && batch.wordsPerText == 3)
        #expect(batch.wordCounts == [3, 1, 0])
        #expect(batch.lengths == [1, 1, 2, 3, 0, 0, 0, 0, 0])
        #expect(batch.units.count == 27)
    }

    @Test func truncationPolicy() throws {
        let drop = try Self.bytes(.clean, p: 0, max: 2)
        #expect(try drop.encode("abcd").ids == [100, 101])
        let strict = try Self.bytes(.clean, p: 0, max: 2, truncation: .error)
        #expect(throws: TokenizerError.self) { try strict.encode("x abcd") }
        #expect(throws: FormatError.self) { try Self.bytes(.clean, max: 0) }
        #expect(throws: FormatError.self) { try Self.bytes(.clean, p: -1) }
    }

    @Test func invalidUTF8IsATypedError() throws {
        let t = try Self.bytes(.clean)
        do {
            _ = try t.encode([0x61, 0xFF])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidUTF8 && error.byteOffset == 1)
        }
    }

    @Test func scalarUnits() throws {
        let corpus = PooledUnits.scalars(corpus: "ba c")
        let t = try WordPooledTokenizer(units: corpus, normalization: .eDatasetNat, prefixCount: 1)
        #expect(try t.encode("ab c").ids == [4, 1, 2, 4, 3])
        #expect(throws: TokenizerError.self) { try t.encode("z") }
        let open = try WordPooledTokenizer(units: .scalars, normalization: .clean, prefixCount: 0)
        #expect(try open.encode("é😀").ids == [0xE9 + 1, 0x1F600 + 1])
    }

    /// Presets: words joined by a space give the normalized text back.
    @Test func presetRoundTripIsNormalizedText() throws {
        let t = try Self.bytes(.myDataset(deletingLatinWords: false), p: 1)
        let text = "The cat's hat -- red!"
        let e = try t.encode(text)
        let words = try PooledNormalization.myDataset(deletingLatinWords: false).words(in: text)
        #expect(try t.decodeString(e.ids, options: DecodeOptions(skipSpecialTokens: true)) == words.joined(separator: " "))
    }

    /// Clean mode keeps the tokenizer laws (round trip exact, offsets tile, batch == sequential).
    @Test func cleanModeLaws() async throws {
        await TokenizerLaws.checkAll(try Self.bytes(.clean), seed: 7, count: 100)
        await TokenizerLaws.checkAll(try WordPooledTokenizer(units: .scalars, normalization: .clean), seed: 8, count: 100)
    }

    /// Presets drop text, so offsets do not tile; decode joins words with spaces (known issue);
    /// the other laws hold.
    @Test func presetLaws() async throws {
        await TokenizerLaws.checkAll(try Self.bytes(.eDatasetNat), seed: 9, count: 100, checkOffsetsTile: false,
                                     knownIssues: [.tokenBytesMatchDecode], knownIssueReason: TokenizerLaws.pooledPresetDecodeReason)
    }
}

extension String {
    func withUTF8Buffer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var copy = self
        return try copy.withUTF8 { try body($0) }
    }
}

@Suite struct PooledRobustnessTests {
    /// Random bytes: a clean result for valid UTF-8, a typed invalid-UTF-8 error otherwise — never a crash.
    @Test(arguments: [PooledNormalization.clean, .eDatasetNat, .myDataset(deletingLatinWords: true)])
    func randomBytesGiveResultsOrTypedErrors(_ n: PooledNormalization) throws {
        let t = try WordPooledTokenizer(units: .scalars, normalization: n, prefixCount: 2, maxUnitsPerWord: 8)
        for input in RandomInputs.bytes(count: 300, maxLength: 48, seed: 5) {
            do {
                let e = try t.encode(input)
                #expect(UTF8Validation.firstInvalidOffset(in: input) == nil)
                #expect(e.groups.allSatisfy { $0.count <= 2 + 8 })
            } catch {
                #expect(error.code == .invalidUTF8)
            }
        }
    }
}

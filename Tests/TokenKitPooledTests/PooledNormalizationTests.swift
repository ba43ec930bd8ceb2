import Testing
import TokenKit
@testable import TokenKitPooled

/// The normalization presets against the oracles of other-tokenizers.md §2.2.
@Suite struct PooledNormalizationTests {
    static let oracleText = "The cat's hat -- red!\nIt = 2.5 @-@ 3 extraordinarily {x}: y"

    @Test func eDatasetNatOracle() throws {
        let words = try PooledNormalization.eDatasetNat.words(in: Self.oracleText)
        #expect(words == ["The", "cat", "'", "s", "hat", "--", "red", "!", "It", "2", ".", "5", "3", "@", "{x}", ":", "y"])
    }

    @Test func myDatasetWithoutDeletionOracle() throws {
        let words = try PooledNormalization.myDataset(deletingLatinWords: false).words(in: Self.oracleText)
        #expect(words == ["The", "cat", "'", "s", "hat", "-", "-", "red", "!", "It", "2", ".", "5", "3",
                          "extraordinarily", "{", "x", "}:", "y"])
    }

    @Test func myDatasetAsShippedOracle() throws {
        let words = try PooledNormalization.myDataset(deletingLatinWords: true).words(in: Self.oracleText)
        #expect(words == ["'", "-", "-", "!", "2", ".", "5", "3", "{", "}:"])
    }

    /// Python `strip()` removes every `isspace()` character at the ends, but only `" "` splits words.
    @Test func pythonStripAndSplitSemantics() throws {
        let words = try PooledNormalization.eDatasetNat.words(in: "\u{3000}\t a\tb  c \u{85}")
        #expect(words == ["a\tb", "c"])
        #expect(try PooledNormalization.eDatasetNat.words(in: " \t\n ").isEmpty)
        #expect(try PooledNormalization.eDatasetNat.words(in: "").isEmpty)
    }

    /// `len(word) > 9` counts scalars, not bytes or graphemes (C1).
    @Test func longWordsCountScalars() throws {
        // 9 scalars, 18 bytes: kept. 10 scalars (5 graphemes): replaced.
        #expect(try PooledNormalization.eDatasetNat.words(in: "ééééééééé") == ["ééééééééé"])
        #expect(try PooledNormalization.eDatasetNat.words(in: "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}") == ["@"])
    }

    /// `---` is `--` then `-` under eDataset_nat, three `-` under myDataset; `@-@` vanishes first.
    @Test func alternationOrder() throws {
        #expect(try PooledNormalization.eDatasetNat.words(in: "a---b") == ["a", "--", "-b"])
        #expect(try PooledNormalization.myDataset(deletingLatinWords: false).words(in: "a---b") == ["a", "-", "-", "-", "b"])
        #expect(try PooledNormalization.myDataset(deletingLatinWords: false).words(in: "1@-@2") == ["1", "2"])
        #expect(try PooledNormalization.eDatasetNat.words(in: "x<unk>y=z") == ["x", "y", "z"])
    }

    /// Clean mode: ICU segments tile the input.
    @Test(arguments: ["Hello, world!", "  two  spaces\n", "नमस्ते दुनिया", "日本語のテキスト", ""])
    func cleanModeTilesInput(_ text: String) throws {
        let words = try PooledNormalization.clean.words(in: text)
        #expect(words.joined() == text)
    }
}

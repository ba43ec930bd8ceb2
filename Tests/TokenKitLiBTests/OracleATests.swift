import Testing
@testable import TokenKitLiB

/// Spec §1.8 oracle A: segmentation with a fixed lexicon in explicit rank order (L5), from
/// running the reference. Tokens are joined with `|`; `␠` in the spec is a space.
enum OracleA {
    struct Row: Sendable, CustomTestStringConvertible {
        var lexicon: [String]
        var input: String
        var output: [String]
        var testDescription: String { "\(lexicon) / \(input)" }
    }

    static let rows: [Row] = [
        Row(lexicon: ["a", "b", "c", "ab", "bc"], input: "abc", output: ["a", "bc"]),
        Row(lexicon: ["ab", "c", "a", "b", "bc"], input: "abc", output: ["ab", "c"]),
        Row(lexicon: ["ab"], input: "ab", output: ["a", "b"]),
        Row(lexicon: ["ab"], input: "abx", output: ["a", "b", "x"]),
        Row(lexicon: ["a", "b", "c", "d", "abc", "ab", "cd"], input: "abcd", output: ["abc", "d"]),
        Row(lexicon: ["a", "b", "c", "d", "cd", "ab", "abc"], input: "abcd", output: ["abc", "d"]),
        Row(lexicon: ["a", "b", "c", "d", "e", "abcd", "ab", "cde"], input: "abcde", output: ["abcd", "e"]),
        Row(lexicon: ["a", "b", "aa", "aab", "ba"], input: "aaba", output: ["aab", "a"]),
        Row(lexicon: ["t", "h", "e", " ", "c", "a", "s", "th", "the", "the ", "cat", " cat", "the cat"],
            input: "the cat sat", output: ["the cat", " ", "s", "a", "t"]),
    ]
}

@Suite struct OracleATests {
    @Test(arguments: OracleA.rows)
    func learnerSegmentation(_ row: OracleA.Row) {
        let learner = LiBLearner(parameters: LiBParameters(), lexicon: row.lexicon)
        #expect(learner.segment(row.input) == row.output)
    }
}

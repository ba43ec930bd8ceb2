import Testing
import TokenKit
import TokenKitBPE
import TokenKitByteProbabilities
import TokenKitTestSupport

/// T7 for the byte-level BPE family (tiktoken vocabularies with GPT-2, cl100k and o200k
/// pre-tokenizers): prefix closure, split-point stability, pairwise == re-encode validity.
@Suite("T7: byte-level BPE tokenizer properties")
struct BPEPropertyTests {
    static let vocabularies: [(name: String, path: String)] = [
        ("r50k_base", "vocabularies/openai-tiktoken/r50k_base.tiktoken"),
        ("cl100k_base", "vocabularies/openai-tiktoken/cl100k_base.tiktoken"),
        ("o200k_base", "vocabularies/openai-tiktoken/o200k_base.tiktoken"),
    ]
    static var names: [String] { vocabularies.map(\.name) }

    static func tokenizer(_ name: String) throws -> BPETokenizer {
        let entry = try #require(vocabularies.first { $0.name == name })
        let path = try #require(SharedData.path(entry.path), "shared vocabulary \(entry.path) missing")
        return try BPEFiles.load(path: path)
    }

    /// Letters, spaces and whitespace runs, digit runs (digit groups), punctuation, contractions,
    /// newlines, multi-byte and invalid UTF-8.
    static let pieces: [[UInt8]] = [
        "a", "e", "th", "The", " the", " ", "  ", "   ", "\n", "\n\n", " \n", "\t", "1", "12", "1234567", "'s", "'t",
        ".", ",", "!", "?!", "é", "ï", "☃", "日本", "A", "x",
    ].map { Array($0.utf8) } + [[0xC3], [0x80], [0xE2, 0x98], [0xFF]]

    static func randomStrings(count: Int, maxPieces: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let n = 1 + Int(rng.next() % UInt64(maxPieces))
            return (0..<n).flatMap { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }
        }
    }

    @Test("codec: no dummy prefix; split rule chosen from the vocabulary", arguments: names)
    func codecFacts(name: String) throws {
        let codec = ByteStreamCodec(tokenizer: try Self.tokenizer(name))
        #expect(codec.dummyPrefix.isEmpty)
        #expect(codec.splitRule == .spaceAfterWord)
        #expect(codec.splitPoint(in: Array("Hello world  again".utf8)) == 11)
    }

    /// Finding: validity is NOT prefix-closed for regex pre-tokenizers at prefixes that end in
    /// whitespace (`\s+(?!\S)` look-ahead, cl100k's optional non-letter before a word): e.g.
    /// r50k encodes "x\n\n" alone as [x, "\n\n"] but "x\n\n a" as [x, "\n", "\n", …]. Prefix
    /// closure holds at every other prefix (asserted); the whitespace-ending violations are a
    /// known issue (docs/byte-probabilities.md: the incremental algorithm is not exact there).
    @Test("prefix closure on random byte strings (except prefixes ending in whitespace: known issue)", arguments: names)
    func prefixClosure(name: String) throws {
        let codec = ByteStreamCodec(tokenizer: try Self.tokenizer(name))
        var whitespaceViolations: [String] = []
        for s in Self.randomStrings(count: Environment.long ? 2000 : 150, maxPieces: 10, seed: 3) {
            let t = try #require(codec.encodeSegment(s[...]))
            #expect(codec.decode(t) == s)
            for k in 0...t.count {
                let prefix = Array(t[..<k])
                let bytes = codec.decode(prefix)
                let ok = codec.encodeSegment(bytes[...]) == prefix
                if let last = bytes.last, [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C].contains(last) {
                    if !ok { whitespaceViolations.append("\(bytes)") }
                } else {
                    #expect(ok, "prefix closure: \(s) at \(k)")
                }
            }
        }
        withKnownIssue("regex pre-tokenizers: validity is not prefix-closed at whitespace-ending prefixes") {
            #expect(whitespaceViolations.isEmpty, "\(whitespaceViolations.count) violations, e.g. \(whitespaceViolations.prefix(3))")
        }
    }

    @Test("split-point stability: covers from j == covers from 0", arguments: names)
    func splitStability(name: String) throws {
        try TokenizerPropertyTests.check(splitStability: try Self.tokenizer(name),
                                         streams: Self.randomStrings(count: Environment.long ? 40 : 4, maxPieces: 5, seed: 5))
    }

    @Test("pairwise validity vs re-encode validity (sampled extensions; known issue for regex BPE)", arguments: names)
    func pairwise(name: String) throws {
        let tokenizer = try Self.tokenizer(name)
        let pairwise = ByteStreamCodec(tokenizer: tokenizer, splitRule: nil, validity: .pairwise)
        let reencode = ByteStreamCodec(tokenizer: tokenizer, splitRule: nil)
        #expect(pairwise.validity == .pairwise)
        var rng = SplitMix64(seed: 9)
        var disagreements: [String] = []
        var checked = 0
        for s in Self.randomStrings(count: Environment.long ? 300 : 30, maxPieces: 6, seed: 17) {
            for n in 1...s.count {
                guard let t = reencode.encodeSegment(s[..<n]) else { continue }
                // The tokens that share a first byte with common continuations, plus random ones.
                var candidates = Set<Int>()
                for b in [0x20, 0x61, 0x31, 0x0A, 0x2E, 0x27, 0xC3, 0x80] { candidates.formUnion(reencode.idsByFirstByte[b].prefix(40).map(Int.init)) }
                for _ in 0..<60 { candidates.insert(Int(rng.next() % UInt64(tokenizer.vocabularySize))) }
                for v in candidates where !reencode.bytes[v].isEmpty {
                    let a = pairwise.isValidExtension(tail: s[..<n], tokens: t, TokenID(v))
                    let b = reencode.isValidExtension(tail: s[..<n], tokens: t, TokenID(v))
                    if a != b, disagreements.count < 5 {
                        disagreements.append("\(Array(s[..<n])) + \(reencode.bytes[v]): pairwise \(a), re-encode \(b)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
        // Finding: re-encoding only the adjacent pair ignores pre-tokenization context
        // (contractions, a letter run split by the pair boundary, multi-byte characters), so
        // `.pairwise` is exact only for BPE without a pre-tokenizer (the toys); regex BPE needs
        // a merge-history check inside pre-tokens (Hayase et al.) — not implemented.
        withKnownIssue("the two-token re-encode check is not exact under regex pre-tokenization") {
            #expect(disagreements.isEmpty, "\(name): \(disagreements)")
        }
    }
}

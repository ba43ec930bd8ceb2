import Testing
import TokenKit
import TokenKitByteProbabilities
import TokenKitLM
import TokenKitTestSupport

/// T7: the tokenizer properties the incremental algorithm relies on, on random byte strings
/// (letters, spaces, digit runs, punctuation, multi-byte and invalid UTF-8).
@Suite("T7: tokenizer properties")
struct TokenizerPropertyTests {
    static let pieces: [[UInt8]] = [
        "a", "e", "t", "h", "o", "n", " ", "  ", "1", "23", ".", ",", "!", "\n", "ï", "☃", "é", "The", " the",
    ].map { Array($0.utf8) } + [[0xC3], [0x80], [0xA6], [0xE2, 0x98], [0xFF]]

    static func randomStrings(count: Int, maxPieces: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let n = Int(rng.next() % UInt64(maxPieces + 1))
            return (0..<n).flatMap { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }
        }
    }

    static func check<T: Tokenizer>(prefixClosure codec: ByteStreamCodec<T>, streams: [[UInt8]]) {
        for s in streams {
            guard let t = codec.encodeSegment(s[...]) else {
                Issue.record("no encoding for \(s)")
                continue
            }
            #expect(codec.decode(t) == s, "round trip \(s)")
            for k in 0...t.count {
                let prefix = Array(t[..<k])
                #expect(codec.encodeSegment(codec.decode(prefix)[...]) == prefix, "prefix closure: \(s) at \(k)")
            }
        }
    }

    /// Covers from the split point (mapped to full token strings) == covers from 0, at every byte.
    static func check<T: Tokenizer>(splitStability tokenizer: T, streams: [[UInt8]]) throws {
        let split = ByteStreamCodec(tokenizer: tokenizer)
        let whole = ByteStreamCodec(tokenizer: tokenizer, splitRule: ByteStreamCodec<T>.SplitRule.none)
        let source = UniformSource(vocabularySize: tokenizer.vocabularySize)
        for s in streams where !s.isEmpty {
            let a = try ByteLevelModel(codec: split, source: source, stream: [s[0]])
            let b = try ByteLevelModel(codec: whole, source: source, stream: [s[0]])
            for i in 1..<s.count {
                try a.append(s[i])
                try b.append(s[i])
                let setA = Set(a.covers.map { [(a.prefixTokens + $0.tokens).map(Int.init), $0.rest.map(Int.init)] })
                let setB = Set(b.covers.map { [$0.tokens.map(Int.init), $0.rest.map(Int.init)] })
                #expect(setA == setB, "split stability: \(s[...i]) split at \(a.split)")
                #expect(a.canonicalEncoding == whole.encodeSegment(s[...i]))
            }
        }
    }

    @Test("tok512: prefix closure on random streams", Stories260K.required)
    func tok512PrefixClosure() throws {
        let codec = try Stories260K.codec()
        #expect(codec.splitRule == .spaceAfterWord && codec.dummyPrefix == [0x20])
        let streams = Self.randomStrings(count: Environment.long ? 3000 : 300, maxPieces: 12, seed: 7).map { [0x20] + $0 }
        Self.check(prefixClosure: codec, streams: streams)
    }

    @Test("tok512: split-point stability (covers from j == covers from 0)", Stories260K.required)
    func tok512SplitStability() throws {
        let tokenizer = try #require(Stories260K.tokenizer)
        let streams = Self.randomStrings(count: Environment.long ? 200 : 20, maxPieces: 8, seed: 11).map { [0x20] + $0 }
        try Self.check(splitStability: tokenizer, streams: streams)
    }

    @Test("toy BPE: prefix closure on every string up to 10 bytes")
    func toyPrefixClosure() {
        let codec = ByteStreamCodec(tokenizer: ToyBPE(merges: Toy.merges))
        Self.check(prefixClosure: codec, streams: Toy.allStrings(upTo: 10))
    }

    @Test("codec: END from BOS/EOS, <unk> dropped, dummy token is the piece (not its byte twin)", Stories260K.required)
    func codecFacts() throws {
        let codec = try Stories260K.codec()
        #expect(codec.outcomeNames == ["END"])
        #expect(codec.outcomeIndex[1] == 0 && codec.outcomeIndex[2] == 0 && codec.outcomeIndex[0] == -1)
        #expect(codec.bytes[0].isEmpty)
        #expect(codec.dummyToken == Stories260K.tokenizer?.spaceID)
        #expect(codec.splitPoint(in: Array(" Tom had 12".utf8)) == 8)
        #expect(codec.splitPoint(in: Array(" go  ".utf8)) == 3)
        #expect(codec.encodeSegment([0x61][...]) == nil)   // no dummy prefix: nothing decodes canonically to it
    }
}

/// T7, third property: the pairwise (adjacent-token) validity check == the full re-encode check.
@Suite("T7: pairwise validity")
struct PairwiseValidityTests {
    /// Every canonical prefix `T` of every stream and every token `v`: both checks agree.
    static func check<T: Tokenizer>(_ tokenizer: T, streams: [[UInt8]]) -> Int {
        let pairwise = ByteStreamCodec(tokenizer: tokenizer, splitRule: ByteStreamCodec<T>.SplitRule.none, validity: .pairwise)
        let reencode = ByteStreamCodec(tokenizer: tokenizer, splitRule: ByteStreamCodec<T>.SplitRule.none)
        var checked = 0
        var seen = Set<[UInt8]>()
        for s in streams {
            for n in 0...s.count where seen.insert(Array(s[..<n])).inserted {
                guard let t = reencode.encodeSegment(s[..<n]) else { continue }
                for v in 0..<tokenizer.vocabularySize where !reencode.bytes[v].isEmpty {
                    let a = pairwise.isValidExtension(tail: s[..<n], tokens: t, TokenID(v))
                    let b = reencode.isValidExtension(tail: s[..<n], tokens: t, TokenID(v))
                    #expect(a == b, "\(s[..<n]) + token \(v): pairwise \(a), re-encode \(b)")
                    checked += 1
                }
            }
        }
        return checked
    }

    @Test("toy BPE: pairwise == re-encode on every string up to 9 bytes")
    func toy() {
        let tokenizer = ToyBPE(merges: Toy.merges)
        #expect(ByteStreamCodec(tokenizer: tokenizer, validity: .pairwise).validity == .pairwise)
        #expect(Self.check(tokenizer, streams: Toy.allStrings(upTo: 9)) > 1000)
        let other = ToyBPE(merges: Toy.otherMerges)
        #expect(Self.check(other, streams: Toy.allStrings(upTo: 9)) > 1000)
    }

    @Test("dummy-prefix tokenizers fall back to re-encode", Stories260K.required)
    func fallback() throws {
        let codec = ByteStreamCodec(tokenizer: try #require(Stories260K.tokenizer), validity: .pairwise)
        #expect(codec.validity == .reencode)
    }
}

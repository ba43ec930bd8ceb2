import Testing
import TokenKit
@testable import TokenKitSentencePiece
import TokenKitTestSupport

@Suite("llama2.c tokenizer (tok512)", Stories260K.required)
struct LlamaTokenizerTests {
    @Test("loads tok512.bin: 512 pieces, BOS/EOS, byte fallback")
    func loads() throws {
        let t = try #require(Stories260K.tokenizer)
        #expect(t.vocabularySize == 512)
        #expect(t.maxTokenLength == 7)
        #expect(t.family == .sentencePieceBPE)
        #expect(t.specialTokens.first(.bos)?.id == 1)
        #expect(t.specialTokens.first(.eos)?.id == 2)
        #expect(t.tokenBytes(3) == [0x00])
        #expect(t.tokenBytes(258) == [0xFF])
        #expect(t.isByteFallback(200))
        #expect(t.tokenBytes(403) == Array(" Once".utf8))
        #expect(t.spaceID == 410)
    }

    @Test("encodings equal the goldens' run.c encodings (BOS first, dummy prefix, byte fallback)")
    func goldenEncodings() throws {
        let t = try #require(Stories260K.tokenizer)
        let cases = try #require(Stories260K.goldens?["tokenizer_vectors"]?["cases"])
        guard case .object(let members) = cases else { Issue.record("cases is not an object"); return }
        #expect(members.count == 5)
        for (text, expected) in members {
            let ids = try t.encode(text).ids
            #expect(ids == Stories260K.ids(expected), "encoding of \(text)")
            // Without framing: the same minus BOS.
            #expect(try t.encode(text, options: .plain).ids == Array(Stories260K.ids(expected).dropFirst()))
        }
    }

    @Test("the greedy goldens' texts encode and decode consistently with their ids")
    func goldenTextsRoundTrip() throws {
        let t = try #require(Stories260K.tokenizer)
        for key in ["greedy_no_prompt_200", "greedy_prompt_64"] {
            let g = try #require(Stories260K.goldens?[key])
            let ids = Stories260K.ids(g["token_ids"])
            let text = try #require(g["text"]?.stringValue)
            #expect(try t.decodeString(ids, options: DecodeOptions(skipSpecialTokens: true)) == text)
            // run.c-style streaming decode gives the same text.
            var streamed: [UInt8] = []
            for k in 1..<ids.count { streamed += t.piece(ids[k], after: ids[k - 1]) }
            #expect(streamed == Array(text.utf8))
        }
    }

    @Test("framing: default = BOS, add = BOS + EOS, none = neither; empty text")
    func framing() throws {
        let t = try #require(Stories260K.tokenizer)
        #expect(try t.encode("", options: .default).ids == [1])
        #expect(try t.encode("", options: .plain).ids == [])
        #expect(try t.encode("", options: EncodeOptions(framing: .add)).ids == [1, 2])
        let add = try t.encode("Once", options: EncodeOptions(framing: .add))
        #expect(add.ids.first == 1 && add.ids.last == 2)
        #expect(add.offsets.last == 4..<4)
    }

    @Test("offsets: the dummy prefix covers nothing; a merged first token covers its text")
    func offsets() throws {
        let t = try #require(Stories260K.tokenizer)
        let e = try t.encode("Once upon", options: .plain)
        #expect(e.ids == [403, 407])
        #expect(e.offsets == [0..<4, 4..<9])
        let s = try t.encode("  two", options: .plain)
        #expect(s.ids.first == 410)
        #expect(s.offsets.first == 0..<0)
    }

    @Test("ill-formed UTF-8 groups per byte (spec §5.3): ' a' + 0xA6 → [' a', <0xA6>]")
    func illFormed() throws {
        let t = try #require(Stories260K.tokenizer)
        let ids = try t.encode([0x61, 0xA6], options: .plain).ids
        #expect(ids == [261, 0xA6 + 3])
        #expect(try t.decode(ids) == [0x61, 0xA6])
    }

    @Test("special-token text is ordinary text by default and matched when allowed")
    func specials() throws {
        let t = try #require(Stories260K.tokenizer)
        let plain = try t.encode("a</s>", options: .plain).ids
        #expect(!plain.contains(2))
        let matched = try t.encode("a</s>", options: EncodeOptions(framing: .none, specials: .matchAll)).ids
        #expect(matched.last == 2)
    }

    @Test("tokenizer laws (round trip on arbitrary bytes, determinism, offsets, count, batch)")
    func laws() async throws {
        let t = try #require(Stories260K.tokenizer)
        await TokenizerLaws.checkAll(t, seed: 5, knownIssues: [.tokenBytesMatchDecode], knownIssueReason: TokenizerLaws.llamaDecodeReason)
    }

    @Test("the catalog detects tok512.bin (tok -t path)")
    func catalog() throws {
        let catalog = TokenizerCatalog(loaders: [ByteTokenizerLoader(), LlamaTokenizerLoader()])
        let t = try catalog.resolve(Stories260K.tokenizerPath)
        #expect(t.family == .sentencePieceBPE)
        #expect(try t.encode("Once upon a time").ids == [1, 403, 407, 261, 378])
        // The checkpoint is not a tokenizer file.
        #expect(!LlamaTokenizerLoader().recognizes(path: Stories260K.modelPath,
                                                   head: Array(try FileIO.readAll(path: Stories260K.modelPath).prefix(4096))))
    }
}

@Suite("llama2.c tokenizer files: bad input")
struct LlamaTokenizerFileTests {
    /// A small valid file: max length 7, pieces unk/BOS/EOS, then "ab", " ", "a", "b".
    static func file(_ pieces: [(Float, [UInt8])], maxLength: Int32 = 7) -> [UInt8] {
        var out: [UInt8] = []
        func int32(_ v: Int32) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        int32(maxLength)
        for (score, bytes) in pieces {
            withUnsafeBytes(of: score.bitPattern.littleEndian) { out += $0 }
            int32(Int32(bytes.count))
            out += bytes
        }
        return out
    }

    static let small: [(Float, [UInt8])] = [
        (0, Array("<unk>".utf8)), (0, Array("\n<s>\n".utf8)), (0, Array("\n</s>\n".utf8)),
        (-1, Array("ab".utf8)), (-2, Array(" ".utf8)), (-3, Array("a".utf8)), (-4, Array("b".utf8)),
    ]

    func parse(_ bytes: [UInt8], vocabularySize: Int? = nil) throws(FormatError) -> LlamaTokenizer {
        let r = bytes.withUnsafeBufferPointer { b in
            Result { () throws(FormatError) -> LlamaTokenizer in try LlamaTokenizer.parse(b, vocabularySize: vocabularySize, source: "test") }
        }
        return try r.get()
    }

    @Test("a synthetic vocabulary without byte pieces encodes unknown bytes as <unk>")
    func synthetic() throws {
        let t = try parse(Self.file(Self.small))
        #expect(try t.encode("ab", options: .plain).ids == [4, 3])
        #expect(try t.encode("c", options: .plain).ids == [4, 0])
    }

    @Test("every truncation gives a typed error with a byte offset", arguments: [0, 3, 4, 9, 12, 14, 30])
    func truncated(length: Int) {
        let bytes = Array(Self.file(Self.small).prefix(length))
        do {
            _ = try parse(bytes, vocabularySize: 7)
            Issue.record("parsed a file cut at \(length)")
        } catch {
            #expect(error.code == (length == 0 ? .empty : .truncated))
            if length > 0 { #expect(error.location.byteOffset != nil) }
        }
    }

    @Test("negative length, oversized length, trailing bytes, NaN score, too few pieces")
    func lying() {
        var negative = Self.file(Self.small)
        negative[8] = 0xFF; negative[9] = 0xFF; negative[10] = 0xFF; negative[11] = 0xFF
        #expect(throws: FormatError.self) { try parse(negative) }
        var huge = Self.file(Self.small)
        huge[8] = 0x00; huge[9] = 0x00; huge[10] = 0x10
        #expect(throws: FormatError.self) { try parse(huge) }
        #expect(throws: FormatError.self) { try parse(Self.file(Self.small) + [0, 0], vocabularySize: 7) }
        #expect(throws: FormatError.self) { try parse(Self.file([(Float.nan, [0x61])] + Self.small)) }
        #expect(throws: FormatError.self) { try parse(Self.file(Array(Self.small.prefix(2)))) }
    }
}

@Suite("llama2.c tokenizer: per-word fast path", Stories260K.required)
struct LlamaTokenizerWordSplitTests {
    static func pair() throws -> (LlamaTokenizer, LlamaTokenizer) {
        let t = try #require(Stories260K.tokenizer)
        let whole = try LlamaTokenizer(pieces: t.pieces, scores: t.scores, maxTokenLength: t.maxTokenLength,
                                       source: "unsplit", wordSplit: false)
        return (t, whole)
    }

    @Test("cutting before spaces gives the same ids and offsets as merging the whole text (corpus)")
    func corpus() throws {
        let (split, whole) = try Self.pair()
        let path = try #require(SharedData.path("corpora/prose/tinyshakespeare.txt"))
        let text = Array(try FileIO.readAll(path: path).prefix(20_000))
        #expect(try split.encode(text, options: .plain) == whole.encode(text, options: .plain))
    }

    @Test("…and on random inputs heavy in spaces and multi-byte characters")
    func random() throws {
        let (split, whole) = try Self.pair()
        var rng = SplitMix64(seed: 11)
        let alphabet: [[UInt8]] = [[0x20], [0x20], [0x61], [0x74], [0x68], [0x65], [0x2E], [0x0A], Array("é".utf8), Array("☃".utf8), [0xA6]]
        for _ in 0..<300 {
            var input: [UInt8] = []
            for _ in 0..<Int(rng.next() % 40) { input += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            #expect(try split.encode(input) == whole.encode(input), "input \(input)")
        }
    }
}

@Suite("llama2.c tokenizer loader never crashes on mutated files")
struct LlamaTokenizerMutationTests {
    @Test("random mutations and cuts of a tokenizer file: it loads and encodes, or throws FormatError", arguments: [4, 5] as [UInt64])
    func tokenizer(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let valid = LlamaTokenizerFileTests.file(LlamaTokenizerFileTests.small)
        for _ in 0..<500 {
            var bytes = valid
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            if rng.next() % 3 == 0 { bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1)))) }
            let result = bytes.withUnsafeBufferPointer { b in
                Result { () throws(FormatError) -> LlamaTokenizer in try LlamaTokenizer.parse(b, source: "mutated") }
            }
            if case .success(let t) = result {
                let e = try t.encode([0x61, 0x20, 0x62, 0xC3, 0xA9, 0xFF])
                #expect(e.ids.allSatisfy { Int($0) < t.vocabularySize })
                _ = try t.decode(e.ids)
            }
        }
    }
}

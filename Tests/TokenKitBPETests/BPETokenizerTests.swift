import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport

@Suite("BPETokenizer", SharedData.required)
struct BPETokenizerTests {
    @Test("tiktoken special-token semantics: disallowed throws with token and offset")
    func disallowedSpecial() throws {
        let t = try SharedVocabularies.tokenizer("cl100k_base")
        let text = "hi <|endoftext|> there"
        do {
            _ = try t.encode(text, options: EncodeOptions(framing: .none, specials: .tiktokenDefault))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .disallowedSpecialToken)
            #expect(error.byteOffset == 3)
            #expect(error.message.contains("<|endoftext|>"))
        }
    }

    @Test("allowed specials become ids; ordinary treats them as text")
    func allowedAndOrdinary() throws {
        let t = try SharedVocabularies.tokenizer("cl100k_base")
        let text = "hi <|endoftext|> there<|fim_prefix|>"
        let matched = try t.encode(text, options: EncodeOptions(framing: .none, specials: .matchAll))
        #expect(matched.ids.contains(100257) && matched.ids.last == 100258)
        #expect(matched.offsets[matched.ids.firstIndex(of: 100257)!] == 3..<16)
        let ordinary = try t.encode(text, options: .plain)
        #expect(!ordinary.ids.contains(100257))
        #expect(try t.decode(ordinary.ids) == Array(text.utf8))
        // Only <|fim_prefix|> allowed, nothing disallowed: <|endoftext|> stays text.
        let some = try t.encode(text, options: EncodeOptions(framing: .none, specials: SpecialTokenPolicy(allowed: .only(["<|fim_prefix|>"]), disallowed: .none)))
        #expect(!some.ids.contains(100257) && some.ids.last == 100258)
        #expect(t.encodeOrdinary(Array(text.utf8).withUnsafeBufferPointer { $0 }).ids.count > 0)
    }

    @Test("Llama 3 whole-piece rule: .:.: is one token")
    func llama3WholePiece() throws {
        let t = try SharedVocabularies.tokenizer("llama3")
        #expect(try t.encode(".:.:", options: .plain).ids == [100421])
    }

    @Test("count with a limit stops early and agrees with encode")
    func countLimit() throws {
        let t = try SharedVocabularies.tokenizer("cl100k_base")
        let text = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 50)
        let full = try t.count(text)
        #expect(try t.count(text, limit: full) == full)
        #expect(try t.count(text, limit: full - 1) == nil)
        #expect(try t.count(text, limit: 5) == nil)
    }

    @Test("split after N tokens at a character boundary")
    func splitAfterN() throws {
        let t = try SharedVocabularies.tokenizer("cl100k_base")
        let text = "Grüße aus Köln — 東京タワー and 🙂 emoji"
        let all = try t.encode(text, options: .plain)
        for n in 0...all.count + 1 {
            let (head, rest, k) = try t.split(text, afterTokens: n)
            #expect(k <= n && k <= all.count)
            #expect(String(head) + String(rest) == text)
            #expect(head.utf8.count == (k == 0 ? 0 : all.offsets[k - 1].upperBound))
            if n <= all.count, k < n { #expect(k >= 0) }
        }
        // A token inside a character: 東 is split by cl100k into byte tokens somewhere above.
        let (_, _, k) = try t.split(text, afterTokens: all.count)
        #expect(k == all.count)
    }

    @Test("streaming decoder never emits a partial character")
    func streaming() throws {
        let t = try SharedVocabularies.tokenizer("cl100k_base")
        let text = "Zürich 東京 🙂👍🏽 naïve Ελληνικά"
        let ids = try t.encode(text, options: .plain).ids
        var stream = StreamingDecoder(t)
        var out = ""
        for id in ids {
            let piece = try stream.push(id)
            #expect(!piece.contains("\u{FFFD}"))
            out += piece
        }
        out += stream.finish()
        #expect(out == text)
    }

    @Test("tokenizer laws", arguments: ["cl100k_base", "o200k_base", "gpt2", "qwen2", "llama3"])
    func laws(name: String) async throws {
        let t = try SharedVocabularies.tokenizer(name)
        await TokenizerLaws.checkAll(t, seed: 7)
    }

    @Test("independent boundary really is independent")
    func boundary() throws {
        let t = try SharedVocabularies.tokenizer("cl100k_base")
        let text = Array("first line!\nsecond line  \n\nthird)\nfourth\n".utf8)
        try text.withUnsafeBufferPointer { b in
            let c = try #require(t.independentBoundary(in: b, before: text.count - 1))
            let whole = try t.encode(text, options: .plain).ids
            let left = try t.encode(Array(text[..<c]), options: .plain).ids
            let right = try t.encode(Array(text[c...]), options: .plain).ids
            #expect(left + right == whole)
        }
    }
}

@Suite("Scalar offsets")
struct ScalarOffsetTests {
    @Test("byte offsets map to scalar offsets; partial characters cover the character")
    func scalarOffsets() {
        let text = "aé東🙂b"  // bytes: a(1) é(2) 東(3) 🙂(4) b(1)
        let bytesRanges = [0..<1, 1..<3, 3..<5, 5..<6, 6..<10, 10..<11]
        let scalars = ScalarOffsets.convert(bytesRanges, in: text)
        #expect(scalars == [0..<1, 1..<2, 2..<3, 2..<3, 3..<4, 4..<5])
    }
}

import PropertyBased
import Testing
import TokenKit
import TokenKitTestSupport

@Suite("ByteTokenizer")
struct ByteTokenizerTests {
    /// Hugging Face ByT5 test-suite vectors (specs/other-tokenizers.md §5.1).
    @Test("ByT5 encodes like Hugging Face", arguments: [
        ("Unicode €.", [88, 113, 108, 102, 114, 103, 104, 35, 229, 133, 175, 49, 1] as [TokenID]),
        ("e è é ê ë", [104, 35, 198, 171, 35, 198, 172, 35, 198, 173, 35, 198, 174, 1]),
    ])
    func byt5Vectors(text: String, expected: [TokenID]) throws {
        #expect(try ByteTokenizer.byt5.encode(text).ids == expected)
    }

    @Test("ByT5 decodes specials as text, as Hugging Face does")
    func byt5DecodesEOS() throws {
        let ids = try ByteTokenizer.byt5.encode("Unicode €.").ids
        #expect(try ByteTokenizer.byt5.decodeString(ids) == "Unicode €.</s>")
        #expect(try ByteTokenizer.byt5.decodeString(ids, options: DecodeOptions(skipSpecialTokens: true)) == "Unicode €.")
    }

    @Test("ByT5 layout: 3 specials, 256 bytes, 125 sentinels from 259")
    func byt5Layout() {
        let t = ByteTokenizer.byt5
        #expect(t.vocabularySize == 384)
        #expect(t.specialTokens.first(.pad)?.id == 0)
        #expect(t.specialTokens.first(.eos)?.id == 1)
        #expect(t.specialTokens.first(.unk)?.id == 2)
        #expect(t.specialTokens.token(withText: "<extra_id_0>")?.id == 259)
        #expect(t.specialTokens.token(withText: "<extra_id_124>")?.id == 383)
        #expect(t.tokenBytes(3) == [0])
        #expect(t.tokenBytes(258) == [255])
        #expect(t.tokenBytes(384) == nil)
    }

    @Test("Raw mode: id is the byte, no framing")
    func raw() throws {
        let e = try ByteTokenizer.raw.encode([0, 0x41, 0xFF])
        #expect(e.ids == [0, 0x41, 0xFF])
        #expect(e.offsets == [0..<1, 1..<2, 2..<3])
        #expect(ByteTokenizer.raw.vocabularySize == 256)
        #expect(ByteTokenizer.raw.specialTokens.count == 0)
    }

    @Test("Framing: none drops ByT5's EOS, add keeps it")
    func framing() throws {
        let t = ByteTokenizer.byt5
        #expect(try t.encode("a", options: .plain).ids == [100])
        #expect(try t.encode("a", options: EncodeOptions(framing: .add)).ids == [100, 1])
        let e = try t.encode("ab")
        #expect(e.offsets.last == 2..<2, "EOS covers no input and stands at the end")
    }

    @Test("Special text is ordinary text unless the policy matches it")
    func specialPolicies() throws {
        let t = ByteTokenizer.byt5
        let text = "hi</s>"
        let ordinary = try t.encode(text, options: .plain).ids
        #expect(ordinary == Array(text.utf8).map { TokenID($0) + 3 })
        let matched = try t.encode(text, options: EncodeOptions(framing: .none, specials: .matchAll))
        #expect(matched.ids == [107, 108, 1])
        #expect(matched.offsets == [0..<1, 1..<2, 2..<6])
        #expect(throws: TokenizerError.disallowedSpecialToken("</s>", at: 2)) {
            try t.encode(text, options: EncodeOptions(framing: .none, specials: .tiktokenDefault))
        }
        let only = SpecialTokenPolicy(allowed: .only(["<pad>"]), disallowed: .none)
        #expect(try t.encode("<pad></s>", options: EncodeOptions(framing: .none, specials: only)).ids.first == 0)
    }

    @Test("Unknown ids are errors that name the position")
    func unknownID() {
        #expect(throws: TokenizerError.unknownTokenID(999, at: 1, vocabularySize: 384)) {
            try ByteTokenizer.byt5.decode([100, 999])
        }
        #expect(throws: TokenizerError.self) { try ByteTokenizer.raw.decode([256]) }
    }

    @Test("decodeString: replace, drop or fail on invalid UTF-8")
    func decodePolicies() throws {
        let ids: [TokenID] = [0x61, 0xE2, 0x82, 0x62]  // a, a cut-off €, b
        let t = ByteTokenizer.raw
        #expect(try t.decodeString(ids, invalidUTF8: .replace) == "a\u{FFFD}b")
        #expect(try t.decodeString(ids, invalidUTF8: .drop) == "ab")
        #expect(throws: TokenizerError.invalidUTF8(at: 1)) { try t.decodeString(ids, invalidUTF8: .error) }
    }

    @Test("Display strings escape bytes that are not UTF-8 on their own")
    func display() {
        #expect(ByteTokenizer.byt5.displayString(100) == "a")
        #expect(ByteTokenizer.byt5.displayString(0xE2 + 3) == "\\xE2")
        #expect(ByteTokenizer.byt5.displayString(1) == "</s>")
    }

    @Test("Specials must not collide with byte ids")
    func collision() {
        #expect(throws: FormatError.self) {
            try ByteTokenizer(offset: 3, specialTokens: [SpecialToken(id: 10, text: "<x>", role: .control)],
                              appendedToken: nil, name: "bad")
        }
    }

    @Test("Tokenizer laws hold", arguments: [ByteTokenizer.raw, ByteTokenizer.byt5])
    func laws(tokenizer: ByteTokenizer) async {
        await TokenizerLaws.checkAll(tokenizer, seed: 42)
    }

    @Test("Round trip on arbitrary bytes (property)")
    func roundTripProperty() async {
        await propertyCheck(input: Gen.uint8().array(of: 0...200)) { bytes in
            let ids = try ByteTokenizer.byt5.encode(bytes, options: .plain).ids
            #expect(try ByteTokenizer.byt5.decode(ids) == bytes)
            #expect(try ByteTokenizer.byt5.count(bytes) == bytes.count + 1)
        }
    }
}

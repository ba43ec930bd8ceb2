import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport

/// Exactness of `tokenizer.json` files against the shared golden vectors (produced by
/// tiktoken or Hugging Face `tokenizers`) and llama.cpp's upstream vectors.
@Suite("Hugging Face tokenizer.json: golden vectors", .serialized)
struct HuggingFaceVectorTests {
    /// A tokenizer.json file, the golden set for it and the special-token semantics the set was
    /// made with (tiktoken's ordinary encoding or HF's added-token matching).
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let golden: String
        let specials: SpecialTokenPolicy
        var testDescription: String { "\(file) vs \(golden)" }
    }

    static let cases: [Case] = [
        Case(file: "vocabularies/gpt2/tokenizer.json", golden: "vocabularies/testvectors/generated/gpt2.jsonl", specials: .ordinary),
        Case(file: "vocabularies/gpt-neox-20b/tokenizer.json", golden: "vocabularies/testvectors/generated/gpt-neox-20b.jsonl", specials: .matchAll),
        Case(file: "vocabularies/olmo/gpt-neox-olmo-dolma-v1_5.json", golden: "vocabularies/testvectors/generated/olmo-1.jsonl", specials: .matchAll),
        Case(file: "vocabularies/olmo/dolma2.json", golden: "vocabularies/testvectors/generated/cl100k_base.jsonl", specials: .ordinary),
    ]

    static func load(_ file: String) throws -> HFTokenizer {
        guard let path = SharedData.path(file) else { throw FormatError(.empty, "no shared data") }
        return try HFTokenizer(contentsOf: path)
    }

    @Test("generated vectors encode and decode exactly", SharedData.required, arguments: cases)
    func generated(_ c: Case) throws {
        let tokenizer = try Self.load(c.file)
        let vectors = try HFGolden.jsonl(c.golden)
        #expect(vectors.count >= 100)
        var failures = 0
        for v in vectors {
            let got = try tokenizer.encode(v.text, options: EncodeOptions(framing: .none, specials: c.specials)).ids
            if got != v.ids {
                failures += 1
                if failures <= 5 { Issue.record("\(c.file): \(v.text.debugDescription): got \(got), want \(v.ids)") }
            }
            let back = try tokenizer.decode(v.ids)
            #expect(back == Array(v.text.utf8) || tokenizer.roundTrip == .normalizedText, "decode of \(v.text.debugDescription)")
        }
        #expect(failures == 0, "\(failures) of \(vectors.count) vectors differ")
    }

    @Test("llama.cpp gpt-2 vectors through gpt2/tokenizer.json", SharedData.required)
    func llamaCppGPT2() throws {
        let tokenizer = try Self.load("vocabularies/gpt2/tokenizer.json")
        let vectors = try HFGolden.llamaCpp("ggml-vocab-gpt-2.gguf")
        #expect(vectors.count == 46)
        for v in vectors {
            let got = try tokenizer.encode(v.text, options: .plain).ids
            #expect(got == v.ids, "\(v.text.debugDescription)")
            #expect(try tokenizer.decode(got) == Array(v.text.utf8))
        }
    }

    @Test("GPT-NeoX matches added tokens before pre-tokenization", SharedData.required)
    func neoxAddedWhitespace() throws {
        let tokenizer = try Self.load("vocabularies/gpt-neox-20b/tokenizer.json")
        // "  " is the added token 50276 (from the generated vectors); <|endoftext|> is 0.
        #expect(try tokenizer.encode("  ", options: EncodeOptions(framing: .none, specials: .matchAll)).ids == [50276])
        #expect(try tokenizer.encode("<|endoftext|>", options: EncodeOptions(framing: .none, specials: .matchAll)).ids == [0])
        // tiktoken semantics chosen per call: a disallowed special is an error with its offset.
        let error = #expect(throws: TokenizerError.self) {
            try tokenizer.encode("ab<|endoftext|>", options: EncodeOptions(framing: .none, specials: .tiktokenDefault))
        }
        #expect(error?.code == .disallowedSpecialToken)
        #expect(error?.byteOffset == 2)
        // Ordinary: the special's text is plain text (several tokens), the space run still added.
        let ordinary = try tokenizer.encode("<|endoftext|>", options: EncodeOptions(framing: .none, specials: .ordinary)).ids
        #expect(ordinary.count > 1)
    }

    @Test("laws hold on the tokenizer.json files", SharedData.required, arguments: [
        "vocabularies/gpt2/tokenizer.json", "vocabularies/gpt-neox-20b/tokenizer.json", "vocabularies/olmo/dolma2.json",
    ])
    func laws(_ file: String) async throws {
        let tokenizer = try Self.load(file)
        await TokenizerLaws.checkAll(tokenizer, seed: 7, count: 80)
    }
}

import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport

/// The generated golden sets (tiktoken 0.14 for rank files, HF tokenizers for qwen2) and the
/// llama.cpp upstream vectors: every case encodes to the reference ids and decodes back.
@Suite("Golden vectors", SharedData.required)
struct GoldenVectorTests {
    static let generated: [(vocab: String, file: String)] = [
        ("p50k_base", "p50k_base.jsonl"), ("cl100k_base", "cl100k_base.jsonl"), ("o200k_base", "o200k_base.jsonl"),
        ("llama3", "llama3.jsonl"), ("llama4", "llama4.jsonl"), ("qwen2", "qwen2.jsonl"),
        ("r50k_base", "gpt2.jsonl"), ("gpt2", "gpt2.jsonl"),
    ]

    @Test("generated <vocab>.jsonl", arguments: generated)
    func generatedVectors(vocab: String, file: String) throws {
        let tokenizer = try SharedVocabularies.tokenizer(vocab)
        let cases = try readVectors(try #require(SharedData.path("vocabularies/testvectors/generated/\(file)")))
        #expect(cases.count >= 100)
        var failures = 0
        for (text, ids) in cases {
            let got = try tokenizer.encode(text, options: .plain).ids
            if got != ids {
                failures += 1
                if failures <= 5 { Issue.record("\(vocab): \(text.prefix(60).debugDescription): got \(got.prefix(20)) want \(ids.prefix(20))") }
            }
            #expect(try tokenizer.count(text, options: .plain) == ids.count)
            let decoded = try tokenizer.decode(ids)
            if tokenizer.normalization == nil {
                #expect(decoded == Array(text.utf8), "decode of \(text.prefix(40).debugDescription)")
            }
        }
        #expect(failures == 0, "\(failures) of \(cases.count) cases differ")
    }

    static let llamaCpp: [(vocab: String, file: String)] = [
        ("llama3", "ggml-vocab-llama-bpe.gguf"), ("r50k_base", "ggml-vocab-gpt-2.gguf"), ("gpt2", "ggml-vocab-gpt-2.gguf"),
        ("qwen2", "ggml-vocab-qwen2.gguf"),
    ]

    @Test("llama.cpp .inp/.out", arguments: llamaCpp)
    func llamaCppVectors(vocab: String, file: String) throws {
        let tokenizer = try SharedVocabularies.tokenizer(vocab)
        let base = try #require(SharedData.path("vocabularies/testvectors/llama.cpp/\(file)"))
        let inp = String(decoding: try FileIO.readAll(path: base + ".inp"), as: UTF8.self)
        let out = String(decoding: try FileIO.readAll(path: base + ".out"), as: UTF8.self)
        var texts = inp.split(separator: "\n__ggml_vocab_test__\n", omittingEmptySubsequences: false).map(String.init)
        if texts.last?.isEmpty == true { texts.removeLast() }
        let expected = out.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: " ").compactMap { TokenID($0) }
        }
        #expect(texts.count == 46)
        for (k, text) in texts.enumerated() {
            let got = try tokenizer.encode(text, options: .plain).ids
            #expect(got == expected[k], "\(vocab) case \(k): \(text.prefix(40).debugDescription)")
        }
    }
}

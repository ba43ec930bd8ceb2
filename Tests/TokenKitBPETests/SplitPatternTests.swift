import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport

/// Split patterns by name and by regex, the regex split's kept gaps, and the rank-file sidecar.
@Suite("Split patterns and tiktoken sidecars")
struct SplitPatternTests {
    @Test("named(_:) takes only names and lists them when it does not know one")
    func namesOnly() throws {
        #expect(try SplitPattern.named("cl100k_base") == .cl100k)
        #expect(try SplitPattern.named("p50k") == .gpt2)
        #expect(try SplitPattern.named("llama4") == .o200k)
        for bad in ["nosuch", "\\w+", SplitPattern.gpt2Pattern] {
            do {
                _ = try SplitPattern.named(bad)
                Issue.record("\(bad) was taken")
            } catch {
                for name in SplitPattern.names { #expect(error.message.contains(name)) }
            }
        }
    }

    @Test("init(regex:) gives a published regex its scanner, any other ICU")
    func regexes() throws {
        #expect(try SplitPattern(regex: SplitPattern.cl100kPattern) == .cl100k)
        #expect(try SplitPattern(regex: SplitPattern.gpt2Pattern) == .gpt2)
        #expect(!(try SplitPattern(regex: "[a-z]+")).isScanner)
        #expect(throws: FormatError.self) { try SplitPattern(regex: "(unclosed") }
    }

    @Test("A regex split keeps the text between matches as pieces (HF Isolated)")
    func isolatedGaps() throws {
        let pattern = try SplitPattern(regex: "[a-z]+")
        let text = Array("a1 b2!".utf8)
        let pieces = try text.withUnsafeBufferPointer { try pattern.pieces($0) }
        #expect(pieces == [0..<1, 1..<3, 3..<4, 4..<6])
        let none = Array("123".utf8)
        #expect(try none.withUnsafeBufferPointer { try pattern.pieces($0) } == [0..<3])
    }

    @Test("A BPE tokenizer with a regex that matches only letters round-trips every byte",
          .enabled(if: SharedData.path("vocabularies/openai-tiktoken/cl100k_base.tiktoken") != nil))
    func regexRoundTrip() throws {
        let path = try #require(SharedData.path("vocabularies/openai-tiktoken/cl100k_base.tiktoken"))
        let tokenizer = try BPEFiles.load(path: path).withPattern(try SplitPattern(regex: "[a-z]+"))
        for text in ["a1 b2!", "  leading, trailing  ", "ünïcödé 42\n\ttabs"] {
            let ids = try tokenizer.encode(Array(text.utf8)).ids
            #expect(try tokenizer.decode(ids) == Array(text.utf8), "\(text)")
        }
    }

    @Test("A sidecar's JSON reads back the same, and tiktoken's key names are used")
    func sidecarRoundTrip() throws {
        let sidecar = TiktokenSidecar(name: "demo", pattern: .qwen2,
                                      specialTokens: [SpecialToken(id: 0, text: "<|endoftext|>", role: .eos)],
                                      normalization: .nfc)
        let json = sidecar.json()
        let text = String(decoding: json, as: UTF8.self)
        for key in ["\"name\"", "\"pat_str\"", "\"special_tokens\"", "\"pattern\": \"qwen2\"", "\"normalizer\": \"NFC\""] {
            #expect(text.contains(key), "\(text)")
        }
        #expect(try TiktokenSidecar.parse(json) == sidecar)
        let regex = TiktokenSidecar(name: "r", pattern: try SplitPattern(regex: "[a-z]+"), specialTokens: [], normalization: nil)
        #expect(try TiktokenSidecar.parse(regex.json()).pattern.regexString == "[a-z]+")
    }

    @Test("A bad sidecar is an error naming it and the key", arguments: [
        ("{\"pattern\": \"nosuch\"}", "pattern"), ("{}", "pat_str"), ("[1]", "object"),
        ("{\"pat_str\": \"\\\\w+\", \"special_tokens\": {\"x\": -1}}", "special_tokens"),
        ("{\"pat_str\": \"\\\\w+\", \"normalizer\": \"nfx\"}", "normalizer"), ("{", "sidecar.json"),
    ])
    func badSidecar(json: String, mention: String) {
        do {
            _ = try TiktokenSidecar.parse(Array(json.utf8), path: "sidecar.json")
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.location.path == "sidecar.json")
            #expect(error.description.contains(mention), "\(error.description)")
        }
    }

    @Test("Trained with a letters-only regex: no byte dropped, and the rank file with its sidecar encodes as tokenizer.json",
          arguments: ["cl100k", "[a-z]+"])
    func trainedRankFile(spec: String) throws {
        let pattern = spec == "cl100k" ? SplitPattern.cl100k : try SplitPattern(regex: spec)
        let corpus = SharedData.fixture("cli/lines.txt")
        let trained = try BPETrainer(.init(vocabularySize: 320, specialTokens: ["<|endoftext|>"],
                                           preTokenizer: .init(pattern: pattern)))
            .train(files: [corpus])
        let dir = "/tmp/tokenkit-sidecar-test-\(UInt32.random(in: 0...UInt32.max))"
        try trained.write(to: dir)
        defer { for name in TrainedBPE.outputFiles { TestSystem.removeFile(dir + "/" + name) }; TestSystem.removeDirectory(dir) }
        let ranks = try BPEFiles.loadRankFile(path: dir + "/tokenizer.tiktoken")
        let json = try HFTokenizer(contentsOf: dir + "/tokenizer.json")
        let text = try FileIO.readAll(path: corpus) + Array("a1 b2! <|endoftext|>\n".utf8)
        let options = EncodeOptions(specials: .matchAll)
        #expect(try ranks.encode(text, options: options).ids == json.encode(text, options: options).ids)
        #expect(try ranks.decode(ranks.encode(text).ids) == text)
    }
}

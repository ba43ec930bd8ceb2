import Foundation
import Testing
import TokenKitTestSupport

/// `--pattern NAME`, `--pattern-regex REGEX`, the trained `tokenizer.tiktoken` and its
/// sidecar, and what `tok info` says about a BPE tokenizer.
@Suite("tok CLI: split patterns and rank-file sidecars", .serialized)
struct PatternCLITests {
    static func temporaryFolder() -> String { TrainBPECommandTests.temporaryFolder() }

    @Test("--pattern takes only names: an unknown one is a usage error listing them")
    func unknownName() throws {
        for command in [["encode"], ["count"], ["train", "bpe", "--vocab-size", "300", "--out", Self.temporaryFolder()]] {
            let r = try TokRunner.run(command + ["--pattern", "nosuch", TokRunner.fixture("hello.txt")])
            #expect(r.status == 64, "\(command): \(r.stderr)")
            for name in ["gpt2", "cl100k", "llama3", "o200k", "qwen2"] { #expect(r.stderr.contains(name), "\(r.stderr)") }
            #expect(r.stderr.contains("--pattern-regex"))
        }
        let both = try TokRunner.run(["encode", "--pattern", "gpt2", "--pattern-regex", "\\w+", TokRunner.fixture("hello.txt")])
        #expect(both.status == 64, "\(both.stderr)")
        let bad = try TokRunner.run(["encode", "--pattern-regex", "(unclosed", TokRunner.fixture("hello.txt")])
        #expect(bad.status == 64 && bad.stderr.contains("--pattern-regex") && bad.stderr.contains("does not compile"), "\(bad.stderr)")
    }

    @Test("--pattern NAME changes the split of a BPE tokenizer")
    func byName() throws {
        let text = Array("I'm 12345 here\n".utf8)
        let cl100k = try TokRunner.run(["encode", "--format", "tokens"], stdin: text)
        let gpt2 = try TokRunner.run(["encode", "--format", "tokens", "--pattern", "gpt2"], stdin: text)
        #expect(cl100k.status == 0 && gpt2.status == 0, "\(gpt2.stderr)")
        // cl100k groups digits by three, GPT-2 keeps the run (with its space).
        #expect(cl100k.text != gpt2.text, "\(cl100k.text) / \(gpt2.text)")
    }

    @Test("--pattern-regex keeps the text between matches: no byte is dropped", arguments: ["a1 b2!", "x\u{0}y\n\n 3é…"])
    func regexKeepsGaps(text: String) throws {
        let encoded = try TokRunner.run(["encode", "--pattern-regex", "[a-z]+"], stdin: Array(text.utf8))
        #expect(encoded.status == 0, "\(encoded.stderr)")
        let decoded = try TokRunner.run(["decode"], stdin: encoded.stdout)
        #expect(decoded.status == 0 && decoded.text == text, "\(decoded.text.debugDescription)")
    }

    @Test("A trained tokenizer.tiktoken loads as it is and matches tokenizer.json",
          arguments: [[], ["--pattern", "cl100k"], ["--pattern-regex", "[a-z]+"], ["--pattern", "qwen2", "--normalizer", "nfc"]])
    func trainedRankFile(options: [String]) throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try TokRunner.run(["train", "bpe", "--vocab-size", "320", "--special", "<|endoftext|>"] + options
                                  + ["--out", out, TokRunner.fixture("lines.txt")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/tokenizer.tiktoken.json"))
        let text = Array((try String(contentsOfFile: SharedData.repositoryRoot + "/" + TokRunner.fixture("lines.txt"), encoding: .utf8)
                          + "a1 b2! Caf\u{65}\u{301} 2024 <|endoftext|>\n").utf8)
        let viaJSON = try TokRunner.run(["encode", "-t", out + "/tokenizer.json", "--special", "match"], stdin: text)
        let viaRanks = try TokRunner.run(["encode", "-t", out + "/tokenizer.tiktoken", "--special", "match"], stdin: text)
        #expect(viaJSON.status == 0 && viaRanks.status == 0, "\(viaRanks.stderr)")
        #expect(!viaRanks.stdout.isEmpty && viaJSON.text == viaRanks.text)
        let viaSidecar = try TokRunner.run(["encode", "-t", out + "/tokenizer.tiktoken.json", "--special", "match"], stdin: text)
        #expect(viaSidecar.status == 0 && viaSidecar.text == viaRanks.text, "\(viaSidecar.stderr)")
        let decoded = try TokRunner.run(["decode", "-t", out + "/tokenizer.tiktoken"], stdin: viaRanks.stdout)
        #expect(decoded.status == 0)
        if !options.contains("--normalizer") { #expect(decoded.stdout == text) }
    }

    @Test("Rank-file errors name the real file: no sidecar, a bad sidecar")
    func rankFileErrors() throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try TokRunner.run(["train", "bpe", "--vocab-size", "300", "--out", out, TokRunner.fixture("lines.txt")])
        #expect(r.status == 0, "\(r.stderr)")
        let sidecar = out + "/tokenizer.tiktoken.json"
        try Data("{\"pattern\": \"nosuch\"}".utf8).write(to: URL(fileURLWithPath: sidecar))
        let bad = try TokRunner.run(["encode", "-t", out + "/tokenizer.tiktoken"], stdin: Array("x".utf8))
        #expect(bad.status == 1 && bad.stderr.contains(sidecar + ": ") && bad.stderr.contains("nosuch"), "\(bad.stderr)")
        try FileManager.default.removeItem(atPath: sidecar)
        let missing = try TokRunner.run(["encode", "-t", out + "/tokenizer.tiktoken"], stdin: Array("x".utf8))
        #expect(missing.status == 1 && missing.stderr.contains(out + "/tokenizer.tiktoken: "), "\(missing.stderr)")
        #expect(missing.stderr.contains(sidecar) && missing.stderr.contains("--pattern"), "\(missing.stderr)")
        let rescued = try TokRunner.run(["encode", "-t", out + "/tokenizer.tiktoken", "--pattern", "gpt2"], stdin: Array("x".utf8))
        #expect(rescued.status == 0, "\(rescued.stderr)")
    }

    @Test("tok info shows the round trip, split pattern and normalizer")
    func info() throws {
        let json = try TokRunner.run(["info", "--json"])
        #expect(json.status == 0)
        #expect(json.text.contains("\"round_trip\":\"bytes\""), "\(json.text)")
        #expect(json.text.contains("\"split_pattern\":{\"name\":\"cl100k\",\"regex\":\"'(?i:[sdmt]|ll|ve|re)"), "\(json.text)")
        #expect(json.text.contains("\"normalizer\":null"))
        let qwen = try TokRunner.run(["info", "--json", "--pattern", "qwen2"])
        #expect(qwen.text.contains("\"name\":\"qwen2\"") && qwen.text.contains("\"normalizer\":\"NFC\""), "\(qwen.text)")
        let bytes = try TokRunner.run(["info", "--json", "-t", "bytes"])
        #expect(bytes.text.contains("\"round_trip\":\"bytes\"") && !bytes.text.contains("split_pattern"))
        let human = try TokRunner.run(["info"])
        #expect(human.text.contains("split pattern:   cl100k") && human.text.contains("normalizer:      none"), "\(human.text)")
        let hf = try TokRunner.run(["info", "--json", "-t", "vocabularies/tokenkit-32k/tokenizer.json"])
        #expect(hf.status == 0 && hf.text.contains("\"split_pattern\":{\"name\":"), "\(hf.text) \(hf.stderr)")
    }
}

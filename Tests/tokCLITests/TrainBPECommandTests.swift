import Foundation
import Testing
import TokenKitTestSupport

@Suite("tok train bpe", .serialized)
struct TrainBPECommandTests {
    static func temporaryFolder() -> String {
        NSTemporaryDirectory() + "tokenkit-train-bpe-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    @Test("Trains, writes every format, and each output encodes the same")
    func trainAndEncode() throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try TokRunner.run(["train", "bpe", "--vocab-size", "300", "--out", out, TokRunner.fixture("lines.txt")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("merges, vocabulary"))
        for name in ["tokenizer.json", "vocab.json", "merges.txt", "tokenizer.tiktoken", "tokenizer.tiktoken.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) missing")
        }
        let text = Array("first line\nsecond line".utf8)
        let viaJSON = try TokRunner.run(["encode", "-t", out + "/tokenizer.json"], stdin: text)
        let viaFolder = try TokRunner.run(["encode", "-t", out], stdin: text)
        let viaRanks = try TokRunner.run(["encode", "-t", out + "/tokenizer.tiktoken"], stdin: text)
        #expect(viaJSON.status == 0 && viaFolder.status == 0 && viaRanks.status == 0, "\(viaRanks.stderr)")
        #expect(viaJSON.text == viaFolder.text)
        #expect(viaJSON.text == viaRanks.text)
        let decoded = try TokRunner.run(["decode", "-t", out + "/tokenizer.json"], stdin: viaJSON.stdout)
        #expect(decoded.stdout == text)
    }

    @Test("Bad requests fail with one line and leave nothing behind", arguments: [
        (["--vocab-size", "100"], "cannot hold the 256-byte alphabet"),
        (["--vocab-size", "300", "--pattern-regex", "(unclosed"], "does not compile"),
        (["--vocab-size", "300", "--pattern", "(unclosed"], "not a split pattern name"),
        (["--vocab-size", "300", "--normalizer", "nfx"], "--normalizer must be"),
    ])
    func badRequests(options: [String], message: String) throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try TokRunner.run(["train", "bpe"] + options + ["--out", out, TokRunner.fixture("lines.txt")])
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/tokenizer.json"))
    }

    @Test("Binary and missing corpora are errors naming the file", arguments: [
        ("invalid-utf8.bin", "not UTF-8 text"), ("no-such-corpus.txt", "no such file"),
    ])
    func badCorpus(file: String, message: String) throws {
        let out = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try TokRunner.run(["train", "bpe", "--vocab-size", "300", "--out", out, TokRunner.fixture(file)])
        #expect(r.status == 1)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}

import Testing
import TokenKit
import TokenKitTestSupport
@testable import TokenKitBPE

/// The trainer against Hugging Face's BpeTrainer: Fixtures/bpe-train/hf-reference.json holds
/// digests of HF's merge lists and vocabularies (scripts/bpe-train-reference.sh made it).
@Suite("BPE training")
struct TrainingTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var files: [String]
        var configuration: BPETrainer.Configuration
        var merges: Int
        var mergesSHA256: String
        var vocabSHA256: String
        var firstMerges: [String]
        var description: String { name }
    }

    static let cases: [Case] = {
        guard let json = try? JSONParser.parse(FileIO.readAll(path: SharedData.fixture("bpe-train/hf-reference.json"))),
              let list = json["cases"]?.arrayValue else { return [] }
        return list.compactMap { c in
            guard let name = c["name"]?.stringValue, let vocab = c["vocab"]?.intValue,
                  let files = c["files"]?.arrayValue?.compactMap(\.stringValue) else { return nil }
            guard let pattern = try? TrainingPreTokenizer.pattern(named: c["pattern"]?.stringValue ?? "gpt2") else { return nil }
            let normalization: NormalizationForm? =
                switch c["normalizer"]?.stringValue { case "nfc": .nfc; case "nfkc": .nfkc; default: nil }
            let configuration = BPETrainer.Configuration(
                vocabularySize: vocab, minFrequency: Int64(c["min_frequency"]?.intValue ?? 0),
                specialTokens: c["special"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                preTokenizer: TrainingPreTokenizer(pattern: pattern, normalization: normalization,
                                                   individualDigits: c["digits"]?.stringValue == "individual"))
            return Case(name: name, files: files, configuration: configuration, merges: c["merges"]?.intValue ?? -1,
                        mergesSHA256: c["merges_sha256"]?.stringValue ?? "", vocabSHA256: c["vocab_sha256"]?.stringValue ?? "",
                        firstMerges: c["first_merges"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
    }()

    @Test("The reference fixture is present and complete")
    func fixture() {
        #expect(Self.cases.count == 5)
    }

    @Test("Merges and vocabulary match Hugging Face exactly", SharedData.required, arguments: cases)
    func matchesHuggingFace(c: Case) throws {
        let files = c.files.compactMap { SharedData.path($0) }
        let trained = try BPETrainer(c.configuration).train(files: files)
        let lines = trained.mergeLines
        #expect(Array(lines.prefix(10)) == c.firstMerges)
        #expect(lines.count == c.merges)
        #expect(SHA256.hex(lines.joined(separator: "\n").utf8) == c.mergesSHA256)
        let vocab = (0..<trained.vocabularySize).map { "\($0)\t\(trained.keyString(UInt32($0)))" }.joined(separator: "\n")
        #expect(SHA256.hex(vocab.utf8) == c.vocabSHA256)
    }

    @Test("HF's own unit example: re, are, is with min frequency 2")
    func huggingFaceUnitExample() throws {
        // HF's trainer test uses no byte-level alphabet; here the 256 bytes come first, so ids
        // differ, but the merges and their order must be the same.
        let words: [(String, Int64)] = [("roses", 1), ("are", 2), ("red", 1), ("voilets", 1), ("blue", 1), ("BERT", 1),
                                        ("is", 2), ("big", 1), ("and", 1), ("so", 1), ("GPT-2", 1)]
        let counts = PretokenCounts(words.map { (Array($0.0.utf8), $0.1) })
        let trained = try BPETrainer(.init(vocabularySize: 1000, minFrequency: 2)).train(counts)
        #expect(trained.mergeLines == ["r e", "a re", "i s"])
    }

    @Test("Ties go to the smaller (left, right) pair")
    func tieBreak() throws {
        // "ab" and "cd" both occur 3 times; (a, b) has the smaller ids, so it merges first.
        let counts = PretokenCounts([(Array("cd".utf8), 3), (Array("ab".utf8), 3)])
        let trained = try BPETrainer(.init(vocabularySize: 258)).train(counts)
        #expect(trained.mergeLines == ["a b", "c d"])
    }

    @Test("Overlapping pairs merge left to right, as HF's Word::merge")
    func overlapping() throws {
        let counts = PretokenCounts([(Array("aaaa".utf8), 1)])
        let trained = try BPETrainer(.init(vocabularySize: 258)).train(counts)
        #expect(trained.mergeLines == ["a a", "aa aa"])
    }

    @Test("Counts are additive across shards")
    func additive() throws {
        var a = PretokenCounts([(Array("x".utf8), 2), (Array("yz".utf8), 1)], byteCount: 4)
        a.merge(PretokenCounts([(Array("yz".utf8), 5)], byteCount: 10))
        let table = Dictionary(uniqueKeysWithValues: a.entries.map { (String(decoding: $0.bytes, as: UTF8.self), $0.count) })
        #expect(table == ["x": 2, "yz": 6])
        #expect(a.byteCount == 14)
    }

    @Test("Bad settings and bad files are clear errors", arguments: [
        (256, ["<s>"], "fixture", TrainingError.Code.vocabularyTooSmall),
        (100, [], "fixture", .vocabularyTooSmall),
        (300, [], "empty", .emptyCorpus),
        (300, [], "binary", .binaryInput),
        (300, [], "missing", .unreadableInput),
    ] as [(Int, [String], String, TrainingError.Code)])
    func errors(size: Int, specials: [String], input: String, code: TrainingError.Code) {
        let path: String =
            switch input {
            case "empty": SharedData.fixture("cli/empty.txt")
            case "binary": SharedData.fixture("cli/invalid-utf8.bin")
            case "missing": "/no/such/corpus.txt"
            default: SharedData.fixture("cli/lines.txt")
            }
        do {
            _ = try BPETrainer(.init(vocabularySize: size, specialTokens: specials)).train(files: [path])
            Issue.record("expected \(code)")
        } catch {
            #expect(error.code == code)
        }
    }

    @Test("A bad pattern is an error before any work")
    func badPattern() {
        #expect(throws: TrainingError.self) { try TrainingPreTokenizer.pattern(regex: "(unclosed") }
        #expect(throws: TrainingError.self) { try TrainingPreTokenizer.pattern(named: "nosuch") }
        #expect(throws: TrainingError.self) { try TrainingPreTokenizer.pattern(named: "\\w+") }
    }

    @Test("Output files are complete, or absent when the folder cannot be written")
    func writing() throws {
        let trained = try BPETrainer(.init(vocabularySize: 300, specialTokens: ["<|endoftext|>"]))
            .train(files: [SharedData.fixture("cli/lines.txt")])
        let dir = "/tmp/tokenkit-train-test-\(UInt32.random(in: 0...UInt32.max))"
        try trained.write(to: dir)
        for name in TrainedBPE.outputFiles {
            #expect(FileIO.exists(dir + "/" + name), "\(name) missing")
        }
        let json = try JSONParser.parse(FileIO.readAll(path: dir + "/tokenizer.json"))
        #expect(json["model"]?["merges"]?.arrayValue?.count == trained.merges.count)
        #expect(json["added_tokens"]?.arrayValue?.first?["content"]?.stringValue == "<|endoftext|>")
        let ranks = try FileIO.readAll(path: dir + "/tokenizer.tiktoken").split(separator: 0x0A)
        #expect(ranks.count == trained.vocabularySize - 1)
        // Written through AtomicFileWriter: nothing but the four files, even after a rewrite.
        try trained.write(to: dir)
        #expect(FileIO.contentsOfDirectory(dir) == TrainedBPE.outputFiles.sorted())
        for name in TrainedBPE.outputFiles { TestSystem.removeFile(dir + "/" + name) }
        TestSystem.removeDirectory(dir)
        // A folder under a file: the error keeps the failed step, its errno and the path.
        let blocked = SharedData.fixture("cli/hello.txt") + "/sub"
        let error = try #require(throws: TrainingError.self) { try trained.write(to: blocked) }
        #expect(error.code == .unwritableOutput)
        let output = try #require(error.output)
        #expect(output.operation == .makeDirectory)
        #expect(output.path == blocked)
        #expect(output.errno != nil)
    }

    @Test("SHA-256 matches the FIPS test vectors")
    func sha256() {
        #expect(SHA256.hex("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1000)) ==
                "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

/// The project's default vocabulary, trained by `tok train bpe`: its tokenizer.json loads in
/// Hugging Face `tokenizers`, and HF's ids there equal TokenKit's ids with the embedded rank file.
@Suite("Default vocabulary tokenkit-32k")
struct DefaultVocabularyTests {
    struct Reference: Sendable, CustomStringConvertible {
        var file: String
        var count: Int
        var sha256: String
        var description: String { file }
    }

    static let references: [Reference] = {
        guard let json = try? JSONParser.parse(FileIO.readAll(path: SharedData.fixture("bpe-train/tokenkit-32k-hf-ids.json"))),
              let list = json.arrayValue else { return [] }
        return list.compactMap { r in
            guard let file = r["file"]?.stringValue, let count = r["count"]?.intValue, let sha = r["sha256"]?.stringValue else { return nil }
            return Reference(file: file, count: count, sha256: sha)
        }
    }()

    @Test("The embedded vocabulary loads with its special token")
    func loads() throws {
        let t = try BPELoader.tokenKit32k()
        #expect(t.vocabularySize == 32000)
        #expect(t.specialTokens.first(.eos)?.text == "<|endoftext|>")
        #expect(Self.references.count == 6)
    }

    @Test("Encodes corpus files exactly as HF does with the trained tokenizer.json", SharedData.required, arguments: references)
    func matchesHF(reference: Reference) throws {
        let t = try BPELoader.tokenKit32k()
        let bytes = try FileIO.readAll(path: SharedData.path(reference.file) ?? "")
        // HF matches added tokens in the text even without framing: the same as .matchAll.
        let ids = try t.encode(bytes, options: EncodeOptions(framing: .none, specials: .matchAll)).ids
        #expect(ids.count == reference.count)
        #expect(SHA256.hex(ids.map(String.init).joined(separator: " ").utf8) == reference.sha256)
    }
}

@Suite("BPE-dropout")
struct DropoutTests {
    static let texts = ["Hello, world! The quick brown fox.", "naïve café — 漢字 2024\n\n  x", "<|endoftext|> again", ""]

    @Test("Rate 0 equals plain encoding", arguments: texts)
    func rateZero(text: String) throws {
        let t = try BPELoader.tokenKit32k()
        let options = EncodeOptions(framing: .none, specials: .matchAll)
        #expect(try t.encode(text, options: options, dropout: BPEDropout(rate: 0)) == t.encode(text, options: options))
    }

    @Test("Rate 1 yields bytes (specials stay whole)", arguments: texts)
    func rateOne(text: String) throws {
        let t = try BPELoader.tokenKit32k()
        let e = try t.encode(text, options: EncodeOptions(framing: .none, specials: .matchAll), dropout: BPEDropout(rate: 1))
        let specialBytes = text.hasPrefix("<|endoftext|>") ? "<|endoftext|>".utf8.count : 0
        #expect(e.ids.filter { $0 != 0 }.count == text.utf8.count - specialBytes)
        #expect(e.ids.allSatisfy { $0 == 0 || t.tokenBytes($0)?.count == 1 })
    }

    @Test("Dropout varies the segmentation, keeps the text, and is reproducible by seed")
    func varies() throws {
        let t = try BPELoader.tokenKit32k()
        let text = String(repeating: "Tokenization with dropout gives varied segmentations. ", count: 8)
        let a = try t.encode(text, dropout: BPEDropout(rate: 0.3, seed: 1))
        let b = try t.encode(text, dropout: BPEDropout(rate: 0.3, seed: 1))
        let c = try t.encode(text, dropout: BPEDropout(rate: 0.3, seed: 2))
        #expect(a == b)
        #expect(a.ids != c.ids)
        #expect(a.ids.count > (try t.encode(text, options: .plain).ids.count))
        #expect(try t.decode(a.ids) == Array(text.utf8))
        #expect(try t.decode(c.ids) == Array(text.utf8))
    }
}

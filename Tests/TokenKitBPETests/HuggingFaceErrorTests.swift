import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport

/// Malformed and unsupported `tokenizer.json` files: typed errors that name the field, line and
/// column — never a crash, never silently different ids.
@Suite("Hugging Face tokenizer.json: errors")
struct HuggingFaceErrorTests {
    /// A minimal valid file with `model` and top-level members replaced as given.
    static func document(model: String = #"{"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}"#,
                         extra: String = "") -> [UInt8] {
        Array("""
        {
          "version": "1.0",
          "added_tokens": [],
          \(extra)
          "model": \(model)
        }
        """.utf8)
    }

    static func error(_ bytes: [UInt8]) -> FormatError? {
        switch Result(catching: { () throws(FormatError) -> HFTokenizer in try HFTokenizer(json: bytes, path: "t.json") }) {
        case .success: nil
        case .failure(let e): e
        }
    }

    @Test("the minimal document loads and merges")
    func minimal() throws {
        let t = try HFTokenizer(json: Self.document(), path: "t.json")
        #expect(try t.encode("ab", options: .plain).ids == [2])
        #expect(try t.encode("ba", options: .plain).ids == [1, 0])
    }

    @Test("a merge naming an unknown token gives its path, line and column")
    func unknownMergeToken() {
        let e = Self.error(Self.document(model: """
        {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2},
            "merges": ["a b",
                       "a zz"]}
        """))
        #expect(e?.code == .unknownReference)
        #expect(e?.message.contains("model.merges[1]") == true)
        #expect(e?.message.contains("zz") == true)
        #expect(e?.location.path == "t.json")
        #expect(e?.location.line == 7)
        #expect(e?.location.column == 16)
    }

    @Test("a merge whose result is not a token")
    func mergeResultMissing() {
        let e = Self.error(Self.document(model: #"{"type": "BPE", "vocab": {"a": 0, "b": 1}, "merges": ["a b"]}"#))
        #expect(e?.code == .unknownReference)
        #expect(e?.message.contains("\"ab\"") == true)
    }

    @Test("wrong JSON types are named", arguments: [
        (#"{"type": "BPE", "vocab": ["a"], "merges": []}"#, "model.vocab"),
        (#"{"type": "BPE", "vocab": {"a": "zero"}, "merges": []}"#, "model.vocab.a"),
        (#"{"type": "BPE", "vocab": {"a": 0}, "merges": [7]}"#, "model.merges[0]"),
        (#"{"type": "BPE", "vocab": {"a": 0}, "merges": "a b"}"#, "model.merges"),
        (#"{"type": "BPE", "vocab": {"a": 0}}"#, "model"),
    ])
    func wrongTypes(_ model: String, _ path: String) {
        let e = Self.error(Self.document(model: model))
        #expect(e != nil)
        #expect([.wrongType, .missingField].contains(e?.code), "\(String(describing: e))")
        #expect(e?.message.hasPrefix(path) == true, "\(String(describing: e))")
        #expect(e?.location.line != nil)
    }

    @Test("duplicate ids are rejected")
    func duplicateIDs() {
        let e = Self.error(Self.document(model: #"{"type": "BPE", "vocab": {"a": 0, "b": 0}, "merges": []}"#))
        #expect(e?.code == .duplicate)
    }

    @Test("unsupported components are named, not ignored", arguments: [
        (#""normalizer": {"type": "BertNormalizer"},"#, "BertNormalizer"),
        (#""normalizer": {"type": "Precompiled", "precompiled_charsmap": ""},"#, "Precompiled"),
        (#""pre_tokenizer": {"type": "UnicodeScripts"},"#, "UnicodeScripts"),
        (#""pre_tokenizer": {"type": "BertPreTokenizer"},"#, "BertPreTokenizer"),
        (#""decoder": {"type": "CTC"},"#, "CTC"),
        (#""post_processor": {"type": "Weird"},"#, "Weird"),
        (#""truncation": {"max_length": 8},"#, "truncation"),
        (#""pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "ByteLevel"}, {"type": "Whitespace"}]},"#, "after ByteLevel"),
    ])
    func unsupportedComponents(_ extra: String, _ name: String) {
        let e = Self.error(Self.document(extra: extra))
        #expect(e?.code == .unsupported, "\(String(describing: e))")
        #expect(e?.message.contains(name) == true, "\(String(describing: e))")
    }

    @Test("unsupported models and dropout", arguments: [
        #"{"type": "WordPiece", "vocab": {"a": 0}}"#,
        #"{"type": "Unigram", "vocab": [["a", 0.0]]}"#,
        #"{"type": "BPE", "dropout": 0.1, "vocab": {"a": 0}, "merges": []}"#,
    ])
    func unsupportedModels(_ model: String) {
        let e = Self.error(Self.document(model: model))
        #expect(e?.code == .unsupported, "\(String(describing: e))")
    }

    @Test("syntax errors, empty files, non-objects")
    func syntax() {
        #expect(Self.error(Array("{\"model\": ".utf8))?.location.line == 1)
        #expect(Self.error([])?.code == .empty)
        #expect(Self.error(Array("[1, 2]".utf8))?.code == .wrongType)
    }

    @Test("files are loaded through the catalog loader with their path in errors")
    func loaderErrors() {
        let loader = HFLoader()
        #expect(loader.recognizes(path: "x/tokenizer.json", head: []))
        #expect(!loader.recognizes(path: "x/vocab.json", head: Array("{\"added_tokens\"".utf8)))
        #expect(loader.recognizes(path: "x/dolma2.json", head: Array("{\n \"version\": \"1.0\", \"truncation\": null".utf8)))
        let error = #expect(throws: LoadError.self) { try loader.load(path: "/nonexistent/tokenizer.json") }
        if case .input(let i)? = error { #expect(i.code == .notFound) } else { Issue.record("expected an input error") }
    }

    @Test("invalid UTF-8 input is a typed error with its offset")
    func invalidInput() throws {
        let t = try HFTokenizer(json: Self.document(), path: "t.json")
        let error = #expect(throws: TokenizerError.self) { try t.encode([0x61, 0x62, 0xFF], options: .plain) }
        #expect(error?.code == .invalidUTF8)
        #expect(error?.byteOffset == 2)
    }
}

extension HuggingFaceErrorTests {
    @Test("a huge sparse token id is refused, not allocated")
    func hugeID() {
        let e = Self.error(Self.document(model: #"{"type": "BPE", "vocab": {"a": 0, "b": 2000000000}, "merges": []}"#))
        #expect(e?.code == .invalidValue)
        #expect(e?.message.contains("model.vocab.b") == true)
    }
}

import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport

/// Named vocabularies found offline: tiktoken's cache (files named by the SHA-1 of the URL) and
/// the Hugging Face hub cache, over a fake environment.
@Suite("Vocabulary search", SharedData.requires("vocabularies/openai-tiktoken"))
struct VocabularySearchTests {
    @Test("Cache keys are SHA-1 hex digests, as Python's hashlib gives them")
    func sha1() {
        #expect(VocabularySearch.tiktokenCacheKey(for: "abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(VocabularySearch.tiktokenCacheKey(for: "") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(VocabularySearch.tiktokenCacheKey(for: String(repeating: "a", count: 1000)) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
        #expect(VocabularySearch.tiktokenCacheKey(for: "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken")
                == "9b5ad71b2ce5302211f9c61530b329a4922fc6a4")
    }

    static func environment(_ values: [String: String]) -> VocabularySearch {
        VocabularySearch { values[$0] }
    }

    @Test("The cache folders follow tiktoken's order, and the hub cache its variables")
    func folders() {
        let all = Self.environment(["TIKTOKEN_CACHE_DIR": "/a", "DATA_GYM_CACHE_DIR": "/b", "TMPDIR": "/t", "HOME": "/h"])
        #expect(all.tiktokenCacheFolders == ["/a", "/b", "/t/data-gym-cache", "/h/.cache/tiktoken"])
        #expect(Self.environment([:]).tiktokenCacheFolders == ["/tmp/data-gym-cache"])
        #expect(Self.environment(["HF_HUB_CACHE": "/x", "HF_HOME": "/y", "HOME": "/h"]).hubCacheFolder == "/x")
        #expect(Self.environment(["HF_HOME": "/y", "HOME": "/h"]).hubCacheFolder == "/y/hub")
        #expect(Self.environment(["HOME": "/h"]).hubCacheFolder == "/h/.cache/huggingface/hub")
        #expect(VocabularySearch.isHubName("org/name") && !VocabularySearch.isHubName("/abs/path")
                && !VocabularySearch.isHubName("a/b/c") && !VocabularySearch.isHubName("cl100k_base"))
    }

    @Test("A tiktoken name loads from a fake cache with the ids of the file loaded by path")
    func tiktokenCache() throws {
        let source = try #require(SharedData.path("vocabularies/openai-tiktoken/cl100k_base.tiktoken"))
        let dir = "/tmp/tokenkit-search-\(TestSystem.processID)-\(UInt32.random(in: 0...UInt32.max))"
        try FileIO.makeDirectory(dir)
        defer { TestSystem.removeFile(dir + "/9b5ad71b2ce5302211f9c61530b329a4922fc6a4"); TestSystem.removeDirectory(dir) }
        try #require(TestSystem.makeSymbolicLink(to: source, at: dir + "/9b5ad71b2ce5302211f9c61530b329a4922fc6a4"))
        let loader = BPELoader(search: Self.environment(["TIKTOKEN_CACHE_DIR": dir]))
        let byName = try #require(try loader.loadBuiltin(named: "cl100k_base"))
        let byPath = try BPEFiles.load(path: source)
        let text = Array("Hello, world! 1234 naïve".utf8)
        #expect(try byName.encode(text).ids == byPath.encode(text).ids)
        #expect(byName.specialTokens == byPath.specialTokens)
        // o200k is not there: the error lists the paths tried.
        do {
            _ = try loader.loadBuiltin(named: "o200k_base")
            Issue.record("o200k_base loaded from nowhere")
        } catch {
            #expect(error.description.contains(dir + "/fb374d419588a4632f3f557e76b4b70aebbca790"), "\(error.description)")
        }
    }

    @Test("ORG/NAME resolves to the hub snapshot refs/main names")
    func hubCache() throws {
        let source = try #require(SharedData.path("vocabularies/gpt2/tokenizer.json"))
        let hub = "/tmp/tokenkit-hub-\(TestSystem.processID)-\(UInt32.random(in: 0...UInt32.max))"
        let model = hub + "/models--acme--tiny"
        for folder in [model + "/refs", model + "/snapshots/c0ffee"] { try FileIO.makeDirectory(folder) }
        defer {
            for file in [model + "/refs/main", model + "/snapshots/c0ffee/tokenizer.json"] { TestSystem.removeFile(file) }
            for folder in [model + "/snapshots/c0ffee", model + "/snapshots", model + "/refs", model, hub] { TestSystem.removeDirectory(folder) }
        }
        try AtomicFileWriter.write(Array("c0ffee".utf8), to: model + "/refs/main")
        try #require(TestSystem.makeSymbolicLink(to: source, at: model + "/snapshots/c0ffee/tokenizer.json"))
        let search = Self.environment(["HF_HUB_CACHE": hub])
        let catalog = TokenizerCatalog(loaders: [BPELoader(search: search), HFLoader()], search: search)
        #expect(try catalog.locate("acme/tiny") == model + "/snapshots/c0ffee/tokenizer.json")
        let text = Array("Hello, world!".utf8)
        #expect(try catalog.resolve("acme/tiny").encode(text).ids == catalog.resolve(source).encode(text).ids)
        do {
            _ = try catalog.locate("acme/other")
            Issue.record("found acme/other")
        } catch {
            #expect(error.description.contains(hub + "/models--acme--other/refs/main"), "\(error.description)")
        }
    }

    @Test("In a snapshot: tokenizer.json, else the vocab.json + merges.txt folder, else tokenizer.model")
    func loadablePath() throws {
        let dir = "/tmp/tokenkit-snapshot-\(TestSystem.processID)-\(UInt32.random(in: 0...UInt32.max))"
        try FileIO.makeDirectory(dir)
        func touch(_ name: String) throws { try AtomicFileWriter.write([], to: dir + "/" + name) }
        defer {
            for name in FileIO.contentsOfDirectory(dir) { TestSystem.removeFile(dir + "/" + name) }
            TestSystem.removeDirectory(dir)
        }
        try touch("tokenizer.model")
        #expect(VocabularySearch.loadablePath(inSnapshot: dir) == dir + "/tokenizer.model")
        try touch("vocab.json"); try touch("merges.txt")
        #expect(VocabularySearch.loadablePath(inSnapshot: dir) == dir)
        try touch("tokenizer.json")
        #expect(VocabularySearch.loadablePath(inSnapshot: dir) == dir + "/tokenizer.json")
    }
}

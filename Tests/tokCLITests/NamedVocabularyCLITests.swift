import Foundation
import Testing
import TokenKitTestSupport

/// `-t NAME` without a path: tiktoken's download cache, the Hugging Face hub cache and
/// `$TOKENKIT_VOCABULARIES`, each built as a fake in a temporary folder.
@Suite("tok CLI: named vocabularies, offline", .serialized, SharedData.requires("vocabularies/openai-tiktoken"))
struct NamedVocabularyCLITests {
    static let sample = Array("Hello, world! 1234 naïve café\n  <|endoftext|> done".utf8)
    static var vocabularies: String { SharedData.path("vocabularies") ?? "" }

    /// SHA-1 hex of tiktoken's download URLs (Python: `hashlib.sha1(url.encode()).hexdigest()`).
    static let cacheNames = [
        "cl100k_base.tiktoken": "9b5ad71b2ce5302211f9c61530b329a4922fc6a4",
        "o200k_base.tiktoken": "fb374d419588a4632f3f557e76b4b70aebbca790",
        "r50k_base.tiktoken": "0ea1e91bbb3a60f729a8dc8f777fd2fc07cd8df4",
        "p50k_base.tiktoken": "ec7223a39ce59f226a68acc30dc1af2788490e15",
    ]

    /// An environment where no real cache or folder is visible: every variable the search
    /// reads is set (empty means unset), and HOME and TMPDIR point into `root`.
    static func isolated(_ root: String, _ extra: [String: String] = [:]) -> [String: String] {
        var env = ["TOKENKIT_VOCABULARIES": "", "TIKTOKEN_CACHE_DIR": "", "DATA_GYM_CACHE_DIR": "", "HF_HUB_CACHE": "",
                   "HF_HOME": "", "XDG_CACHE_HOME": "", "TMPDIR": root + "/tmp", "HOME": root + "/home"]
        for (k, v) in extra { env[k] = v }
        return env
    }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "tokenkit-named-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path + "/tmp", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path + "/home", withIntermediateDirectories: true)
        return path
    }

    static func link(_ target: String, at path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    static func ids(_ spec: String, env: [String: String], extra: [String] = []) throws -> TokRunner.Result {
        try TokRunner.run(["encode", "-t", spec] + extra, stdin: sample, environment: env)
    }

    /// Checks that `-t name` gives the ids of `-t path` (and some ids at all).
    static func expectSameIDs(_ name: String, as path: String, env: [String: String],
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let byName = try ids(name, env: env)
        let byPath = try ids(path, env: env)
        #expect(byName.status == 0, "\(name): \(byName.stderr)", sourceLocation: sourceLocation)
        #expect(!byName.stdout.isEmpty && byName.stdout == byPath.stdout, "\(name)", sourceLocation: sourceLocation)
    }

    @Test("Each tiktoken name is found under the SHA-1 of its URL, in each cache folder tiktoken uses",
          arguments: ["TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR", "TMPDIR"])
    func tiktokenCache(variable: String) throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = variable == "TMPDIR" ? root + "/tmp/data-gym-cache" : root + "/cache"
        for (file, key) in Self.cacheNames {
            try Self.link(Self.vocabularies + "/openai-tiktoken/" + file, at: cache + "/" + key)
        }
        let env = Self.isolated(root, variable == "TMPDIR" ? [:] : [variable: cache])
        for name in ["cl100k_base", "o200k_base", "r50k_base", "p50k_base"] {
            try Self.expectSameIDs(name, as: Self.vocabularies + "/openai-tiktoken/\(name).tiktoken", env: env)
        }
        // p50k_edit is p50k_base's file with the fill-in-the-middle specials.
        let edit = try TokRunner.run(["encode", "-t", "p50k_edit", "--special", "match"], stdin: Array("<|fim_prefix|>x".utf8), environment: env)
        #expect(edit.status == 0 && edit.text.hasPrefix("50281 "), "\(edit.text) \(edit.stderr)")
    }

    @Test("gpt2 is tiktoken's two cached GPT-2 files, encoder.json and vocab.bpe")
    func gpt2Cache() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.link(Self.vocabularies + "/gpt2/encoder.json", at: root + "/cache/6c7ea1a7e38e3a7f062df639a5b80947f075ffe6")
        try Self.link(Self.vocabularies + "/gpt2/vocab.bpe", at: root + "/cache/6d1cbeee0f20b3d9449abfede4726ed8212e3aee")
        let env = Self.isolated(root, ["TIKTOKEN_CACHE_DIR": root + "/cache"])
        try Self.expectSameIDs("gpt2", as: Self.vocabularies + "/gpt2/tokenizer.json", env: env)
    }

    @Test("$TOKENKIT_VOCABULARIES comes before the tiktoken cache")
    func folderFirst() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The cache holds o200k under cl100k's name: the folder must win.
        try Self.link(Self.vocabularies + "/openai-tiktoken/o200k_base.tiktoken", at: root + "/cache/" + Self.cacheNames["cl100k_base.tiktoken"]!)
        let env = Self.isolated(root, ["TIKTOKEN_CACHE_DIR": root + "/cache", "TOKENKIT_VOCABULARIES": Self.vocabularies])
        try Self.expectSameIDs("cl100k_base", as: Self.vocabularies + "/openai-tiktoken/cl100k_base.tiktoken", env: env)
    }

    @Test("ORG/NAME is found in the Hugging Face hub cache through refs/main, for each variable",
          arguments: ["HF_HUB_CACHE", "HF_HOME", "HOME"])
    func hubCache(variable: String) throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let hub: String, env: [String: String]
        switch variable {
        case "HF_HUB_CACHE": hub = root + "/hub"; env = Self.isolated(root, ["HF_HUB_CACHE": hub])
        case "HF_HOME": hub = root + "/hf/hub"; env = Self.isolated(root, ["HF_HOME": root + "/hf"])
        default: hub = root + "/home/.cache/huggingface/hub"; env = Self.isolated(root)
        }
        let model = hub + "/models--openai-community--gpt2"
        let commit = "607a30d783dfa663caf39e06633721c8d4cfcd7e"
        try FileManager.default.createDirectory(atPath: model + "/refs", withIntermediateDirectories: true)
        try Array((commit + "\n").utf8).withUnsafeBufferPointer { try Data(buffer: $0).write(to: URL(fileURLWithPath: model + "/refs/main")) }
        // A stale snapshot beside the current one must not be picked.
        try Self.link(Self.vocabularies + "/olmo/dolma2.json", at: model + "/snapshots/0000000000000000000000000000000000000000/tokenizer.json")
        try Self.link(Self.vocabularies + "/gpt2/tokenizer.json", at: model + "/snapshots/\(commit)/tokenizer.json")
        try Self.expectSameIDs("openai-community/gpt2", as: Self.vocabularies + "/gpt2/tokenizer.json", env: env)
    }

    @Test("An existing path wins over a hub name, and $TOKENKIT_VOCABULARIES over the hub cache")
    func pathsWin() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let hub = root + "/hub"
        for name in ["vocabularies--tokenkit-32k", "olmo--dolma2.json"] {
            try FileManager.default.createDirectory(atPath: hub + "/models--\(name)/refs", withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: hub + "/models--\(name)/refs/main", contents: Data("abc".utf8))
            try Self.link(Self.vocabularies + "/gpt2/tokenizer.json", at: hub + "/models--\(name)/snapshots/abc/tokenizer.json")
        }
        let env = Self.isolated(root, ["HF_HUB_CACHE": hub, "TOKENKIT_VOCABULARIES": Self.vocabularies])
        // `vocabularies/tokenkit-32k` is a folder of the repository (tok runs at its root).
        let local = try Self.ids("vocabularies/tokenkit-32k/tokenizer.json", env: env)
        let folder = try Self.ids("vocabularies/tokenkit-32k", env: env)
        #expect(folder.status == 0 && folder.stdout == local.stdout, "\(folder.stderr)")
        let olmo = try Self.ids("olmo/dolma2.json", env: env)
        let olmoByPath = try Self.ids(Self.vocabularies + "/olmo/dolma2.json", env: env)
        let gpt2 = try Self.ids(Self.vocabularies + "/gpt2/tokenizer.json", env: env)
        #expect(olmo.status == 0 && olmo.stdout == olmoByPath.stdout && olmo.stdout != gpt2.stdout, "\(olmo.stderr)")
    }

    @Test("A name found nowhere is one error line listing every place looked")
    func notFound() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let env = Self.isolated(root, ["TIKTOKEN_CACHE_DIR": root + "/cache", "HF_HUB_CACHE": root + "/hub"])
        let tiktoken = try Self.ids("cl100k_base", env: env)
        #expect(tiktoken.status == 1)
        #expect(tiktoken.stderr.contains(root + "/cache/" + Self.cacheNames["cl100k_base.tiktoken"]!), "\(tiktoken.stderr)")
        #expect(tiktoken.stderr.contains(root + "/tmp/data-gym-cache/"), "\(tiktoken.stderr)")
        #expect(tiktoken.stderr.contains("TOKENKIT_VOCABULARIES"), "\(tiktoken.stderr)")
        let hub = try Self.ids("acme/nosuch", env: env)
        #expect(hub.status == 1)
        #expect(hub.stderr.contains(root + "/hub/models--acme--nosuch/refs/main"), "\(hub.stderr)")
        #expect(hub.stderr.split(separator: "\n").count == 1, "\(hub.stderr)")
    }
}

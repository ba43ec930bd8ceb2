import Testing
import TokenKit
import TokenKitBPE
import TokenKitCatalog
import TokenKitFortran
import TokenKitPooled
import TokenKitTestSupport

/// One law run: the tokenizer a catalog entry stands for, and what the run may skip.
struct LawRun: Sendable, CustomTestStringConvertible {
    /// What the run covers: a built-in name or a format string of `TokenizerCatalog.standard`.
    enum Entry: Sendable, Hashable {
        case builtin(String)
        case format(String)
    }

    /// How the tokenizer is obtained.
    enum Spec: Sendable {
        /// A spec resolved through `TokenizerCatalog.standard` (a built-in name).
        case name(String)
        /// A shared file or folder, resolved through `TokenizerCatalog.standard` by its path.
        case shared(String)
        /// A file or folder of the repository, resolved through `TokenizerCatalog.standard`.
        case repository(String)
        /// A BPE preset name whose files are looked up in the shared vocabularies folder, as
        /// `BPELoader` does in `$TOKENKIT_VOCABULARIES` (the test does not change the process's
        /// environment, which other tests read concurrently).
        case preset(String, file: String)
    }

    var entry: Entry
    var spec: Spec
    /// The family the resolved tokenizer must report (catches a file read by the wrong loader).
    var family: TokenizerFamily
    var skipping: Set<TokenizerLaws.Law> = []
    /// Laws that fail for a known reason, run inside `withKnownIssue` with that reason.
    var knownIssues: Set<TokenizerLaws.Law> = []
    var knownIssueReason: String = ""
    /// The inputs the tokenizer is meant for, if not every text its round trip admits.
    var domain: TokenizerLaws.Domain? = nil

    var needsSharedData: Bool {
        switch spec {
        case .shared, .preset: true
        case .name: false
        case .repository: false
        }
    }

    var testDescription: String {
        switch entry {
        case .builtin(let name): "builtin \(name)"
        case .format(let format): "format \(format)"
        }
    }

    /// Resolves the tokenizer (through the standard catalog, except for presets).
    func resolve() throws -> any Tokenizer {
        switch spec {
        case .name(let name):
            return try TokenizerCatalog.standard.resolve(name)
        case .repository(let relative):
            return try TokenizerCatalog.standard.resolve(SharedData.repositoryRoot + "/" + relative)
        case .shared(let relative):
            return try TokenizerCatalog.standard.resolve(try #require(SharedData.path(relative)))
        case .preset(let name, let file):
            let preset = try #require(BPEPreset.named(name), "\(name) is not a BPE preset")
            return try BPEFiles.load(path: try #require(SharedData.path("vocabularies/" + file)), preset: preset)
        }
    }

    /// The path a format run reads, if it reads one.
    var path: String? {
        switch spec {
        case .shared(let relative): SharedData.path(relative)
        case .repository(let relative): SharedData.repositoryRoot + "/" + relative
        case .name, .preset: nil
        }
    }
}

/// The tokenizer laws on every built-in name and every file format of
/// `TokenizerCatalog.standard` (what `tok list` shows), one shared file per format.
@Suite("Tokenizer laws on every catalog entry")
struct CatalogLawTests {
    /// The base that `pooled:` and `dynamic:` wrap: built in, so those runs need no shared data.
    static let base = "tokenkit-32k"

    static let dynamicReason = """
        issue 19: DynamicMergeTokenizer's merged ids are batch-local, at or above vocabularySize, and \
        neither tokenBytes nor decode knows them (batch-dependent tokenizers get their own protocol there)
        """

    static let llamaReason = TokenizerLaws.llamaDecodeReason
    static let tokompilerReason = TokenizerLaws.tokompilerDecodeReason

    /// Faithful Tokompiler refuses fixed-form source (the reference reads free form only).
    static let freeForm: TokenizerLaws.Domain = { input in input.withUnsafeBufferPointer { SourceForm.detect($0) } == .free }

    static let runs: [LawRun] = [
        // Byte tokenizers.
        LawRun(entry: .builtin("bytes"), spec: .name("bytes"), family: .byteLevel),
        LawRun(entry: .builtin("byt5"), spec: .name("byt5"), family: .byteLevel),
        // Byte-level BPE: the embedded vocabulary and the presets.
        LawRun(entry: .builtin("tokenkit-32k"), spec: .name("tokenkit-32k"), family: .bpe),
        LawRun(entry: .builtin("r50k_base"), spec: .preset("r50k_base", file: "openai-tiktoken/r50k_base.tiktoken"), family: .bpe),
        LawRun(entry: .builtin("p50k_base"), spec: .preset("p50k_base", file: "openai-tiktoken/p50k_base.tiktoken"), family: .bpe),
        LawRun(entry: .builtin("cl100k_base"), spec: .preset("cl100k_base", file: "openai-tiktoken/cl100k_base.tiktoken"), family: .bpe),
        LawRun(entry: .builtin("o200k_base"), spec: .preset("o200k_base", file: "openai-tiktoken/o200k_base.tiktoken"), family: .bpe),
        LawRun(entry: .builtin("p50k_edit"), spec: .preset("p50k_edit", file: "openai-tiktoken/p50k_base.tiktoken"), family: .bpe),
        LawRun(entry: .builtin("o200k_harmony"), spec: .preset("o200k_harmony", file: "openai-tiktoken/o200k_base.tiktoken"), family: .bpe),
        LawRun(entry: .builtin("llama3"), spec: .preset("llama3", file: "llama3/tokenizer.model"), family: .bpe),
        LawRun(entry: .builtin("llama4"), spec: .preset("llama4", file: "llama4/tokenizer.model"), family: .bpe),
        LawRun(entry: .builtin("qwen2"), spec: .preset("qwen2", file: "qwen2"), family: .bpe),
        LawRun(entry: .builtin("gpt2"), spec: .preset("gpt2", file: "gpt2"), family: .bpe),
        // Tokompiler anonymizes names, so its offsets do not tile the input.
        LawRun(entry: .builtin("tokompiler"), spec: .name("tokompiler"), family: .tokompiler, skipping: [.offsetsTile],
               knownIssues: [.tokenBytesMatchDecode], knownIssueReason: tokompilerReason),
        LawRun(entry: .builtin("tokompiler:improved"), spec: .name("tokompiler:improved"), family: .tokompiler, skipping: [.offsetsTile],
               knownIssues: [.tokenBytesMatchDecode], knownIssueReason: tokompilerReason),
        LawRun(entry: .builtin("tokompiler:faithful"), spec: .name("tokompiler:faithful"), family: .tokompiler, skipping: [.offsetsTile],
               knownIssues: [.tokenBytesMatchDecode], knownIssueReason: tokompilerReason, domain: freeForm),
        // Word-pooled and dynamic batch-merge, over one base.
        LawRun(entry: .builtin("pooled:bytes"), spec: .name("pooled:bytes"), family: .wordPooled),
        LawRun(entry: .builtin("pooled:scalars"), spec: .name("pooled:scalars"), family: .wordPooled),
        LawRun(entry: .builtin("pooled:SPEC"), spec: .name("pooled:" + base), family: .wordPooled),
        LawRun(entry: .builtin("dynamic:SPEC"), spec: .name("dynamic:" + base), family: .dynamicBatchMerge,
               knownIssues: TokenizerLaws.batchLocalIDLaws, knownIssueReason: dynamicReason),
        // One file per format.
        LawRun(entry: .format(".tiktoken rank file (+ its .tiktoken.json sidecar; or Llama 3/4 tokenizer.model)"),
               spec: .shared("vocabularies/openai-tiktoken/cl100k_base.tiktoken"), family: .bpe),
        LawRun(entry: .format("GPT-2 encoder.json + vocab.bpe"), spec: .shared("vocabularies/gpt2"), family: .bpe),
        LawRun(entry: .format("vocab.json + merges.txt"), spec: .shared("vocabularies/qwen2"), family: .bpe),
        LawRun(entry: .format("llama2.c tokenizer.bin (SentencePiece BPE scores + pieces)"),
               spec: .shared("models/stories260K/tok512.bin"), family: .sentencePieceBPE,
               knownIssues: [.tokenBytesMatchDecode], knownIssueReason: llamaReason),
        LawRun(entry: .format("Tokompiler vocab.txt (tokompiler:faithful:PATH or tokompiler/vocab.txt)"),
               spec: .shared("vocabularies/tokompiler/vocab.txt"), family: .tokompiler, skipping: [.offsetsTile],
               knownIssues: [.tokenBytesMatchDecode], knownIssueReason: tokompilerReason),
        // No LiB lexicon is in the shared data; the repository ships three.
        LawRun(entry: .format("LiB lexicon (.lib.txt, first line 'tokenkit-lib-lexicon 1')"),
               spec: .repository("vocabularies/lib/english.lib.txt"), family: .lib),
        LawRun(entry: .format("Hugging Face tokenizer.json (BPE model), or a folder holding one"),
               spec: .shared("vocabularies/gpt-neox-20b/tokenizer.json"), family: .bpe),
        LawRun(entry: .format("GGUF (tokenizer.ggml.* keys, byte-level BPE)"),
               spec: .shared("vocabularies/gguf/ggml-vocab-gpt-2.gguf"), family: .bpe),
    ]

    /// Small random inputs keep the whole suite well under a minute in a debug build.
    static let inputCount = 60
    static let maxLength = 40

    static func run(_ run: LawRun) async throws {
        let tokenizer = try run.resolve()
        #expect(tokenizer.family == run.family, "\(run.testDescription) resolved to a \(tokenizer.family) tokenizer")
        let seed = UInt64(truncatingIfNeeded: run.testDescription.utf8.reduce(5381) { $0 &* 33 &+ Int($1) })
        await TokenizerLaws.checkAll(tokenizer, seed: seed, count: inputCount, maxLength: maxLength, skipping: run.skipping,
                                     knownIssues: run.knownIssues, knownIssueReason: run.knownIssueReason, domain: run.domain)
    }

    @Test("every built-in name and file format of the standard catalog has a law run")
    func coverage() {
        let covered = Set(Self.runs.map(\.entry))
        let builtins = TokenizerCatalog.standard.builtins.map(\.name)
        let formats = TokenizerCatalog.standard.formats
        #expect(!builtins.isEmpty && !formats.isEmpty)
        for name in builtins {
            #expect(covered.contains(.builtin(name)), "built-in \(name) has no law run: add one to CatalogLawTests.runs")
        }
        for format in formats {
            #expect(covered.contains(.format(format)), "format \"\(format)\" has no law run: add one to CatalogLawTests.runs")
        }
        // And no run for an entry the catalog no longer has.
        for entry in covered {
            switch entry {
            case .builtin(let name): #expect(builtins.contains(name), "law run for \(name), which is not a built-in")
            case .format(let format): #expect(formats.contains(format), "law run for format \"\(format)\", which no loader lists")
            }
        }
    }

    @Test("the laws hold for the built-in tokenizers", arguments: runs.filter { !$0.needsSharedData })
    func builtin(_ run: LawRun) async throws {
        try await Self.run(run)
    }

    @Test("the laws hold for the shared vocabularies", SharedData.required, arguments: runs.filter(\.needsSharedData))
    func shared(_ run: LawRun) async throws {
        try await Self.run(run)
    }

    /// The file of a format run is read by the loader that lists the format (the first loader
    /// that recognizes it), so each run really exercises its format.
    @Test("each format's file is recognized by the loader that lists the format", SharedData.required,
          arguments: runs.filter { if case .format = $0.entry { true } else { false } })
    func formatFile(_ run: LawRun) throws {
        guard case .format(let format) = run.entry else { return }
        let path = try #require(run.path)
        var head: [UInt8] = []
        if !FileIO.isDirectory(path) {
            let file = try MappedFile(path: path)
            head = Array(file.bytes.prefix(4096))
        }
        let reader = TokenizerCatalog.standard.loaders.first { $0.recognizes(path: path, head: head) }
        #expect(reader?.formats.contains(format) == true,
                "\(path) is read by a loader with formats \(reader?.formats ?? []), not the one listing \"\(format)\"")
    }

    /// The scalar units of `pooled:scalars`, on their own.
    @Test("the laws hold for the open scalar tokenizer")
    func scalars() async {
        await TokenizerLaws.checkAll(ScalarTokenizer.open, seed: 31, count: Self.inputCount, maxLength: Self.maxLength)
    }
}

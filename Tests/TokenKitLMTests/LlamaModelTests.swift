import Testing
import TokenKit
import TokenKitLM
import TokenKitSentencePiece
import TokenKitTestSupport

@Suite("stories260K forward pass: goldens", Stories260K.required)
struct LlamaModelGoldenTests {
    /// Other tests read their ids from the goldens with `try?`; a file that does not load
    /// would leave them with no ids and let them pass.
    @Test("the goldens, checkpoint and tokenizer load, and the story has its ids")
    func fixtureLoads() {
        #expect(Stories260K.goldens != nil && Stories260K.weights != nil && Stories260K.tokenizer != nil)
        #expect(KVCacheLawTests.story.count >= 200, "\(KVCacheLawTests.story.count) ids in greedy_no_prompt_200")
    }

    @Test("header: dim 64, hidden 172, 5 layers, 8/4 heads, vocab 512, seq 512, shared classifier")
    func header() throws {
        let c = try #require(Stories260K.weights).config
        #expect(c == LlamaConfig(dim: 64, hiddenDim: 172, layers: 5, heads: 8, kvHeads: 4, vocabularySize: 512,
                                 sequenceLength: 512, sharedClassifier: true))
        #expect(c.parameterCount == 260_032)
    }

    @Test("logits at the first 16 positions match the float64 goldens within 1e-4", arguments: Stories260K.backends)
    func logits(backend: String) throws {
        let model = try Stories260K.model(Stories260K.backend(backend))
        let golden = try #require(Stories260K.goldens?["logits"])
        let ids = Stories260K.ids(golden["token_ids"])
        let rows = try #require(golden["rows"]?.arrayValue)
        #expect(ids.count == 16 && rows.count == 16)
        let session = model.makeSession()
        var worst = 0.0
        for (i, id) in ids.enumerated() {
            try session.append(id)
            let expected = (rows[i].arrayValue ?? []).compactMap(\.doubleValue)
            #expect(expected.count == 512)
            let got = try session.logits()
            for (a, b) in zip(got, expected) { worst = max(worst, abs(Double(a) - b)) }
        }
        #expect(worst < 1e-4, "largest logit difference \(worst)")
    }

    @Test("greedy generation reproduces the goldens' ids and text exactly", arguments: Stories260K.backends)
    func greedy(backend: String) throws {
        let model = try Stories260K.model(Stories260K.backend(backend))
        let generator = try Generator(model: model, tokenizer: try #require(Stories260K.tokenizer))
        for key in ["greedy_no_prompt_200", "greedy_prompt_64"] {
            let g = try #require(Stories260K.goldens?[key])
            let prompt = try #require(g["prompt"]?.stringValue)
            let steps = try #require(g["steps"]?.intValue)
            let expected = Stories260K.ids(g["token_ids"])
            let result = try generator.generate(prompt: Array(prompt.utf8), steps: steps)
            #expect(result.promptIDs + result.ids == expected, "\(key)")
            // The goldens' text includes the prompt, as run.c prints it.
            let promptText = try Stories260K.tokenizer!.decode(result.promptIDs, options: DecodeOptions(skipSpecialTokens: true))
            #expect(String(decoding: promptText + result.text, as: UTF8.self) == g["text"]?.stringValue, "\(key)")
            #expect(result.stop == .steps)
        }
    }

    @Test("both backends give the same logits (within 1e-4) along the greedy story",
          .enabled(if: MatmulBackends.openBLAS != nil, "OpenBLAS (libopenblas.so.0) does not load here: only the Swift backend is tested"))
    func backendsAgree() throws {
        let blas = try #require(MatmulBackends.openBLAS)
        let a = try Stories260K.model(MatmulBackends.swift).makeSession()
        let b = try Stories260K.model(blas).makeSession()
        let ids = Stories260K.ids(Stories260K.goldens?["greedy_no_prompt_200"]?["token_ids"])
        var worst: Float = 0
        for id in ids.prefix(120) {
            try a.append(id)
            try b.append(id)
            let la = try a.logits(), lb = try b.logits()
            for (x, y) in zip(la, lb) { worst = max(worst, abs(x - y)) }
        }
        #expect(worst < 1e-4, "largest backend difference \(worst)")
    }
}

@Suite("KV cache and scoring laws", Stories260K.required)
struct KVCacheLawTests {
    static let story: [TokenID] = Stories260K.ids(Stories260K.goldens?["greedy_no_prompt_200"]?["token_ids"])

    @Test("truncate + extend gives the same logits as a fresh computation", arguments: [0, 1, 5, 17, 40])
    func truncateExtend(seed: UInt64) throws {
        let model = try Stories260K.model(MatmulBackends.swift)
        let session = model.makeSession()
        var rng = SplitMix64(seed: seed)
        try session.append(contentsOf: Self.story.prefix(32))
        for _ in 0..<6 {
            let cut = 1 + Int(rng.next() % UInt64(session.count))
            try session.truncate(to: cut)
            // Extend with random tokens, then compare with a fresh session on the same ids.
            let extra = (0..<Int(rng.next() % 6)).map { _ in TokenID(rng.next() % 512) }
            try session.append(contentsOf: extra)
            let fresh = model.makeSession()
            try fresh.append(contentsOf: session.tokens)
            #expect(try session.logits() == fresh.logits(), "after truncating to \(cut) and adding \(extra)")
        }
    }

    @Test("truncating without extending gives the logits at the shorter context")
    func truncateOnly() throws {
        let model = try Stories260K.model(MatmulBackends.swift)
        let session = model.makeSession()
        try session.append(contentsOf: Self.story.prefix(10))
        let fresh = model.makeSession()
        try fresh.append(contentsOf: Self.story.prefix(4))
        try session.truncate(to: 4)
        #expect(session.tokens == Array(Self.story.prefix(4)))
        #expect(try session.logits() == fresh.logits())
        #expect(throws: LMError.self) { try session.truncate(to: 5) }
        try session.truncate(to: 0)
        #expect(throws: LMError.self) { try session.logits() }
    }

    @Test("setContext reuses the common prefix and equals a fresh computation")
    func setContext() throws {
        let model = try Stories260K.model(MatmulBackends.swift)
        let session = model.makeSession()
        try session.setContext(Array(Self.story.prefix(20)))
        let other: [TokenID] = Array(Self.story.prefix(12)) + [261, 410, 300]
        try session.setContext(other)
        #expect(session.tokens == other)
        let fresh = model.makeSession()
        try fresh.append(contentsOf: other)
        #expect(try session.logits() == fresh.logits())
    }

    @Test("batched prefill equals one-token-at-a-time appends (bitwise in Swift, 1e-4 with OpenBLAS)",
          arguments: Stories260K.backends)
    func prefill(backend: String) throws {
        let model = try Stories260K.model(Stories260K.backend(backend))
        let ids = Array(Self.story.prefix(100))   // crosses the 64-position batch boundary
        let batched = model.makeSession()
        try batched.append(contentsOf: Array(ids.prefix(3)))
        try batched.append(contentsOf: Array(ids.dropFirst(3)))
        let single = model.makeSession()
        for t in ids { try single.append(t) }
        let exact = backend == "swift"
        func compare(_ what: String) throws {
            let a = try batched.logits(), b = try single.logits()
            let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
            if exact { #expect(a == b, "\(what)") } else { #expect(worst < 1e-4, "\(what): \(worst)") }
        }
        try compare("after the prefill")
        // The cache rows written by the batch serve later positions.
        try batched.append(300)
        try single.append(300)
        try compare("one token later")
        // Batched scoring equals incremental log-probs.
        let scores = try model.score(ids)
        let session = model.makeSession()
        for i in 0..<(ids.count - 1) {
            try session.append(ids[i])
            let lp = try session.logProbability(of: ids[i + 1])
            #expect(abs(lp - scores[i]) < (exact ? 1e-9 : 1e-4))
        }
    }

    @Test("a prefill with a bad id or too many tokens appends nothing")
    func prefillErrors() throws {
        let model = try Stories260K.model(MatmulBackends.swift)
        let session = model.makeSession()
        try session.append(1)
        #expect(throws: LMError.self) { try session.append(contentsOf: [403, 9999, 407]) }
        #expect(session.tokens == [1])
        #expect(throws: LMError.self) { try session.append(contentsOf: [TokenID](repeating: 410, count: 512)) }
        #expect(session.tokens == [1])
    }

    @Test("a copied session predicts the same and branches independently")
    func copy() throws {
        let model = try Stories260K.model(MatmulBackends.swift)
        let a = model.makeSession()
        try a.append(contentsOf: Self.story.prefix(8))
        let b = a.copy()
        #expect(try a.logits() == b.logits())
        try b.append(300)
        try a.append(301)
        let fresh = model.makeSession()
        try fresh.append(contentsOf: Array(Self.story.prefix(8)) + [300])
        #expect(try b.logits() == fresh.logits())
        #expect(a.tokens.last == 301)
    }

    @Test("score() equals incremental log-probabilities, and log-probs normalize")
    func scoring() throws {
        let model = try Stories260K.model(MatmulBackends.swift)
        let sequence = Array(Self.story.prefix(30))
        let scores = try model.score(sequence)
        #expect(scores.count == 29)
        let session = model.makeSession()
        for i in 0..<(sequence.count - 1) {
            try session.append(sequence[i])
            let lp = try session.logProbabilities()
            #expect(abs(Double(lp[Int(sequence[i + 1])]) - scores[i]) < 1e-5)
            let total = lp.reduce(0.0) { $0 + _exp(Double($1)) }
            #expect(abs(total - 1) < 1e-4)
        }
        // Greedy tokens are the argmax, so each has the highest log-prob at its position.
        let first = try model.nextTokenLogProbabilities(after: [1])
        #expect(first.indices.max { first[$0] < first[$1] } == Int(sequence[1]))
    }
}

@Suite("LM bad input", Stories260K.required)
struct LMBadInputTests {
    @Test("a context longer than the sequence length is a typed error, not a crash")
    func contextTooLong() throws {
        let model = try Stories260K.model(MatmulBackends.swift)
        let long = [TokenID](repeating: 410, count: 513)
        do {
            _ = try model.score(long)
            Issue.record("scored 513 tokens with a 512-token model")
        } catch {
            #expect(error.code == .contextTooLong)
        }
        let session = model.makeSession()
        try session.append(contentsOf: long.prefix(512))
        #expect(throws: LMError.self) { try session.append(410) }
        #expect(session.count == 512)
    }

    @Test("ids outside the vocabulary and an empty context are typed errors")
    func badIDs() throws {
        let model = try Stories260K.model(MatmulBackends.swift)
        #expect(throws: LMError.self) { try model.score([1, 512]) }
        #expect(throws: LMError.self) { try model.score([]) }
        #expect(throws: LMError.self) { try model.makeSession().logits() }
    }

    @Test("a tokenizer with another vocabulary size does not pair with the model")
    func mismatch() throws {
        let model = try Stories260K.model(MatmulBackends.swift)
        #expect(throws: LMError.self) { try model.checkCompatible(with: ByteTokenizer.byt5) }
        let small = try LlamaTokenizer(pieces: [Array("<unk>".utf8), [], [], [0x61]], scores: [0, 0, 0, 0], maxTokenLength: 1, source: "x")
        do {
            _ = try Generator(model: model, tokenizer: small)
            Issue.record("paired a 4-piece tokenizer with a 512-row model")
        } catch {
            #expect(error.code == .vocabularyMismatch)
        }
    }
}

@_silgen_name("exp") func _exp(_ x: Double) -> Double

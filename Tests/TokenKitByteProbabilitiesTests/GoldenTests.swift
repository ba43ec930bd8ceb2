import Testing
import TokenKit
import TokenKitByteProbabilities
import TokenKitLM
import TokenKitTestSupport

/// `byte_level_goldens.json` (float64 brute force) against the float32 runtime: 1e-4 absolute.
@Suite("stories260K byte-level goldens", Stories260K.required)
struct GoldenTests {
    static let tolerance = 1e-4

    static func maxDiff(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
    }

    /// The tests below take their arguments from the goldens; an unreadable file would give
    /// them no cases and let them pass.
    @Test("the goldens load and give every prompt, the model and the tokenizer")
    func goldensLoad() {
        #expect(Stories260K.goldens != nil, "byte_level_goldens.json does not parse")
        #expect(Stories260K.prompts.count == 8, "\(Stories260K.prompts.count) prompts in byte_level_goldens.json, expected 8")
        #expect(Stories260K.model != nil && Stories260K.tokenizer != nil, "stories260K.bin or tok512.bin does not load")
    }

    @Test("exact next-byte distribution, state size, LM calls, split point, encoding", arguments: Stories260K.prompts)
    func exact(prompt: String) throws {
        let g = try Stories260K.goldenCase(prompt)
        let lm = try ByteLevelModel(codec: try Stories260K.codec(), source: try Stories260K.source(),
                                    stream: Stories260K.stream(prompt))
        #expect(lm.split == g["split_point"]?.intValue)
        #expect(lm.stateSize == g["incremental_state_size"]?.intValue)
        #expect(lm.canonicalEncoding == (g["canonical_encoding"]?.arrayValue ?? []).compactMap { $0.intValue.map { TokenID($0) } })
        let d = try lm.nextByte()
        #expect(lm.lmCalls == g["incremental_lm_calls"]?.intValue)
        let expected = Stories260K.vector(g["exact_next_byte"])
        #expect(expected.count == 257 && d.probabilities.count == 257)
        #expect(Self.maxDiff(d.probabilities, expected) < Self.tolerance, "\(prompt): \(Self.maxDiff(d.probabilities, expected))")
    }

    /// The float64 runtime against the float64 goldens (printed with 9 significant digits, so
    /// 1e-9 absolute is their own rounding): distribution, and the naive and healing baselines.
    @Test("float64 runtime: exact, naive and healing distributions within 1e-9", arguments: Stories260K.prompts)
    func float64(prompt: String) throws {
        let g = try Stories260K.goldenCase(prompt)
        let path = try #require(SharedData.path(Stories260K.folder + "/stories260K.bin"))
        let source = try Float64LlamaSource(path: path, prefix: [1])
        let codec = try Stories260K.codec()
        let lm = try ByteLevelModel(codec: codec, source: source, stream: Stories260K.stream(prompt))
        let d = try lm.nextByte()
        let expected = Stories260K.vector(g["exact_next_byte"])
        #expect(expected.count == 257)
        #expect(Self.maxDiff(d.probabilities, expected) < 1e-9, "\(prompt): \(Self.maxDiff(d.probabilities, expected))")
        for (kind, key) in [(Baselines.Kind.naive, "naive_next_byte"), (.healing, "token_healing_next_byte")] {
            let b = try Baselines.distribution(kind, codec: codec, source: source, stream: Stories260K.stream(prompt))
            let want = Stories260K.vector(g[key])
            #expect(Self.maxDiff(b.probabilities, want) < 1e-9, "\(prompt) \(kind): \(Self.maxDiff(b.probabilities, want))")
        }
    }

    @Test("float64 runtime: bad checkpoints give typed errors")
    func float64Errors() throws {
        #expect(throws: ByteProbabilityError.self) { try Float64LlamaSource(path: "/nonexistent/model.bin", prefix: [1]) }
        let path = try #require(SharedData.path(Stories260K.folder + "/tok512.bin"))
        #expect(throws: ByteProbabilityError.self) { try Float64LlamaSource(path: path, prefix: [1]) }
    }

    @Test("T8: naive and 1-token healing baselines", arguments: Stories260K.prompts)
    func baselines(prompt: String) throws {
        let g = try Stories260K.goldenCase(prompt)
        let codec = try Stories260K.codec()
        let source = try Stories260K.source()
        for (kind, key) in [(Baselines.Kind.naive, "naive_next_byte"), (.healing, "token_healing_next_byte")] {
            let d = try Baselines.distribution(kind, codec: codec, source: source, stream: Stories260K.stream(prompt))
            let expected = Stories260K.vector(g[key])
            #expect(expected.count == 257)
            #expect(Self.maxDiff(d.probabilities, expected) < Self.tolerance, "\(prompt) \(kind): \(Self.maxDiff(d.probabilities, expected))")
        }
    }

    @Test("T9: greedy bytes from \"Once upon a ti\" continue \"me, \"")
    func greedy() throws {
        let lm = try ByteLevelModel(codec: try Stories260K.codec(), source: try Stories260K.source(),
                                    stream: Stories260K.stream("Once upon a ti"))
        var out: [UInt8] = []
        var maxima: [Double] = []
        for _ in 0..<4 {
            let d = try lm.nextByte()
            let b = d.argmax
            #expect(b < 256)
            maxima.append(d.probabilities[b])
            out.append(UInt8(b))
            try lm.append(UInt8(b))
        }
        #expect(out == Array("me, ".utf8))
        for (got, want) in zip(maxima, [1.0, 1.0, 0.969, 0.9999]) { #expect(abs(got - want) < 1e-3) }
    }
}

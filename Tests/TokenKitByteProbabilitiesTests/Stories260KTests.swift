import Testing
import TokenKit
import TokenKitByteProbabilities
import TokenKitLM
import TokenKitTestSupport

/// T2 (brute force), T3, T4, T5, T6 on the real stories260K model.
@Suite("stories260K: incremental algorithm vs oracles", Stories260K.required)
struct Stories260KTests {
    static var long: Bool { Environment.long }

    /// Prompts whose tail after the split is ≤ 6 bytes (brute force stays small), incl. byte
    /// fallback and invalid UTF-8.
    static let prompts: [[UInt8]] = [
        "Once upon a", "Once upon a ", "Once upon a ti", "She was very hap", "The dog", "Tom had 12", "naï",
        "I ☃", "x\u{C3}", "go  ", "a 9.", "Hi!",
    ].map { Stories260K.stream($0) } + [[0x20, 0x61, 0xA6], [0x20, 0x62, 0xC3, 0x28]]

    @Test("T2: brute-force cover enumeration == incremental (rel. err < 1e-9); T4 normalisation", arguments: prompts)
    func bruteForce(stream: [UInt8]) throws {
        let codec = try Stories260K.codec()
        let source = try Stories260K.source()
        let lm = try ByteLevelModel(codec: codec, source: source, stream: stream)
        let d = try lm.nextByte()
        #expect(abs(d.probabilities.reduce(0, +) - 1) < 1e-12 && d.probabilities.allSatisfy { $0 >= 0 })
        var oracle = BruteForce(codec: codec, source: source)
        let m = try oracle.masses(stream: stream)
        let total = m.reduce(0, +)
        #expect(abs(total - TestSystem.exp(d.logMass)) <= 1e-9 * total)
        for k in m.indices {
            let want = m[k] / total
            #expect(abs(d.probabilities[k] - want) <= 1e-9 * max(want, 1e-12) + 1e-15, "outcome \(k)")
        }
    }

    @Test("T3: all-paths identity on the real model: Σ m + dropped == P_all(x) (split rule none)",
          arguments: ["Once", "a b", "ï", "Hi"])
    func allPaths(prompt: String) throws {
        let codec = ByteStreamCodec(tokenizer: try #require(Stories260K.tokenizer), splitRule: ByteStreamCodec.SplitRule.none)
        let source = try Stories260K.source()
        let stream = Stories260K.stream(prompt)
        let lm = try ByteLevelModel(codec: codec, source: source, mode: .allPaths, stream: stream)
        let d = try lm.nextByte()
        let lhs = TestSystem.exp(d.logMass) + d.droppedMass
        #expect(abs(lhs - TestSystem.exp(lm.logPrefixProbability)) <= 1e-12 * lhs)
        // P_can ≤ P_all, and the brute-force all-paths masses agree.
        let canonical = try ByteLevelModel(codec: codec, source: source, stream: stream)
        _ = try canonical.nextByte()
        #expect(canonical.logPrefixProbability <= lm.logPrefixProbability + 1e-12)
        var oracle = BruteForce(codec: codec, source: source)
        let m = try oracle.masses(stream: stream, canonical: false)
        #expect(abs(m.reduce(0, +) - TestSystem.exp(d.logMass)) <= 1e-9 * TestSystem.exp(d.logMass))
    }

    @Test("T5: incremental == fresh at every byte (covers as sets, log-probs 1e-9); chain rule P_can(x·b) = P(b|x)·Σm(x) within a word")
    func incrementalEqualsFresh() throws {
        let codec = try Stories260K.codec()
        let source = try Stories260K.source()
        let text = Stories260K.stream(Self.long ? "Once upon a time, there was a little girl named Lily. She loved 12 ☃s." : "Once upon a time, Lily ☃")
        let lm = try ByteLevelModel(codec: codec, source: source, stream: Array(text[..<1]))
        for i in 1..<text.count {
            let splitBefore = lm.split
            let d = try lm.nextByte()
            try lm.append(text[i])
            if lm.split == splitBefore {
                // Real models leak mass to invalid continuations, so the normaliser is Σ m (logMass),
                // not P_can(x): log P_can(x·b) − log Σ m(x) == log P(b | x).
                #expect(abs(lm.logPrefixProbability - d.logMass - TestSystem.log(d.probabilities[Int(text[i])])) < 1e-9)
            }
            let fresh = try ByteLevelModel(codec: codec, source: source, stream: Array(text[...i]))
            #expect(fresh.split == lm.split && fresh.prefixTokens == lm.prefixTokens)
            let a = Dictionary(uniqueKeysWithValues: lm.covers.map { ([$0.tokens.map(Int.init), $0.rest.map(Int.init)], $0.logProbability) })
            let b = Dictionary(uniqueKeysWithValues: fresh.covers.map { ([$0.tokens.map(Int.init), $0.rest.map(Int.init)], $0.logProbability) })
            #expect(Set(a.keys) == Set(b.keys), "at byte \(i)")
            for (k, v) in a { #expect(abs(v - (b[k] ?? .infinity)) < 1e-9) }
        }
    }

    @Test("T6: prompt-boundary invariance: start from a shorter prompt and feed the rest")
    func promptBoundary() throws {
        let codec = try Stories260K.codec()
        let source = try Stories260K.source()
        let text = Stories260K.stream("Once upon a ti")
        let whole = try ByteLevelModel(codec: codec, source: source, stream: text).nextByte()
        for cut in (Self.long ? Array(1..<text.count) : [1, 5, 11, 13]) {
            let lm = try ByteLevelModel(codec: codec, source: source, stream: Array(text[..<cut]))
            try lm.append(contentsOf: text[cut...])
            let d = try lm.nextByte()
            #expect(d.totalVariation(to: whole) < 1e-9, "cut \(cut)")
        }
    }

    @Test("KV cache: a generated byte costs at most one LM call, amortized")
    func callsPerByte() throws {
        let lm = try ByteLevelModel(codec: try Stories260K.codec(), source: try Stories260K.source(),
                                    stream: Stories260K.stream("Once upon a"))
        _ = try lm.nextByte()
        let g = try lm.generate(bytes: 40, options: ByteSamplingOptions(temperature: 0))
        #expect(g.bytes.count == 40)
        #expect(g.lmCalls <= g.bytes.count)
    }
}

enum Environment {
    /// `TOKENKIT_LONG_TESTS=1` turns on the exhaustive variants.
    static var long: Bool { TestSystem.longTests }
}

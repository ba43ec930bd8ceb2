import Testing
import TokenKit
import TokenKitLM
import TokenKitTestSupport

@Suite("sampling")
struct SamplerTests {
    static let logits: [Float] = [1.0, 3.0, 2.5, -1.0, 0.0, 2.9]

    func draw(_ options: SamplingOptions, _ n: Int = 2000) throws -> [Int] {
        var sampler = try Sampler(options)
        return Self.logits.withUnsafeBufferPointer { b in (0..<n).map { _ in sampler.sample(b) } }
    }

    @Test("temperature 0 is argmax; the first maximum wins ties")
    func greedy() throws {
        #expect(try draw(.greedy, 5) == [1, 1, 1, 1, 1])
        var s = try Sampler(.greedy)
        #expect([Float(2), 2, 1].withUnsafeBufferPointer { s.sample($0) } == 0)
    }

    @Test("the same seed gives the same draws; another seed differs")
    func seeded() throws {
        let a = try draw(SamplingOptions(temperature: 1, seed: 42))
        #expect(a == (try draw(SamplingOptions(temperature: 1, seed: 42))))
        #expect(a != (try draw(SamplingOptions(temperature: 1, seed: 43))))
    }

    @Test("frequencies follow softmax(logits / T)")
    func frequencies() throws {
        let n = 20000
        let draws = try draw(SamplingOptions(temperature: 0.8, seed: 7), n)
        let scaled = Self.logits.map { Double($0) / 0.8 }
        let z = scaled.map { _exp($0) }.reduce(0, +)
        for i in Self.logits.indices {
            let expected = _exp(scaled[i]) / z
            let observed = Double(draws.filter { $0 == i }.count) / Double(n)
            #expect(abs(observed - expected) < 0.015, "token \(i): \(observed) vs \(expected)")
        }
    }

    @Test("top-k keeps only the k most likely; top-k 1 is greedy")
    func topK() throws {
        #expect(Set(try draw(SamplingOptions(temperature: 1, topK: 2, seed: 3))) == [1, 5])
        #expect(Set(try draw(SamplingOptions(temperature: 5, topK: 1, seed: 3))) == [1])
    }

    @Test("top-p keeps the smallest nucleus reaching p")
    func topP() throws {
        // Probabilities at T=1 (sorted): 1: .37, 5: .33, 2: .22, … — p = 0.5 keeps {1, 5}.
        #expect(Set(try draw(SamplingOptions(temperature: 1, topP: 0.5, seed: 9))) == [1, 5])
        #expect(Set(try draw(SamplingOptions(temperature: 1, topP: 0.01, seed: 9))) == [1])
    }

    @Test("out-of-range options are typed errors")
    func invalid() {
        #expect(throws: LMError.self) { try Sampler(SamplingOptions(temperature: -1)) }
        #expect(throws: LMError.self) { try Sampler(SamplingOptions(temperature: .nan)) }
        #expect(throws: LMError.self) { try Sampler(SamplingOptions(topK: -1)) }
        #expect(throws: LMError.self) { try Sampler(SamplingOptions(topP: 0)) }
        #expect(throws: LMError.self) { try Sampler(SamplingOptions(topP: 1.5)) }
    }

    @Test("xorshift* matches its definition (llama2.c random_u32) for a known seed")
    func rng() {
        var r = XorShiftRNG(seed: 1)
        // Computed by hand from the definition: s ^= s>>12; s ^= s<<25; s ^= s>>27; (s * M) >> 32.
        var s: UInt64 = 1
        var expected: [UInt32] = []
        for _ in 0..<4 {
            s ^= s >> 12; s ^= s << 25; s ^= s >> 27
            expected.append(UInt32(truncatingIfNeeded: (s &* 0x2545_F491_4F6C_DD1D) >> 32))
        }
        #expect((0..<4).map { _ in r.nextUInt32() } == expected)
    }
}

@Suite("sampled generation", Stories260K.required)
struct SampledGenerationTests {
    @Test("seeded sampling is reproducible and stops at the step limit or a stop token")
    func generate() throws {
        let model = try Stories260K.model(MatmulBackends.swift)
        let g = try Generator(model: model, tokenizer: try #require(Stories260K.tokenizer))
        let options = SamplingOptions(temperature: 1, topP: 0.9, seed: 1234)
        let a = try g.generate(prompt: Array("Lily".utf8), steps: 40, sampling: options)
        let b = try g.generate(prompt: Array("Lily".utf8), steps: 40, sampling: options)
        #expect(a == b)
        #expect(a.promptIDs.first == 1)
        #expect(a.ids.count == 40 + 1 - a.promptIDs.count || a.stop == .stopToken)
        // The text is the run.c rendering of the ids.
        var text: [UInt8] = []
        var prev = a.promptIDs.last
        for id in a.ids { text += g.tokenizer.piece(id, after: prev); prev = id }
        #expect(text == a.text)
        // A stop set containing every id stops at once.
        let none = try g.generate(prompt: [], steps: 10, stopTokens: Set((0..<512).map { TokenID($0) }))
        #expect(none.ids.isEmpty && none.stop == .stopToken)
    }
}

import Testing
import TokenKit
import TokenKitByteProbabilities
import TokenKitTestSupport

/// T1 (perfect-LM toy), T3 (all-paths identity), T5 (incremental == fresh, chain rule),
/// T6 (two tokenizers over one source), T9 (sampling frequencies): no model file needed.
@Suite("Perfect-LM toy")
struct PerfectLMTests {
    static let tokenizer = ToyBPE(merges: Toy.merges)
    static let codec = ByteStreamCodec(tokenizer: tokenizer)

    func maxDiff(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { abs($0 - $1) }.max() ?? .infinity }

    @Test("T1: BTR marginal == P(x) and incremental P(b|x) == source conditional, every prefix (|err| < 1e-12)")
    func perfectToy() throws {
        let lm = PerfectTokenLM(tokenizer: Self.tokenizer)
        #expect(Self.codec.outcomeNames == ["END"])
        var checked = 0
        var naiveWrong = 0
        for x in Toy.allStrings(upTo: ToySource.maxLength) {
            guard let truth = ToySource.conditional(x) else { continue }
            let model = try ByteLevelModel(codec: Self.codec, source: lm, stream: x)
            #expect(model.split == 0)
            #expect(abs(TestSystem.exp(model.logPrefixProbability) - ToySource.prefixProbability(x)) < 1e-12)
            let d = try model.nextByte()
            #expect(maxDiff(d.probabilities, truth) < 1e-12, "x = \(String(decoding: x, as: UTF8.self))")
            #expect(abs(d.probabilities.reduce(0, +) - 1) < 1e-12 && d.probabilities.allSatisfy { $0 >= 0 })
            if !x.isEmpty {
                let naive = try Baselines.distribution(.naive, codec: Self.codec, source: lm, stream: x)
                if maxDiff(naive.probabilities, truth) > 1e-6 { naiveWrong += 1 }
            }
            checked += 1
        }
        #expect(checked == 1023)
        // The harness must be able to see tokenization bias.
        #expect(naiveWrong > 0)
    }

    @Test("T1/T5: incremental (append after nextByte) == fresh, states equal as sets")
    func incrementalEqualsFresh() throws {
        let lm = PerfectTokenLM(tokenizer: Self.tokenizer)
        func walk(_ model: ByteLevelModel<ToyBPE, PerfectTokenLM>) throws {
            let x = model.stream
            let fresh = try ByteLevelModel(codec: Self.codec, source: lm, stream: x)
            #expect(Set(model.covers.map { [$0.tokens.map(Int.init), $0.rest.map(Int.init)] })
                    == Set(fresh.covers.map { [$0.tokens.map(Int.init), $0.rest.map(Int.init)] }))
            #expect(abs(model.logPrefixProbability - fresh.logPrefixProbability) < 1e-12)
            guard x.count < 7 else { return }
            let d = try model.nextByte()
            for b: UInt8 in [0x61, 0x62] where d.probabilities[Int(b)] > 0 {
                let next = model.copy()
                try next.append(b)
                // Chain rule: log P(x·b) − log P(x) == log P(b | x).
                #expect(abs(next.logPrefixProbability - model.logPrefixProbability - TestSystem.log(d.probabilities[Int(b)])) < 1e-12)
                try walk(next)
            }
        }
        try walk(try ByteLevelModel(codec: Self.codec, source: lm))
    }

    @Test("T3: all-paths identity Σ_b P_all(x·b) + P(END after x) == P_all(x), no renormalisation")
    func allPathsIdentity() throws {
        let lm = PerfectTokenLM(tokenizer: Self.tokenizer)
        for x in Toy.allStrings(upTo: 6) where ToySource.prefixProbability(x) > 0 {
            let model = try ByteLevelModel(codec: Self.codec, source: lm, mode: .allPaths, stream: x)
            let d = try model.nextByte()
            #expect(abs(TestSystem.exp(d.logMass) + d.droppedMass - TestSystem.exp(model.logPrefixProbability)) < 1e-12)
            // A perfect model puts no mass on invalid strings: all-paths == canonical.
            let canonical = try ByteLevelModel(codec: Self.codec, source: lm, stream: x).nextByte()
            #expect(maxDiff(d.probabilities, canonical.probabilities) < 1e-12)
        }
    }

    @Test("T6: two tokenizers over the same perfect source give the same byte distributions; so does their ensemble")
    func twoTokenizers() throws {
        let other = ToyBPE(merges: Toy.otherMerges)
        let otherCodec = ByteStreamCodec(tokenizer: other)
        let lm1 = PerfectTokenLM(tokenizer: Self.tokenizer)
        let lm2 = PerfectTokenLM(tokenizer: other)
        for x in Toy.allStrings(upTo: 7) {
            guard let truth = ToySource.conditional(x) else { continue }
            let m1 = try ByteLevelModel(codec: Self.codec, source: lm1, stream: x)
            let m2 = try ByteLevelModel(codec: otherCodec, source: lm2, stream: x)
            let d2 = try m2.nextByte()
            #expect(maxDiff(d2.probabilities, truth) < 1e-12)
            let ensemble = try ByteEnsemble([m1, m2], weights: [0.3, 0.7])
            #expect(maxDiff(try ensemble.nextByte().probabilities, truth) < 1e-12)
        }
    }

    @Test("T6: prompt-boundary invariance (start short, feed the rest)")
    func promptBoundary() throws {
        let lm = PerfectTokenLM(tokenizer: Self.tokenizer)
        let x = Array("abbaab".utf8)
        let whole = try ByteLevelModel(codec: Self.codec, source: lm, stream: x).nextByte()
        for cut in 0...x.count {
            let m = try ByteLevelModel(codec: Self.codec, source: lm, stream: Array(x[..<cut]))
            for b in x[cut...] {
                _ = try m.nextByte()
                try m.append(b)
            }
            #expect(maxDiff(try m.nextByte().probabilities, whole.probabilities) < 1e-12)
        }
    }

    @Test("T9: byte sampling at τ = 1 matches the source's string frequencies (chi-square, fixed seed)")
    func samplingFrequencies() throws {
        let lm = PerfectTokenLM(tokenizer: Self.tokenizer)
        let n = 3000
        var counts: [[UInt8]: Int] = [:]
        var seed: UInt64 = 12345
        for _ in 0..<n {
            let m = try ByteLevelModel(codec: Self.codec, source: lm)
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let g = try m.generate(bytes: 12, options: ByteSamplingOptions(temperature: 1, seed: seed | 1))
            #expect(g.stoppedBy == "END")
            counts[g.bytes, default: 0] += 1
        }
        // Categories with expected count >= 5; the rest pooled.
        var chi2 = 0.0
        var dof = 0
        var pooledExpected = 0.0
        var pooledObserved = 0
        for (x, p) in ToySource.strings {
            let e = p * Double(n)
            let o = counts[x] ?? 0
            if e >= 5 {
                chi2 += (Double(o) - e) * (Double(o) - e) / e
                dof += 1
            } else {
                pooledExpected += e
                pooledObserved += o
            }
        }
        chi2 += (Double(pooledObserved) - pooledExpected) * (Double(pooledObserved) - pooledExpected) / pooledExpected
        // dof categories + the pool, minus one constraint; accept below mean + 4 standard deviations.
        let k = Double(dof)
        #expect(chi2 < k + 4 * (2 * k).squareRoot(), "chi2 = \(chi2), dof = \(dof)")
        #expect(counts.keys.allSatisfy { ToySource.exactProbability($0) > 0 })
    }
}

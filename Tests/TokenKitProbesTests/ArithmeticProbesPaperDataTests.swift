import Testing
import TokenKitProbes
import TokenKitTestSupport

/// Regression tests on the paper's released results (`../shared/data/tokenization-counts/`):
/// the analyzer must reproduce the numbers recomputed in the spec (§2.2–2.3) from the raw rows.
@Suite("Arithmetic probes: Singh & Strouse released data")
struct ArithmeticProbesPaperDataTests {
    static let folder = "data/tokenization-counts/"
    static let gpt35 = folder + "20230407_gpt35_comma_effects.csv"
    static let gpt4 = folder + "20230502_gpt4_comma_effects.csv"
    static let lengths = folder + "20240125_gpt35_0301_answer_length_effects.csv"

    static func analyze(_ relative: String) throws -> ProbeAnalysis {
        let path = try #require(SharedData.path(relative))
        let (observations, skipped) = try PaperCSVSource.read(path: path)
        #expect(skipped.count == 0, "the released CSVs are well-formed: \(skipped.rows.prefix(3))")
        var analysis = ProbeAnalysis(observations)
        analysis.skipped = skipped
        return analysis
    }

    static func percent(_ t: ProbeAnalysis.Tally?) -> Double {
        guard let t else { return .nan }
        return (t.accuracy * 1000).rounded() / 10
    }

    @Test("GPT-3.5-0301, 8 shots: nosep 74.4 % vs comma_r2l 97.8 %; full shot table", SharedData.requires(gpt35))
    func gpt35Experiment() throws {
        let a = try Self.analyze(Self.gpt35)
        #expect(a.count == 6300)
        let model = "gpt-3.5-turbo-0301", helpful = SystemPrompts.helpful
        let expected: [(String, [Double])] = [
            ("nosep", [67.8, 72.2, 73.3, 74.4, 76.7]), ("comma_r2l", [95.6, 97.8, 96.7, 97.8, 97.8]),
            ("space_r2l", [91.1, 95.6, 97.8, 96.7, 98.9]), ("comma_l2r", [31.1, 30.0, 26.7, 27.8, 24.4]),
            ("space_l2r", [25.6, 26.7, 25.6, 27.8, 24.4]),
        ]
        for (format, row) in expected {
            for (k, shots) in [1, 2, 4, 8, 16].enumerated() {
                let t = a.tally(model: model, systemPrompt: helpful, problemFormat: format, shots: shots)
                #expect(t?.n == 90)
                #expect(Self.percent(t) == row[k], "\(format) \(shots) shots")
            }
        }
        #expect(Self.percent(a.tally(model: model, systemPrompt: SystemPrompts.mathGPT, problemFormat: "nosep", shots: 8)) == 73.3)
        #expect(Self.percent(a.tally(model: model, systemPrompt: SystemPrompts.mathGPT, problemFormat: "comma_r2l", shots: 8)) == 97.8)
        let eight = try #require(a.tally(model: model, systemPrompt: helpful, problemFormat: "nosep", shots: 8))
        #expect(eight.correct == 67)
        // Wilson 95 % for 67/90 (closed form, computed independently: 0.645624, 0.823252).
        #expect(abs(eight.interval.lower - 0.6456235) < 1e-6)
        #expect(abs(eight.interval.upper - 0.8232524) < 1e-6)
    }

    @Test("GPT-4-0314, 8 shots: nosep 84.4 % vs comma_r2l 98.9 %", SharedData.requires(gpt4))
    func gpt4Experiment() throws {
        let a = try Self.analyze(Self.gpt4)
        let model = "gpt-4-0314", helpful = SystemPrompts.helpful
        #expect(Self.percent(a.tally(model: model, systemPrompt: helpful, problemFormat: "nosep", shots: 8)) == 84.4)
        #expect(Self.percent(a.tally(model: model, systemPrompt: helpful, problemFormat: "comma_r2l", shots: 8)) == 98.9)
        #expect(Self.percent(a.tally(model: model, systemPrompt: SystemPrompts.mathGPT, problemFormat: "nosep", shots: 8)) == 87.8)
        for (shots, value) in [(1, 27.8), (2, 28.9), (4, 32.2), (8, 33.3)] {
            #expect(Self.percent(a.tally(model: model, systemPrompt: helpful, problemFormat: "comma_l2r", shots: shots)) == value)
        }
        // GPT-4's L2R weak spot: some mixed-length signatures (nosep, all shots and prompts pooled, no extra spaces).
        func pooled(_ s: String) throws -> Double {
            let sig = try LengthSignature(parsing: s)
            let t = a.pooled { $0.problemFormat == "nosep" && $0.spaces == 0 && $0.signature == sig }
            return (t.accuracy * 100).rounded()
        }
        #expect(try pooled("7+9=9") == 51)
        #expect(try pooled("9+8=9") == 100)
    }

    @Test("Experiment B: length mismatch 8.2 % (nosep) vs 98.5 % (comma_r2l); per-signature 5/10/10/8 %",
          SharedData.requires(lengths))
    func answerLength() throws {
        let a = try Self.analyze(Self.lengths)
        #expect(a.count == 2600)
        func pooled(_ format: String, match: Bool?) -> ProbeAnalysis.Tally {
            a.pooled { g in
                guard let s = g.signature, g.problemFormat == format else { return false }
                return match.map { s.lengthMatch == $0 } ?? true
            }
        }
        #expect(pooled("nosep", match: false).n == 400)
        #expect(Self.percent(pooled("nosep", match: false)) == 8.3 || pooled("nosep", match: false).correct == 33)
        #expect(pooled("nosep", match: false).correct == 33)  // 8.25 %: the spec's "8.2 %"
        #expect(pooled("comma_r2l", match: false).correct == 394)  // 98.5 %
        #expect(pooled("nosep", match: true).correct == 844)  // 93.8 % of 900
        #expect(pooled("comma_r2l", match: true).correct == 881)  // 97.9 %
        for (s, correct) in [("7+7=8", 5), ("7+8=9", 10), ("8+7=9", 10), ("8+8=9", 8)] {
            let t = a.tally(model: "gpt-3.5-turbo-0301", systemPrompt: SystemPrompts.helpful, problemFormat: "nosep",
                            shots: 8, signature: try LengthSignature(parsing: s))
            #expect(t?.n == 100)
            #expect(t?.correct == correct, "\(s)")
        }
    }

    @Test("Experiment B errors: 361 of 365 length-correct mismatch errors only at digit 4; match errors at 3 and 6, 51 of 56 off by one",
          SharedData.requires(lengths))
    func errorPatterns() throws {
        let a = try Self.analyze(Self.lengths)
        let mismatch = try #require(a.conditions[.init(model: "gpt-3.5-turbo-0301", problemFormat: "nosep", lengthMatch: false)])
        #expect(mismatch.wrong == 367)
        #expect(mismatch.lengthCorrectWrong == 365)
        #expect(mismatch.signatures[[4]] == 361)
        let match = try #require(a.conditions[.init(model: "gpt-3.5-turbo-0301", problemFormat: "nosep", lengthMatch: true)])
        #expect(match.wrong == 56)
        #expect(match.lengthCorrectWrong == 56)
        #expect(match.wrongAtDigit[3] == 32)
        #expect(match.wrongAtDigit[6] == 25)
        #expect((match.offByOneAtDigit[3] ?? 0) + (match.offByOneAtDigit[6] ?? 0) == 51)
        // With R2L commas the errors are rare.
        let r2l = try #require(a.conditions[.init(model: "gpt-3.5-turbo-0301", problemFormat: "comma_r2l", lengthMatch: false)])
        #expect(r2l.wrong == 6)
    }

    @Test("Experiment A (GPT-3.5, nosep without extra spaces, answer longer than addends): 183 of 186 length-correct errors at digit 4",
          SharedData.requires(gpt35))
    func experimentADigitFour() throws {
        let path = try #require(SharedData.path(Self.gpt35))
        let (observations, _) = try PaperCSVSource.read(path: path)
        let a = ProbeAnalysis(observations.filter { $0.spaces == 0 })
        let c = try #require(a.conditions[.init(model: "gpt-3.5-turbo-0301", problemFormat: "nosep", lengthMatch: false)])
        #expect(c.lengthCorrectWrong == 186)
        #expect(c.wrongAtDigit[4] == 183)
        #expect(c.wrongAtDigit[7] == 53)
    }
}

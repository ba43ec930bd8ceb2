import Testing
import TokenKit
import TokenKitProbes
import TokenKitTestSupport

@Suite("Arithmetic probes: formats, signatures, generator, scoring")
struct ArithmeticProbesCoreTests {
    @Test("Formats follow the paper's chunk_with_separator", arguments: [
        ("nosep", "1234567", "1234567"), ("comma_r2l", "1234567", "1,234,567"), ("comma_l2r", "1234567", "123,456,7"),
        ("space_r2l", "22063662", "22 063 662"), ("space_l2r", "22063662", "220 636 62"),
        ("comma_r2l", "123456", "123,456"), ("comma_l2r", "123456", "123,456"), ("dec_r2l", "1234", "1.234"),
        ("hashtag_l2r", "1234", "123#4"), ("dollar_r2l", "12", "12"), ("foo_r2l", "1234567", "1foo234foo567"),
        ("foo_l2r", "1234567", "123foo456foo7"),
    ])
    func formats(name: String, digits: String, expected: String) throws {
        #expect(try NumberFormat(parsing: name).format(digits: digits) == expected)
    }

    @Test("Unknown formats are clear errors")
    func unknownFormat() {
        #expect(throws: ProbeError.self) { try NumberFormat(parsing: "comma") }
        #expect(throws: ProbeError.self) { try NumberFormat(parsing: "tilde_r2l") }
        #expect(throws: ProbeError.self) { try NumberFormat(parsing: "comma_up") }
    }

    @Test("Impossible signatures are rejected with a message", arguments: ["7+7=9", "9+8=8", "7+9=7", "0+3=3", "19+1=19", "7+7", "a+b=c"])
    func impossible(text: String) {
        #expect(throws: ProbeError.self) { try LengthSignature(parsing: text) }
    }

    @Test("Sampling with a signature gives that signature and stays in range (all 13 of experiment B and more)")
    func signatureSampling() throws {
        var rng = ProbeRandom(seed: 7)
        let extra = try ["1+1=1", "1+1=2", "1+5=5", "5+1=6", "18+18=19", "18+1=18", "3+12=13", "12+12=12"].map {
            try LengthSignature(parsing: $0)
        }
        for s in LengthSignature.experimentB + extra {
            for _ in 0..<300 {
                let (a, b) = ProblemGenerator.sample(signature: s, using: &rng)
                #expect(LengthSignature(of: a, b) == s, "\(s): \(a)+\(b)")
            }
        }
    }

    @Test("Experiment A cycles the 9 length pairs; shots share the problem's lengths; the seed reproduces")
    func experimentA() throws {
        let sweep = ProbeSweep(design: .experimentA, formats: [.nosep, .commaR2L], shots: [1, 8],
                               systemPrompts: [SystemPrompts.helpful, SystemPrompts.mathGPT], seed: 3)
        let problems = try ProblemGenerator.generate(sweep)
        #expect(problems.count == 2 * 2 * 2 * 90)
        #expect(Set(problems.map(\.id)).count == problems.count)
        let pairs = problems.prefix(9).map { ($0.signature.a, $0.signature.b) }
        #expect(pairs.map { "\($0.0)\($0.1)" } == ["77", "78", "79", "87", "88", "89", "97", "98", "99"])
        for p in problems {
            for (x, y) in p.shots {
                #expect(LengthSignature(of: x, y).a == p.signature.a && LengthSignature(of: x, y).b == p.signature.b)
            }
        }
        // Problem i is the same in every cell; 1-shot shots are a prefix of 8-shot shots.
        let cell1 = problems.filter { $0.shots.count == 1 && $0.problemFormat == .nosep && $0.systemPrompt == SystemPrompts.helpful }
        let cell8 = problems.filter { $0.shots.count == 8 && $0.problemFormat == .commaR2L && $0.systemPrompt == SystemPrompts.mathGPT }
        for (p, q) in zip(cell1, cell8) {
            #expect(p.a == q.a && p.b == q.b)
            #expect(p.shots[0] == q.shots[0])
        }
        #expect(try ProblemGenerator.generate(sweep) == problems)
        var other = sweep
        other.seed = 4
        #expect(try ProblemGenerator.generate(other).first?.a != problems.first?.a)
    }

    @Test("Experiment B: 100 problems per signature, shots of the same signature")
    func experimentB() throws {
        let problems = try ProblemGenerator.generate(ProbeSweep(design: .experimentB, formats: [.nosep], shots: [8]))
        #expect(problems.count == 1300)
        var counts: [LengthSignature: Int] = [:]
        for p in problems {
            counts[p.signature, default: 0] += 1
            #expect(p.shots.count == 8)
            for (x, y) in p.shots { #expect(LengthSignature(of: x, y) == p.signature) }
        }
        #expect(counts.count == 13 && counts.values.allSatisfy { $0 == 100 })
        #expect(throws: ProbeError.self) {
            try ProblemGenerator.generate(ProbeSweep(design: .signatures([], problems: 10)))
        }
        #expect(throws: ProbeError.self) {
            try ProblemGenerator.generate(ProbeSweep(design: .lengthPairs(lengths: 7...19, problems: 10)))
        }
    }

    @Test("Prompts: operator spacing, chat messages with the system prompt and shots, completion text")
    func prompts() throws {
        let p = ArithmeticProblem(id: "x", experiment: "A", index: 0, seed: 0, a: 1234567, b: 89, shots: [(12, 30)],
                                  problemFormat: .commaR2L, answerFormat: .commaR2L, spaces: 1,
                                  systemPrompt: SystemPrompts.mathGPT)
        #expect(p.question == "1,234,567 + 89 = ")
        #expect(p.expectedAnswer == "1,234,656")
        let m = p.messages
        #expect(m.map(\.role) == [.system, .user, .assistant, .user])
        #expect(m[0].content.hasPrefix("You are MathGPT"))
        #expect(m[1].content == "12 + 30 = " && m[2].content == "42")
        #expect(p.completionPrompt == SystemPrompts.mathGPT + "\n\n12 + 30 = 42\n1,234,567 + 89 = ")
    }

    @Test("Scoring: the single digit run, separators stripped, format match separate", arguments: [
        ("8365772", 8365772, "nosep", true, true, true),
        (" 8,365,772\n", 8365772, "nosep", true, true, false),
        ("8,365,772", 8365772, "comma_r2l", true, true, true),
        ("836,577,2", 8365772, "comma_r2l", true, true, false),
        ("The answer is 8365772.", 8365772, "nosep", true, true, true),
        ("8365772 or 8365773", 8365772, "nosep", false, false, false),
        ("no idea", 5, "nosep", false, false, false),
        ("1foo234foo567", 1234567, "foo_r2l", true, true, true),
        ("008365772", 8365772, "nosep", true, true, false),
        ("8365773", 8365772, "nosep", true, false, true),
    ])
    func scoring(response: String, truth: UInt64, format: String, valid: Bool, match: Bool, formatMatch: Bool) throws {
        let s = AnswerScorer.score(response: response, truth: truth, format: try NumberFormat(parsing: format))
        #expect(s.isValid == valid)
        #expect(s.answerMatch == match)
        #expect(s.formatMatch == formatMatch)
    }

    @Test("Repeat-then-answer responses are scored after the last '='")
    func repeatScoring() {
        let s = AnswerScorer.score(response: "1,234+5,678=6,912", truth: 6912, format: .commaR2L, afterLastEquals: true)
        #expect(s.answerMatch && s.formatMatch)
        #expect(!AnswerScorer.score(response: "1,234+5,678=6,912", truth: 6912, format: .commaR2L).isValid)
    }

    static func observe(_ a: UInt64, _ b: UInt64, _ response: String, format: NumberFormat = .nosep) -> ErrorAnalysis {
        ErrorAnalysis(ProbeObservation(model: "m", systemPrompt: "", problemFormat: format, answerFormat: format,
                                       shots: 0, spaces: 0, a: a, b: b, response: response))
    }

    @Test("Error analysis: wrong digits, power-of-ten position, tokens, carries")
    func errorAnalysis() {
        // 7718526 + 31386286 = 39104812; the model said 39004812 (digit 3, a power of ten).
        let e = Self.observe(7718526, 31386286, "39004812")
        #expect(e.correctLength && !e.isCorrect)
        #expect(e.wrongDigits == [3])
        #expect(e.wrongDigitsFromRight == [6])
        #expect(e.offByPowerOfTen && e.offByOneDigit == 3)
        #expect(e.wrongTokens == [1])  // 391|048|12: digit 3 is in the first L2R token
        #expect(e.carryInError)  // column 3 receives the carry from 8+8
        let r2l = Self.observe(7718526, 31386286, "39,004,812", format: .commaR2L)
        #expect(r2l.wrongTokens == [2])  // 39|104|812: digit 3 is in the second R2L token
        let wrongLength = Self.observe(7718526, 31386286, "3910481")
        #expect(!wrongLength.correctLength && wrongLength.wrongDigits.isEmpty)
        #expect(ErrorAnalysis.tokenIndices(length: 8, direction: .l2r) == [1, 1, 1, 2, 2, 2, 3, 3])
        #expect(ErrorAnalysis.tokenIndices(length: 8, direction: .r2l) == [1, 1, 2, 2, 2, 3, 3, 3])
    }

    @Test("Error types: dropped digit, left alignment, chunk-wise addition")
    func errorTypes() {
        // 12345 + 678 with the 6 dropped: 12345 + 78 = 12423.
        #expect(Self.observe(12345, 678, "12423").droppedDigit)
        // Left-aligned: 12345 + 67800 = 80145.
        #expect(Self.observe(12345, 678, "80145").leftAlignment)
        // Chunk-wise R2L: 1,234 + 5,678 → 1+5 | 234+678 = "6" + "912" = 6912 (which is right);
        // 1,999 + 1,001 chunk-wise gives "2" + "1000" = 21000.
        let c = Self.observe(1999, 1001, "21,000", format: .commaR2L)
        #expect(c.rightChunked && c.leftChunked)
        #expect(!Self.observe(1999, 1001, "21000").rightChunked, "no chunks for nosep")
        let carries = CarryAnalysis(1999, 1001)
        #expect(carries.carriesOut == [false, true, true, true])  // 1+1+carry = 3 does not carry
        #expect(carries.count == 3 && carries.longestChain == 3)
        #expect(CarryAnalysis(2307350, 6058422).count == 1)
    }

    @Test("Wilson intervals: n = 0, all right, all wrong, symmetric")
    func wilson() {
        // No trials: the interval says nothing, [0, 1].
        let empty = WilsonInterval(successes: 0, n: 0)
        #expect(empty.lower == 0 && empty.upper == 1)
        let all = WilsonInterval(successes: 10, n: 10)
        // 10/10: center 0.86119, half-width 0.13876 (closed form).
        #expect(abs(all.upper - 1) < 1e-12 && abs(all.lower - 0.722467) < 1e-6)
        let none = WilsonInterval(successes: 0, n: 10)
        #expect(abs(none.lower) < 1e-12 && abs(none.upper - (1 - all.lower)) < 1e-12)
    }

    @Test("CSV: quotes, embedded newlines and commas; malformed rows are skipped with their line numbers")
    func csvMalformed() throws {
        let header = ",num1,num2,response,model,system_prompt,problem_number_format,answer_number_format,num_spaces,num_shots\n"
        let text = header
            + "0,12,30,42,m,\"You are, \"\"quoted\"\"\",nosep,nosep,0,1\n"        // line 2: fine
            + "1,12,30,\"4\n2\",m,p,nosep,nosep,0,1\n"                              // lines 3-4: newline inside quotes
            + "2,12,30,42,m,p,nosep,nosep,0\n"                                      // line 5: too few fields
            + "3,x12,30,42,m,p,nosep,nosep,0,1\n"                                   // line 6: bad operand
            + "4,12,30,42,m,p,weird,nosep,0,1\n"                                    // line 7: unknown format
            + "5,12,30,42,m,p,nosep,nosep,0,1\n"                                    // line 8: fine
            + "6,12,30,\"42,m,p,nosep,nosep,0,1\n"                                  // line 9: unclosed quote
        let (obs, skipped) = try PaperCSVSource.parse(bytes: Array(text.utf8), name: "t.csv")
        #expect(obs.count == 3)
        #expect(obs[0].systemPrompt == "You are, \"quoted\"")
        #expect(obs[1].response == "4\n2")
        #expect(skipped.rows.map(\.line) == [5, 6, 7, 9])
        #expect(throws: ProbeError.self) { try PaperCSVSource.parse(bytes: [], name: "empty.csv") }
        #expect(throws: ProbeError.self) { try PaperCSVSource.parse(bytes: Array("a,b\n1,2\n".utf8), name: "x.csv") }
    }
}

import Testing
import TokenKit
import TokenKitProbes
import TokenKitTestSupport

@Suite("Arithmetic probes: properties")
struct ArithmeticProbesPropertyTests {
    static let formatNames = ["nosep", "comma_r2l", "comma_l2r", "space_r2l", "space_l2r", "dec_r2l", "dec_l2r",
                              "hashtag_r2l", "dollar_l2r", "foo_r2l", "foo_l2r", "underscore_r2l"]

    @Test("Any number written in any format scores as correct and format-matching; one digit changed scores wrong at that digit")
    func formatScoreRoundTrip() throws {
        var rng = ProbeRandom(seed: 2024)
        for name in Self.formatNames {
            let format = try NumberFormat(parsing: name)
            for _ in 0..<300 {
                let length = Int(rng.uniform(1, 19))
                let n = ProblemGenerator.uniformOfLength(length, using: &rng)
                let written = format.format(n)
                let s = AnswerScorer.score(response: " \(written)\n", truth: n, format: format)
                #expect(s.answerMatch && s.formatMatch, "\(name): \(written)")
                // The digit groups of the written form, read back, are the digits.
                #expect(format.groups(of: String(n)).joined() == String(n))
                // Change one digit (not the leading one to zero): wrong exactly there.
                var digits = Array(String(n))
                let position = Int(rng.uniform(0, UInt64(digits.count)))
                let old = digits[position].wholeNumberValue ?? 0
                var new = (old + 1 + Int(rng.uniform(0, 8))) % 10
                if position == 0 && new == 0 { new = old == 9 ? 8 : 9 }
                digits[position] = Character(String(new))
                guard let wrongValue = UInt64(String(digits)) else { continue }
                let o = ProbeObservation(model: "m", systemPrompt: "", problemFormat: format, answerFormat: format, shots: 0,
                                         spaces: 0, a: n / 2, b: n - n / 2, response: format.format(wrongValue))
                let e = ErrorAnalysis(o)
                #expect(!e.isCorrect && e.correctLength && e.wrongDigits == [position + 1], "\(name): \(n) vs \(wrongValue)")
            }
        }
    }

    @Test("Token indices partition the digits into chunks of at most 3, L2R from the left and R2L from the right")
    func tokenIndices() {
        for length in 1...20 {
            for direction in NumberFormat.Direction.allCases {
                let t = ErrorAnalysis.tokenIndices(length: length, direction: direction)
                #expect(t.count == length && t.first == 1 && t.last == (length + 2) / 3)
                var sizes: [Int: Int] = [:]
                for i in t { sizes[i, default: 0] += 1 }
                let ordered = (1...((length + 2) / 3)).map { sizes[$0] ?? 0 }
                if direction == .l2r { #expect(ordered.dropLast().allSatisfy { $0 == 3 }) } else { #expect(ordered.dropFirst().allSatisfy { $0 == 3 }) }
            }
        }
    }

    @Test("Carries agree with schoolbook column addition; the sum's signature is consistent")
    func carries() {
        var rng = ProbeRandom(seed: 5)
        for _ in 0..<2000 {
            let a = ProblemGenerator.uniformOfLength(Int(rng.uniform(1, 19)), using: &rng)
            let b = ProblemGenerator.uniformOfLength(Int(rng.uniform(1, 19)), using: &rng)
            let c = CarryAnalysis(a, b)
            // Column j of the true sum is (a_j + b_j + carry in) mod 10, and the column carries
            // out exactly when that total reaches 10; carry in of j is carry out of j − 1.
            let sum = Array(String(a + b).reversed()).map { $0.wholeNumberValue ?? 0 }
            var x = a, y = b
            for j in 0..<c.carriesOut.count {
                let total = Int(x % 10 + y % 10) + (c.carryIn(rightPosition: j) ? 1 : 0)
                #expect(sum[j] == total % 10)
                #expect(c.carryOut(rightPosition: j) == (total >= 10))
                #expect(c.carryIn(rightPosition: j + 1) == c.carryOut(rightPosition: j))
                x /= 10
                y /= 10
            }
            // The sum has an extra digit iff the leftmost column carries.
            let longer = max(String(a).count, String(b).count)
            #expect((String(a + b).count > longer) == (c.carriesOut.first ?? false))
            #expect(c.count <= c.carriesOut.count && c.longestChain <= c.count)
        }
    }

    @Test("The CSV reader never traps on random bytes and reports every row with a line number")
    func csvRandomBytes() {
        var rng = ProbeRandom(seed: 99)
        let alphabet: [UInt8] = Array("a,\"\n\r1 x".utf8) + [0xFF, 0xC3]
        for _ in 0..<300 {
            let n = Int(rng.uniform(0, 200))
            let bytes = (0..<n).map { _ in alphabet[Int(rng.uniform(0, UInt64(alphabet.count)))] }
            var reader = CSVReader(bytes: bytes)
            var lastLine = 0
            var rows = 0
            while let row = reader.next() {
                #expect(row.line >= lastLine && row.line >= 1)
                lastLine = row.line
                rows += 1
                if rows > 1000 { Issue.record("no progress"); break }
            }
            _ = try? PaperCSVSource.parse(bytes: bytes, name: "fuzz")
        }
    }
}

/// The per-response error analysis of Singh & Strouse: which digits are wrong, whether the
/// error is a single power of ten, whether it follows a carry, a dropped digit, a left-aligned
/// addition or a chunk-wise addition.
public struct ErrorAnalysis: Hashable, Sendable {
    /// The score.
    public var score: AnswerScorer.Score
    /// The true sum's digits.
    public var truthDigits: String
    /// Whether the answer has as many digits as the true sum.
    public var correctLength: Bool
    /// 1-based positions from the left of the digits that differ from the truth, for answers of
    /// the correct length (empty otherwise).
    public var wrongDigits: [Int]
    /// For answers of the correct length: the 1-based positions, counted from the right (1 = units),
    /// of wrong digits.
    public var wrongDigitsFromRight: [Int]
    /// Whether `|answer − truth|` is a power of ten (one digit off by one, carries included).
    public var offByPowerOfTen: Bool
    /// For ``offByPowerOfTen``: the answer digit (1-based from the left) the power of ten hits.
    public var offByOneDigit: Int?
    /// Whether a wrong digit sits in a column that receives a carry.
    public var carryInError: Bool
    /// Whether a wrong digit sits in a column that carries out.
    public var carryOutError: Bool
    /// Whether the answer is the sum with one digit of an addend deleted.
    public var droppedDigit: Bool
    /// Whether the answer is the sum with the shorter addend left-aligned (zero-padded on the right).
    public var leftAlignment: Bool
    /// Whether the answer is the concatenation of per-chunk sums, chunks aligned from the left.
    public var leftChunked: Bool
    /// Same, chunks aligned from the right.
    public var rightChunked: Bool
    /// For answers of the correct length, the 1-based output tokens (3-digit chunks in the
    /// format's direction) that contain a wrong digit.
    public var wrongTokens: [Int]

    /// Analyzes one observation.
    ///
    /// - Complexity: O(digits²) (the dropped-digit check tries every deletion).
    public init(_ o: ProbeObservation) {
        let truth = o.truth
        let score = AnswerScorer.score(response: o.response, truth: truth, format: o.answerFormat,
                                       afterLastEquals: o.repeatsProblem)
        self.score = score
        self.truthDigits = String(truth)
        let answerDigits = score.digits ?? ""
        let answerValue = answerDigits.utf8.count <= 19 ? UInt64(answerDigits) : nil
        correctLength = score.isValid && answerDigits.utf8.count == truthDigits.utf8.count
        let ans = Array(answerDigits.utf8), tru = Array(truthDigits.utf8)
        if correctLength {
            wrongDigits = (0..<ans.count).filter { ans[$0] != tru[$0] }.map { $0 + 1 }
            wrongDigitsFromRight = wrongDigits.map { ans.count + 1 - $0 }.sorted()
        } else {
            wrongDigits = []
            wrongDigitsFromRight = []
        }
        // Power-of-ten error and where it lands (the paper's `only_off_by_one_digit_num`).
        offByPowerOfTen = false
        offByOneDigit = nil
        if let v = answerValue, v != truth {
            let d = v > truth ? v - truth : truth - v
            var k = 0, p: UInt64 = 1
            while p < d && k < 19 { p = p &* 10; k += 1 }
            if p == d {
                offByPowerOfTen = true
                offByOneDigit = ans.count - k
            }
        }
        // Carry errors over the right-aligned overlap of answer and columns.
        let carries = CarryAnalysis(o.a, o.b)
        var carryIn = false, carryOut = false
        if score.isValid {
            let columns = carries.carriesOut.count + 1
            let overlap = min(ans.count, columns)
            for j in 0..<overlap {
                let ai = ans.count - 1 - j
                let ti = tru.count - 1 - j
                let wrong = ti < 0 ? ans[ai] != 0x30 : ans[ai] != tru[ti]
                guard wrong else { continue }
                if carries.carryIn(rightPosition: j) { carryIn = true }
                if carries.carryOut(rightPosition: j) { carryOut = true }
            }
        }
        carryInError = carryIn
        carryOutError = carryOut
        // Dropped input digit.
        var dropped = false
        if let v = answerValue, v != truth {
            for (x, y) in [(o.a, o.b), (o.b, o.a)] {
                let s = Array(String(x).utf8)
                for i in 0..<s.count {
                    var t = s
                    t.remove(at: i)
                    let reduced = t.isEmpty ? 0 : UInt64(String(decoding: t, as: UTF8.self)) ?? 0
                    if reduced + y == v { dropped = true }
                }
            }
        }
        droppedDigit = dropped
        // Left-aligned addition (implicit zero padding of the shorter addend on the right).
        let la = decimalLength(o.a), lb = decimalLength(o.b)
        if la != lb, let v = answerValue {
            let (long, short, diff) = la > lb ? (o.a, o.b, la - lb) : (o.b, o.a, lb - la)
            let (padded, overflow) = short.multipliedReportingOverflow(by: powerOfTen(diff))
            let (sum, overflow2) = long.addingReportingOverflow(padded)
            leftAlignment = !overflow && !overflow2 && sum == v
        } else {
            leftAlignment = false
        }
        // Chunk-wise addition (formats with separators only).
        if !o.problemFormat.isPlain, score.isValid {
            let ca = o.problemFormat.groups(of: String(o.a)), cb = o.problemFormat.groups(of: String(o.b))
            func chunked(_ x: [String], _ y: [String]) -> String {
                var digits = ""
                for (p, q) in zip(x, y) { digits += String((UInt64(p) ?? 0) + (UInt64(q) ?? 0)) }
                return AnswerScorer.normalizeDigits(Array(digits.utf8))
            }
            let pad = abs(ca.count - cb.count)
            let zeros = [String](repeating: "0", count: pad)
            let (sa, sb) = ca.count < cb.count ? (ca, cb) : (cb, ca)
            let right = ca.count < cb.count ? chunked(zeros + sa, sb) : chunked(sb, zeros + sa)
            let left = ca.count < cb.count ? chunked(sa + zeros, sb) : chunked(sb, sa + zeros)
            rightChunked = right == answerDigits
            leftChunked = left == answerDigits
        } else {
            leftChunked = false
            rightChunked = false
        }
        // Output tokens: 3-digit chunks in the answer format's direction.
        if correctLength {
            let tokenOf = Self.tokenIndices(length: ans.count, direction: o.answerFormat.tokenDirection,
                                            chunkSize: o.answerFormat.chunkSize)
            var tokens: [Int] = []
            for p in wrongDigits where tokens.last != tokenOf[p - 1] { tokens.append(tokenOf[p - 1]) }
            wrongTokens = tokens
        } else {
            wrongTokens = []
        }
    }

    /// For each digit of a `length`-digit number, the 1-based chunk it falls in when chunked
    /// by `chunkSize` in `direction` (cl100k splits plain digit runs L2R into 3s).
    public static func tokenIndices(length: Int, direction: NumberFormat.Direction, chunkSize: Int = 3) -> [Int] {
        let lead = direction == .l2r || length % chunkSize == 0 ? chunkSize : length % chunkSize
        return (0..<length).map { i in i < lead ? 1 : 2 + (i - lead) / chunkSize }
    }

    /// Whether the answer is correct.
    public var isCorrect: Bool { score.answerMatch }
}

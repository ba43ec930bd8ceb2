/// Aggregate statistics over many observations: accuracy tables with Wilson intervals, error
/// signatures, digit- and token-position error tables, error types and carry analysis.
///
/// Build it with ``init(_:)``; render it with ``json()`` (the CLI contract),
/// ``markdownTables()`` or ``ProbeReport``.
public struct ProbeAnalysis: Sendable {
    /// An accuracy cell: one distinct combination of model, prompt, formats, shots, spacing and
    /// (optionally) signature. Cells with `signature == nil` pool all signatures.
    public struct Group: Hashable, Sendable, Comparable {
        /// The model's name.
        public var model: String
        /// The system prompt text.
        public var systemPrompt: String
        /// The problem's number format name.
        public var problemFormat: String
        /// The answer's number format name.
        public var answerFormat: String
        /// The number of shots.
        public var shots: Int
        /// Spaces around the operators.
        public var spaces: Int
        /// The length signature, or `nil` for all signatures pooled.
        public var signature: LengthSignature?

        /// Creates a key.
        public init(model: String, systemPrompt: String, problemFormat: String, answerFormat: String, shots: Int,
                    spaces: Int, signature: LengthSignature?) {
            self.model = model
            self.systemPrompt = systemPrompt
            self.problemFormat = problemFormat
            self.answerFormat = answerFormat
            self.shots = shots
            self.spaces = spaces
            self.signature = signature
        }

        public static func < (l: Group, r: Group) -> Bool {
            if l.model != r.model { return l.model < r.model }
            if l.systemPrompt != r.systemPrompt { return l.systemPrompt < r.systemPrompt }
            if l.problemFormat != r.problemFormat { return formatOrder(l.problemFormat) < formatOrder(r.problemFormat) }
            if l.answerFormat != r.answerFormat { return formatOrder(l.answerFormat) < formatOrder(r.answerFormat) }
            if l.spaces != r.spaces { return l.spaces < r.spaces }
            if l.shots != r.shots { return l.shots < r.shots }
            switch (l.signature, r.signature) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let a?, let b?): return a < b
            }
        }
    }

    /// Counts for one accuracy cell.
    public struct Tally: Hashable, Sendable {
        /// Observations.
        public var n = 0
        /// Correct answers (any format).
        public var correct = 0
        /// Correct answers written exactly in the expected format.
        public var formattedCorrect = 0
        /// Responses with no single number in them.
        public var invalid = 0
        /// The sum of the recorded answer log-probabilities.
        public var answerLogProbabilitySum = 0.0
        /// How many observations recorded one.
        public var answerLogProbabilityCount = 0

        /// The mean log-probability of the expected answer, if any was recorded.
        public var meanAnswerLogProbability: Double? {
            answerLogProbabilityCount == 0 ? nil : answerLogProbabilitySum / Double(answerLogProbabilityCount)
        }

        /// `correct / n`.
        public var accuracy: Double { n == 0 ? 0 : Double(correct) / Double(n) }
        /// The Wilson 95 % interval of ``accuracy``.
        public var interval: WilsonInterval { WilsonInterval(successes: correct, n: n) }
    }

    /// The key of the error-level tables: model, problem format and whether the answer is as
    /// long as the longer addend.
    public struct ConditionKey: Hashable, Sendable, Comparable {
        /// The model's name.
        public var model: String
        /// The problem's number format name.
        public var problemFormat: String
        /// Whether the answer is as long as the longer addend.
        public var lengthMatch: Bool

        /// Creates a key.
        public init(model: String, problemFormat: String, lengthMatch: Bool) {
            self.model = model
            self.problemFormat = problemFormat
            self.lengthMatch = lengthMatch
        }

        public static func < (l: ConditionKey, r: ConditionKey) -> Bool {
            if l.model != r.model { return l.model < r.model }
            if l.problemFormat != r.problemFormat { return formatOrder(l.problemFormat) < formatOrder(r.problemFormat) }
            return l.lengthMatch && !r.lengthMatch
        }
    }

    /// Error statistics for one condition.
    public struct ConditionErrors: Hashable, Sendable {
        /// Observations.
        public var n = 0
        /// Wrong answers (invalid ones included).
        public var wrong = 0
        /// Responses without a single number.
        public var invalid = 0
        /// Valid wrong answers with a wrong number of digits.
        public var wrongLength = 0
        /// Answers (right or wrong) with the right number of digits.
        public var lengthCorrect = 0
        /// Wrong answers with the right number of digits.
        public var lengthCorrectWrong = 0
        /// Among length-correct answers: how many are wrong at each digit (1-based from the left).
        public var wrongAtDigit: [Int: Int] = [:]
        /// Same, counted from the right (1 = units).
        public var wrongAtDigitFromRight: [Int: Int] = [:]
        /// Among length-correct answers: how many are wrong in each output token.
        public var wrongAtToken: [Int: Int] = [:]
        /// Error signatures (sets of wrong digit positions) of length-correct wrong answers.
        public var signatures: [[Int]: Int] = [:]
        /// Wrong answers off by exactly a power of ten, by the digit it hits.
        public var offByOneAtDigit: [Int: Int] = [:]
        /// Wrong answers with a wrong digit in a column that receives a carry.
        public var carryIn = 0
        /// Wrong answers with a wrong digit in a column that carries out.
        public var carryOut = 0
        /// Wrong answers explained by a dropped input digit.
        public var droppedDigit = 0
        /// Wrong answers explained by left-aligned addition.
        public var leftAlignment = 0
        /// Wrong answers explained by chunk-wise addition (left- or right-aligned chunks).
        public var chunked = 0
        /// The most digits of a true sum in this condition (the width of the digit tables).
        public var maximumLength = 0

        /// Wrong answers off by a power of ten.
        public var offByOne: Int { offByOneAtDigit.values.reduce(0, +) }
    }

    /// Accuracy by carry count or chain length for one model and format.
    public struct CarryKey: Hashable, Sendable, Comparable {
        /// The model's name.
        public var model: String
        /// The problem's number format name.
        public var problemFormat: String
        /// `carries` (number of carrying columns) or `chain` (longest run of them).
        public var measure: String
        /// The count.
        public var value: Int

        public static func < (l: CarryKey, r: CarryKey) -> Bool {
            (l.model, formatOrder(l.problemFormat), l.measure, l.value) < (r.model, formatOrder(r.problemFormat), r.measure, r.value)
        }
    }

    /// Accuracy cells.
    public private(set) var groups: [Group: Tally] = [:]
    /// Error statistics by condition.
    public private(set) var conditions: [ConditionKey: ConditionErrors] = [:]
    /// Accuracy vs carries.
    public private(set) var carries: [CarryKey: Tally] = [:]
    /// The number of observations.
    public private(set) var count = 0
    /// Example wrong answers per condition (at most ``examplesPerCondition``), for the problem view.
    public private(set) var examples: [ConditionKey: [ProbeObservation]] = [:]
    /// Rows skipped while reading the inputs.
    public var skipped = SkippedRows()

    /// How many example problems the report keeps per condition.
    public static let examplesPerCondition = 6

    /// Analyzes observations.
    ///
    /// - Complexity: O(*n* × digits²).
    public init(_ observations: [ProbeObservation]) {
        for o in observations { add(o) }
    }

    /// Adds one observation.
    public mutating func add(_ o: ProbeObservation) {
        count += 1
        let e = ErrorAnalysis(o)
        let signature = o.signature
        let base = Group(model: o.model, systemPrompt: o.systemPrompt, problemFormat: o.problemFormat.name,
                         answerFormat: o.answerFormat.name, shots: o.shots, spaces: o.spaces, signature: nil)
        var withSignature = base
        withSignature.signature = signature
        for g in [base, withSignature] {
            groups[g, default: Tally()].record(e, logProbability: o.answerLogProbability)
        }
        for (measure, value) in [("carries", o.carries.count), ("chain", o.carries.longestChain)] {
            carries[CarryKey(model: o.model, problemFormat: o.problemFormat.name, measure: measure, value: value),
                    default: Tally()].record(e, logProbability: o.answerLogProbability)
        }
        let key = ConditionKey(model: o.model, problemFormat: o.problemFormat.name, lengthMatch: signature.lengthMatch)
        var c = conditions[key, default: ConditionErrors()]
        c.n += 1
        c.maximumLength = max(c.maximumLength, e.truthDigits.utf8.count)
        if e.correctLength {
            c.lengthCorrect += 1
            for p in e.wrongDigits { c.wrongAtDigit[p, default: 0] += 1 }
            for p in e.wrongDigitsFromRight { c.wrongAtDigitFromRight[p, default: 0] += 1 }
            for t in e.wrongTokens { c.wrongAtToken[t, default: 0] += 1 }
        }
        if !e.isCorrect {
            c.wrong += 1
            if !e.score.isValid { c.invalid += 1 } else if !e.correctLength { c.wrongLength += 1 }
            if e.correctLength {
                c.lengthCorrectWrong += 1
                c.signatures[e.wrongDigits, default: 0] += 1
            }
            if let d = e.offByOneDigit { c.offByOneAtDigit[d, default: 0] += 1 }
            if e.carryInError { c.carryIn += 1 }
            if e.carryOutError { c.carryOut += 1 }
            if e.droppedDigit { c.droppedDigit += 1 }
            if e.leftAlignment { c.leftAlignment += 1 }
            if e.leftChunked || e.rightChunked { c.chunked += 1 }
            if examples[key, default: []].count < Self.examplesPerCondition { examples[key, default: []].append(o) }
        }
        conditions[key] = c
    }

    /// The accuracy cell for a combination, if observed.
    public func tally(model: String, systemPrompt: String, problemFormat: String, answerFormat: String? = nil,
                      shots: Int, spaces: Int = 0, signature: LengthSignature? = nil) -> Tally? {
        groups[Group(model: model, systemPrompt: systemPrompt, problemFormat: problemFormat,
                     answerFormat: answerFormat ?? problemFormat, shots: shots, spaces: spaces, signature: signature)]
    }

    /// Pools accuracy cells that satisfy `filter` (for example all signatures that lengthen the answer).
    public func pooled(_ filter: (Group) -> Bool) -> Tally {
        var t = Tally()
        for (g, v) in groups where filter(g) {
            t.n += v.n
            t.correct += v.correct
            t.formattedCorrect += v.formattedCorrect
            t.invalid += v.invalid
            t.answerLogProbabilitySum += v.answerLogProbabilitySum
            t.answerLogProbabilityCount += v.answerLogProbabilityCount
        }
        return t
    }
}

extension ProbeAnalysis.Tally {
    mutating func record(_ e: ErrorAnalysis, logProbability: Double?) {
        n += 1
        if let lp = logProbability, lp.isFinite {
            answerLogProbabilitySum += lp
            answerLogProbabilityCount += 1
        }
        if e.isCorrect { correct += 1 }
        if e.isCorrect && e.score.formatMatch { formattedCorrect += 1 }
        if !e.score.isValid { invalid += 1 }
    }
}

extension ProbeObservation {
    var carries: CarryAnalysis { CarryAnalysis(a, b) }
}

/// Sort formats as the paper lists them: nosep, then R2L/L2R pairs by separator.
func formatOrder(_ name: String) -> String {
    let known = ["nosep", "comma_r2l", "comma_l2r", "space_r2l", "space_l2r"]
    if let k = known.firstIndex(of: name) { return "0\(k)" }
    return "1" + name
}

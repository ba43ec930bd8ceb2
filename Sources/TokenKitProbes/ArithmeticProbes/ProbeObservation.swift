/// One scored-to-be response: a problem as shown to a model, and what the model said.
///
/// Observations come from the probe's own results files (JSONL) or from the paper's released
/// CSVs; both readers produce this one type, so the analysis is the same for both.
public struct ProbeObservation: Hashable, Sendable {
    /// The model's name.
    public var model: String
    /// The system prompt text.
    public var systemPrompt: String
    /// How the addends were written.
    public var problemFormat: NumberFormat
    /// How the answer was expected.
    public var answerFormat: NumberFormat
    /// The number of few-shot examples.
    public var shots: Int
    /// Spaces around the operators.
    public var spaces: Int
    /// The first addend as shown.
    public var a: UInt64
    /// The second addend as shown.
    public var b: UInt64
    /// The raw response.
    public var response: String
    /// Whether the model was asked to repeat the problem before answering (score after `=`).
    public var repeatsProblem: Bool
    /// Where it came from (`file:line`), for reports.
    public var origin: String
    /// The problem id, when known.
    public var problemID: String?
    /// The model's log-probability of the expected answer, when the runner recorded it.
    public var answerLogProbability: Double?

    /// Creates an observation.
    public init(model: String, systemPrompt: String, problemFormat: NumberFormat, answerFormat: NumberFormat,
                shots: Int, spaces: Int, a: UInt64, b: UInt64, response: String, repeatsProblem: Bool = false,
                origin: String = "", problemID: String? = nil, answerLogProbability: Double? = nil) {
        self.model = model
        self.systemPrompt = systemPrompt
        self.problemFormat = problemFormat
        self.answerFormat = answerFormat
        self.shots = shots
        self.spaces = spaces
        self.a = a
        self.b = b
        self.response = response
        self.repeatsProblem = repeatsProblem
        self.origin = origin
        self.problemID = problemID
        self.answerLogProbability = answerLogProbability
    }

    /// The true sum.
    public var truth: UInt64 { a + b }

    /// The length signature as shown.
    public var signature: LengthSignature { LengthSignature(of: a, b) }
}

/// Rows of an input file that were skipped, with why and where — never dropped silently.
public struct SkippedRows: Hashable, Sendable {
    /// One skipped row.
    public struct Row: Hashable, Sendable {
        /// The 1-based line where the row starts.
        public var line: Int
        /// Why it was skipped.
        public var reason: String
    }

    /// The skipped rows, in file order.
    public var rows: [Row] = []

    /// Creates an empty list.
    public init() {}

    /// The number of skipped rows.
    public var count: Int { rows.count }

    /// Records a skipped row.
    public mutating func add(line: Int, _ reason: String) { rows.append(Row(line: line, reason: reason)) }

    /// Appends another list.
    public mutating func append(_ other: SkippedRows) { rows.append(contentsOf: other.rows) }
}

/// One addition problem with its few-shot examples and formatting: everything needed to build
/// the prompt and score the answer.
public struct ArithmeticProblem: Hashable, Sendable {
    /// A stable identifier, unique within a manifest (results are matched and resumed by it).
    public var id: String
    /// The experiment design it came from (`A`, `B`, or a user label).
    public var experiment: String
    /// The problem's index within its cell (problem `i` is the same in every cell of a sweep).
    public var index: Int
    /// The seed of the sweep.
    public var seed: UInt64
    /// The first addend, as shown.
    public var a: UInt64
    /// The second addend, as shown.
    public var b: UInt64
    /// The few-shot examples, as `(a, b)` pairs in shown order.
    public var shots: [(UInt64, UInt64)]
    /// How the addends are written.
    public var problemFormat: NumberFormat
    /// How the few-shot answers are written (and the answer is expected).
    public var answerFormat: NumberFormat
    /// Spaces around `+` and `=` (and after `=`): the paper's "thinking token" control.
    public var spaces: Int
    /// The system prompt.
    public var systemPrompt: String

    /// Creates a problem.
    public init(id: String, experiment: String, index: Int, seed: UInt64, a: UInt64, b: UInt64,
                shots: [(UInt64, UInt64)], problemFormat: NumberFormat, answerFormat: NumberFormat,
                spaces: Int, systemPrompt: String) {
        self.id = id
        self.experiment = experiment
        self.index = index
        self.seed = seed
        self.a = a
        self.b = b
        self.shots = shots
        self.problemFormat = problemFormat
        self.answerFormat = answerFormat
        self.spaces = spaces
        self.systemPrompt = systemPrompt
    }

    /// The true sum.
    public var answer: UInt64 { a + b }

    /// The length signature of the shown problem.
    public var signature: LengthSignature { LengthSignature(of: a, b) }

    /// The carries of the sum.
    public var carries: CarryAnalysis { CarryAnalysis(a, b) }

    /// The user message for `(x, y)`: `x+y=` with the configured spacing (`x + y = ` for 1).
    public func question(_ x: UInt64, _ y: UInt64) -> String {
        let pad = String(repeating: " ", count: spaces)
        return problemFormat.format(x) + pad + "+" + pad + problemFormat.format(y) + pad + "=" + pad
    }

    /// The problem's user message.
    public var question: String { question(a, b) }

    /// The expected answer, written in ``answerFormat``.
    public var expectedAnswer: String { answerFormat.format(answer) }

    /// The chat messages: system prompt, then `k` user/assistant shot pairs, then the question.
    public var messages: [ChatMessage] {
        var out = [ChatMessage(role: .system, content: systemPrompt)]
        for (x, y) in shots {
            out.append(ChatMessage(role: .user, content: question(x, y)))
            out.append(ChatMessage(role: .assistant, content: answerFormat.format(x + y)))
        }
        out.append(ChatMessage(role: .user, content: question))
        return out
    }

    /// A plain-text rendering for completion models (`/v1/completions`, the built-in LM):
    /// the system prompt, a blank line, one `question answer` line per shot, then the question.
    /// A completion is read up to the first newline.
    public var completionPrompt: String {
        var text = systemPrompt.isEmpty ? "" : systemPrompt + "\n\n"
        for (x, y) in shots { text += question(x, y) + answerFormat.format(x + y) + "\n" }
        return text + question
    }

    public static func == (l: ArithmeticProblem, r: ArithmeticProblem) -> Bool {
        l.id == r.id && l.experiment == r.experiment && l.index == r.index && l.seed == r.seed && l.a == r.a
            && l.b == r.b && l.shots.count == r.shots.count && zip(l.shots, r.shots).allSatisfy { $0 == $1 }
            && l.problemFormat == r.problemFormat && l.answerFormat == r.answerFormat && l.spaces == r.spaces
            && l.systemPrompt == r.systemPrompt
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(a)
        hasher.combine(b)
    }
}

/// One message of a chat prompt.
public struct ChatMessage: Hashable, Sendable {
    /// A chat role.
    public enum Role: String, Hashable, Sendable {
        case system, user, assistant
    }

    /// Who speaks.
    public var role: Role
    /// What is said.
    public var content: String

    /// Creates a message.
    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }
}

/// The paper's two system prompts.
public enum SystemPrompts {
    /// "You are a helpful assistant."
    public static let helpful = "You are a helpful assistant."
    /// The "MathGPT" prompt of Singh & Strouse's experiments.
    public static let mathGPT =
        "You are MathGPT, an expert at solving math problems. When given a math problem, you respond only with the answer. You do not say any other words."

    /// Resolves a short name (`helpful`, `mathgpt`) or returns the text itself.
    public static func resolve(_ nameOrText: String) -> String {
        switch nameOrText.lowercased() {
        case "helpful": helpful
        case "mathgpt": mathGPT
        case "none": ""
        default: nameOrText
        }
    }

    /// A short name for a prompt text (`helpful`, `mathgpt`, or `custom`).
    public static func shortName(_ text: String) -> String {
        switch text {
        case helpful: "helpful"
        case mathGPT: "mathgpt"
        case "": "none"
        default: "custom"
        }
    }
}

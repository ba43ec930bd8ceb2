import TokenKit

/// A language model the built-in runner can decode greedily.
///
/// The LM runtime's models conform through an adapter; tests use small scripted models.
public protocol ProbeLanguageModel: Sendable {
    /// A short name for results.
    var name: String { get }

    /// Greedily extends `prompt` (already tokenized, framing included) by at most `maxTokens`
    /// ids, stopping after the first id for which `stop` is true (that id is included).
    ///
    /// - Throws: ``ProbeError/Code/model`` when the model fails (prompt too long, bad id).
    func greedyContinuation(of prompt: [TokenID], maxTokens: Int, stop: (TokenID) -> Bool) throws(ProbeError) -> [TokenID]

    /// The natural-log probability of each token of `continuation` after `prompt`, or `nil` if
    /// the model cannot score (the default).
    func logProbabilities(of continuation: [TokenID], after prompt: [TokenID]) throws(ProbeError) -> [Double]?
}

extension ProbeLanguageModel {
    /// Not supported.
    public func logProbabilities(of continuation: [TokenID], after prompt: [TokenID]) throws(ProbeError) -> [Double]? { nil }
}

/// Answers problems with a library tokenizer and a ``ProbeLanguageModel``: the prompt is
/// ``ArithmeticProblem/completionPrompt`` encoded with the tokenizer's default framing (BOS for
/// llama2.c models), decoding is greedy (temperature 0) and stops at a newline, a special
/// token, or `maxTokens`.
public struct BuiltinResponder: ProbeResponder {
    /// The tokenizer.
    public let tokenizer: any Tokenizer
    /// The model.
    public let model: any ProbeLanguageModel
    /// Tokens to generate at most.
    public var maxTokens: Int
    /// The model name recorded in results.
    public var modelName: String { model.name }
    /// `builtin`.
    public var runnerName: String { "builtin" }

    /// Creates a responder.
    public init(tokenizer: any Tokenizer, model: any ProbeLanguageModel, maxTokens: Int = 20) {
        self.tokenizer = tokenizer
        self.model = model
        self.maxTokens = maxTokens
    }

    /// The greedy completion, up to (not including) its first newline.
    public func respond(to problem: ArithmeticProblem) async throws(ProbeError) -> String {
        let prompt: [TokenID]
        do throws(TokenizerError) {
            prompt = try tokenizer.encode(problem.completionPrompt, options: EncodeOptions(framing: .tokenizerDefault, specials: .ordinary)).ids
        } catch {
            throw ProbeError(.model, "the tokenizer cannot encode the prompt of \(problem.id): \(error.message)")
        }
        let specials = tokenizer.specialTokens
        let tokenizer = self.tokenizer
        let ids = try model.greedyContinuation(of: prompt, maxTokens: maxTokens) { id in
            specials.contains(id: id) || (tokenizer.tokenBytes(id)?.contains(0x0A) ?? true)
        }
        var bytes: [UInt8] = []
        for id in ids where !specials.contains(id: id) { bytes.append(contentsOf: tokenizer.tokenBytes(id) ?? []) }
        if let nl = bytes.firstIndex(of: 0x0A) { bytes.removeSubrange(nl...) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The token-level log-probability of the expected answer (its canonical tokens in context)
    /// after the prompt, as `answer_logprob` and `answer_logprobs` (per token) in the results.
    ///
    /// The answer's tokens are those of `encode(prompt + answer)` after `encode(prompt)`; when
    /// the prompt's tokens are not a prefix (a token spans the boundary) nothing is recorded.
    public func details(for problem: ArithmeticProblem) async throws(ProbeError) -> [(key: String, value: JSONValue)] {
        let options = EncodeOptions(framing: .tokenizerDefault, specials: .ordinary)
        let prompt: [TokenID], full: [TokenID]
        do throws(TokenizerError) {
            prompt = try tokenizer.encode(problem.completionPrompt, options: options).ids
            full = try tokenizer.encode(problem.completionPrompt + problem.expectedAnswer, options: options).ids
        } catch {
            throw ProbeError(.model, "the tokenizer cannot encode the prompt of \(problem.id): \(error.message)")
        }
        guard full.count > prompt.count, Array(full.prefix(prompt.count)) == prompt else { return [] }
        let answer = Array(full[prompt.count...])
        guard let values = try model.logProbabilities(of: answer, after: prompt) else { return [] }
        return [("answer_logprob", JSON.double(values.reduce(0, +))), ("answer_logprobs", .array(values.map { JSON.double($0) }))]
    }
}

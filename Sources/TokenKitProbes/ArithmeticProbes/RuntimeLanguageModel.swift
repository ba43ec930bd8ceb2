import TokenKit
import TokenKitLM

/// Greedy decoding with a model of the LM runtime (`TokenKitLM`): the built-in probe runner's
/// model. Ties in the argmax go to the lowest id (as llama2.c's `run.c`).
public struct RuntimeLanguageModel<Model: LanguageModel>: ProbeLanguageModel {
    /// The model.
    public let model: Model
    /// The name recorded in results.
    public let name: String

    /// Wraps a model.
    public init(_ model: Model, name: String) {
        self.model = model
        self.name = name
    }

    /// Runs the prompt through one session (KV cache), then appends the argmax token by token.
    ///
    /// - Throws: ``ProbeError/Code/model`` for an empty prompt, a prompt or continuation longer
    ///   than the context, or an id outside the model's vocabulary.
    /// - Complexity: One forward step per prompt token and per generated token.
    public func greedyContinuation(of prompt: [TokenID], maxTokens: Int, stop: (TokenID) -> Bool) throws(ProbeError) -> [TokenID] {
        guard !prompt.isEmpty else { throw ProbeError(.model, "\(name): the prompt has no tokens") }
        guard prompt.count <= model.contextLength else {
            throw ProbeError(.model, "\(name): the prompt has \(prompt.count) tokens, more than the context of \(model.contextLength) (use fewer shots)")
        }
        let session = model.makeSession()
        var out: [TokenID] = []
        do throws(LMError) {
            try session.append(contentsOf: prompt)
            while out.count < maxTokens {
                let next = try session.withLogits { logits -> TokenID in
                    var best = 0
                    for i in logits.indices where logits[i] > logits[best] { best = i }
                    return TokenID(best)
                }
                out.append(next)
                if stop(next) || session.count >= model.contextLength { break }
                try session.append(next)
            }
        } catch {
            throw ProbeError(.model, "\(name): \(error.description)")
        }
        return out
    }

    /// Scores `continuation` after `prompt` in one session (log-softmax in `Double`).
    public func logProbabilities(of continuation: [TokenID], after prompt: [TokenID]) throws(ProbeError) -> [Double]? {
        guard !prompt.isEmpty, prompt.count + continuation.count <= model.contextLength else { return nil }
        let session = model.makeSession()
        var out: [Double] = []
        do throws(LMError) {
            try session.append(contentsOf: prompt)
            for (k, t) in continuation.enumerated() {
                out.append(try session.logProbability(of: t))
                if k + 1 < continuation.count { try session.append(t) }
            }
        } catch {
            throw ProbeError(.model, "\(name): \(error.description)")
        }
        return out
    }
}

extension BuiltinModels {
    /// Loads a llama2.c checkpoint with the LM runtime.
    static func loadLlama(path: String) throws(ProbeError) -> any ProbeLanguageModel {
        let model: LlamaModel
        do throws(LMLoadError) { model = try LlamaModel.load(path: path) } catch {
            throw ProbeError(.model, "\(path): \(error.description)")
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return RuntimeLanguageModel(model, name: name)
    }
}

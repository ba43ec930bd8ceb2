import TokenKit
import TokenKitLM

/// Next-token log-probabilities in `Double`, given a context of ordinary tokens (the fixed
/// prefix — BOS, FIM sentinels — is the source's business).
///
/// ``LanguageModelSource`` adapts any `LanguageModel` (reusing its KV cache); tests implement
/// exact toy models directly in `Double`.
public protocol TokenProbabilitySource: AnyObject {
    /// Entries in every returned vector.
    var vocabularySize: Int { get }
    /// `log q(v | prefix · context)` for every id `v`.
    func logProbabilities(after context: [TokenID]) throws(ByteProbabilityError) -> [Double]
}

/// A source that runs forward steps (for cost reports).
public protocol ForwardStepCounting: AnyObject {
    /// Forward steps (tokens run through the model) so far.
    var forwardSteps: Int { get }
}

/// A ``TokenProbabilitySource`` over a `LanguageModel` session.
///
/// Keeps one session; each query moves it to `prefix + context` with `setContext`, so the KV
/// cache is reused up to the longest common prefix (in the byte algorithm: up to the split point).
public final class LanguageModelSource<M: LanguageModel>: TokenProbabilitySource, ForwardStepCounting {
    /// The model.
    public let model: M
    /// Tokens every context starts with (BOS; FIM sentinels and the encoded prefix/suffix).
    public let prefix: [TokenID]
    let session: M.Session
    /// Forward steps run so far (tokens appended to the session).
    public private(set) var forwardSteps = 0
    /// Queries answered so far.
    public private(set) var queries = 0

    /// A source over `model` with the fixed context `prefix` (usually `[BOS]`).
    public init(model: M, prefix: [TokenID]) {
        self.model = model
        self.prefix = prefix
        self.session = model.makeSession()
    }

    public var vocabularySize: Int { model.vocabularySize }

    /// - Complexity: One forward step per token of `prefix + context` past the cached common prefix.
    public func logProbabilities(after context: [TokenID]) throws(ByteProbabilityError) -> [Double] {
        let full = prefix + context
        let current = session.tokens
        var common = 0
        while common < min(current.count, full.count) && current[common] == full[common] { common += 1 }
        forwardSteps += full.count - common
        queries += 1
        do {
            try session.setContext(full)
            return try session.withLogits { logits -> [Double] in
                // log-softmax in Double from the float logits.
                let lse = LogSoftmax.logSumExp(logits)
                return logits.map { Double($0) - lse }
            }
        } catch {
            throw .model(error)
        }
    }
}

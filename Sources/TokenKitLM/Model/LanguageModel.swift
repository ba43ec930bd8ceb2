import TokenKit

/// An autoregressive language model over token ids: what the analyzers (exact byte
/// probabilities, arithmetic probes) need from any model.
///
/// The model itself is immutable and `Sendable`: share it between tasks. All mutable state —
/// the tokens so far and the KV cache — lives in a ``LanguageModelSession``, one per task:
///
/// ```swift
/// let session = model.makeSession()
/// try session.append(contentsOf: [1, 403, 407])   // BOS "Once" " upon"
/// let next = try session.logProbabilities()        // log P(· | context)
/// try session.truncate(to: 2)                      // rewind to [1, 403]…
/// try session.append(410)                          // …and try another continuation
/// ```
public protocol LanguageModel: Sendable {
    /// The session type that holds this model's per-context state.
    associatedtype Session: LanguageModelSession

    /// The number of ids the model predicts; every logits vector has this many entries.
    var vocabularySize: Int { get }
    /// The longest context (in tokens) the model accepts.
    var contextLength: Int { get }

    /// A new, empty session.
    func makeSession() -> Session

    /// The log-probability of each token of `sequence` given the tokens before it (see the
    /// default implementation's documentation).
    func score(_ sequence: [TokenID]) throws(LMError) -> [Double]
}

/// The per-context state of a ``LanguageModel``: a token sequence and its KV cache.
///
/// Sessions are reference types used from one task at a time (not `Sendable`). Truncating
/// and extending is cheap: only the appended tokens are computed, so an analyzer can rewind to
/// a split point and try continuations without recomputing the shared prefix.
public protocol LanguageModelSession: AnyObject {
    /// The tokens whose keys and values are in the cache, in order.
    var tokens: [TokenID] { get }
    /// The model's vocabulary size.
    var vocabularySize: Int { get }
    /// The most tokens the session can hold.
    var capacity: Int { get }

    /// Runs the model on one more token.
    ///
    /// - Throws: ``LMError/Code/unknownTokenID`` or ``LMError/Code/contextTooLong``; the
    ///   session is unchanged then.
    /// - Complexity: One forward step: O(parameters + layers × context × dim).
    func append(_ token: TokenID) throws(LMError)

    /// Runs the model on several tokens (a prefill: implementations may batch them).
    ///
    /// - Throws: ``LMError``; on an invalid id or overflow nothing is appended.
    /// - Complexity: As many forward steps; batched implementations share the weight reads.
    func append(contentsOf tokens: [TokenID]) throws(LMError)

    /// Drops the tokens after the first `length`; the cache for the rest is kept.
    ///
    /// - Throws: ``LMError/Code/invalidLength`` when `length` is negative or past ``tokens``.
    /// - Complexity: O(1).
    func truncate(to length: Int) throws(LMError)

    /// Calls `body` with the logits for the token after ``tokens``.
    ///
    /// - Throws: ``LMError/Code/emptyContext`` when there are no tokens.
    /// - Complexity: O(vocabulary) after ``append(_:)``; after a ``truncate(to:)`` that left
    ///   stale logits, one forward step to recompute them.
    func withLogits<R>(_ body: (UnsafeBufferPointer<Float>) -> R) throws(LMError) -> R
}

extension LanguageModelSession {
    /// The number of tokens in the session.
    public var count: Int { tokens.count }

    /// Default: runs the model on each token in turn (tokens before a failing one stay appended).
    public func append(contentsOf tokens: [TokenID]) throws(LMError) {
        for t in tokens { try append(t) }
    }

    /// Appends any sequence of ids (collected into an array for ``append(contentsOf:)``).
    public func append<S: Sequence>(contentsOf tokens: S) throws(LMError) where S.Element == TokenID {
        try append(contentsOf: Array(tokens))
    }

    /// Makes the session hold exactly `context`, reusing the cache for the longest common prefix.
    ///
    /// - Complexity: One forward step per token of `context` past the common prefix.
    public func setContext(_ context: [TokenID]) throws(LMError) {
        let current = tokens
        var common = 0
        let limit = min(current.count, context.count)
        while common < limit && current[common] == context[common] { common += 1 }
        try truncate(to: common)
        try append(contentsOf: Array(context[common...]))
    }

    /// Empties the session.
    public func reset() {
        try? truncate(to: 0)
    }

    /// A copy of the next-token logits.
    public func logits() throws(LMError) -> [Float] {
        try withLogits { Array($0) }
    }

    /// The next-token log-probabilities (a log-softmax of the logits, summed in `Double`).
    public func logProbabilities() throws(LMError) -> [Float] {
        try withLogits { LogSoftmax.apply($0) }
    }

    /// The log-probability of `token` as the next token.
    public func logProbability(of token: TokenID) throws(LMError) -> Double {
        let size = vocabularySize
        guard Int(token) < size else { throw .unknownTokenID(token, at: tokens.count, vocabularySize: size) }
        return try withLogits { LogSoftmax.logProbability(of: Int(token), in: $0) }
    }
}

extension LanguageModel {
    /// The log-probability of each token of `sequence` given the tokens before it:
    /// entry `i` is `log P(sequence[i + 1] | sequence[...i])`, so there are `count - 1` entries
    /// (the first token, BOS, is given).
    ///
    /// - Throws: ``LMError``: an empty sequence, a sequence longer than ``contextLength``, an id
    ///   outside the vocabulary.
    /// - Complexity: One forward step per token.
    public func score(_ sequence: [TokenID]) throws(LMError) -> [Double] {
        guard !sequence.isEmpty else { throw .emptyContext }
        if sequence.count > contextLength { throw .contextTooLong(sequence.count, limit: contextLength) }
        let session = makeSession()
        var out: [Double] = []
        out.reserveCapacity(sequence.count - 1)
        try session.append(sequence[0])
        for t in sequence.dropFirst() {
            out.append(try session.logProbability(of: t))
            try session.append(t)
        }
        return out
    }

    /// The next-token log-probabilities after `context`.
    public func nextTokenLogProbabilities(after context: [TokenID]) throws(LMError) -> [Float] {
        let session = makeSession()
        try session.append(contentsOf: context)
        return try session.logProbabilities()
    }

    /// The next-token logits after `context`.
    public func nextTokenLogits(after context: [TokenID]) throws(LMError) -> [Float] {
        let session = makeSession()
        try session.append(contentsOf: context)
        return try session.logits()
    }
}

/// Numerically careful log-softmax.
public enum LogSoftmax {
    /// `log softmax(logits)`; the normalizer is summed in `Double`.
    ///
    /// - Complexity: O(*n*).
    public static func apply(_ logits: UnsafeBufferPointer<Float>) -> [Float] {
        let lse = logSumExp(logits)
        return logits.map { Float(Double($0) - lse) }
    }

    /// `log Σ exp(logits)`, in `Double`.
    public static func logSumExp(_ logits: UnsafeBufferPointer<Float>) -> Double {
        guard var m = logits.first else { return -.infinity }
        for v in logits where v > m { m = v }
        var s = 0.0
        let md = Double(m)
        for v in logits { s += _exp(Double(v) - md) }
        return md + _log(s)
    }

    /// `log softmax(logits)[index]`.
    public static func logProbability(of index: Int, in logits: UnsafeBufferPointer<Float>) -> Double {
        Double(logits[index]) - logSumExp(logits)
    }
}

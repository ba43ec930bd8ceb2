import TokenKit

/// One context of a ``LlamaModel``: its tokens, KV cache and scratch buffers.
///
/// The cache holds keys and values for every position up to the model's sequence length, so
/// ``truncate(to:)`` is O(1) and ``append(_:)`` computes only the new position.
public final class LlamaSession: LanguageModelSession {
    /// The model.
    public let model: LlamaModel
    public internal(set) var tokens: [TokenID] = []
    /// Whether `logitsBuffer` holds the logits after `tokens` (false after a truncation).
    var logitsValid = false

    let keyCache: UnsafeMutablePointer<Float>    // layers × seqLen × kvDim
    let valueCache: UnsafeMutablePointer<Float>
    let x: UnsafeMutablePointer<Float>, xb: UnsafeMutablePointer<Float>, xb2: UnsafeMutablePointer<Float>
    let q: UnsafeMutablePointer<Float>, k: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>
    let hb: UnsafeMutablePointer<Float>, hb2: UnsafeMutablePointer<Float>
    let att: UnsafeMutablePointer<Float>
    let logitsBuffer: UnsafeMutablePointer<Float>

    init(model: LlamaModel) {
        self.model = model
        let c = model.config
        let cacheSize = c.layers * c.sequenceLength * c.kvDim
        func zeros(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: max(1, n))
            p.initialize(repeating: 0, count: max(1, n))
            return p
        }
        keyCache = zeros(cacheSize)
        valueCache = zeros(cacheSize)
        x = zeros(c.dim); xb = zeros(c.dim); xb2 = zeros(c.dim)
        q = zeros(c.dim); k = zeros(c.kvDim); v = zeros(c.kvDim)
        hb = zeros(c.hiddenDim); hb2 = zeros(c.hiddenDim)
        att = zeros(c.sequenceLength)
        logitsBuffer = zeros(c.vocabularySize)
    }

    deinit {
        for p in [keyCache, valueCache, x, xb, xb2, q, k, v, hb, hb2, att, logitsBuffer] { p.deallocate() }
    }

    public var vocabularySize: Int { model.vocabularySize }
    public var capacity: Int { model.contextLength }

    public func append(_ token: TokenID) throws(LMError) {
        let c = model.config
        guard Int(token) < c.vocabularySize else {
            throw .unknownTokenID(token, at: tokens.count, vocabularySize: c.vocabularySize)
        }
        guard tokens.count < c.sequenceLength else { throw .contextTooLong(tokens.count + 1, limit: c.sequenceLength) }
        forward(token: Int(token), position: tokens.count)
        tokens.append(token)
        logitsValid = true
    }

    public func truncate(to length: Int) throws(LMError) {
        guard length >= 0 && length <= tokens.count else {
            throw LMError(.invalidLength, "cannot truncate \(tokens.count) tokens to \(length)", position: length)
        }
        if length == tokens.count { return }
        tokens.removeSubrange(length...)
        logitsValid = false
    }

    /// An independent session with the same tokens and cache (for branching searches).
    ///
    /// - Complexity: O(layers × count × kvDim) to copy the filled part of the cache.
    public func copy() -> LlamaSession {
        let other = LlamaSession(model: model)
        let c = model.config
        let filled = tokens.count * c.kvDim
        for l in 0..<c.layers {
            let offset = l * c.sequenceLength * c.kvDim
            (other.keyCache + offset).update(from: keyCache + offset, count: filled)
            (other.valueCache + offset).update(from: valueCache + offset, count: filled)
        }
        other.logitsBuffer.update(from: logitsBuffer, count: c.vocabularySize)
        other.tokens = tokens
        other.logitsValid = logitsValid
        return other
    }

    public func withLogits<R>(_ body: (UnsafeBufferPointer<Float>) -> R) throws(LMError) -> R {
        guard let last = tokens.last else { throw .emptyContext }
        if !logitsValid {
            // Recompute the last position; its cache entry is overwritten with the same values.
            tokens.removeLast()
            forward(token: Int(last), position: tokens.count)
            tokens.append(last)
            logitsValid = true
        }
        return body(UnsafeBufferPointer(start: logitsBuffer, count: model.vocabularySize))
    }
}

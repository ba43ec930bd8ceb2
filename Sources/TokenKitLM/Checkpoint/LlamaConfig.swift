import TokenKit

/// The hyper-parameters of a Llama-2-architecture model, as a llama2.c checkpoint header states them.
public struct LlamaConfig: Sendable, Hashable {
    /// The residual width.
    public var dim: Int
    /// The FFN's hidden width.
    public var hiddenDim: Int
    /// The number of transformer layers.
    public var layers: Int
    /// The number of query heads.
    public var heads: Int
    /// The number of key/value heads (grouped-query attention when fewer than ``heads``).
    public var kvHeads: Int
    /// The number of vocabulary rows.
    public var vocabularySize: Int
    /// The longest context the model was built for (the KV cache's capacity).
    public var sequenceLength: Int
    /// Whether the classifier is the token embedding (llama2.c: a positive vocab size in the header).
    public var sharedClassifier: Bool
    /// RMSNorm's epsilon (llama2.c: 1e-5).
    public var normEpsilon: Float = 1e-5
    /// RoPE's base (llama2.c: 10000).
    public var ropeTheta: Double = 10000

    /// Creates a configuration.
    public init(dim: Int, hiddenDim: Int, layers: Int, heads: Int, kvHeads: Int, vocabularySize: Int,
                sequenceLength: Int, sharedClassifier: Bool) {
        self.dim = dim
        self.hiddenDim = hiddenDim
        self.layers = layers
        self.heads = heads
        self.kvHeads = kvHeads
        self.vocabularySize = vocabularySize
        self.sequenceLength = sequenceLength
        self.sharedClassifier = sharedClassifier
    }

    /// The width of one attention head.
    public var headSize: Int { dim / heads }
    /// The width of the keys and values of all KV heads together.
    public var kvDim: Int { dim * kvHeads / heads }

    /// The number of trained parameters.
    public var parameterCount: Int {
        let perLayer = 2 * dim + dim * dim * 2 + dim * kvDim * 2 + 3 * dim * hiddenDim
        return vocabularySize * dim + layers * perLayer + dim + (sharedClassifier ? 0 : vocabularySize * dim)
    }

    /// Multiply-adds per generated token at context length `context` (matmuls + attention).
    public func multiplyAddsPerToken(context: Int) -> Int {
        let matmuls = layers * (dim * dim * 2 + dim * kvDim * 2 + 3 * dim * hiddenDim) + vocabularySize * dim
        return matmuls + layers * heads * headSize * context * 2
    }

    /// Checks that the values make a model (positive, divisible, not absurdly large).
    func validate() throws(FormatError) {
        func fail(_ m: String) -> FormatError { FormatError(.invalidValue, "checkpoint header: " + m, at: InputLocation(byteOffset: 0)) }
        let limit = 1 << 20
        for (name, v) in [("dim", dim), ("hidden_dim", hiddenDim), ("n_layers", layers), ("n_heads", heads),
                          ("n_kv_heads", kvHeads), ("vocab_size", vocabularySize), ("seq_len", sequenceLength)] {
            if v <= 0 || v > limit { throw fail("\(name) = \(v) is not in 1…\(limit)") }
        }
        if dim % heads != 0 { throw fail("dim \(dim) is not a multiple of n_heads \(heads)") }
        if heads % kvHeads != 0 { throw fail("n_heads \(heads) is not a multiple of n_kv_heads \(kvHeads)") }
        if headSize % 2 != 0 { throw fail("the head size \(headSize) is odd; RoPE rotates pairs") }
        // A session allocates keys and values for every position up front; refuse headers whose
        // cache could not be allocated (a crafted small file could otherwise ask for terabytes).
        let cacheFloats = layers.multipliedReportingOverflow(by: sequenceLength)
        let perCache = cacheFloats.partialValue.multipliedReportingOverflow(by: kvDim)
        if cacheFloats.overflow || perCache.overflow || perCache.partialValue > 1 << 30 {
            throw fail("the KV cache for n_layers \(layers) × seq_len \(sequenceLength) × kv_dim \(kvDim) exceeds 2^30 floats")
        }
    }
}

import TokenKit

extension LlamaSession {
    /// How many positions one batched forward pass handles (bounds the scratch memory).
    static let batchSize = 64

    /// Runs the model on several tokens at once: every weight matrix is applied to the whole
    /// batch in one ``MatmulBackend/matmul(_:_:_:rows:cols:count:yStride:)`` (OpenBLAS: one
    /// `sgemm`), so the weights are read once per batch instead of once per token.
    ///
    /// With the Swift backend the results are bitwise those of appending one token at a time;
    /// with OpenBLAS they differ in the last bits (`sgemm` sums in another order).
    ///
    /// - Throws: ``LMError`` for an id outside the vocabulary or a context past the sequence
    ///   length; nothing is appended then.
    public func append(contentsOf newTokens: [TokenID]) throws(LMError) {
        try validate(newTokens, after: tokens.count)
        var start = 0
        while start < newTokens.count {
            let chunk = Array(newTokens[start..<min(start + Self.batchSize, newTokens.count)])
            forwardBatch(chunk, position: tokens.count, allLogits: nil)
            tokens.append(contentsOf: chunk)
            start += chunk.count
        }
        if !newTokens.isEmpty { logitsValid = true }
    }

    /// Checks ids and length before anything is computed.
    func validate(_ newTokens: [TokenID], after existing: Int) throws(LMError) {
        let c = model.config
        for (k, t) in newTokens.enumerated() where Int(t) >= c.vocabularySize {
            throw .unknownTokenID(t, at: existing + k, vocabularySize: c.vocabularySize)
        }
        if existing + newTokens.count > c.sequenceLength {
            throw .contextTooLong(existing + newTokens.count, limit: c.sequenceLength)
        }
    }

    /// The batched forward pass of `batch` at positions `p0...`: fills the cache rows, the
    /// logits after the last token, and (if given) the logits after every token of the batch
    /// (`batch.count × vocabularySize` floats).
    @_optimize(speed)
    func forwardBatch(_ batch: [TokenID], position p0: Int, allLogits: UnsafeMutablePointer<Float>?) {
        let n = batch.count
        if n == 0 { return }
        let c = model.config
        let w = model.weights
        let mm = model.backend
        let dim = c.dim, kvDim = c.kvDim, hidden = c.hiddenDim, hs = c.headSize
        let kvMul = c.heads / c.kvHeads
        let seq = c.sequenceLength
        let scale = 1 / _sqrtf(Float(hs))
        let half = hs / 2
        func buffer(_ count: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
            p.initialize(repeating: 0, count: count)
            return p
        }
        let X = buffer(n * dim), XB = buffer(n * dim), XB2 = buffer(n * dim), Q = buffer(n * dim)
        let HB = buffer(n * hidden), HB2 = buffer(n * hidden)
        defer { for p in [X, XB, XB2, Q, HB, HB2] { p.deallocate() } }

        for (j, t) in batch.enumerated() {
            (X + j * dim).update(from: w.pointer(w.tokenEmbedding + Int(t) * dim), count: dim)
        }
        model.rope.withUnsafeBufferPointer { ropeBuf in
            for l in 0..<c.layers {
                for j in 0..<n { Self.rmsnorm(XB + j * dim, X + j * dim, w.pointer(w.rmsAttention + l * dim), dim, c.normEpsilon) }
                let layerCache = l * seq * kvDim
                let K = keyCache + layerCache + p0 * kvDim
                let V = valueCache + layerCache + p0 * kvDim
                mm.matmul(w.pointer(w.wq + l * dim * dim), XB, Q, rows: dim, cols: dim, count: n, yStride: dim)
                mm.matmul(w.pointer(w.wk + l * kvDim * dim), XB, K, rows: kvDim, cols: dim, count: n, yStride: kvDim)
                mm.matmul(w.pointer(w.wv + l * kvDim * dim), XB, V, rows: kvDim, cols: dim, count: n, yStride: kvDim)
                for j in 0..<n {
                    let rope = ropeBuf.baseAddress! + (p0 + j) * half * 2
                    for h in 0..<c.heads { Self.rotate(Q + j * dim + h * hs, rope, half) }
                    for h in 0..<c.kvHeads { Self.rotate(K + j * kvDim + h * hs, rope, half) }
                }
                // Causal attention: row j sees positions 0...p0 + j.
                for j in 0..<n {
                    for h in 0..<c.heads {
                        Self.attend(query: Q + j * dim + h * hs, keys: keyCache + layerCache + (h / kvMul) * hs,
                                    values: valueCache + layerCache + (h / kvMul) * hs, stride: kvDim,
                                    count: p0 + j + 1, headSize: hs, scale: scale, scores: att, out: XB + j * dim + h * hs)
                    }
                }
                mm.matmul(w.pointer(w.wo + l * dim * dim), XB, XB2, rows: dim, cols: dim, count: n, yStride: dim)
                for i in 0..<(n * dim) { X[i] += XB2[i] }
                for j in 0..<n { Self.rmsnorm(XB + j * dim, X + j * dim, w.pointer(w.rmsFFN + l * dim), dim, c.normEpsilon) }
                mm.matmul(w.pointer(w.w1 + l * hidden * dim), XB, HB, rows: hidden, cols: dim, count: n, yStride: hidden)
                mm.matmul(w.pointer(w.w3 + l * hidden * dim), XB, HB2, rows: hidden, cols: dim, count: n, yStride: hidden)
                for i in 0..<(n * hidden) {
                    let a = HB[i]
                    HB[i] = a / (1 + _expf(-a)) * HB2[i]
                }
                mm.matmul(w.pointer(w.w2 + l * dim * hidden), HB, XB, rows: dim, cols: hidden, count: n, yStride: dim)
                for i in 0..<(n * dim) { X[i] += XB[i] }
            }
        }
        for j in 0..<n { Self.rmsnorm(X + j * dim, X + j * dim, w.pointer(w.rmsFinal), dim, c.normEpsilon) }
        if let allLogits {
            mm.matmul(w.pointer(w.classifier), X, allLogits, rows: c.vocabularySize, cols: dim, count: n, yStride: c.vocabularySize)
            logitsBuffer.update(from: allLogits + (n - 1) * c.vocabularySize, count: c.vocabularySize)
        } else {
            mm.matvec(w.pointer(w.classifier), X + (n - 1) * dim, logitsBuffer, rows: c.vocabularySize, cols: dim)
        }
    }
}

extension LlamaModel {
    /// The log-probability of each token of `sequence` given the tokens before it, computed in
    /// batches of 64 positions (see ``LanguageModel/score(_:)``).
    ///
    /// - Throws: ``LMError`` for an empty or too long sequence or an id outside the vocabulary.
    public func score(_ sequence: [TokenID]) throws(LMError) -> [Double] {
        guard !sequence.isEmpty else { throw .emptyContext }
        let session = makeSession()
        try session.validate(sequence, after: 0)
        let vocab = vocabularySize
        let logits = UnsafeMutablePointer<Float>.allocate(capacity: LlamaSession.batchSize * vocab)
        defer { logits.deallocate() }
        var out: [Double] = []
        out.reserveCapacity(sequence.count - 1)
        var start = 0
        // The last token predicts nothing: score positions 0..<count-1.
        let scored = sequence.count - 1
        while start < scored {
            let chunk = Array(sequence[start..<min(start + LlamaSession.batchSize, scored)])
            session.forwardBatch(chunk, position: start, allLogits: logits)
            for j in 0..<chunk.count {
                let row = UnsafeBufferPointer(start: logits + j * vocab, count: vocab)
                out.append(LogSoftmax.logProbability(of: Int(sequence[start + j + 1]), in: row))
            }
            start += chunk.count
        }
        return out
    }
}

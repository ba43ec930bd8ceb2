extension LlamaSession {
    /// One forward step of `token` at `position`: fills the cache row and the logits.
    ///
    /// - Complexity: O(parameters + layers × heads × position × headSize).
    @_optimize(speed)
    func forward(token: Int, position pos: Int) {
        let c = model.config
        let w = model.weights
        let mm = model.backend
        let dim = c.dim, kvDim = c.kvDim, hidden = c.hiddenDim, hs = c.headSize
        let kvMul = c.heads / c.kvHeads
        let seq = c.sequenceLength
        let scale = 1 / _sqrtf(Float(hs))
        let half = hs / 2

        x.update(from: w.pointer(w.tokenEmbedding + token * dim), count: dim)
        model.rope.withUnsafeBufferPointer { ropeBuf in
            let rope = ropeBuf.baseAddress! + pos * half * 2
            for l in 0..<c.layers {
                Self.rmsnorm(xb, x, w.pointer(w.rmsAttention + l * dim), dim, c.normEpsilon)
                mm.matvec(w.pointer(w.wq + l * dim * dim), xb, q, rows: dim, cols: dim)
                mm.matvec(w.pointer(w.wk + l * kvDim * dim), xb, k, rows: kvDim, cols: dim)
                mm.matvec(w.pointer(w.wv + l * kvDim * dim), xb, v, rows: kvDim, cols: dim)
                // RoPE: rotate pairs (2j, 2j+1) within each head.
                for h in 0..<c.heads { Self.rotate(q + h * hs, rope, half) }
                for h in 0..<c.kvHeads { Self.rotate(k + h * hs, rope, half) }
                let layerCache = l * seq * kvDim
                (keyCache + layerCache + pos * kvDim).update(from: k, count: kvDim)
                (valueCache + layerCache + pos * kvDim).update(from: v, count: kvDim)
                // Grouped-query attention over positions 0...pos.
                for h in 0..<c.heads {
                    Self.attend(query: q + h * hs, keys: keyCache + layerCache + (h / kvMul) * hs,
                                values: valueCache + layerCache + (h / kvMul) * hs, stride: kvDim,
                                count: pos + 1, headSize: hs, scale: scale, scores: att, out: xb + h * hs)
                }
                mm.matvec(w.pointer(w.wo + l * dim * dim), xb, xb2, rows: dim, cols: dim)
                for i in 0..<dim { x[i] += xb2[i] }
                // SwiGLU FFN: w2(silu(w1 x) * w3 x).
                Self.rmsnorm(xb, x, w.pointer(w.rmsFFN + l * dim), dim, c.normEpsilon)
                mm.matvec(w.pointer(w.w1 + l * hidden * dim), xb, hb, rows: hidden, cols: dim)
                mm.matvec(w.pointer(w.w3 + l * hidden * dim), xb, hb2, rows: hidden, cols: dim)
                for i in 0..<hidden {
                    let a = hb[i]
                    hb[i] = a / (1 + _expf(-a)) * hb2[i]
                }
                mm.matvec(w.pointer(w.w2 + l * dim * hidden), hb, xb, rows: dim, cols: hidden)
                for i in 0..<dim { x[i] += xb[i] }
            }
        }
        Self.rmsnorm(x, x, w.pointer(w.rmsFinal), dim, c.normEpsilon)
        mm.matvec(w.pointer(w.classifier), x, logitsBuffer, rows: c.vocabularySize, cols: dim)
    }

    /// One head's attention: softmax(q·kₜ × scale) over `count` positions, then the weighted
    /// sum of the values. Keys and values are `stride` floats apart; SIMD8 over the head.
    @_optimize(speed) @inline(__always)
    static func attend(query: UnsafePointer<Float>, keys: UnsafePointer<Float>, values: UnsafePointer<Float>, stride: Int,
                       count: Int, headSize hs: Int, scale: Float, scores: UnsafeMutablePointer<Float>,
                       out: UnsafeMutablePointer<Float>) {
        let vectorEnd = hs & ~7
        let qr = UnsafeRawPointer(query)
        var maxScore = -Float.infinity
        for t in 0..<count {
            let kt = keys + t * stride
            let kr = UnsafeRawPointer(kt)
            var acc = SIMD8<Float>()
            var i = 0
            while i < vectorEnd {
                acc += qr.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                    * kr.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                i += 8
            }
            var s = acc.sum()
            while i < hs { s += query[i] * kt[i]; i += 1 }
            s *= scale
            scores[t] = s
            if s > maxScore { maxScore = s }
        }
        var sum: Float = 0
        for t in 0..<count {
            let e = _expf(scores[t] - maxScore)
            scores[t] = e
            sum += e
        }
        let inv = 1 / sum
        out.update(repeating: 0, count: hs)
        let or = UnsafeMutableRawPointer(out)
        for t in 0..<count {
            let a = scores[t] * inv
            let vt = values + t * stride
            let vr = UnsafeRawPointer(vt)
            var i = 0
            while i < vectorEnd {
                let cur = or.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                or.storeBytes(of: cur + a * vr.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self),
                              toByteOffset: i * 4, as: SIMD8<Float>.self)
                i += 8
            }
            while i < hs { out[i] += a * vt[i]; i += 1 }
        }
    }

    /// `out = weight * x / sqrt(mean(x²) + eps)`; `out` may be `x`.
    @_optimize(speed) @inline(__always)
    static func rmsnorm(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, _ n: Int, _ eps: Float) {
        var ss: Float = 0
        for i in 0..<n { ss += x[i] * x[i] }
        let inv = 1 / _sqrtf(ss / Float(n) + eps)
        for i in 0..<n { out[i] = weight[i] * (inv * x[i]) }
    }

    /// Rotates the pairs of one head by the position's angles.
    @_optimize(speed) @inline(__always)
    static func rotate(_ v: UnsafeMutablePointer<Float>, _ rope: UnsafePointer<Float>, _ half: Int) {
        for j in 0..<half {
            let cosv = rope[2 * j], sinv = rope[2 * j + 1]
            let a = v[2 * j], b = v[2 * j + 1]
            v[2 * j] = a * cosv - b * sinv
            v[2 * j + 1] = a * sinv + b * cosv
        }
    }
}

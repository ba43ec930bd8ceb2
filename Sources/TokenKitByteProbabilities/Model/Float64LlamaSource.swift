import TokenKit
import TokenKitLM

/// A ``TokenProbabilitySource`` that runs a llama2.c checkpoint entirely in `Double`: the
/// float32 weights widened, every sum, norm, softmax, RoPE angle and SiLU in float64.
///
/// The reference the stories260K byte-level goldens were computed with is float64, so this
/// source matches them to ~1e-9 where the float32 runtime (``LanguageModelSource``) reaches
/// 1e-4. It is a plain, unoptimised forward pass (no SIMD, no BLAS) with a KV cache up to the
/// longest common prefix of consecutive contexts — for tests and small models.
public final class Float64LlamaSource: TokenProbabilitySource, ForwardStepCounting {
    /// The model's shape.
    public let config: LlamaConfig
    /// Tokens every context starts with (usually `[BOS]`).
    public let prefix: [TokenID]
    /// Forward steps run so far.
    public private(set) var forwardSteps = 0

    private let w: [Double]
    private let offsets: [String: Int]
    private var tokens: [TokenID] = []
    private var keys: [[Double]] = []     // per layer: positions × kvDim
    private var values: [[Double]] = []
    private var logits: [Double] = []

    /// Loads a llama2.c checkpoint (through `TokenKitLM.LlamaCheckpoint`, which validates it)
    /// and widens its weights to `Double`.
    ///
    /// - Throws: ``ByteProbabilityError`` (code `model`) when the file cannot be read or is not a
    ///   well-formed checkpoint.
    /// - Complexity: O(parameters).
    public init(path: String, prefix: [TokenID]) throws(ByteProbabilityError) {
        let weights: LlamaWeights
        do { weights = try LlamaCheckpoint.load(path: path) } catch { throw ByteProbabilityError(.model, error.description) }  // names the file
        var offsets: [String: Int] = [:]
        for name in ["token_embedding", "rms_att", "wq", "wk", "wv", "wo", "rms_ffn", "w1", "w2", "w3", "rms_final", "classifier"] {
            offsets[name] = weights.offset(of: name)
        }
        config = weights.config
        self.prefix = prefix
        w = weights.floats.map(Double.init)
        self.offsets = offsets
        keys = [[Double]](repeating: [], count: config.layers)
        values = [[Double]](repeating: [], count: config.layers)
    }

    public var vocabularySize: Int { config.vocabularySize }

    /// - Complexity: One forward step per token of `prefix + context` past the cached common prefix.
    public func logProbabilities(after context: [TokenID]) throws(ByteProbabilityError) -> [Double] {
        let full = prefix + context
        guard !full.isEmpty else { throw ByteProbabilityError(.model, "empty context") }
        guard full.count <= config.sequenceLength else {
            throw ByteProbabilityError(.model, "context of \(full.count) tokens exceeds the model's \(config.sequenceLength)")
        }
        if let bad = full.first(where: { Int($0) >= config.vocabularySize }) {
            throw ByteProbabilityError(.model, "token id \(bad) is outside the model's \(config.vocabularySize)")
        }
        var common = 0
        while common < min(tokens.count, full.count) && tokens[common] == full[common] { common += 1 }
        if common == full.count { common -= 1 }   // recompute the last position's logits
        tokens = Array(full[..<common])
        let kv = config.kvDim
        for l in 0..<config.layers {
            keys[l].removeSubrange((common * kv)...)
            values[l].removeSubrange((common * kv)...)
        }
        for p in common..<full.count { forward(Int(full[p]), p); tokens.append(full[p]) }
        let top = logits.max() ?? 0
        var sum = 0.0
        for x in logits { sum += _exp(x - top) }
        let lse = top + _log(sum)
        return logits.map { $0 - lse }
    }

    private func o(_ name: String) -> Int { offsets[name] ?? 0 }

    private func matvec(_ at: Int, _ x: [Double], rows: Int, cols: Int) -> [Double] {
        var out = [Double](repeating: 0, count: rows)
        for r in 0..<rows {
            var s = 0.0
            let base = at + r * cols
            for c in 0..<cols { s += w[base + c] * x[c] }
            out[r] = s
        }
        return out
    }

    private func rmsnorm(_ x: [Double], _ at: Int) -> [Double] {
        var ss = 0.0
        for v in x { ss += v * v }
        let inv = 1 / (ss / Double(x.count) + Double(config.normEpsilon)).squareRoot()
        return (0..<x.count).map { w[at + $0] * (inv * x[$0]) }
    }

    private func rotate(_ v: inout [Double], _ pos: Int) {
        let hs = config.headSize
        for i in stride(from: 0, to: v.count, by: 2) {
            let j = (i % hs) / 2
            let angle = Double(pos) / _pow(config.ropeTheta, Double(2 * j) / Double(hs))
            let (c, s) = (_cos(angle), _sin(angle))
            let (a, b) = (v[i], v[i + 1])
            v[i] = a * c - b * s
            v[i + 1] = a * s + b * c
        }
    }

    private func forward(_ token: Int, _ pos: Int) {
        let c = config
        let (dim, kvDim, hidden, hs) = (c.dim, c.kvDim, c.hiddenDim, c.headSize)
        let kvMul = c.heads / c.kvHeads
        var x = Array(w[(o("token_embedding") + token * dim)..<(o("token_embedding") + (token + 1) * dim)])
        for l in 0..<c.layers {
            let xb = rmsnorm(x, o("rms_att") + l * dim)
            var q = matvec(o("wq") + l * dim * dim, xb, rows: dim, cols: dim)
            var k = matvec(o("wk") + l * kvDim * dim, xb, rows: kvDim, cols: dim)
            let v = matvec(o("wv") + l * kvDim * dim, xb, rows: kvDim, cols: dim)
            rotate(&q, pos)
            rotate(&k, pos)
            keys[l].append(contentsOf: k)
            values[l].append(contentsOf: v)
            var attended = [Double](repeating: 0, count: dim)
            let scale = 1 / Double(hs).squareRoot()
            for h in 0..<c.heads {
                let kvOffset = (h / kvMul) * hs
                var scores = [Double](repeating: 0, count: pos + 1)
                for t in 0...pos {
                    var s = 0.0
                    for i in 0..<hs { s += q[h * hs + i] * keys[l][t * kvDim + kvOffset + i] }
                    scores[t] = s * scale
                }
                let top = scores.max() ?? 0
                var sum = 0.0
                for t in 0...pos { scores[t] = _exp(scores[t] - top); sum += scores[t] }
                for t in 0...pos {
                    let a = scores[t] / sum
                    for i in 0..<hs { attended[h * hs + i] += a * values[l][t * kvDim + kvOffset + i] }
                }
            }
            let out = matvec(o("wo") + l * dim * dim, attended, rows: dim, cols: dim)
            for i in 0..<dim { x[i] += out[i] }
            let xf = rmsnorm(x, o("rms_ffn") + l * dim)
            var h1 = matvec(o("w1") + l * hidden * dim, xf, rows: hidden, cols: dim)
            let h3 = matvec(o("w3") + l * hidden * dim, xf, rows: hidden, cols: dim)
            for i in 0..<hidden { h1[i] = h1[i] / (1 + _exp(-h1[i])) * h3[i] }
            let down = matvec(o("w2") + l * dim * hidden, h1, rows: dim, cols: hidden)
            for i in 0..<dim { x[i] += down[i] }
        }
        x = rmsnorm(x, o("rms_final"))
        logits = matvec(o("classifier"), x, rows: c.vocabularySize, cols: dim)
        forwardSteps += 1
    }
}

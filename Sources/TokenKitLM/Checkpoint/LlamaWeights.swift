import TokenKit

/// The float32 weights of a Llama-2-architecture model, in one owned, aligned allocation.
///
/// Matrices are row-major (out × in), as llama2.c stores them. Immutable after loading.
public final class LlamaWeights: @unchecked Sendable {
    // Sendable: the storage is written once in init and only read afterwards.

    /// The configuration the weights belong to.
    public let config: LlamaConfig
    let storage: UnsafeMutablePointer<Float>
    let floatCount: Int

    // Offsets (in floats) of each tensor in `storage`.
    let tokenEmbedding: Int
    let rmsAttention: Int, wq: Int, wk: Int, wv: Int, wo: Int
    let rmsFFN: Int, w1: Int, w2: Int, w3: Int
    let rmsFinal: Int
    let classifier: Int

    /// The tensors in file order, with their sizes (in floats).
    static func layout(_ c: LlamaConfig) -> [(name: String, count: Int)] {
        let (d, h, l, kv, v) = (c.dim, c.hiddenDim, c.layers, c.kvDim, c.vocabularySize)
        var t: [(String, Int)] = [
            ("token_embedding", v * d), ("rms_att", l * d), ("wq", l * d * d), ("wk", l * kv * d), ("wv", l * kv * d),
            ("wo", l * d * d), ("rms_ffn", l * d), ("w1", l * h * d), ("w2", l * d * h), ("w3", l * h * d),
            ("rms_final", d), ("freq_cis_real", c.sequenceLength * c.headSize / 2),
            ("freq_cis_imag", c.sequenceLength * c.headSize / 2),
        ]
        if !c.sharedClassifier { t.append(("wcls", v * d)) }
        return t
    }

    init(config: LlamaConfig, floats: [Float]) {
        self.config = config
        floatCount = floats.count
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(1, floats.count))
        for k in 0..<floats.count { (buffer + k).initialize(to: floats[k]) }
        storage = buffer
        var offsets: [String: Int] = [:]
        var o = 0
        for (name, count) in Self.layout(config) {
            offsets[name] = o
            o += count
        }
        tokenEmbedding = offsets["token_embedding"] ?? 0
        rmsAttention = offsets["rms_att"] ?? 0
        wq = offsets["wq"] ?? 0
        wk = offsets["wk"] ?? 0
        wv = offsets["wv"] ?? 0
        wo = offsets["wo"] ?? 0
        rmsFFN = offsets["rms_ffn"] ?? 0
        w1 = offsets["w1"] ?? 0
        w2 = offsets["w2"] ?? 0
        w3 = offsets["w3"] ?? 0
        rmsFinal = offsets["rms_final"] ?? 0
        classifier = offsets[config.sharedClassifier ? "token_embedding" : "wcls"] ?? 0
    }

    deinit { storage.deallocate() }

    /// All weights, in file order (`layout(_:)`); valid while the weights live.
    public var floats: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: storage, count: floatCount) }

    /// Where a tensor starts in ``floats``: a llama2.c layout name (`token_embedding`, `rms_att`,
    /// `wq`, `wk`, `wv`, `wo`, `rms_ffn`, `w1`, `w2`, `w3`, `rms_final`) or `classifier` (the
    /// embedding when shared, else `wcls`); `nil` for other names.
    public func offset(of tensor: String) -> Int? {
        switch tensor {
        case "token_embedding": tokenEmbedding
        case "rms_att": rmsAttention
        case "wq": wq
        case "wk": wk
        case "wv": wv
        case "wo": wo
        case "rms_ffn": rmsFFN
        case "w1": w1
        case "w2": w2
        case "w3": w3
        case "rms_final": rmsFinal
        case "classifier": classifier
        default: nil
        }
    }

    @inline(__always) func pointer(_ offset: Int) -> UnsafeMutablePointer<Float> { storage + offset }
}

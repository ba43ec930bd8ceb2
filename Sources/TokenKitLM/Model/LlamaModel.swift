import TokenKit

/// A Llama-2-architecture transformer in float32, as llama2.c's `run.c` computes it:
/// pre-RMSNorm, RoPE on queries and keys, grouped-query attention, SwiGLU FFN, final RMSNorm,
/// a classifier (tied to the embedding when the checkpoint says so).
///
/// ```swift
/// let model = try LlamaModel.load(path: "stories260K.bin")
/// let session = model.makeSession()
/// try session.append(1)                 // BOS
/// let logits = try session.logits()      // 512 scores for the first token
/// ```
public final class LlamaModel: LanguageModel, @unchecked Sendable {
    // Sendable: weights and tables are immutable; sessions hold all mutable state.

    /// The weights.
    public let weights: LlamaWeights
    /// The matrix-vector backend every session of this model uses.
    public let backend: any MatmulBackend
    /// RoPE rotations: for position p and pair j, `rope[(p * headSize/2 + j) * 2 + {0,1}]` = cos, sin.
    let rope: [Float]

    /// Wraps loaded weights.
    ///
    /// - Parameters:
    ///   - weights: The checkpoint's weights.
    ///   - backend: The matmul backend (default: OpenBLAS when it loads, else Swift).
    public init(weights: LlamaWeights, backend: any MatmulBackend = MatmulBackends.automatic) {
        self.weights = weights
        self.backend = backend
        let c = weights.config
        let half = c.headSize / 2
        var table = [Float](repeating: 0, count: c.sequenceLength * half * 2)
        for p in 0..<c.sequenceLength {
            for j in 0..<half {
                // llama2.c: freq = 1 / theta^(2j / headSize), angle = pos * freq (here in Double).
                let freq = 1.0 / _pow(c.ropeTheta, Double(2 * j) / Double(c.headSize))
                let angle = Double(p) * freq
                table[(p * half + j) * 2] = Float(_cos(angle))
                table[(p * half + j) * 2 + 1] = Float(_sin(angle))
            }
        }
        self.rope = table
    }

    /// Loads a llama2.c checkpoint.
    ///
    /// - Throws: ``LMLoadError`` (see ``LlamaCheckpoint/load(path:)``).
    public static func load(path: String, backend: any MatmulBackend = MatmulBackends.automatic) throws(LMLoadError) -> LlamaModel {
        LlamaModel(weights: try LlamaCheckpoint.load(path: path), backend: backend)
    }

    /// The model's configuration.
    public var config: LlamaConfig { weights.config }
    public var vocabularySize: Int { weights.config.vocabularySize }
    public var contextLength: Int { weights.config.sequenceLength }

    public func makeSession() -> LlamaSession { LlamaSession(model: self) }

    /// Checks that `tokenizer` has as many ids as the model has vocabulary rows.
    ///
    /// - Throws: ``LMError/Code/vocabularyMismatch``.
    public func checkCompatible(with tokenizer: some Tokenizer) throws(LMError) {
        if tokenizer.vocabularySize != vocabularySize {
            throw .vocabularyMismatch(model: vocabularySize, tokenizer: tokenizer.vocabularySize)
        }
    }
}

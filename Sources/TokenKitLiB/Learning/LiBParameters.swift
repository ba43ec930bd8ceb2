/// The hyperparameters of the 2023 LiB learner (spec §1.2), with the reference's defaults.
///
/// `alpha`, `omega`, `life` and `delta` are the paper's α, ω, τ0 and Δ. The two
/// ``pinSymbols`` and ``articleLength`` settings are not hyperparameters of the model itself:
/// the first is TokenKit's production improvement (off in faithful runs), the second is how
/// many sentences one training step reads.
public struct LiBParameters: Sendable, Hashable {
    /// α (`in_rate`): the probability of memorizing `previous + current` at each matched chunk.
    public var alpha: Double
    /// ω (`out_rate`): the fraction of the lexicon tail put on probation after each step.
    public var omega: Double
    /// τ0 (`life`): how many steps a chunk stays on probation.
    public var life: Int
    /// Δ (`update_rate`): a chunk at rank r moves by `⌊r·Δ⌋ + 1` when rewarded or punished.
    public var delta: Double
    /// An optional cap on memorized chunk length, in Unicode scalars.
    public var maxChunkLength: Int?
    /// Whether release from probation needs a varied context (`inspect_context`).
    public var inspectContext: Bool
    /// The seed of the CPython-compatible generator.
    public var seed: Int
    /// Sentences per training step (`article_length_max`).
    public var articleLength: Int
    /// Production improvement: single symbols never go on probation and are never forgotten
    /// or demoted out of the lexicon (pitfall L3). `false` reproduces the reference.
    public var pinSymbols: Bool

    /// Creates parameters; the defaults are the reference code's defaults.
    public init(alpha: Double = 0.25, omega: Double = 0.0001, life: Int = 10, delta: Double = 0.1,
                maxChunkLength: Int? = nil, inspectContext: Bool = true, seed: Int = 0,
                articleLength: Int = 500, pinSymbols: Bool = false) {
        self.alpha = alpha
        self.omega = omega
        self.life = life
        self.delta = delta
        self.maxChunkLength = maxChunkLength
        self.inspectContext = inspectContext
        self.seed = seed
        self.articleLength = articleLength
        self.pinSymbols = pinSymbols
    }

    /// The values of the reference's `Quick_Demo` notebook: α 0.25, ω 0.01, τ0 3, Δ 0.1,
    /// 200 sentences per step.
    public static let quickDemo = LiBParameters(omega: 0.01, life: 3, articleLength: 200)

    /// Checks that every value is in range.
    ///
    /// - Throws: ``LiBError`` naming the bad parameter.
    public func validate() throws(LiBError) {
        if !(alpha >= 0 && alpha <= 1) { throw .invalidParameter("alpha must be in [0, 1], got \(alpha)") }
        if !(omega >= 0 && omega <= 1) { throw .invalidParameter("omega must be in [0, 1], got \(omega)") }
        if life < 1 { throw .invalidParameter("life must be at least 1, got \(life)") }
        if !(delta >= 0 && delta.isFinite) { throw .invalidParameter("delta must be a finite number >= 0, got \(delta)") }
        if let m = maxChunkLength, m < 1 { throw .invalidParameter("max chunk length must be at least 1, got \(m)") }
        if articleLength < 1 { throw .invalidParameter("article length must be at least 1, got \(articleLength)") }
    }
}

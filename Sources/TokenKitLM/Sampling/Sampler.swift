import TokenKit

/// The xorshift* generator llama2.c's sampler uses, so seeded runs are reproducible.
public struct XorShiftRNG: RandomNumberGenerator, Sendable, Hashable {
    /// The state (never zero).
    public private(set) var state: UInt64

    /// Creates a generator; a zero seed is replaced by a fixed non-zero one.
    public init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    /// The next 64 bits (two 32-bit draws).
    public mutating func next() -> UInt64 {
        UInt64(nextUInt32()) << 32 | UInt64(nextUInt32())
    }

    /// The next 32 bits, as llama2.c's `random_u32`.
    public mutating func nextUInt32() -> UInt32 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return UInt32(truncatingIfNeeded: (state &* 0x2545_F491_4F6C_DD1D) >> 32)
    }

    /// A float in [0, 1) with 24 random bits, as llama2.c's `random_f32`.
    public mutating func nextUnitFloat() -> Float {
        Float(nextUInt32() >> 8) / 16_777_216
    }
}

/// How the next token is chosen from logits.
public struct SamplingOptions: Sendable, Hashable {
    /// 0 means greedy (argmax); otherwise logits are divided by it before the softmax.
    public var temperature: Float
    /// Keep only the `topK` most likely tokens (0: all).
    public var topK: Int
    /// Nucleus sampling: keep the most likely tokens up to and including the first whose
    /// cumulative mass exceeds `topP` (1: all).
    public var topP: Float
    /// The RNG seed.
    public var seed: UInt64

    /// Creates options; the defaults are greedy decoding.
    public init(temperature: Float = 0, topK: Int = 0, topP: Float = 1, seed: UInt64 = 1) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.seed = seed
    }

    /// Greedy decoding.
    public static let greedy = SamplingOptions()

    /// Checks the ranges.
    ///
    /// - Throws: ``LMError/Code/invalidParameter``.
    public func validate() throws(LMError) {
        if !(temperature >= 0) || !temperature.isFinite { throw LMError(.invalidParameter, "temperature \(temperature) must be ≥ 0") }
        if topK < 0 { throw LMError(.invalidParameter, "top-k \(topK) must be ≥ 0") }
        if !(topP > 0 && topP <= 1) { throw LMError(.invalidParameter, "top-p \(topP) must be in (0, 1]") }
    }
}

/// Chooses tokens from logits: greedy, temperature, top-k, top-p, with a seeded RNG.
///
/// With `topK == 0` the draws follow llama2.c's `sample`/`sample_topp` (one coin per step,
/// inverse-CDF over the probabilities in id order, or over the nucleus sorted by probability).
public struct Sampler: Sendable {
    /// The options.
    public let options: SamplingOptions
    /// The generator.
    public private(set) var rng: XorShiftRNG

    /// Creates a sampler.
    ///
    /// - Throws: ``LMError/Code/invalidParameter`` for out-of-range options.
    public init(_ options: SamplingOptions) throws(LMError) {
        try options.validate()
        self.options = options
        self.rng = XorShiftRNG(seed: options.seed)
    }

    /// The index of the largest logit (the first on ties).
    public static func argmax(_ logits: UnsafeBufferPointer<Float>) -> Int {
        var best = 0
        for i in 1..<max(1, logits.count) where logits[i] > logits[best] { best = i }
        return best
    }

    /// Picks the next token.
    ///
    /// - Complexity: O(*n*) for greedy and plain sampling; O(*n* log *n*) with top-k or top-p.
    public mutating func sample(_ logits: UnsafeBufferPointer<Float>) -> Int {
        if options.temperature == 0 || logits.count <= 1 { return Self.argmax(logits) }
        // Softmax of logits / temperature, in Double.
        var m = logits[0]
        for v in logits where v > m { m = v }
        var probs = [Double](repeating: 0, count: logits.count)
        var sum = 0.0
        let t = Double(options.temperature)
        for i in 0..<logits.count {
            let e = _exp((Double(logits[i]) - Double(m)) / t)
            probs[i] = e
            sum += e
        }
        for i in 0..<probs.count { probs[i] /= sum }
        let coin = Double(rng.nextUnitFloat())
        if options.topK == 0 && options.topP >= 1 {
            var cdf = 0.0
            for i in 0..<probs.count {
                cdf += probs[i]
                if coin < cdf { return i }
            }
            return probs.count - 1
        }
        // Candidates sorted by probability (ties by id), cut by top-k, then by top-p.
        var order = Array(0..<probs.count)
        order.sort { probs[$0] != probs[$1] ? probs[$0] > probs[$1] : $0 < $1 }
        if options.topK > 0 && options.topK < order.count { order.removeSubrange(options.topK...) }
        var kept = 0
        var mass = 0.0
        let target = Double(options.topP)
        for i in order {
            mass += probs[i]
            kept += 1
            if mass > target { break }  // strictly past p, as run.c's sample_topp
        }
        var cdf = 0.0
        let r = coin * mass
        for i in order.prefix(kept) {
            cdf += probs[i]
            if r < cdf { return i }
        }
        return order[kept - 1]
    }
}

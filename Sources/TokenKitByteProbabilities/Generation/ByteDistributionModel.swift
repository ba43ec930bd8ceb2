import TokenKit

/// Anything that gives next-byte distributions and advances by one byte: a
/// ``ByteLevelModel`` or a ``ByteEnsemble`` of them.
public protocol ByteDistributionModel: AnyObject {
    /// The distribution of the next outcome (bytes 0…255, then special outcomes).
    func nextByte() throws(ByteProbabilityError) -> NextByteDistribution
    /// Advances the byte stream by `byte`.
    func append(_ byte: UInt8) throws(ByteProbabilityError)
    /// LM queries made so far (all members, for an ensemble).
    var lmCalls: Int { get }
    /// Forward steps run so far (tokens computed past the reused KV cache), when known.
    var forwardSteps: Int { get }
}

extension ByteLevelModel: ByteDistributionModel {
    /// Forward steps of the source, when it counts them (``LanguageModelSource`` does), else 0.
    public var forwardSteps: Int { (source as? any ForwardStepCounting)?.forwardSteps ?? 0 }
}

extension ByteLevelModel {
    /// `log Σ P(t)` over the covers in the state: the BTR marginal of ``stream`` relative to
    /// the split-point prefix (`log P_can(x) − log P(enc(x[..<j]))`).
    public var logPrefixProbability: Double {
        var m = -Double.infinity
        for c in covers where c.logProbability > m { m = c.logProbability }
        guard m > -.infinity else { return m }
        var s = 0.0
        for c in covers { s += _exp(c.logProbability - m) }
        return m + _log(s)
    }
}

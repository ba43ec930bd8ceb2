/// A distribution over the next outcome of a byte stream: the 256 bytes, then special outcomes
/// (`END`, FIM end-of-middle, …).
public struct NextByteDistribution: Sendable, Hashable {
    /// One probability per outcome: bytes 0…255, then ``specialNames`` in order. Sums to 1.
    public var probabilities: [Double]
    /// Names of the outcomes after the 256 bytes.
    public var specialNames: [String]
    /// `log Σ m` before normalising: the log-probability of the current byte prefix relative to
    /// the split-point prefix (a diagnostic; `-inf` for baselines that do not compute it).
    public var logMass: Double
    /// Mass (same scale as `exp(logMass)`) of tokens that have no bytes and are no outcome
    /// (`<unk>`, padding), left out before normalising; `0` for baselines.
    public var droppedMass: Double

    /// Creates a distribution.
    public init(probabilities: [Double], specialNames: [String], logMass: Double = -.infinity, droppedMass: Double = 0) {
        self.probabilities = probabilities
        self.specialNames = specialNames
        self.logMass = logMass
        self.droppedMass = droppedMass
    }

    /// The name of outcome `k`: the byte as a decimal string, or the special outcome's name.
    public func name(_ k: Int) -> String {
        if k < 256 { return String(k) }
        return k - 256 < specialNames.count ? specialNames[k - 256] : "outcome \(k)"
    }

    /// The outcome index of a special outcome named `name`, if any.
    public func index(ofSpecial name: String) -> Int? {
        specialNames.firstIndex(of: name).map { 256 + $0 }
    }

    /// Outcomes sorted by probability (highest first, lower index on ties), the first `k`.
    ///
    /// - Complexity: O(*n* log *n*) in the outcome count.
    public func top(_ k: Int) -> [(outcome: Int, probability: Double)] {
        let order = probabilities.indices.sorted {
            probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1
        }
        return order.prefix(max(0, k)).map { ($0, probabilities[$0]) }
    }

    /// The most likely outcome (lowest index on ties).
    public var argmax: Int {
        var best = 0
        for k in probabilities.indices where probabilities[k] > probabilities[best] { best = k }
        return best
    }

    /// Total-variation distance to `other` (same outcome layout).
    public func totalVariation(to other: NextByteDistribution) -> Double {
        var s = 0.0
        for k in 0..<min(probabilities.count, other.probabilities.count) {
            s += abs(probabilities[k] - other.probabilities[k])
        }
        return s / 2
    }

    /// Normalises non-negative masses; `nil` when they sum to zero.
    static func normalising(_ masses: [Double], specialNames: [String], logMass: Double? = nil) -> NextByteDistribution? {
        let total = masses.reduce(0, +)
        guard total > 0, total.isFinite else { return nil }
        return NextByteDistribution(
            probabilities: masses.map { $0 / total }, specialNames: specialNames,
            logMass: logMass ?? _log(total))
    }
}

/// The Wilson score interval for a binomial proportion (Wilson 1927): well-behaved at 0 and 1
/// and for small `n`, unlike the normal approximation.
public struct WilsonInterval: Hashable, Sendable {
    /// The lower bound.
    public var lower: Double
    /// The upper bound.
    public var upper: Double

    /// The two-sided 95 % normal quantile.
    public static let z95 = 1.959963984540054

    /// The interval for `successes` out of `n` at quantile `z` (`[0, 1]` for `n == 0`).
    public init(successes: Int, n: Int, z: Double = z95) {
        guard n > 0 else { lower = 0; upper = 1; return }
        let nn = Double(n), p = Double(successes) / nn, z2 = z * z
        let denominator = 1 + z2 / nn
        let center = (p + z2 / (2 * nn)) / denominator
        let half = z * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot() / denominator
        lower = max(0, center - half)
        upper = min(1, center + half)
    }
}

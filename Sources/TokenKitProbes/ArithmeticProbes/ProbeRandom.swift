import TokenKit

/// The probes' seeded random generator: SplitMix64 (Steele, Lea & Flood 2014).
///
/// Problems must be reproducible from a seed on every platform, so the generator is spelled
/// out here rather than taken from the standard library (whose default generator is not
/// seedable). Sub-streams for problem `i` are derived with ``derived(_:_:_:)`` so a problem does
/// not change when other cells of a sweep are added.
public struct ProbeRandom: RandomNumberGenerator, Sendable {
    private var core: SplitMix64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { self.core = SplitMix64(seed: seed) }

    /// A generator for stream `(tag, index)` of `seed`, independent of the others.
    public static func derived(_ seed: UInt64, _ tag: UInt64, _ index: UInt64) -> ProbeRandom {
        var mixer = ProbeRandom(seed: seed ^ 0x5851_F42D_4C95_7F2D)
        let a = mixer.next() ^ (tag &* 0x9E37_79B9_7F4A_7C15)
        var second = ProbeRandom(seed: a)
        let b = second.next() ^ (index &* 0xD1B5_4A32_D192_ED03)
        return ProbeRandom(seed: b)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 { core.next() }

    /// A uniform integer in `lower..<upper` (rejection sampling, no modulo bias).
    ///
    /// - Precondition: `lower < upper` (callers check their ranges).
    public mutating func uniform(_ lower: UInt64, _ upper: UInt64) -> UInt64 {
        let span = upper &- lower
        if span == 0 { return lower }
        let limit = UInt64.max - (UInt64.max % span)
        while true {
            let x = next()
            if x < limit { return lower + x % span }
        }
    }
}

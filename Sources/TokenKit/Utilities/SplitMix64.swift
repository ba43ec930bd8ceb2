/// SplitMix64 (Steele, Lea & Flood, 2014): a small, fast, seedable generator.
///
/// Everything in TokenKit that draws at random from a seed (BPE-dropout, Tokompiler's faithful
/// numbering, probe generation, property tests) uses this one generator, so a seed means the
/// same stream on every platform — which the standard library's default generator does not
/// promise.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// CPython's `random` module generator: MT19937 with CPython's integer seeding and its 53-bit
/// `random()` double.
///
/// LiB's only source of randomness is `random.random()` after `random.seed(seed)`, so bit-exact
/// reproduction of the reference runs needs exactly this generator (spec §C2): the state is set
/// by `init_genrand(19650218)` followed by `init_by_array(key)`, where `key` is `|seed|` split
/// into 32-bit little-endian words (`seed 0` gives the key `[0]`).
///
/// ```swift
/// var rng = PythonRandom(seed: 0)
/// rng.random()  // 0.8444218515250481, as CPython's random.seed(0); random.random()
/// ```
public struct PythonRandom: Sendable {
    private static let n = 624
    private static let m = 397
    private var state: [UInt32]
    private var index: Int
    /// How many times ``random()`` has been called since seeding (a cheap way to localise a
    /// divergence from the reference, which the spec's oracle C reports).
    public private(set) var randomCalls = 0

    /// Seeds like `random.seed(seed)` for an integer seed.
    ///
    /// - Complexity: O(624).
    public init(seed: Int) {
        var magnitude = seed.magnitude
        var key: [UInt32] = []
        repeat {
            key.append(UInt32(truncatingIfNeeded: magnitude))
            magnitude >>= 32
        } while magnitude != 0
        self.init(key: key)
    }

    /// Seeds with CPython's `init_by_array(key)`.
    public init(key: [UInt32]) {
        state = [UInt32](repeating: 0, count: Self.n)
        index = Self.n
        Self.initGenrand(&state, 19_650_218)
        let n = Self.n
        let keyLength = max(key.count, 1)
        let key = key.isEmpty ? [0] : key
        var i = 1, j = 0
        for _ in 0..<max(n, keyLength) {
            let previous = state[i - 1] ^ (state[i - 1] >> 30)
            state[i] = (state[i] ^ (previous &* 1_664_525)) &+ key[j] &+ UInt32(truncatingIfNeeded: j)
            i += 1; j += 1
            if i >= n { state[0] = state[n - 1]; i = 1 }
            if j >= keyLength { j = 0 }
        }
        for _ in 0..<(n - 1) {
            let previous = state[i - 1] ^ (state[i - 1] >> 30)
            state[i] = (state[i] ^ (previous &* 1_566_083_941)) &- UInt32(truncatingIfNeeded: i)
            i += 1
            if i >= n { state[0] = state[n - 1]; i = 1 }
        }
        state[0] = 0x8000_0000
    }

    private static func initGenrand(_ mt: inout [UInt32], _ seed: UInt32) {
        mt[0] = seed
        for i in 1..<n {
            mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i)
        }
    }

    private mutating func twist() {
        let n = Self.n, m = Self.m
        for k in 0..<n {
            let y = (state[k] & 0x8000_0000) | (state[(k + 1) % n] & 0x7FFF_FFFF)
            var v = state[(k + m) % n] ^ (y >> 1)
            if y & 1 != 0 { v ^= 0x9908_B0DF }
            state[k] = v
        }
        index = 0
    }

    /// The next 32-bit output (`genrand_uint32`).
    public mutating func next32() -> UInt32 {
        if index >= Self.n { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// A double in [0, 1) with 53 random bits, exactly as CPython's `random.random()`.
    public mutating func random() -> Double {
        randomCalls += 1
        let a = Double(next32() >> 5)
        let b = Double(next32() >> 6)
        return (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }
}

import TokenKit

extension PairTrajectory {
    private static let magic: [UInt8] = Array("TKTRAJ1\n".utf8)

    /// The trajectory as bytes (little-endian; a magic header and section counts).
    public func serialized() -> [UInt8] {
        var out = Self.magic
        func put(_ x: UInt64) { for s in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: x >> UInt64(s))) } }
        put(UInt64(byteCount)); put(UInt64(bitPattern: pairTotal))
        put(UInt64(initialPairs.count)); put(UInt64(stepStarts.count)); put(UInt64(diffPairs.count))
        out.reserveCapacity(out.count + 16 * (initialPairs.count + diffPairs.count) + 8 * stepStarts.count)
        for p in initialPairs { put(p) }
        for c in initialCounts { put(UInt64(bitPattern: c)) }
        for s in stepStarts { put(UInt64(s)) }
        for p in diffPairs { put(p) }
        for c in diffCounts { put(UInt64(bitPattern: c)) }
        return out
    }

    /// Reads ``serialized()`` bytes.
    ///
    /// - Throws: ``MixtureError`` (`badCache`) when the bytes are truncated or not a trajectory.
    public init(serialized bytes: [UInt8]) throws(MixtureError) {
        guard bytes.count >= Self.magic.count + 40, Array(bytes.prefix(Self.magic.count)) == Self.magic else {
            throw MixtureError(.badCache, "not a trajectory cache file")
        }
        var at = Self.magic.count
        func get() -> UInt64 {
            var x: UInt64 = 0
            for s in 0..<8 { x |= UInt64(bytes[at + s]) << UInt64(8 * s) }
            at += 8
            return x
        }
        let bytesCount = Int(get()), total = Int64(bitPattern: get())
        let ni = Int(get()), ns = Int(get()), nd = Int(get())
        guard ni < 1 << 40, ns < 1 << 40, nd < 1 << 40, bytes.count == at + 8 * (2 * ni + ns + 2 * nd) else {
            throw MixtureError(.badCache, "the trajectory cache file is truncated")
        }
        let ip = (0..<ni).map { _ in get() }
        let ic = (0..<ni).map { _ in Int64(bitPattern: get()) }
        let ss = (0..<ns).map { _ in Int(get()) }
        let dp = (0..<nd).map { _ in get() }
        let dc = (0..<nd).map { _ in Int64(bitPattern: get()) }
        guard ss.first == 0, ss.last == nd, zip(ss, ss.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw MixtureError(.badCache, "the trajectory cache file has inconsistent step offsets")
        }
        self.init(byteCount: bytesCount, pairTotal: total, initialPairs: ip, initialCounts: ic,
                  stepStarts: ss, diffPairs: dp, diffCounts: dc)
    }
}

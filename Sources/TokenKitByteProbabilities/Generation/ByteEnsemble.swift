/// Several byte-level models (possibly over different vocabularies) advanced together:
/// the next-byte distribution is the weighted mean of the members' normalised distributions at
/// every step (the official ensemble uses equal weights; a per-step mixture, spec §1.7).
///
/// Special outcomes are matched by name (`END` with `END`); an outcome only one member has gets
/// zero from the others. A member for which an appended byte is impossible (probability 0)
/// leaves the ensemble; when none is left, ``append(_:)`` throws.
public final class ByteEnsemble: ByteDistributionModel {
    /// The members and their weights (normalised to sum 1 over the remaining members).
    public private(set) var members: [(model: any ByteDistributionModel, weight: Double)]

    /// An ensemble of `members` with non-negative `weights` (default equal).
    ///
    /// - Throws: ``ByteProbabilityError/Code/invalidParameter`` for fewer than one member, a
    ///   count mismatch, negative or all-zero weights.
    public init(_ models: [any ByteDistributionModel], weights: [Double]? = nil) throws(ByteProbabilityError) {
        let w = weights ?? [Double](repeating: 1, count: models.count)
        guard !models.isEmpty else { throw .invalidParameter("an ensemble needs at least one model") }
        guard w.count == models.count else { throw .invalidParameter("\(models.count) models but \(w.count) weights") }
        guard w.allSatisfy({ $0 >= 0 && $0.isFinite }), w.reduce(0, +) > 0 else {
            throw .invalidParameter("weights must be finite, non-negative and not all zero")
        }
        members = Array(zip(models, w)).map { (model: $0.0, weight: $0.1) }
    }

    public var lmCalls: Int { members.reduce(0) { $0 + $1.model.lmCalls } }
    public var forwardSteps: Int { members.reduce(0) { $0 + $1.model.forwardSteps } }

    /// The weighted mean of the members' distributions.
    public func nextByte() throws(ByteProbabilityError) -> NextByteDistribution {
        var names: [String] = []
        var parts: [(NextByteDistribution, Double)] = []
        for m in members where m.weight > 0 {
            let d = try m.model.nextByte()
            for n in d.specialNames where !names.contains(n) { names.append(n) }
            parts.append((d, m.weight))
        }
        let total = parts.reduce(0.0) { $0 + $1.1 }
        var p = [Double](repeating: 0, count: 256 + names.count)
        for (d, w) in parts {
            for b in 0..<256 { p[b] += w / total * d.probabilities[b] }
            for (i, n) in d.specialNames.enumerated() {
                if let j = names.firstIndex(of: n) { p[256 + j] += w / total * d.probabilities[256 + i] }
            }
        }
        return NextByteDistribution(probabilities: p, specialNames: names)
    }

    /// Advances every member by `byte`.
    public func append(_ byte: UInt8) throws(ByteProbabilityError) {
        var kept: [(model: any ByteDistributionModel, weight: Double)] = []
        var lastError: ByteProbabilityError?
        for m in members {
            do {
                try m.model.append(byte)
                kept.append(m)
            } catch where error.code == .impossiblePrefix {
                lastError = error
            }
        }
        guard !kept.isEmpty, kept.contains(where: { $0.weight > 0 }) else {
            throw lastError ?? .invalidParameter("no ensemble member can continue")
        }
        members = kept
    }
}

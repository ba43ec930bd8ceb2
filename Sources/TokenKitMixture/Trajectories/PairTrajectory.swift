import TokenKit
import TokenKitBPE

/// One category's pair-count trajectory (spec §2.2): the pair counts of its sample before any
/// merge, then, for each merge step, the new count of every pair the merge changed.
///
/// Trajectories are **additive**: replay never looks at counts, so the trajectory of a corpus
/// is the sum (``adding(_:)``) of the trajectories of its shards. Count shards on as many
/// machines as you like, with any batch engine, and sum.
public struct PairTrajectory: Sendable, Equatable {
    /// Sample bytes (B_i).
    public var byteCount: Int
    /// Initial number of pairs (P_i), the unit of the LP's counts.
    public var pairTotal: Int64
    /// Pair counts before the first merge, sorted by pair.
    public var initialPairs: [UInt64]
    /// The counts of ``initialPairs``.
    public var initialCounts: [Int64]
    /// Step `t`'s changes are `diffPairs[stepStarts[t] ..< stepStarts[t + 1]]`.
    public var stepStarts: [Int]
    /// Changed pairs, sorted by pair within a step.
    public var diffPairs: [UInt64]
    /// Their new counts.
    public var diffCounts: [Int64]

    /// The number of merge steps recorded.
    public var stepCount: Int { stepStarts.count - 1 }

    /// Replays the first `steps` merges over counted pretokens.
    ///
    /// - Complexity: O(initial pairs + Σ over merges of the words they touch).
    public init(counts: PretokenCounts, merges: MergeList, steps: Int) {
        var replay = MergeReplay(counts: counts)
        let initial = replay.initialCounts.sorted { $0.pair < $1.pair }
        initialPairs = initial.map(\.pair)
        initialCounts = initial.map(\.count)
        pairTotal = initialCounts.reduce(0, +)
        byteCount = counts.byteCount
        stepStarts = [0]
        diffPairs = []
        diffCounts = []
        for (k, m) in merges.merges.prefix(steps).enumerated() {
            for d in replay.apply(m.left, m.right, into: UInt32(256 + k)) {
                diffPairs.append(d.pair)
                diffCounts.append(d.count)
            }
            stepStarts.append(diffPairs.count)
        }
    }

    /// Creates a trajectory from its parts.
    public init(byteCount: Int, pairTotal: Int64, initialPairs: [UInt64], initialCounts: [Int64],
                stepStarts: [Int], diffPairs: [UInt64], diffCounts: [Int64]) {
        self.byteCount = byteCount
        self.pairTotal = pairTotal
        self.initialPairs = initialPairs
        self.initialCounts = initialCounts
        self.stepStarts = stepStarts
        self.diffPairs = diffPairs
        self.diffCounts = diffCounts
    }

    /// The trajectory of the union of two samples (both replayed over the same merges).
    ///
    /// - Complexity: O(size of both).
    public func adding(_ other: PairTrajectory) -> PairTrajectory {
        var mine: [UInt64: Int64] = [:], theirs: [UInt64: Int64] = [:]
        for (p, c) in zip(initialPairs, initialCounts) { mine[p] = c }
        for (p, c) in zip(other.initialPairs, other.initialCounts) { theirs[p] = c }
        var sum = mine
        for (p, c) in theirs { sum[p, default: 0] += c }
        let initial = sum.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        var starts = [0], pairs: [UInt64] = [], counts: [Int64] = []
        for t in 0..<min(stepCount, other.stepCount) {
            var changed: [UInt64: Void] = [:]
            for k in stepStarts[t]..<stepStarts[t + 1] { mine[diffPairs[k]] = diffCounts[k]; changed[diffPairs[k]] = () }
            for k in other.stepStarts[t]..<other.stepStarts[t + 1] { theirs[other.diffPairs[k]] = other.diffCounts[k]; changed[other.diffPairs[k]] = () }
            for p in changed.keys.sorted() {
                pairs.append(p)
                counts.append(mine[p, default: 0] + theirs[p, default: 0])
            }
            starts.append(pairs.count)
        }
        return PairTrajectory(byteCount: byteCount + other.byteCount, pairTotal: pairTotal + other.pairTotal,
                              initialPairs: initial.map(\.key), initialCounts: initial.map(\.value),
                              stepStarts: starts, diffPairs: pairs, diffCounts: counts)
    }

    /// The full pair-count map after `steps` merges (for tests and reports).
    public func counts(after steps: Int) -> [UInt64: Int64] {
        var map: [UInt64: Int64] = [:]
        for (p, c) in zip(initialPairs, initialCounts) { map[p] = c }
        for t in 0..<min(steps, stepCount) {
            for k in stepStarts[t]..<stepStarts[t + 1] { map[diffPairs[k]] = diffCounts[k] }
        }
        return map.filter { $0.value != 0 }
    }
}

import TokenKit

/// The merges ↔ sequence-length curve of a dataset (§3.4), and the reduction formula.
///
/// `averageLength[k]` is the average sequence length after `k` merges per batch; the last
/// value is the plateau `Lmin`, reached when every batch has run out of valid pairs. A
/// reduction target `R` (percent of the way from `L0` to `Lmin`) maps to the smallest merge
/// count that reaches it.
public struct MergeCalibration: Sendable, Hashable {
    /// Average sequence length after `k` merges, `k = 0…`.
    public var averageLength: [Double]

    /// Creates a curve from measured lengths (at least one value).
    public init(averageLength: [Double]) {
        self.averageLength = averageLength
    }

    /// `100 · (L0 − Lm) / (L0 − Lmin)`; 0 when `L0 == Lmin` (nothing can merge).
    public static func reduction(initialLength l0: Double, length lm: Double, plateauLength lmin: Double) -> Double {
        l0 == lmin ? 0 : 100 * (l0 - lm) / (l0 - lmin)
    }

    /// `L0`.
    public var initialLength: Double { averageLength.first ?? 0 }
    /// `Lmin`: the length at the plateau.
    public var plateauLength: Double { averageLength.last ?? 0 }
    /// The merge count at which the plateau is reached.
    public var plateauMerges: Int {
        guard let last = averageLength.last else { return 0 }
        return averageLength.firstIndex { $0 <= last } ?? 0
    }

    /// The reduction (percent) reached after `m` merges.
    public func reduction(atMerges m: Int) -> Double {
        guard !averageLength.isEmpty else { return 0 }
        let lm = averageLength[min(max(0, m), averageLength.count - 1)]
        return Self.reduction(initialLength: initialLength, length: lm, plateauLength: plateauLength)
    }

    /// The fewest merges that reach `percent` reduction.
    ///
    /// - Throws: ``DynamicMergeError/Code/invalidReduction`` for a target outside 0…100 or
    ///   an empty curve.
    public func merges(forReduction percent: Double) throws(DynamicMergeError) -> Int {
        guard percent >= 0 && percent <= 100, percent.isFinite else {
            throw DynamicMergeError(.invalidReduction, "the reduction target must be between 0 and 100 percent, not \(percent)")
        }
        guard !averageLength.isEmpty else { throw DynamicMergeError(.invalidReduction, "the calibration curve is empty") }
        for m in averageLength.indices where reduction(atMerges: m) >= percent - 1e-9 { return m }
        return averageLength.count - 1
    }

    /// Measures the curve: runs every batch with up to `maxMerges` merges and averages the
    /// sequence length after each merge count over all sequences (a batch that exits early
    /// keeps its final length).
    ///
    /// The merge loop is deterministic and each step depends only on the current state, so one
    /// run to `maxMerges` gives the lengths for every smaller `m`.
    ///
    /// - Throws: The merger's errors (an empty batch list is an empty-batch error).
    /// - Complexity: One merge run per batch.
    public static func measure(_ merger: DynamicBatchMerger, batches: [[[TokenID]]], maxMerges: Int = 100_000) throws(DynamicMergeError) -> MergeCalibration {
        guard !batches.isEmpty else { throw .emptyBatch }
        var curves: [[Int]] = []
        var sequences = 0
        for batch in batches {
            curves.append(try merger.merge(ids: batch, merges: maxMerges).totalTokensAfterMerge)
            sequences += batch.count
        }
        let steps = curves.map(\.count).max() ?? 1
        var totals = [Int](repeating: 0, count: steps)
        for t in curves {
            for k in 0..<steps { totals[k] += t[min(k, t.count - 1)] }
        }
        return MergeCalibration(averageLength: totals.map { Double($0) / Double(max(1, sequences)) })
    }
}

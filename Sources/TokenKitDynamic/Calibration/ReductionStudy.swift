import TokenKit

/// Sequence-length reduction of dynamic merging on a dataset: lengths before merging, after
/// `m` merges per batch, and at the plateau (every valid pair merged), with both ways of
/// stating the reduction.
public struct ReductionStudy: Sendable, Hashable {
    /// The number of sequences.
    public var sequences: Int
    /// The number of batches.
    public var batches: Int
    /// The merges per batch studied (`m`).
    public var merges: Int
    /// The calibration curve of the dataset (average length per merge count).
    public var curve: MergeCalibration
    /// The average merges a batch takes to reach its plateau.
    public var averagePlateauMerges: Double

    /// `L0`: average length before merging.
    public var initialLength: Double { curve.initialLength }
    /// `Lm`: average length after `m` merges.
    public var lengthAtMerges: Double { curve.averageLength[min(merges, curve.averageLength.count - 1)] }
    /// `Lmin`: average length at the plateau.
    public var plateauLength: Double { curve.plateauLength }
    /// §3.4's reduction: percent of the way from `L0` to `Lmin` after `m` merges.
    public var reductionTowardsPlateau: Double { curve.reduction(atMerges: merges) }
    /// The plain length reduction after `m` merges, `100 · (L0 − Lm) / L0` (the papers' "sequence-length reduction").
    public var lengthReduction: Double { initialLength == 0 ? 0 : 100 * (initialLength - lengthAtMerges) / initialLength }
    /// The plain length reduction at the plateau, `100 · (L0 − Lmin) / L0`.
    public var plateauLengthReduction: Double { initialLength == 0 ? 0 : 100 * (initialLength - plateauLength) / initialLength }

    /// Runs the study: every batch merged to its plateau (one run gives every smaller `m`).
    ///
    /// - Parameters:
    ///   - merger: The merge loop (base vocabulary and boundary mode).
    ///   - batches: Base-id sequences, batch by batch.
    ///   - merges: The `m` to report.
    ///   - maxMerges: The cap of the plateau run.
    /// - Throws: ``DynamicMergeError`` for an empty list or batch, or negative `merges`.
    public static func run(_ merger: DynamicBatchMerger, batches: [[[TokenID]]], merges: Int, maxMerges: Int = 100_000) throws(DynamicMergeError) -> ReductionStudy {
        guard merges >= 0 else { throw .negativeMerges(merges) }
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
        let curve = MergeCalibration(averageLength: totals.map { Double($0) / Double(max(1, sequences)) })
        let plateau = Double(curves.reduce(0) { $0 + $1.count - 1 }) / Double(curves.count)
        return ReductionStudy(sequences: sequences, batches: batches.count, merges: merges, curve: curve, averagePlateauMerges: plateau)
    }
}

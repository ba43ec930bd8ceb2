/// Deletion statistics of a MrT5-style delete gate over a byte sequence.
///
/// MrT5 (Kallini et al., ICLR 2025) puts a gate `G = k · sigmoid(−(w·LayerNorm(h) + b))` with
/// values in (k, 0) after a fixed encoder layer; at inference it keeps the positions with
/// `G > τ` (hard deletion) and its trainer reports the deleted share as
/// `100 · #(G < τ and not pad) / #(not pad)`. The two use strict inequalities in opposite
/// directions, so a gate exactly at `τ` is neither kept nor counted as deleted; TokenKit
/// reproduces both definitions as they are.
///
/// Padding positions (id `padID`, ByT5's 0) are never kept and never counted.
///
/// ```swift
/// let s = try DeletionStatistics(gate: [-1, -20, -14.9, -15.1, -30], ids: [104, 105, 106, 107, 108], threshold: -15)
/// s.keptIndices       // [0, 2]
/// s.deletedPercent    // 60
/// ```
public struct DeletionStatistics: Sendable, Hashable {
    /// The positions the hard deletion keeps (`G > τ`, not padding), in order.
    public let keptIndices: [Int]
    /// The number of non-padding positions with `G < τ`.
    public let deletedCount: Int
    /// The number of non-padding positions.
    public let nonPaddingCount: Int
    /// The threshold `τ` used.
    public let threshold: Float

    /// The number of kept positions.
    public var keptCount: Int { keptIndices.count }

    /// `100 · deleted / non-padding`, or `nil` for a sequence of padding only.
    public var deletedPercent: Double? {
        nonPaddingCount == 0 ? nil : 100 * Double(deletedCount) / Double(nonPaddingCount)
    }

    /// Whether hard deletion would leave nothing (MrT5 rejects such a batch).
    public var deletesEverything: Bool { keptIndices.isEmpty }

    init(keptIndices: [Int], deletedCount: Int, nonPaddingCount: Int, threshold: Float) {
        self.keptIndices = keptIndices
        self.deletedCount = deletedCount
        self.nonPaddingCount = nonPaddingCount
        self.threshold = threshold
    }

    /// Computes the statistics of one sequence.
    ///
    /// - Parameters:
    ///   - gate: One gate value per position.
    ///   - ids: The sequence's ids (to find padding).
    ///   - threshold: `τ` (MrT5's CLI default is −15, half the gate scale −30).
    ///   - padID: The padding id (ByT5: 0).
    /// - Throws: ``DeletionStatisticsError`` when the lengths differ or a gate value is NaN.
    /// - Complexity: O(*n*).
    public init(gate: [Float], ids: [TokenID], threshold: Float, padID: TokenID = 0) throws(DeletionStatisticsError) {
        guard gate.count == ids.count else { throw .lengthMismatch(gates: gate.count, ids: ids.count) }
        guard !threshold.isNaN else { throw .nanValue(position: nil) }
        var kept: [Int] = []
        var deleted = 0
        var nonPadding = 0
        for (k, g) in gate.enumerated() {
            guard !g.isNaN else { throw .nanValue(position: k) }
            if ids[k] == padID { continue }
            nonPadding += 1
            if g > threshold { kept.append(k) }
            if g < threshold { deleted += 1 }
        }
        self.keptIndices = kept
        self.deletedCount = deleted
        self.nonPaddingCount = nonPadding
        self.threshold = threshold
    }
}

/// Deletion statistics pooled by language (or any other label): the trainer's pooled
/// percentage, `100 · Σ deleted / Σ non-padding`, per label.
public struct DeletionReport: Sendable, Hashable {
    /// One label's totals.
    public struct Row: Sendable, Hashable {
        /// The label (a language code, a file name).
        public var label: String
        /// Sequences added.
        public var sequences: Int
        /// Non-padding positions.
        public var nonPaddingCount: Int
        /// Deleted positions.
        public var deletedCount: Int
        /// Kept positions.
        public var keptCount: Int

        /// `100 · deleted / non-padding`, or `nil` without positions.
        public var deletedPercent: Double? {
            nonPaddingCount == 0 ? nil : 100 * Double(deletedCount) / Double(nonPaddingCount)
        }
    }

    /// The rows, in the order labels were first added.
    public private(set) var rows: [Row] = []

    /// Creates an empty report.
    public init() {}

    /// Adds one sequence's statistics under `label`.
    ///
    /// - Complexity: O(labels).
    public mutating func add(_ statistics: DeletionStatistics, label: String) {
        let k: Int
        if let existing = rows.firstIndex(where: { $0.label == label }) {
            k = existing
        } else {
            rows.append(Row(label: label, sequences: 0, nonPaddingCount: 0, deletedCount: 0, keptCount: 0))
            k = rows.count - 1
        }
        rows[k].sequences += 1
        rows[k].nonPaddingCount += statistics.nonPaddingCount
        rows[k].deletedCount += statistics.deletedCount
        rows[k].keptCount += statistics.keptCount
    }

    /// All labels together.
    public var total: Row {
        rows.reduce(into: Row(label: "all", sequences: 0, nonPaddingCount: 0, deletedCount: 0, keptCount: 0)) { t, r in
            t.sequences += r.sequences
            t.nonPaddingCount += r.nonPaddingCount
            t.deletedCount += r.deletedCount
            t.keptCount += r.keptCount
        }
    }
}

/// Bad input to ``DeletionStatistics``.
public struct DeletionStatisticsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// The gate and id sequences have different lengths.
    public static func lengthMismatch(gates: Int, ids: Int) -> DeletionStatisticsError {
        DeletionStatisticsError("\(gates) gate values for \(ids) ids: they must have one value per position")
    }

    /// A NaN gate value (or threshold, when `position` is nil).
    public static func nanValue(position: Int?) -> DeletionStatisticsError {
        DeletionStatisticsError(position.map { "the gate value at position \($0) is NaN" } ?? "the threshold is NaN")
    }

    /// A deletion rate outside 0…1.
    public static func invalidRate(_ d: Double) -> DeletionStatisticsError {
        DeletionStatisticsError("the deletion rate must be between 0 and 1, not \(d)")
    }

    public var description: String { message }
}

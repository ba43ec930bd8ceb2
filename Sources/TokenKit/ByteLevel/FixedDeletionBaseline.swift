/// MrT5's model-free "fixed deletion" baseline over ByT5 ids: cut the sequence into segments
/// that start at separators, and keep the first `ceil((1 − d) · length)` positions of each.
///
/// Separators are ByT5 ids of whitespace, ASCII punctuation and EOS: `1`, `12`, `13`,
/// `35…50`, `61…67`, `94…99`, `126…129` (bytes `\t \n`, space to `/`, `:` to `@`, `[` to
/// the backquote, `{` to `~`). A separator is the first element of its segment; the positions before
/// the first separator form a segment of their own. The reference builds this mask for a
/// whole batch and gets it wrong for batches of more than one sequence; TokenKit defines it
/// per sequence. Padding (id 0) is never kept and not part of any segment.
///
/// ```swift
/// let baseline = try FixedDeletionBaseline(rate: 0.5)
/// baseline.keptIndices([119, 107, 104, 35, 102, 100, 119, 49, 1])  // [0, 1, 3, 4, 7, 8]
/// ```
public struct FixedDeletionBaseline: Sendable, Hashable {
    /// `d`: the share of each segment to delete, in 0…1.
    public let rate: Double

    /// Creates the baseline.
    ///
    /// - Throws: ``DeletionStatisticsError`` for a rate outside 0…1.
    public init(rate: Double) throws(DeletionStatisticsError) {
        guard rate >= 0 && rate <= 1 else { throw .invalidRate(rate) }
        self.rate = rate
    }

    /// Whether a ByT5 id is a separator.
    public static func isSeparator(_ id: TokenID) -> Bool {
        switch id {
        case 1, 12, 13, 35...50, 61...67, 94...99, 126...129: true
        default: false
        }
    }

    /// The segments of a sequence: ranges of positions (padding left out).
    ///
    /// - Complexity: O(*n*).
    public static func segments(_ ids: [TokenID], padID: TokenID = 0) -> [[Int]] {
        var out: [[Int]] = []
        for (k, id) in ids.enumerated() where id != padID {
            if out.isEmpty || isSeparator(id) { out.append([k]) } else { out[out.count - 1].append(k) }
        }
        return out
    }

    /// The positions kept: the first `ceil((1 − d) · length)` of each segment, in order.
    ///
    /// The count is computed in `Double` as `(1 - d) * length`, as the reference does in
    /// Python, so rounding matches it (e.g. `d = 0.7`, length 10 keeps 4: (1 − 0.7) × 10 is
    /// 3.0000000000000004).
    ///
    /// - Complexity: O(*n*).
    public func keptIndices(_ ids: [TokenID], padID: TokenID = 0) -> [Int] {
        var kept: [Int] = []
        for segment in Self.segments(ids, padID: padID) {
            let keep = Int(((1 - rate) * Double(segment.count)).rounded(.up))
            kept.append(contentsOf: segment.prefix(max(0, keep)))
        }
        return kept
    }

    /// A gate for the sequence: 0 where kept, `scale` (MrT5: −30) where deleted or padding,
    /// to feed ``DeletionStatistics`` with a threshold between the two.
    public func gate(_ ids: [TokenID], scale: Float = -30, padID: TokenID = 0) -> [Float] {
        var gate = [Float](repeating: scale, count: ids.count)
        for k in keptIndices(ids, padID: padID) { gate[k] = 0 }
        return gate
    }

    /// The deletion statistics of the baseline on one sequence.
    public func statistics(_ ids: [TokenID], padID: TokenID = 0) -> DeletionStatistics {
        let kept = keptIndices(ids, padID: padID)
        let nonPadding = ids.reduce(0) { $0 + ($1 == padID ? 0 : 1) }
        return DeletionStatistics(keptIndices: kept, deletedCount: nonPadding - kept.count,
                                  nonPaddingCount: nonPadding, threshold: -15)
    }
}

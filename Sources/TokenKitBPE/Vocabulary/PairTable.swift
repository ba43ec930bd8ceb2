import TokenKit

/// Merge rules of a vocabulary-and-merges BPE (GPT-2 `vocab.bpe`, Hugging Face `merges`):
/// the pair (left id, right id) → (merge rank, merged id), in an open-addressing table.
///
/// Unlike a rank file, where any two adjacent parts merge if their concatenation is a token,
/// a merges list only allows the listed pairs. ``BPEModel`` uses this table in
/// `BPEModel.MergeRule.pairs` mode, which is Hugging Face's semantics exactly.
public final class PairTable: @unchecked Sendable {
    /// The number of merges.
    public let count: Int
    @usableFromInline let keys: UnsafeMutablePointer<UInt64>
    @usableFromInline let values: UnsafeMutablePointer<UInt64>
    @usableFromInline let mask: Int

    @usableFromInline static let empty = UInt64.max

    /// Builds the table from merges in priority order (index = rank).
    ///
    /// A pair listed twice keeps its first (best) rank, as Hugging Face does.
    public init(merges: [(left: TokenID, right: TokenID, merged: TokenID)]) {
        var capacity = 16
        while capacity < merges.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        keys = HugePages.allocate(UInt64.self, count: capacity)
        keys.update(repeating: Self.empty, count: capacity)
        values = HugePages.allocate(UInt64.self, count: capacity)
        var stored = 0
        for (rank, m) in merges.enumerated() {
            let key = UInt64(m.left) << 32 | UInt64(m.right)
            var s = Int(truncatingIfNeeded: ByteHash.mix(key)) & mask
            while keys[s] != Self.empty && keys[s] != key { s = (s + 1) & mask }
            if keys[s] == key { continue }
            keys[s] = key
            values[s] = UInt64(rank) << 32 | UInt64(m.merged)
            stored += 1
        }
        count = stored
    }

    deinit {
        HugePages.free(keys, count: mask + 1)
        HugePages.free(values, count: mask + 1)
    }

    /// The rank and merged id of the pair, or `nil` if the pair does not merge.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always) @inlinable
    public func lookup(_ left: TokenID, _ right: TokenID) -> (rank: UInt32, merged: TokenID)? {
        let key = UInt64(left) << 32 | UInt64(right)
        var s = Int(truncatingIfNeeded: ByteHash.mix(key)) & mask
        while true {
            let k = keys[s]
            if k == key {
                let v = values[s]
                return (UInt32(truncatingIfNeeded: v >> 32), TokenID(truncatingIfNeeded: v))
            }
            if k == Self.empty { return nil }
            s = (s + 1) & mask
        }
    }
}

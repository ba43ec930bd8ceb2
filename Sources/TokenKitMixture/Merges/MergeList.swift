import TokenKit
import TokenKitBPE

/// A byte-level merge list prepared for mixture inference, with the pre-tokenizer to replay
/// it with.
///
/// Symbol ids: byte values 0…255, then `256 + k` for the token made by ``merges``[k]. Merges
/// that cannot act are removed while building (spec §2.7): a merge whose output token already
/// exists (redundant SentencePiece-style paths; the earliest wins) or whose parts are not
/// tokens yet.
public struct MergeList: Sendable {
    /// One merge as symbol ids.
    public struct Merge: Sendable, Hashable {
        /// The left and right symbols.
        public var left: UInt32, right: UInt32
    }
    /// The merges in order.
    public private(set) var merges: [Merge] = []
    /// The bytes of every symbol (bytes first).
    public private(set) var tokenBytes: [[UInt8]] = (0..<256).map { [UInt8($0)] }
    /// Merges of the source list that were dropped as redundant or broken (source index, why).
    public private(set) var dropped: [(index: Int, reason: String)] = []
    /// Tokens of a rank file that no merge of lower ranks produces (e.g. Llama 3's extras).
    public private(set) var unreachable: [[UInt8]] = []
    /// How the replay splits text: the target tokenizer's own normalizer and pattern (unused
    /// for SentencePiece lists, which split as SentencePiece does).
    public var preTokenizer: TrainingPreTokenizer
    /// Leading merges of ``merges`` that the list does not have: for SentencePiece lists, the
    /// merges that compose each multi-byte character of its alphabet from bytes. They are
    /// replayed without constraints and not counted in ``count``.
    public private(set) var preludeCount = 0
    /// The characters (scalar values) of a SentencePiece list; `nil` for byte-level lists.
    public internal(set) var sentencePieceAlphabet: Set<UInt32>?
    /// Where the list came from.
    public var source: String

    private var idOf: [[UInt8]: UInt32] = [:]

    /// Creates a list from merges given as byte strings, in order.
    public init(pairs: [(left: [UInt8], right: [UInt8])], preTokenizer: TrainingPreTokenizer, source: String) {
        self.preTokenizer = preTokenizer
        self.source = source
        for b in 0..<256 { idOf[[UInt8(b)]] = UInt32(b) }
        for (k, p) in pairs.enumerated() { appendMerge(p.left, p.right, sourceIndex: k) }
    }

    /// Whether a symbol with these bytes exists.
    func contains(_ bytes: [UInt8]) -> Bool { idOf[bytes] != nil }

    /// Records a dropped merge of the source list.
    mutating func noteDropped(_ k: Int, _ reason: String) { dropped.append((k, reason)) }

    /// Appends a merge that is not in the source list (before any merge of it).
    mutating func appendPrelude(_ l: [UInt8], _ r: [UInt8]) {
        guard let a = idOf[l], let b = idOf[r], idOf[l + r] == nil else { return }
        idOf[l + r] = UInt32(tokenBytes.count)
        tokenBytes.append(l + r)
        merges.append(Merge(left: a, right: b))
        preludeCount += 1
    }

    mutating func appendMerge(_ l: [UInt8], _ r: [UInt8], sourceIndex k: Int) {
        guard let a = idOf[l], let b = idOf[r] else {
            dropped.append((k, "a part is not a token yet"))
            return
        }
        let out = l + r
        if idOf[out] != nil {
            dropped.append((k, "redundant: its token is made by an earlier merge"))
            return
        }
        let id = UInt32(tokenBytes.count)
        idOf[out] = id
        tokenBytes.append(out)
        merges.append(Merge(left: a, right: b))
    }

    /// Derives the merges of a tiktoken rank table: for each token of two or more bytes in rank
    /// order, BPE with only lower ranks splits it into exactly two tokens, its merge. Tokens that
    /// do not split into two are reported in ``unreachable``.
    ///
    /// - Complexity: O(Σ L²) over token lengths L.
    public init(ranks table: TokenTable, preTokenizer: TrainingPreTokenizer, source: String) {
        self.preTokenizer = preTokenizer
        self.source = source
        for b in 0..<256 { idOf[[UInt8(b)]] = UInt32(b) }
        var k = 0
        for id in 0..<table.idCount where table.contains(TokenID(id)) {
            let bytes = Array(table.bytes(TokenID(id)))
            guard bytes.count >= 2 else { continue }
            let parts = Self.split(bytes, below: id, table: table)
            if parts.count == 2 {
                appendMerge(parts[0], parts[1], sourceIndex: k)
            } else {
                unreachable.append(bytes)
            }
            k += 1
        }
    }

    /// tiktoken's merge loop restricted to ranks below `limit`.
    static func split(_ bytes: [UInt8], below limit: Int, table: TokenTable) -> [[UInt8]] {
        var parts = bytes.map { [$0] }
        while parts.count > 1 {
            var best = Int.max, at = -1
            for i in 0..<(parts.count - 1) {
                if let r = table.id(of: parts[i] + parts[i + 1]), Int(r) < limit, Int(r) < best {
                    best = Int(r)
                    at = i
                }
            }
            if at < 0 { break }
            parts[at] += parts[at + 1]
            parts.remove(at: at + 1)
        }
        return parts
    }

    /// The number of merges of the source list kept (without the ``preludeCount`` prelude).
    public var count: Int { merges.count - preludeCount }

    /// A stable fingerprint of the merges and the pre-tokenizer, for cache keys.
    public var fingerprint: UInt64 {
        var h = FNV64()
        for m in merges { h.add(UInt64(m.left) << 32 | UInt64(m.right)) }
        h.add(String(describing: preTokenizer.pattern.name))
        h.add(String(describing: preTokenizer.normalization))
        h.add(preTokenizer.individualDigits ? "digits" : "grouped")
        if let alphabet = sentencePieceAlphabet {
            h.add("sentencepiece")
            for a in alphabet.sorted() { h.add(UInt64(a)) }
        }
        return h.value
    }
}

/// FNV-1a, 64-bit: a stable hash for cache keys (Swift's `Hasher` is seeded per process).
struct FNV64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x100_0000_01b3
    }
    mutating func add(_ x: UInt64) { for s in stride(from: 0, to: 64, by: 8) { add(UInt8(truncatingIfNeeded: x >> UInt64(s))) } }
    mutating func add(_ s: String) { for b in s.utf8 { add(b) }; add(UInt8(0xFF)) }
}

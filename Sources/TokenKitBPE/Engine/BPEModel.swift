import TokenKit

/// The byte-level BPE merge engine: encodes one pre-tokenized piece into token ids.
///
/// Two merge rules cover every byte-level vocabulary:
/// - ``MergeRule/ranks``: tiktoken's rule. The vocabulary is a rank file (id = rank); two
///   adjacent parts merge when their concatenated bytes are a token, lowest rank first,
///   leftmost on ties. The whole piece is looked up first (tiktoken always does this; Llama 3
///   needs it for its 678 tokens that merging cannot reach).
/// - ``MergeRule/pairs(_:)``: Hugging Face / GPT-2 `merges` semantics. Only listed pairs merge,
///   by their index in the merges list; with ``ignoreMerges`` the whole piece is looked up first.
///
/// Pieces shorter than ``heapThreshold`` bytes use tiktoken's cache-friendly linear rescan;
/// longer ones use a binary heap over a linked list of parts, O(*m* log *m*), with the same
/// leftmost-lowest-rank order (heap key = rank, then position), so both paths give identical ids.
/// Pieces of ``bucketThreshold`` bytes and more (pathological input: a megabyte of one letter)
/// first try a linear-time merge by rank buckets, which falls back to the heap when the
/// vocabulary breaks its precondition.
///
/// The model is immutable and `Sendable`.
public final class BPEModel: @unchecked Sendable {
    /// How adjacent parts merge.
    public enum MergeRule: Sendable {
        /// tiktoken: concatenation lookup, rank = id.
        case ranks
        /// A merges list: pair → (rank, merged id).
        case pairs(PairTable)
    }

    /// The vocabulary (id ↔ bytes).
    public let table: TokenTable
    /// The merge rule.
    public let rule: MergeRule
    /// Whether a piece that is itself a token becomes that token without merging (always on
    /// for ``MergeRule/ranks``; Hugging Face's `ignore_merges` for ``MergeRule/pairs(_:)``).
    public let ignoreMerges: Bool
    /// Pieces at least this long (bytes) use the heap merge.
    public static let heapThreshold = 128

    /// Id of each single byte (`UInt32.max` when the vocabulary lacks it).
    @usableFromInline let byteIDs: UnsafeMutablePointer<UInt32>
    @usableFromInline let pairTable: PairTable?
    /// The merge of every pair of single bytes (rank << 32 | merged id, or `noMerge`), dense:
    /// 512 KB that answer the first round of merging — m − 1 lookups per piece, most of the
    /// lookups on non-Latin text — without touching the large hash table.
    @usableFromInline let bytePairs: UnsafeMutablePointer<UInt64>

    /// A random identity for the per-thread piece caches.
    @usableFromInline let cacheToken = UInt64.random(in: 1...UInt64.max)

    /// The bytes that have no single-byte token in the vocabulary.
    public let missingBytes: [UInt8]

    /// Creates an engine.
    ///
    /// - Parameters:
    ///   - table: The vocabulary.
    ///   - rule: The merge rule.
    ///   - ignoreMerges: Whole-piece lookup first (forced on for ``MergeRule/ranks``).
    ///   - byteIDs: The id of each byte value (256 entries, `nil` where absent); by default each
    ///     byte's one-byte token in `table`. Hugging Face byte-level vocabularies spell bytes with
    ///     the GPT-2 alphabet, so their loaders map them with ``ByteLevelAlphabet`` and pass the
    ///     ids here. A piece containing a byte without an id drops that byte (Hugging Face's
    ///     behaviour without `unk_token`); ``missingBytes`` lets a loader refuse such a vocabulary.
    public init(table: TokenTable, rule: MergeRule, ignoreMerges: Bool = false, byteIDs: [TokenID?]? = nil) {
        self.table = table
        self.rule = rule
        if case .pairs(let p) = rule {
            self.pairTable = p
            self.ignoreMerges = ignoreMerges
        } else {
            self.pairTable = nil
            self.ignoreMerges = true
        }
        self.byteIDs = .allocate(capacity: 256)
        var missing: [UInt8] = []
        for b in 0..<256 {
            var id: TokenID?
            if let byteIDs, byteIDs.count == 256 {
                id = byteIDs[b]
            } else {
                id = table.id(of: [UInt8(b)])
            }
            self.byteIDs[b] = id ?? UInt32.max
            if id == nil { missing.append(UInt8(b)) }
        }
        self.missingBytes = missing
        self.bytePairs = .allocate(capacity: 65536)
        for a in 0..<256 {
            for b in 0..<256 {
                let r: UInt64
                if let p = pairTable {
                    r = PairRule(pairs: p).query(leftStart: 0, left: self.byteIDs[a], right: self.byteIDs[b], rightEnd: 2)
                } else if let id = table.id(of: [UInt8(a), UInt8(b)]) {
                    r = UInt64(id) << 32 | UInt64(id)
                } else {
                    r = noMerge
                }
                bytePairs[a << 8 | b] = r
            }
        }
    }

    deinit {
        byteIDs.deallocate()
        bytePairs.deallocate()
    }

    /// Encodes the piece `base[start..<end]` (an index range into the caller's buffer, so
    /// emitted offsets are absolute).
    ///
    /// - Complexity: O(1) hash lookup when the piece is a token; O(*m*²) worst case for
    ///   *m* < ``heapThreshold`` (short pieces, cache-resident); O(*m* log *m*) above; O(*m*)
    ///   from ``bucketThreshold`` for vocabularies whose merges never lower the rank.
    @inlinable
    public func encodePiece<S: TokenSink>(_ base: UnsafePointer<UInt8>, start: Int, end: Int, into sink: inout S) {
        let m = end - start
        if m <= 0 { return }
        if m == 1 {
            let id = byteIDs[Int(base[start])]
            if id != UInt32.max { sink.emit(id, start: start, end: end) }
            return
        }
        // Short pieces (≤ 8 bytes, most English words) are one in-slot compare in the table.
        if m <= 8, ignoreMerges, let id = table.id(of: base + start, count: m) {
            sink.emit(id, start: start, end: end)
            return
        }
        if m <= PieceCache.maxBytes {
            // The per-thread cache (≈1.5 MB, mostly cache-resident) is asked before the
            // multi-megabyte vocabulary table, so frequent pieces — one token or several —
            // cost no random probe into the big table.
            let h = ByteHash.hash(base + start, m)
            let cache = PieceCache.current(for: self)
            if cache.emit(base, start, m, h, into: &sink) { return }
            var recorder = PieceRecorder()
            if m > 8, ignoreMerges, let id = table.id(of: base + start, count: m) {
                recorder.emit(id, start: start, end: end)
            } else {
                merge(base, start, m, &recorder)
            }
            if !recorder.overflow {
                cache.store(base, start, m, h, recorder)
                _ = cache.emit(base, start, m, h, into: &sink)
                return
            }
        }
        if ignoreMerges, let id = table.id(of: base + start, count: m) {
            sink.emit(id, start: start, end: end)
            return
        }
        merge(base, start, m, &sink)
    }

    /// Merges a piece with the model's rule, choosing the linear or heap loop by length.
    @inline(__always) @usableFromInline
    func merge<S: TokenSink>(_ base: UnsafePointer<UInt8>, _ start: Int, _ m: Int, _ sink: inout S) {
        if let pairTable {
            let rule = PairRule(pairs: pairTable)
            if m < Self.heapThreshold {
                linearMerge(base, start, m, rule, &sink)
            } else if m < Self.bucketThreshold || !bucketMerge(base, start, m, rule, rankLimit: pairTable.count, &sink) {
                heapMerge(base, start, m, rule, &sink)
            }
        } else {
            let rule = RankRule(table: table, base: base + start, bytePairs: bytePairs)
            if m < Self.heapThreshold {
                linearMerge(base, start, m, rule, &sink)
            } else if m < Self.bucketThreshold || !bucketMerge(base, start, m, rule, rankLimit: table.idCount, &sink) {
                heapMerge(base, start, m, rule, &sink)
            }
        }
    }

    /// Encodes a whole byte buffer as one piece (no pre-tokenization).
    public func encodePiece(_ bytes: [UInt8]) -> [TokenID] {
        var sink = IDSink()
        bytes.withUnsafeBufferPointer { b in
            if let p = b.baseAddress { encodePiece(p, start: 0, end: b.count, into: &sink) }
        }
        return sink.ids
    }
}

// MARK: - Merge rules

/// What the merge loops ask: may these two adjacent parts merge, at what rank, into which id?
@usableFromInline
protocol MergeQuery {
    /// Parts are `[leftStart, rightStart)` with id `left` and `[rightStart, rightEnd)` with id `right`
    /// (positions relative to the piece).
    func query(leftStart: Int, left: UInt32, right: UInt32, rightEnd: Int) -> UInt64
}

/// Result encoding of ``MergeQuery/query``: rank << 32 | merged id; `noMerge` when none.
@usableFromInline let noMerge = UInt64.max

@usableFromInline
struct RankRule: MergeQuery {
    @usableFromInline let table: TokenTable
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let bytePairs: UnsafeMutablePointer<UInt64>
    @usableFromInline init(table: TokenTable, base: UnsafePointer<UInt8>, bytePairs: UnsafeMutablePointer<UInt64>) {
        self.table = table; self.base = base; self.bytePairs = bytePairs
    }
    @inline(__always) @usableFromInline
    func query(leftStart: Int, left: UInt32, right: UInt32, rightEnd: Int) -> UInt64 {
        if rightEnd - leftStart == 2 { return bytePairs[Int(base[leftStart]) << 8 | Int(base[leftStart + 1])] }
        guard let id = table.id(of: base + leftStart, count: rightEnd - leftStart) else { return noMerge }
        return UInt64(id) << 32 | UInt64(id)
    }
}

@usableFromInline
struct PairRule: MergeQuery {
    @usableFromInline let pairs: PairTable
    @usableFromInline init(pairs: PairTable) { self.pairs = pairs }
    @inline(__always) @usableFromInline
    func query(leftStart: Int, left: UInt32, right: UInt32, rightEnd: Int) -> UInt64 {
        if left == UInt32.max || right == UInt32.max { return noMerge }
        guard let r = pairs.lookup(left, right) else { return noMerge }
        return UInt64(r.rank) << 32 | UInt64(r.merged)
    }
}

import TokenKit

/// The `BPE` model of a Hugging Face `tokenizer.json`, with its options.
///
/// Works on the bytes of one pre-tokenized piece. In byte-level mode (the pipeline has a
/// `ByteLevel` pre-tokenizer) each byte is one initial symbol and the vocabulary has been
/// converted from GPT-2's alphabet to raw bytes; otherwise each UTF-8 character is one.
/// Merging follows `tokenizers`' `Word::merge_all`: the lowest merge rank first, the leftmost
/// pair among equal ranks.
public struct HFBPEModel: Sendable {
    /// Token text as the vocabulary writes it (UTF-8), by id; `nil` for unused ids.
    let tokenText: [[UInt8]?]
    /// Lookup from model-space bytes to id.
    let vocabulary: [[UInt8]: TokenID]
    /// `(left << 32 | right)` → `(rank << 32 | merged id)`.
    let merges: [UInt64: UInt64]
    /// Options.
    let continuingSubwordPrefix: [UInt8]
    let endOfWordSuffix: [UInt8]
    let unknown: TokenID?
    let fuseUnknown: Bool
    let byteFallback: [TokenID?]?
    let ignoreMerges: Bool
    /// Whether initial symbols are bytes rather than characters.
    let byteLevel: Bool
    /// The number of vocabulary entries.
    let vocabularyCount: Int
    /// The BPE engine with the same vocabulary and merges, for byte-level models without
    /// prefix, suffix, unknown token or byte fallback (its pair rule is `tokenizers`' order).
    let engine: BPEModel?

    init(tokenText: [[UInt8]?], vocabulary: [[UInt8]: TokenID], merges: [UInt64: UInt64],
         continuingSubwordPrefix: [UInt8], endOfWordSuffix: [UInt8], unknown: TokenID?, fuseUnknown: Bool,
         byteFallback: [TokenID?]?, ignoreMerges: Bool, byteLevel: Bool, vocabularyCount: Int, useEngine: Bool = true)
    {
        self.tokenText = tokenText
        self.vocabulary = vocabulary
        self.merges = merges
        self.continuingSubwordPrefix = continuingSubwordPrefix
        self.endOfWordSuffix = endOfWordSuffix
        self.unknown = unknown
        self.fuseUnknown = fuseUnknown
        self.byteFallback = byteFallback
        self.ignoreMerges = ignoreMerges
        self.byteLevel = byteLevel
        self.vocabularyCount = vocabularyCount
        self.engine = useEngine && byteLevel && continuingSubwordPrefix.isEmpty && endOfWordSuffix.isEmpty && unknown == nil && byteFallback == nil
            ? Self.makeEngine(vocabulary: vocabulary, merges: merges, ignoreMerges: ignoreMerges) : nil
    }

    /// The engine for these tables, or `nil` if they do not fit it.
    static func makeEngine(vocabulary: [[UInt8]: TokenID], merges: [UInt64: UInt64], ignoreMerges: Bool) -> BPEModel? {
        var builder = TokenTable.Builder(capacity: vocabulary.count)
        for (bytes, id) in vocabulary where !bytes.isEmpty {
            guard builder.add(bytes, id: id) else { return nil }
        }
        guard let table = try? builder.build() else { return nil }
        // Ranks renumbered in order (duplicates were already resolved as tokenizers does).
        let ordered = merges.sorted { ($0.value >> 32) < ($1.value >> 32) }.map { entry in
            (left: TokenID(truncatingIfNeeded: entry.key >> 32), right: TokenID(truncatingIfNeeded: entry.key),
             merged: TokenID(truncatingIfNeeded: entry.value))
        }
        let byteIDs: [TokenID?] = (0..<256).map { vocabulary[[UInt8($0)]] }
        return BPEModel(table: table, rule: .pairs(PairTable(merges: ordered)), ignoreMerges: ignoreMerges, byteIDs: byteIDs)
    }

    /// Encodes `base[start..<end]` with the engine (offsets absolute); `false` if there is none.
    @inline(__always)
    func encodeFast<S: TokenSink>(_ base: UnsafePointer<UInt8>, start: Int, end: Int, into sink: inout S) -> Bool {
        guard let engine else { return false }
        engine.encodePiece(base, start: start, end: end, into: &sink)
        return true
    }

    /// One past the largest id the model defines.
    var idLimit: Int { tokenText.count }

    /// The number of tokens in the vocabulary (`get_vocab_size`).
    var definedCount: Int { vocabularyCount }

    /// Appends the tokens of one piece: ids with byte ranges into `piece`.
    ///
    /// - Complexity: O(*n*²) in the piece's symbols for short pieces, O(*n* log *n*) with the
    ///   heap for long ones.
    func tokenize(_ piece: [UInt8], into out: inout [(id: TokenID, range: Range<Int>)]) {
        if piece.isEmpty { return }
        if let engine {
            var sink = PairSink(out: out)
            piece.withUnsafeBufferPointer { buf in
                if let base = buf.baseAddress { engine.encodePiece(base, start: 0, end: buf.count, into: &sink) }
            }
            out = sink.out
            return
        }
        if ignoreMerges, let id = vocabulary[piece] {
            out.append((id, 0..<piece.count))
            return
        }
        var ids: [TokenID] = []
        var lengths: [Int] = []
        ids.reserveCapacity(piece.count)
        lengths.reserveCapacity(piece.count)
        var pendingUnknown: (id: TokenID, length: Int)? = nil
        var i = 0
        while i < piece.count {
            let n = byteLevel ? 1 : min(AlignedText.sequenceLength(piece[i]), piece.count - i)
            let end = i + n
            var key: [UInt8] = []
            if i > 0 { key.append(contentsOf: continuingSubwordPrefix) }
            key.append(contentsOf: piece[i..<end])
            if end == piece.count { key.append(contentsOf: endOfWordSuffix) }
            if let id = vocabulary[key] {
                if let u = pendingUnknown {
                    ids.append(u.id); lengths.append(u.length)
                    pendingUnknown = nil
                }
                ids.append(id); lengths.append(n)
            } else {
                if let table = byteFallback, key.allSatisfy({ table[Int($0)] != nil }) {
                    // tokenizers adds the byte tokens of the whole key (prefix and suffix
                    // included), each one byte long, before any pending unknown.
                    for b in key {
                        ids.append(table[Int(b)] ?? 0); lengths.append(1)
                    }
                    i = end
                    continue
                }
                if let unk = unknown {
                    if let u = pendingUnknown {
                        if fuseUnknown {
                            pendingUnknown = (u.id, u.length + n)
                        } else {
                            ids.append(u.id); lengths.append(u.length)
                            pendingUnknown = (unk, n)
                        }
                    } else {
                        pendingUnknown = (unk, n)
                    }
                }
                // Without an unknown token tokenizers drops the character; so do we.
            }
            i = end
        }
        if let u = pendingUnknown { ids.append(u.id); lengths.append(u.length) }
        if ids.count > 1 { merge(&ids, &lengths) }
        var position = 0
        for k in 0..<ids.count {
            let start = min(position, piece.count)
            position += lengths[k]
            out.append((ids[k], start..<min(position, piece.count)))
        }
    }

    @inline(__always)
    private func mergeOf(_ a: TokenID, _ b: TokenID) -> (rank: UInt32, id: TokenID)? {
        guard let v = merges[UInt64(a) << 32 | UInt64(b)] else { return nil }
        return (UInt32(truncatingIfNeeded: v >> 32), TokenID(truncatingIfNeeded: v))
    }

    /// Applies merges until none applies: lowest rank first, leftmost among equals.
    private func merge(_ ids: inout [TokenID], _ lengths: inout [Int]) {
        if ids.count > 64 {
            heapMerge(&ids, &lengths)
            return
        }
        while ids.count > 1 {
            var best: (rank: UInt32, at: Int, id: TokenID)? = nil
            for k in 0..<(ids.count - 1) {
                if let m = mergeOf(ids[k], ids[k + 1]), best == nil || m.rank < best!.rank {
                    best = (m.rank, k, m.id)
                }
            }
            guard let b = best else { return }
            ids[b.at] = b.id
            lengths[b.at] += lengths[b.at + 1]
            ids.remove(at: b.at + 1)
            lengths.remove(at: b.at + 1)
        }
    }

    /// The heap version for long pieces (same order of merges).
    private func heapMerge(_ ids: inout [TokenID], _ lengths: inout [Int]) {
        let n = ids.count
        var prev = Array(-1..<(n - 1))
        var next = Array(1...n)
        next[n - 1] = -1
        var alive = [Bool](repeating: true, count: n)
        var heap = HFMergeHeap()
        for k in 0..<(n - 1) {
            if let m = mergeOf(ids[k], ids[k + 1]) { heap.push(rank: m.rank, position: k, id: m.id) }
        }
        while let top = heap.pop() {
            let k = top.position
            guard alive[k], next[k] >= 0 else { continue }
            let r = next[k]
            guard let m = mergeOf(ids[k], ids[r]), m.id == top.id, m.rank == top.rank else { continue }
            ids[k] = m.id
            lengths[k] += lengths[r]
            alive[r] = false
            next[k] = next[r]
            if next[r] >= 0 { prev[next[r]] = k }
            if prev[k] >= 0, let p = mergeOf(ids[prev[k]], ids[k]) { heap.push(rank: p.rank, position: prev[k], id: p.id) }
            if next[k] >= 0, let q = mergeOf(ids[k], ids[next[k]]) { heap.push(rank: q.rank, position: k, id: q.id) }
        }
        var outIDs: [TokenID] = []
        var outLengths: [Int] = []
        var k = 0
        while k >= 0 && k < n {
            outIDs.append(ids[k])
            outLengths.append(lengths[k])
            k = next[k]
        }
        ids = outIDs
        lengths = outLengths
    }
}

/// A binary min-heap of pending merges ordered by (rank, position).
private struct HFMergeHeap {
    private var items: [(rank: UInt32, position: Int, id: TokenID)] = []

    private static func less(_ a: (rank: UInt32, position: Int, id: TokenID), _ b: (rank: UInt32, position: Int, id: TokenID)) -> Bool {
        a.rank != b.rank ? a.rank < b.rank : a.position < b.position
    }

    mutating func push(rank: UInt32, position: Int, id: TokenID) {
        items.append((rank, position, id))
        var c = items.count - 1
        while c > 0 {
            let p = (c - 1) / 2
            if Self.less(items[c], items[p]) { items.swapAt(c, p); c = p } else { break }
        }
    }

    mutating func pop() -> (rank: UInt32, position: Int, id: TokenID)? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var p = 0
            while true {
                let l = 2 * p + 1
                let r = l + 1
                var m = p
                if l < items.count && Self.less(items[l], items[m]) { m = l }
                if r < items.count && Self.less(items[r], items[m]) { m = r }
                if m == p { break }
                items.swapAt(p, m)
                p = m
            }
        }
        return first
    }
}

/// Collects engine output as (id, range) pairs.
private struct PairSink: TokenSink {
    var out: [(id: TokenID, range: Range<Int>)]

    mutating func emit(_ id: TokenID, start: Int, end: Int) { out.append((id, start..<end)) }
}

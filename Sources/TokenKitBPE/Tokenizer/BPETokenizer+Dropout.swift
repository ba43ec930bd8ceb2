import TokenKit

/// BPE-dropout (Provilkov et al., 2020): while merging a piece, each candidate merge is skipped
/// with probability `rate`, so the same text gets varied segmentations for training.
///
/// Semantics follow Hugging Face's `Word::merge_all` with dropout: candidates are taken in merge
/// order (lowest rank, then leftmost); a skipped candidate waits, and the first one not skipped
/// is applied, after which the waiting ones come back. A piece is done when every remaining
/// candidate was skipped in a row. Rate 0 is exactly the plain encoding (it takes the plain
/// path); rate 1 skips every merge, so every piece comes out as bytes. With a dropout rate above
/// 0 the whole-piece shortcut (tiktoken's rule, `ignore_merges`) is off: dropout acts on merges.
public struct BPEDropout: Sendable, Hashable {
    /// The probability of skipping each candidate merge, in 0…1.
    public var rate: Double
    /// The seed of the random generator; equal seeds give equal segmentations.
    public var seed: UInt64

    /// Creates settings; `rate` is clamped to 0…1.
    public init(rate: Double, seed: UInt64 = 0) {
        self.rate = min(1, max(0, rate))
        self.seed = seed
    }
}

extension BPETokenizer {
    /// Encodes with BPE-dropout.
    ///
    /// Special tokens are handled as by ``encode(_:options:)``. Under a normalizer, tokens of a
    /// normalized non-ASCII run all report that run's byte range (the merge happens on the
    /// normalized bytes).
    ///
    /// - Complexity: O(*m*²) per piece of *m* bytes (a plain rescan per merge).
    public func encode(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions, dropout: BPEDropout) throws(TokenizerError) -> Encoding {
        if dropout.rate <= 0 { return try encode(bytes, options: options) }
        var rng = SplitMix64(seed: dropout.seed)
        var out = Encoding()
        try forEachSegment(bytes, options.specials) { segment throws(TokenizerError) in
            switch segment {
            case .text(let range): try dropoutRun(bytes, range, dropout.rate, &rng, &out)
            case .special(let token, let range): out.append(token.id, covering: range)
            }
            return true
        }
        return out
    }

    /// Encodes a string with BPE-dropout.
    public func encode(_ text: String, options: EncodeOptions = .plain, dropout: BPEDropout) throws(TokenizerError) -> Encoding {
        let utf8 = Array(text.utf8)
        let result = utf8.withUnsafeBufferPointer { buffer in
            Result { () throws(TokenizerError) -> Encoding in try encode(buffer, options: options, dropout: dropout) }
        }
        return try result.get()
    }

    private func dropoutRun(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ rate: Double,
                            _ rng: inout SplitMix64, _ out: inout Encoding) throws(TokenizerError) {
        if range.isEmpty { return }
        let run = UnsafeBufferPointer(rebasing: bytes[range])
        if let form = normalization, !UnicodeText.isASCII(run) {
            let normalized = try UnicodeText.normalize(run, to: form)
            var pieces: [[TokenID]] = []
            try normalized.withUnsafeBufferPointer { buffer throws(TokenizerError) in
                try pattern.split(buffer, 0..<buffer.count) { s, e in
                    pieces.append(self.dropoutPiece(Array(buffer[s..<e]), rate, &rng).map(\.id))
                    return true
                }
            }
            for id in pieces.joined() { out.append(id, covering: range) }
            return
        }
        try pattern.split(bytes, range) { s, e in
            for part in self.dropoutPiece(Array(bytes[s..<e]), rate, &rng) {
                out.append(part.id, covering: (s + part.start)..<(s + part.end))
            }
            return true
        }
    }

    /// Merges one piece with dropout; returns (id, start, end) parts relative to the piece.
    func dropoutPiece(_ piece: [UInt8], _ rate: Double, _ rng: inout SplitMix64) -> [(id: TokenID, start: Int, end: Int)] {
        var parts: [(id: TokenID, start: Int, end: Int)] = []
        for (k, b) in piece.enumerated() {
            let id = model.byteIDs[Int(b)]
            if id != UInt32.max { parts.append((id, k, k + 1)) }
        }
        while parts.count > 1 {
            // Candidates in merge order: (rank, position, merged id).
            var candidates: [(rank: UInt32, at: Int, merged: TokenID)] = []
            for i in 0..<(parts.count - 1) {
                if let m = merge(parts[i], parts[i + 1], piece) { candidates.append((m.rank, i, m.merged)) }
            }
            if candidates.isEmpty { break }
            candidates.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.at < $1.at }
            guard let chosen = candidates.first(where: { _ in Double.random(in: 0..<1, using: &rng) >= rate }) else { break }
            let left = parts[chosen.at], right = parts[chosen.at + 1]
            parts[chosen.at] = (chosen.merged, left.start, right.end)
            parts.remove(at: chosen.at + 1)
        }
        return parts
    }

    private func merge(_ l: (id: TokenID, start: Int, end: Int), _ r: (id: TokenID, start: Int, end: Int),
                       _ piece: [UInt8]) -> (rank: UInt32, merged: TokenID)? {
        switch model.rule {
        case .pairs(let table):
            return table.lookup(l.id, r.id)
        case .ranks:
            let joined = Array(piece[l.start..<r.end])
            guard let id = joined.withUnsafeBufferPointer({ model.table.id(of: $0.baseAddress!, count: $0.count) }) else { return nil }
            return (id, id)
        }
    }
}

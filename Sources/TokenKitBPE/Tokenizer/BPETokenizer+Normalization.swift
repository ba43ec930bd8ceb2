import TokenKit

extension BPETokenizer {
    /// Normalizes an ordinary run and encodes it, mapping offsets back to the input.
    ///
    /// The run is cut into chunks at boundaries between two ASCII bytes (no normalization
    /// form composes or reorders across them); chunks that normalization leaves unchanged keep
    /// exact offsets, and a token inside a changed chunk gets offsets snapped to the chunk's
    /// input range (monotone, so offsets still tile the input).
    @usableFromInline
    func normalizedRun<S: TokenSink & TokenCounting>(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ form: NormalizationForm, _ sink: inout S, limit: Int) throws(TokenizerError) {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        let normalized = try UnicodeText.normalize(slice, to: form)
        if normalized.count == slice.count && normalized.elementsEqual(slice) {
            guard let base = bytes.baseAddress else { return }
            let model = self.model
            try pattern.split(bytes, range) { s, e in
                model.encodePiece(base, start: s, end: e, into: &sink)
                return sink.tokenCount <= limit
            }
            return
        }
        // Chunk map: (outStart, inStart, changed) per chunk, built by normalizing chunks.
        var out: [UInt8] = []
        out.reserveCapacity(normalized.count)
        var chunks: [(outStart: Int, inStart: Int, inEnd: Int, changed: Bool)] = []
        var i = 0
        let n = slice.count
        while i < n {
            var j = i + 1
            while j < n && !(slice[j - 1] < 0x80 && slice[j] < 0x80) { j += 1 }
            let piece = UnsafeBufferPointer(rebasing: slice[i..<j])
            let outStart = out.count
            if UnicodeText.isASCII(piece) {
                out.append(contentsOf: piece)
                chunks.append((outStart, i, j, false))
            } else {
                let nz = try UnicodeText.normalize(piece, to: form)
                let changed = !(nz.count == piece.count && nz.elementsEqual(piece))
                out.append(contentsOf: nz)
                chunks.append((outStart, i, j, changed))
            }
            i = j
        }
        let offset = range.lowerBound
        func map(_ q: Int) -> Int {
            var lo = 0, hi = chunks.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if chunks[mid].outStart <= q { lo = mid } else { hi = mid - 1 }
            }
            let c = chunks[lo]
            if q == c.outStart { return offset + c.inStart }
            if !c.changed { return offset + c.inStart + (q - c.outStart) }
            return offset + c.inEnd
        }
        var inner = EncodingSink()
        let model = self.model
        let pattern = self.pattern
        let result = out.withUnsafeBufferPointer { buffer in
            Result { () throws(TokenizerError) in
                guard let base = buffer.baseAddress else { return }
                try pattern.split(buffer, 0..<buffer.count) { s, e in
                    model.encodePiece(base, start: s, end: e, into: &inner)
                    return sink.tokenCount + inner.encoding.count <= limit
                }
            }
        }
        try result.get()
        let total = out.count
        for (id, r) in zip(inner.encoding.ids, inner.encoding.offsets) {
            let s = map(r.lowerBound)
            let e = r.upperBound >= total ? range.upperBound : map(r.upperBound)
            sink.emit(id, start: s, end: max(s, e))
        }
    }
}

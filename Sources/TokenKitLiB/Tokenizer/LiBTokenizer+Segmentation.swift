import TokenKit

/// Where segmentation sends its tokens: an `Encoding` or a counter.
protocol LiBSink {
    mutating func emit(_ id: TokenID, _ range: Range<Int>)
}

struct EncodingSink: LiBSink {
    var encoding = Encoding()
    mutating func emit(_ id: TokenID, _ range: Range<Int>) { encoding.append(id, covering: range) }
}

/// Collects the byte range of every piece (faithful pieces may be symbols without an id).
struct PieceSink: LiBSink {
    var ranges: [Range<Int>] = []
    mutating func emit(_ id: TokenID, _ range: Range<Int>) { ranges.append(range) }
}

struct CountSink: LiBSink {
    var count = 0
    mutating func emit(_ id: TokenID, _ range: Range<Int>) { count += 1 }
}

/// One step of a segmentation path: a lexicon entry (`id >= 0`) or a unit the lexicon lacks
/// (`id == -1`: one scalar, or one byte that is not valid UTF-8).
struct PathStep {
    var id: Int32
    var start: Int
    var end: Int
}

extension LiBTokenizer {
    /// Encodes with LiB segmentation between special tokens.
    ///
    /// - Throws: `TokenizerError`: invalid UTF-8 or an unknown symbol in faithful mode; a
    ///   disallowed special token.
    /// - Complexity: O(*n* · *k*) for *n* input bytes and entries of at most *k* bytes: every
    ///   byte is matched at most twice (once per path) and each match walks at most *k* bytes.
    public func encode(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Encoding {
        var sink = EncodingSink()
        sink.encoding.reserveCapacity(bytes.count / 3 + 2)
        try run(bytes, options: options, into: &sink)
        return sink.encoding
    }

    /// Counts without building the encoding.
    public func count(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Int {
        var sink = CountSink()
        try run(bytes, options: options, into: &sink)
        return sink.count
    }

    /// Segments text into token strings (byte-fallback tokens show as `<0xNN>`).
    public func segment(_ text: String) throws(TokenizerError) -> [String] {
        try encode(text, options: .plain).ids.map { displayString($0) ?? "" }
    }

    /// The pieces the segmenter cuts `text` into, as the reference's `apply` returns them:
    /// in faithful mode this includes symbols the lexicon lacks (which have no id, so
    /// ``encode(_:options:)`` rejects them). Special tokens are not matched.
    public func pieces(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var sink = PieceSink()
            var scratch = (defaultPath: [PathStep](), alterPath: [PathStep]())
            // Cannot throw: strict is false and the bytes of a String are valid UTF-8.
            try? segment(bytes, 0, bytes.count, into: &sink, scratch: &scratch, strict: false)
            return sink.ranges.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        }
    }

    func run<S: LiBSink>(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions, into sink: inout S) throws(TokenizerError) {
        if mode == .faithful, let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw .invalidUTF8(at: bad)
        }
        let framed = options.framing == .add
        if framed, let bos = specialTokens.first(.bos) { sink.emit(bos.id, 0..<0) }
        var scratch = (defaultPath: [PathStep](), alterPath: [PathStep]())
        if matcher.isEmpty || (options.specials.allowed == .none && options.specials.disallowed == .none) {
            try segment(bytes, 0, bytes.count, into: &sink, scratch: &scratch, strict: true)
        } else {
            for part in try matcher.segments(of: bytes, policy: options.specials) {
                if let special = part.special {
                    sink.emit(special.id, part.range)
                } else {
                    try segment(bytes, part.range.lowerBound, part.range.upperBound, into: &sink, scratch: &scratch, strict: true)
                }
            }
        }
        if framed, let eos = specialTokens.first(.eos) { sink.emit(eos.id, bytes.count..<bytes.count) }
    }

    /// The reference's `apply` over `bytes[lo..<hi]` (spec §1.5), with production's changes.
    func segment<S: LiBSink>(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, into sink: inout S,
                             scratch: inout (defaultPath: [PathStep], alterPath: [PathStep]),
                             strict: Bool) throws(TokenizerError) {
        var i = lo
        while i < hi {
            let m = trie.twoLongest(b, from: i, to: hi)
            let unitEnd = i + unitLength(b, i, hi)
            if m.longestID >= 0 && m.smallerID >= 0 && m.longestEnd > unitEnd {
                // Two paths: the longest match vs the second-longest; extend whichever is
                // behind greedily until both end at the same place, then commit the better.
                scratch.defaultPath.removeAll(keepingCapacity: true)
                scratch.alterPath.removeAll(keepingCapacity: true)
                scratch.defaultPath.append(PathStep(id: m.longestID, start: i, end: m.longestEnd))
                scratch.alterPath.append(PathStep(id: m.smallerID, start: i, end: m.smallerEnd))
                var defaultEnd = m.longestEnd, alterEnd = m.smallerEnd
                while defaultEnd != alterEnd {
                    if defaultEnd > alterEnd {
                        let g = greedy(b, alterEnd, hi)
                        scratch.alterPath.append(g)
                        alterEnd = g.end
                    } else {
                        let g = greedy(b, defaultEnd, hi)
                        scratch.defaultPath.append(g)
                        defaultEnd = g.end
                    }
                }
                let chosen = alternativeIsBetter(scratch.defaultPath, scratch.alterPath) ? scratch.alterPath : scratch.defaultPath
                for step in chosen { try emit(step, b, into: &sink, strict: strict) }
                i = defaultEnd
            } else if mode == .faithful {
                // Quirk L2: a single symbol, even when a longer match exists.
                let single = exactID(b, i, unitEnd)
                try emit(PathStep(id: single, start: i, end: unitEnd), b, into: &sink, strict: strict)
                i = unitEnd
            } else if m.longestID >= 0 {
                sink.emit(TokenID(m.longestID), i..<m.longestEnd)
                i = m.longestEnd
            } else {
                try emit(PathStep(id: -1, start: i, end: unitEnd), b, into: &sink, strict: strict)
                i = unitEnd
            }
        }
    }

    /// The bytes of one unit at `i`: a whole scalar, or a single byte that is not valid UTF-8.
    @inline(__always)
    func unitLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Int {
        if b[i] < 0x80 { return 1 }
        guard let n = UTF8Validation.validSequenceLength(at: i, in: b), i + n <= hi else { return 1 }
        return n
    }

    /// Longest match at `p`, else one unit the lexicon lacks.
    @inline(__always)
    func greedy(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ hi: Int) -> PathStep {
        let m = trie.longest(b, from: p, to: hi)
        return m.id >= 0 ? PathStep(id: m.id, start: p, end: m.end) : PathStep(id: -1, start: p, end: p + unitLength(b, p, hi))
    }

    /// The id of the entry that is exactly `b[start..<end]`, or -1.
    func exactID(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        let m = trie.twoLongest(b, from: start, to: end)
        if m.longestEnd == end && m.longestID >= 0 { return m.longestID }
        return -1
    }

    /// Fewer steps, then a strictly smaller rank sum. Unknown units add 0 in faithful mode
    /// (pitfall L4) and rank after every entry in production mode.
    func alternativeIsBetter(_ defaultPath: [PathStep], _ alterPath: [PathStep]) -> Bool {
        if defaultPath.count != alterPath.count { return defaultPath.count > alterPath.count }
        let unknownRank = mode == .faithful ? 0 : lexicon.count
        var d = 0, a = 0
        for s in defaultPath { d += s.id >= 0 ? Int(s.id) : unknownRank }
        for s in alterPath { a += s.id >= 0 ? Int(s.id) : unknownRank }
        return d > a
    }

    @inline(__always)
    func emit<S: LiBSink>(_ step: PathStep, _ b: UnsafeBufferPointer<UInt8>, into sink: inout S,
                          strict: Bool) throws(TokenizerError) {
        if step.id >= 0 || (!strict && mode == .faithful) {
            sink.emit(TokenID(truncatingIfNeeded: step.id), step.start..<step.end)
            return
        }
        if mode == .faithful {
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[step.start..<step.end]), as: UTF8.self)
            let code = text.unicodeScalars.first.map { "U+" + String($0.value, radix: 16, uppercase: true) } ?? "?"
            throw TokenizerError(
                code: .unsupportedInput,
                message: "the symbol \(code) (\(TokenText.escaped(Array(text.utf8)))) at byte \(step.start) is not in the LiB lexicon; faithful mode has no fallback (use production mode)",
                byteOffset: step.start)
        }
        let base = lexicon.count
        for k in step.start..<step.end { sink.emit(TokenID(base + Int(b[k])), k..<(k + 1)) }
    }
}

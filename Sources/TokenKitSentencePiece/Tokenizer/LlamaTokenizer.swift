import TokenKit

/// The SentencePiece-style BPE tokenizer of llama2.c checkpoints (`tokenizer.bin`, `tok512.bin`).
///
/// Encoding follows llama2.c's `run.c`: an optional BOS, then — when the text is non-empty — the
/// piece `" "` as SentencePiece's dummy prefix, then one symbol per UTF-8 code point (its piece,
/// or one `<0xXX>` byte-fallback piece per byte when the code point is not a piece), then the
/// adjacent pair whose concatenation is a piece with the highest score is merged, leftmost on
/// ties, until no pair merges.
///
/// One deliberate refinement (binding for the project's goldens, spec §5.3): bytes are grouped
/// into *well-formed* code points; each byte of an ill-formed sequence is its own unit, so any
/// byte string encodes and round-trips (``roundTrip`` is `RoundTrip.bytes`). On valid UTF-8
/// the result equals `run.c`'s.
///
/// Framing: `Framing.tokenizerDefault` prepends BOS (llama2.c's `generate` convention);
/// `Framing.add` prepends BOS and appends EOS; `Framing.none` adds neither (the dummy prefix
/// is still added: it is part of the text's encoding, not framing). Offsets: the dummy prefix
/// covers no input bytes, so a lone `" "` prefix token has an empty range at 0.
///
/// Ids 0, 1, 2 are `<unk>`, BOS and EOS (llama2.c hard-codes 1 and 2); their ``tokenBytes(_:)``
/// are `<unk>`, `<s>`, `</s>`. Byte-fallback pieces decode to their byte.
public final class LlamaTokenizer: Tokenizer, @unchecked Sendable {
    // Sendable: every stored property is immutable after init.

    /// The piece text as stored in the file, per id (`"\n<s>\n"` for BOS, `"<0x41>"` for a byte piece).
    public let pieces: [[UInt8]]
    /// The merge score per id (higher merges first).
    public let scores: [Float]
    /// The longest piece, as the file's header states it.
    public let maxTokenLength: Int
    public let source: String
    public let specialTokens: SpecialTokens
    /// The BOS id (1).
    public let bos: TokenID
    /// The EOS id (2).
    public let eos: TokenID
    /// The id of the dummy-prefix piece `" "`, if the vocabulary has one.
    public let spaceID: TokenID?
    /// `byteFallback[b]` is the id of piece `<0xBB>`, or -1.
    let byteFallback: [Int32]
    /// Per id: the byte a byte-fallback piece stands for, or -1.
    let byteValue: [Int16]
    /// Per id: what ``tokenBytes(_:)`` returns.
    let output: [[UInt8]]
    let table: PieceTable
    /// Whether no mergeable piece has a space after its first byte, so words merge independently.
    let splitsAtSpaces: Bool
    private let matcher: SpecialTokenMatcher

    /// Builds a tokenizer from pieces and scores (as read from a llama2.c file).
    ///
    /// - Throws: `FormatError` when there are fewer than 3 pieces (no room for unk/BOS/EOS) or
    ///   the arrays differ in length.
    public convenience init(pieces: [[UInt8]], scores: [Float], maxTokenLength: Int, source: String) throws(FormatError) {
        try self.init(pieces: pieces, scores: scores, maxTokenLength: maxTokenLength, source: source, wordSplit: true)
    }

    /// As the public initializer; `wordSplit: false` disables the per-word fast path (tests
    /// compare both).
    init(pieces: [[UInt8]], scores: [Float], maxTokenLength: Int, source: String, wordSplit: Bool) throws(FormatError) {
        guard pieces.count == scores.count else {
            throw FormatError(.invalidValue, "\(pieces.count) pieces but \(scores.count) scores")
        }
        guard pieces.count >= 3 else {
            throw FormatError(.invalidValue, "a llama2.c vocabulary needs at least 3 pieces (unk, BOS, EOS); found \(pieces.count)")
        }
        self.pieces = pieces
        self.scores = scores
        self.maxTokenLength = maxTokenLength
        self.source = source
        self.bos = 1
        self.eos = 2
        let specials = [
            SpecialToken(id: 0, text: "<unk>", role: .unk),
            SpecialToken(id: 1, text: "<s>", role: .bos),
            SpecialToken(id: 2, text: "</s>", role: .eos),
        ]
        self.specialTokens = SpecialTokens(specials)
        self.matcher = SpecialTokenMatcher(specials)
        var fallback = [Int32](repeating: -1, count: 256)
        var values = [Int16](repeating: -1, count: pieces.count)
        var out = pieces
        for (k, t) in specials.enumerated() { out[k] = Array(t.text.utf8) }
        for id in 3..<pieces.count {
            if let b = Self.byteFallbackValue(pieces[id]) {
                values[id] = Int16(b)
                out[id] = [b]
                if fallback[Int(b)] < 0 { fallback[Int(b)] = Int32(id) }
            }
        }
        self.byteFallback = fallback
        self.byteValue = values
        self.output = out
        // Mergeable pieces: everything but the specials and the byte-fallback pieces. On equal
        // text the first id wins (a sorted lookup in run.c would be ambiguous).
        var entries: [(bytes: [UInt8], id: Int32)] = []
        for id in 3..<pieces.count where values[id] < 0 && !pieces[id].isEmpty {
            entries.append((pieces[id], Int32(id)))
        }
        self.table = PieceTable(entries)
        self.splitsAtSpaces = wordSplit && entries.allSatisfy { !$0.bytes.dropFirst().contains(0x20) }
        self.spaceID = table.lookup([0x20]).map { TokenID($0) }
    }

    /// The byte of a piece spelled `<0xHH>` (upper- or lower-case hex), or `nil`.
    static func byteFallbackValue(_ piece: [UInt8]) -> UInt8? {
        guard piece.count == 6, piece[0] == 0x3C, piece[1] == 0x30, piece[2] == 0x78, piece[5] == 0x3E else { return nil }
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x41...0x46: c - 0x41 + 10
            case 0x61...0x66: c - 0x61 + 10
            default: nil
            }
        }
        guard let hi = hex(piece[3]), let lo = hex(piece[4]) else { return nil }
        return hi << 4 | lo
    }

    public var family: TokenizerFamily { .sentencePieceBPE }
    public var vocabularySize: Int { pieces.count }
    public var roundTrip: RoundTrip { .bytes }

    /// Whether `id` is a byte-fallback piece.
    public func isByteFallback(_ id: TokenID) -> Bool {
        Int(id) < byteValue.count && byteValue[Int(id)] >= 0
    }

    public func tokenBytes(_ id: TokenID) -> [UInt8]? {
        Int(id) < output.count ? output[Int(id)] : nil
    }

    /// - Complexity: O(*n* log *n*) in the input length (a heap of candidate merges).
    public func encode(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Encoding {
        var out = Encoding()
        out.reserveCapacity(bytes.count / 2 + 4)
        if options.framing != .none { out.append(bos, covering: 0..<0) }
        if matcher.isEmpty || (options.specials.allowed == .none && options.specials.disallowed == .none) {
            encodeText(bytes, range: 0..<bytes.count, dummyPrefix: true, into: &out)
        } else {
            // The dummy prefix belongs to the start of the text only.
            for segment in try matcher.segments(of: bytes, policy: options.specials) {
                if let special = segment.special {
                    out.append(special.id, covering: segment.range)
                } else {
                    encodeText(bytes, range: segment.range, dummyPrefix: segment.range.lowerBound == 0, into: &out)
                }
            }
        }
        if options.framing == .add { out.append(eos, covering: bytes.count..<bytes.count) }
        return out
    }

    /// Streaming decode as `run.c` prints: the piece for `id` after `previous`, with one leading
    /// space stripped after BOS and byte pieces as their byte. Special tokens give no bytes.
    public func piece(_ id: TokenID, after previous: TokenID?) -> [UInt8] {
        let i = Int(id)
        guard i < output.count, i > 2 else { return [] }
        let bytes = output[i]
        if previous == bos, byteValue[i] < 0, bytes.first == 0x20 { return Array(bytes.dropFirst()) }
        return bytes
    }

    /// Concatenates the tokens' bytes; the dummy-prefix space is removed from the first
    /// non-special token when only special tokens (BOS) precede it, as SentencePiece does.
    ///
    /// - Throws: `TokenizerError.Code.unknownTokenID` for an id outside the vocabulary.
    /// - Complexity: O(total bytes).
    public func decode(_ ids: [TokenID], options: DecodeOptions) throws(TokenizerError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(ids.count * 4)
        var atStart = true
        for (index, id) in ids.enumerated() {
            let i = Int(id)
            guard i < output.count else { throw .unknownTokenID(id, at: index, vocabularySize: vocabularySize) }
            if i <= 2 {
                if !options.skipSpecialTokens { out.append(contentsOf: output[i]) }
                continue
            }
            let bytes = output[i]
            if atStart && byteValue[i] < 0 && bytes.first == 0x20 {
                out.append(contentsOf: bytes.dropFirst())
            } else {
                out.append(contentsOf: bytes)
            }
            atStart = false
        }
        return out
    }
}

/// One token per byte: raw byte ids, or ByT5's ids with room for special tokens below them.
///
/// ByT5 (Xue et al., 2022) uses `id = byte + 3` with `pad = 0`, `eos = 1`, `unk = 2`, and
/// Hugging Face's `ByT5Tokenizer` adds 125 sentinels `<extra_id_i>` at `259 + i`, for a
/// model vocabulary of 384 rows. Its encoder appends EOS by default, and its decoder drops
/// bytes that do not form valid UTF-8 when asked for text; TokenKit's ``decode(_:options:)``
/// returns the raw bytes and ``Tokenizer/decodeString(_:options:invalidUTF8:)`` offers both
/// policies.
///
/// ```swift
/// let byt5 = ByteTokenizer.byt5
/// try byt5.encode("Unicode €.").ids  // [88, 113, 108, 102, 114, 103, 104, 35, 229, 133, 175, 49, 1]
/// ```
///
/// Every byte string round-trips: invalid UTF-8 is data here, not an error.
public struct ByteTokenizer: Tokenizer, Hashable {
    /// The id of byte 0; byte `b` is `offset + b`.
    public let offset: TokenID
    /// The special tokens (below ``offset`` and above the byte range).
    public let specialTokens: SpecialTokens
    /// The token appended under ``Framing/tokenizerDefault`` and ``Framing/add`` (ByT5: EOS).
    public let appendedToken: TokenID?
    /// The tokenizer's name (`bytes`, `byt5`).
    public let source: String
    public let vocabularySize: Int
    private let matcher: SpecialTokenMatcher

    public static func == (lhs: ByteTokenizer, rhs: ByteTokenizer) -> Bool {
        lhs.offset == rhs.offset && lhs.specialTokens == rhs.specialTokens
            && lhs.appendedToken == rhs.appendedToken && lhs.source == rhs.source
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(offset)
        hasher.combine(specialTokens)
        hasher.combine(source)
    }

    /// Creates a byte tokenizer.
    ///
    /// - Parameters:
    ///   - offset: The id of byte 0.
    ///   - specialTokens: Specials; their ids must not fall in `offset..<offset + 256`.
    ///   - appendedToken: The id appended by default (nil: none).
    ///   - name: The name reported as ``source``.
    /// - Throws: ``FormatError`` when a special's id collides with a byte id.
    public init(offset: TokenID, specialTokens: [SpecialToken], appendedToken: TokenID?, name: String) throws(FormatError) {
        for t in specialTokens where t.id >= offset && t.id < offset + 256 {
            throw FormatError(.invalidValue, "special token \(t.text) has id \(t.id), which is the id of byte \(t.id - offset)")
        }
        self.offset = offset
        self.specialTokens = SpecialTokens(specialTokens)
        self.appendedToken = appendedToken
        self.source = name
        let maxSpecial = specialTokens.map { Int($0.id) + 1 }.max() ?? 0
        self.vocabularySize = max(Int(offset) + 256, maxSpecial)
        self.matcher = SpecialTokenMatcher(specialTokens)
    }

    /// Raw bytes: id = byte value, 256 ids, no specials.
    public static let raw: ByteTokenizer = {
        // Cannot fail: no specials to collide.
        guard let t = try? ByteTokenizer(offset: 0, specialTokens: [], appendedToken: nil, name: "bytes") else {
            preconditionFailure("the raw byte tokenizer has no specials")
        }
        return t
    }()

    /// ByT5 as Hugging Face defines it: pad 0, eos 1, unk 2, bytes 3…258, `<extra_id_i>` at
    /// 259 + i for 125 sentinels; EOS appended by default.
    public static let byt5: ByteTokenizer = byt5(extraIDs: 125)

    /// ByT5 ids with a chosen number of sentinels.
    public static func byt5(extraIDs: Int) -> ByteTokenizer {
        var specials = [
            SpecialToken(id: 0, text: "<pad>", role: .pad),
            SpecialToken(id: 1, text: "</s>", role: .eos),
            SpecialToken(id: 2, text: "<unk>", role: .unk),
        ]
        for k in 0..<max(0, extraIDs) {
            specials.append(SpecialToken(id: TokenID(259 + k), text: "<extra_id_\(k)>", role: .sentinel))
        }
        // Cannot fail: the ids above sit outside 3…258 by construction.
        guard let t = try? ByteTokenizer(offset: 3, specialTokens: specials, appendedToken: 1, name: "byt5") else {
            preconditionFailure("ByT5 specials never collide with byte ids")
        }
        return t
    }

    public var family: TokenizerFamily { .byteLevel }
    public var roundTrip: RoundTrip { .bytes }

    /// - Complexity: O(*n*).
    public func encode(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Encoding {
        var out = Encoding()
        out.reserveCapacity(bytes.count + 1)
        if matcher.isEmpty || (options.specials.allowed == .none && options.specials.disallowed == .none) {
            appendBytes(bytes, range: 0..<bytes.count, to: &out)
        } else {
            for segment in try matcher.segments(of: bytes, policy: options.specials) {
                if let special = segment.special {
                    out.append(special.id, covering: segment.range)
                } else {
                    appendBytes(bytes, range: segment.range, to: &out)
                }
            }
        }
        if options.framing != .none, let appendedToken {
            out.append(appendedToken, covering: bytes.count..<bytes.count)
        }
        return out
    }

    @inline(__always)
    private func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, to out: inout Encoding) {
        for i in range {
            out.ids.append(offset + TokenID(bytes[i]))
            out.offsets.append(i..<(i + 1))
        }
    }

    /// Counts without allocating: bytes, minus special text, plus framing.
    ///
    /// - Complexity: O(1) without special matching, O(*n*) with it.
    public func count(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Int {
        let framing = options.framing != .none && appendedToken != nil ? 1 : 0
        if matcher.isEmpty || (options.specials.allowed == .none && options.specials.disallowed == .none) {
            return bytes.count + framing
        }
        var total = framing
        for segment in try matcher.segments(of: bytes, policy: options.specials) {
            total += segment.special == nil ? segment.range.count : 1
        }
        return total
    }

    public func tokenBytes(_ id: TokenID) -> [UInt8]? {
        if id >= offset && id < offset + 256 { return [UInt8(id - offset)] }
        return specialTokens.token(withID: id).map { Array($0.text.utf8) }
    }

    /// Byte ids decode to their byte; specials to their text unless skipped.
    ///
    /// - Throws: ``TokenizerError/Code/unknownTokenID`` for ids that are neither.
    /// - Complexity: O(*n*).
    public func decode(_ ids: [TokenID], options: DecodeOptions) throws(TokenizerError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() {
            if id >= offset && id < offset + 256 {
                out.append(UInt8(id - offset))
            } else if let special = specialTokens.token(withID: id) {
                if !options.skipSpecialTokens { out.append(contentsOf: special.text.utf8) }
            } else {
                throw .unknownTokenID(id, at: index, vocabularySize: vocabularySize)
            }
        }
        return out
    }

    /// Every byte offset is a safe cut point.
    public func independentBoundary(in bytes: UnsafeBufferPointer<UInt8>, before limit: Int) -> Int? {
        min(limit, bytes.count)
    }
}

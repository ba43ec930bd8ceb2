import TokenKit

/// One token per Unicode scalar: the word-pooled "char" units.
///
/// Two vocabularies:
/// - ``open``: id = code point + 1, with 0 for padding — every scalar has an id;
/// - ``init(corpus:)``: the scalars of a corpus, id 0 = space (the reference's padding and
///   end-of-word id), then the others in code-point order. The reference orders them by
///   iterating a Python `set` (hash-randomised per process), so its ids are not reproducible;
///   code-point order is TokenKit's deterministic replacement.
public struct ScalarTokenizer: Tokenizer, Hashable {
    /// The scalars with an id, in id order; empty for the open vocabulary.
    public let scalars: [Unicode.Scalar]
    private let index: [UInt32: TokenID]
    /// `scalars` or `scalars(corpus)`.
    public let source: String

    /// Every scalar, id = code point + 1; id 0 is padding.
    public static let open = ScalarTokenizer(scalars: [], source: "scalars")

    private init(scalars: [Unicode.Scalar], source: String) {
        self.scalars = scalars
        var index: [UInt32: TokenID] = [:]
        for (k, s) in scalars.enumerated() { index[s.value] = TokenID(k) }
        self.index = index
        self.source = source
    }

    /// The scalars of `corpus`: space first (id 0), then code-point order.
    ///
    /// - Complexity: O(*n* + *k* log *k*) for *n* scalars and *k* distinct ones.
    public init(corpus: String) {
        var seen = Set<UInt32>()
        for s in corpus.unicodeScalars where s != " " { seen.insert(s.value) }
        let sorted = seen.sorted().compactMap(Unicode.Scalar.init)
        self.init(scalars: [" "] + sorted, source: "scalars(corpus)")
    }

    /// Whether this is the open vocabulary (every scalar has an id).
    public var isOpen: Bool { scalars.isEmpty }
    public var family: TokenizerFamily { TokenizerFamily(rawValue: "scalar") }
    public var vocabularySize: Int { isOpen ? 0x110001 : scalars.count }
    public var specialTokens: SpecialTokens {
        isOpen ? SpecialTokens([SpecialToken(id: 0, text: "<pad>", role: .pad)]) : SpecialTokens()
    }
    public var roundTrip: RoundTrip { isOpen ? .text : .none }

    /// - Throws: `TokenizerError.Code.invalidUTF8`; `TokenizerError.Code.unsupportedInput`
    ///   for a scalar outside a corpus vocabulary.
    /// - Complexity: O(*n*).
    public func encode(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Encoding {
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) { throw .invalidUTF8(at: bad) }
        var out = Encoding()
        var i = 0
        while i < bytes.count {
            guard let (v, n) = PresetScanner.scalar(bytes, i) else { throw .invalidUTF8(at: i) }
            if isOpen {
                out.append(TokenID(v) + 1, covering: i..<(i + n))
            } else if let id = index[v] {
                out.append(id, covering: i..<(i + n))
            } else {
                throw TokenizerError(code: .unsupportedInput,
                                     message: "U+\(String(v, radix: 16, uppercase: true)) at byte \(i) is not in the scalar vocabulary",
                                     byteOffset: i)
            }
            i += n
        }
        return out
    }

    public func tokenBytes(_ id: TokenID) -> [UInt8]? {
        if isOpen {
            if id == 0 { return Array("<pad>".utf8) }
            guard let s = Unicode.Scalar(id - 1) else { return nil }
            return Array(String(Character(s)).utf8)
        }
        guard Int(id) < scalars.count else { return nil }
        return Array(String(Character(scalars[Int(id)])).utf8)
    }
}

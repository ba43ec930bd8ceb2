import TokenKit

/// A LiB lexicon as a `Tokenizer`: ids are final ranks, segmentation is LiB's two-path greedy
/// `apply` over a byte trie.
///
/// Ids: lexicon entry at rank *r* is id *r*; then 256 byte-fallback ids (`|L| + byte`); then
/// the special tokens, in the order given. Two modes:
///
/// - ``Mode/faithful`` segments exactly like the reference's `apply` (spec §1.5), quirk L2
///   included (a long match without a shorter lexicon prefix comes out as its first symbol),
///   and fails with an error naming the symbol when a symbol is not in the lexicon (the
///   reference raises). Input must be valid UTF-8.
/// - ``Mode/production`` emits the longest match where the reference would emit a single
///   symbol, ranks unknown units last in the two-path comparison, and falls back to byte ids
///   for anything the lexicon lacks, so every byte string encodes and decodes back exactly.
///
/// ```swift
/// let t = try LiBTokenizer(lexicon: ["the ", "cat ", "t", "h", "e", " "], mode: .production)
/// try t.encode("the cat ").ids
/// ```
public struct LiBTokenizer: Tokenizer {
    /// How segmentation treats the reference's quirks and unknown input.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Exactly the reference's `apply`; unknown symbols are an error.
        case faithful
        /// Longest match instead of quirk L2, byte fallback for unknown input.
        case production
    }

    /// The segmentation mode.
    public let mode: Mode
    /// The lexicon in rank order (id = rank).
    public let lexicon: [String]
    /// The special tokens (ids after the byte-fallback range).
    public let specialTokens: SpecialTokens
    /// Where the tokenizer came from.
    public let source: String
    public let vocabularySize: Int

    let entryBytes: [[UInt8]]
    let trie: ByteTrie
    let matcher: SpecialTokenMatcher
    /// Whether cutting right after a newline never changes the segmentation (no multi-byte
    /// entry and no special contains a newline).
    let newlineIsBoundary: Bool

    /// The id of byte 0 in the fallback range (`lexicon.count`).
    public var byteFallbackBase: TokenID { TokenID(lexicon.count) }

    /// Creates a tokenizer from a lexicon in rank order.
    ///
    /// - Parameters:
    ///   - lexicon: Entries, most valued first. Entries must be non-empty and distinct.
    ///   - mode: Faithful or production segmentation.
    ///   - specials: Special tokens as (text, role); they get ids `|L| + 256 + k`.
    ///   - source: The name reported as ``source``.
    /// - Throws: `FormatError` for an empty or duplicate entry, or a bad special.
    /// - Complexity: O(total bytes of the lexicon).
    public init(lexicon: [String], mode: Mode = .production, specials: [(text: String, role: SpecialToken.Role)] = [],
                source: String = "lib") throws(FormatError) {
        var seen = Set<[Unicode.Scalar]>()
        for (k, entry) in lexicon.enumerated() {
            if entry.isEmpty { throw FormatError(.invalidValue, "lexicon entry \(k) is empty") }
            // Python compares code points, not canonical equivalents: key on scalars.
            if !seen.insert(Array(entry.unicodeScalars)).inserted {
                throw FormatError(.duplicate, "lexicon entry \(k) (\(TokenText.escaped(Array(entry.utf8)))) appears twice")
            }
        }
        var specialTokens: [SpecialToken] = []
        for (k, special) in specials.enumerated() {
            if special.text.isEmpty { throw FormatError(.invalidValue, "special token \(k) has empty text") }
            if specialTokens.contains(where: { $0.text == special.text }) {
                throw FormatError(.duplicate, "special token \(special.text) appears twice")
            }
            specialTokens.append(SpecialToken(id: TokenID(lexicon.count + 256 + k), text: special.text, role: special.role))
        }
        self.init(validated: lexicon, mode: mode, specialTokens: specialTokens, source: source)
    }

    /// A tokenizer over a learner's current lexicon (distinct, non-empty chunks by construction).
    public init(learner: LiBLearner, mode: Mode = .production, source: String = "lib") {
        self.init(validated: learner.lexicon, mode: mode, specialTokens: [], source: source)
    }

    private init(validated lexicon: [String], mode: Mode, specialTokens: [SpecialToken], source: String) {
        self.mode = mode
        self.lexicon = lexicon
        self.source = source
        self.entryBytes = lexicon.map { Array($0.utf8) }
        self.trie = ByteTrie(entryBytes)
        self.specialTokens = SpecialTokens(specialTokens)
        self.matcher = SpecialTokenMatcher(specialTokens)
        self.vocabularySize = lexicon.count + 256 + specialTokens.count
        self.newlineIsBoundary = !entryBytes.contains { $0.count > 1 && $0.contains(0x0A) }
            && !specialTokens.contains { $0.text.utf8.contains(0x0A) }
    }

    public var family: TokenizerFamily { .lib }

    /// Production mode round-trips every byte string; faithful mode every text it accepts.
    public var roundTrip: RoundTrip { mode == .production ? .bytes : .text }

    public func tokenBytes(_ id: TokenID) -> [UInt8]? {
        let i = Int(id)
        if i < entryBytes.count { return entryBytes[i] }
        if i < entryBytes.count + 256 { return [UInt8(i - entryBytes.count)] }
        return specialTokens.token(withID: id).map { Array($0.text.utf8) }
    }

    /// Byte-fallback ids show as `<0xNN>`; everything else as escaped text.
    public func displayString(_ id: TokenID) -> String? {
        let i = Int(id)
        if i >= entryBytes.count && i < entryBytes.count + 256 {
            let b = i - entryBytes.count
            let hex = Array("0123456789ABCDEF")
            return "<0x\(hex[b >> 4])\(hex[b & 15])>"
        }
        return tokenBytes(id).map(TokenText.escaped)
    }

    /// The rank of `text` in the lexicon, if it is an entry.
    ///
    /// - Complexity: O(length of `text`).
    public func rank(of text: String) -> Int? {
        let bytes = Array(text.utf8)
        let m = bytes.withUnsafeBufferPointer { trie.twoLongest($0, from: 0, to: $0.count) }
        return m.longestID >= 0 && m.longestEnd == bytes.count ? Int(m.longestID) : nil
    }

    /// After the last newline before `limit`, when no lexicon entry spans a newline: both
    /// paths of every comparison must end a token there, so the halves segment independently.
    public func independentBoundary(in bytes: UnsafeBufferPointer<UInt8>, before limit: Int) -> Int? {
        guard newlineIsBoundary else { return nil }
        var k = min(limit, bytes.count) - 1
        while k >= 0 {
            if bytes[k] == 0x0A { return k + 1 }
            k -= 1
        }
        return nil
    }
}

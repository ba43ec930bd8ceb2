import TokenKit

/// One entry of `added_tokens`.
public struct HFAddedToken: Sendable, Hashable {
    /// The id.
    public var id: TokenID
    /// The text.
    public var content: String
    /// Whether it is a special token (subject to the per-call special-token policy and to
    /// `skipSpecialTokens`).
    public var special: Bool
    /// Whether it is matched in normalized text (else in the raw input).
    public var normalized: Bool
    /// Whether white space on its left is swallowed.
    public var lstrip: Bool
    /// Whether white space on its right is swallowed.
    public var rstrip: Bool
    /// Whether it matches only between non-word characters.
    public var singleWord: Bool

    /// Creates an entry.
    public init(id: TokenID, content: String, special: Bool, normalized: Bool, lstrip: Bool = false, rstrip: Bool = false, singleWord: Bool = false) {
        self.id = id
        self.content = content
        self.special = special
        self.normalized = normalized
        self.lstrip = lstrip
        self.rstrip = rstrip
        self.singleWord = singleWord
    }
}

/// The added-token texts in the engine's ``LiteralMatcher`` (one byte trie, built once):
/// leftmost-longest matching however many tokens there are, fast to load with 100k+ tokens.
struct AddedTokenTrie: Sendable {
    private let matcher: LiteralMatcher
    /// Token index of each literal.
    private let tokenIndex: [Int]

    init(_ patterns: [(bytes: [UInt8], index: Int)]) {
        let kept = patterns.filter { !$0.bytes.isEmpty }
        matcher = LiteralMatcher(kept.map(\.bytes))
        tokenIndex = kept.map(\.index)
    }

    var isEmpty: Bool { matcher.count == 0 }

    /// The leftmost match at or after `i` (longest there) among enabled tokens.
    func next(in bytes: [UInt8], from i: Int, enabled: (Int) -> Bool) -> (index: Int, range: Range<Int>)? {
        let tokenIndex = self.tokenIndex
        let found = bytes.withUnsafeBufferPointer { buf in
            matcher.nextMatch(in: buf, from: i, end: buf.count) { enabled(tokenIndex[$0]) }
        }
        return found.map { (tokenIndex[$0.literal], $0.range) }
    }
}

/// The added tokens of a `tokenizer.json` and the two matchers `tokenizers` uses: one over the
/// raw input (tokens with `normalized: false`) and one over normalized text.
struct HFAddedVocabulary: Sendable {
    let tokens: [HFAddedToken]
    private let rawTrie: AddedTokenTrie
    private let normalizedTrie: AddedTokenTrie

    init(tokens: [HFAddedToken], normalizer: (any HFNormalizer)?) throws(TokenizerError) {
        self.tokens = tokens
        var raw: [(bytes: [UInt8], index: Int)] = []
        var normalized: [(bytes: [UInt8], index: Int)] = []
        for (k, t) in tokens.enumerated() {
            if t.normalized {
                var text = AlignedText(bytes: Array(t.content.utf8), origin: Array(repeating: 0..<0, count: t.content.utf8.count))
                try normalizer?.normalize(&text)
                normalized.append((text.bytes, k))
            } else {
                raw.append((Array(t.content.utf8), k))
            }
        }
        rawTrie = AddedTokenTrie(raw)
        normalizedTrie = AddedTokenTrie(normalized)
    }

    var hasRaw: Bool { !rawTrie.isEmpty }
    var hasNormalized: Bool { !normalizedTrie.isEmpty }

    /// Splits `sentence` into runs of text (`token == nil`) and added tokens, as
    /// `AddedVocabulary::find_matches` does. A special token the policy neither allows nor
    /// disallows is not matched (it is ordinary text); a disallowed one throws.
    func split(_ sentence: [UInt8], normalizedStage: Bool, policy: SpecialTokenPolicy, errorOffset: (Int) -> Int)
        throws(TokenizerError) -> [(range: Range<Int>, token: HFAddedToken?)]
    {
        let trie = normalizedStage ? normalizedTrie : rawTrie
        if trie.isEmpty || sentence.isEmpty { return [(0..<sentence.count, nil)] }
        var out: [(range: Range<Int>, token: HFAddedToken?)] = []
        var startOffset = 0
        var i = 0
        let tokens = self.tokens
        while i < sentence.count {
            guard let m = trie.next(in: sentence, from: i, enabled: { k in
                let t = tokens[k]
                return !t.special || policy.allowed.contains(t.content) || policy.disallowed.contains(t.content)
            }) else { break }
            let token = tokens[m.index]
            var start = m.range.lowerBound
            var stop = m.range.upperBound
            i = stop
            if token.special && !policy.allowed.contains(token.content) {
                throw .disallowedSpecialToken(token.content, at: errorOffset(start))
            }
            if token.singleWord {
                let before = start == 0 || !Self.isWordScalar(Self.lastScalar(sentence, before: start))
                let after = stop == sentence.count || !Self.isWordScalar(AlignedText.scalar(at: stop, in: sentence).0)
                if !before || !after { continue }
            }
            if token.lstrip {
                var s = start
                while s > 0 {
                    let p = Self.lastScalarStart(sentence, before: s)
                    if AlignedText.scalar(at: p, in: sentence).0.isHFWhitespace { s = p } else { break }
                }
                start = max(s, startOffset)
            }
            if token.rstrip {
                while stop < sentence.count {
                    let (sc, n) = AlignedText.scalar(at: stop, in: sentence)
                    if sc.isHFWhitespace { stop += n } else { break }
                }
                i = max(i, stop)
            }
            if start > startOffset { out.append((startOffset..<start, nil)) }
            out.append((start..<stop, token))
            startOffset = stop
        }
        if startOffset != sentence.count { out.append((startOffset..<sentence.count, nil)) }
        return out
    }

    private static func lastScalarStart(_ bytes: [UInt8], before i: Int) -> Int {
        var p = i - 1
        while p > 0 && bytes[p] & 0xC0 == 0x80 { p -= 1 }
        return p
    }

    private static func lastScalar(_ bytes: [UInt8], before i: Int) -> Unicode.Scalar {
        AlignedText.scalar(at: lastScalarStart(bytes, before: i), in: bytes).0
    }

    /// Rust regex `\w`: alphabetic, marks, decimal digits, connector punctuation, join controls.
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            let v = s.value
            return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || v == 0x5F
        }
        let c = GeneralCategory(s)
        return s.properties.isAlphabetic || c.isMark || c == .decimalNumber || c == .connectorPunctuation
            || s.value == 0x200C || s.value == 0x200D
    }
}

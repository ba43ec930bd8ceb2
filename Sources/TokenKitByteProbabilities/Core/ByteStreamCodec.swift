import TokenKit
import TokenKitBPE

/// How a tokenizer maps a *byte stream* to tokens, as the byte-level algorithms need it.
///
/// The byte stream is what the token sequence decodes to with plain concatenation of token
/// bytes: for SentencePiece tokenizers with a dummy prefix (tok512) it starts with that space
/// (`" " + prompt`), as in the stories260K goldens. Special tokens (BOS, EOS, sentinels,
/// `<unk>`) have no bytes; those that may end or delimit text become their own *outcomes*.
///
/// Two services beyond the tokenizer: ``encodeSegment(_:)`` (the canonical encoding of the
/// stream bytes from a stable split point on) and ``splitPoint(in:)`` (the last stable split
/// point, spec §1.5 P2).
public struct ByteStreamCodec<T: Tokenizer>: Sendable {
    /// How the stable split point is chosen.
    public enum SplitRule: String, Sendable, Hashable {
        /// No split: every computation starts from the beginning of the stream (always correct).
        case none
        /// The position of the last space that follows a printable ASCII byte. Valid when no
        /// token has such a space inside it (checked at init) and the encoder cuts before it
        /// (SentencePiece with whitespace splitting; regex pre-tokenizers of the GPT-2 family).
        case spaceAfterWord = "space-after-word"
    }

    /// How the validity of a one-token extension `T·v` is checked.
    public enum ValidityCheck: String, Sendable, Hashable {
        /// Re-encode the bytes after the split point: `enc(decode(T·v)) == T·v` (always exact).
        case reencode
        /// Check only the adjacent pair: `enc(bytes(last T) + bytes(v)) == [last T, v]` (BPE's
        /// locality, Hayase et al.); O(1) in the tail length. Only for tokenizers without a dummy
        /// prefix (else the re-encode check is used). Property-tested against `reencode` (T7).
        case pairwise
    }

    /// Which token strings count as valid covers (spec §1.3, and the streaming refinement).
    public enum ValidityNotion: Sendable, Hashable {
        /// `enc(decode(t)) == t`. Exact when this is prefix-closed (SentencePiece with whitespace
        /// splitting, BPE without a pre-tokenizer); property-tested (T7).
        case canonical
        /// *Prefix-validity*: `t` is a prefix of `enc(decode(t)·z)` for some continuation `z`
        /// from the set. Prefix-closed by construction; needed for regex pre-tokenizers, whose
        /// last pieces a continuation can still re-cut (`enc("x  ")` ends in `"  "`, but
        /// `enc("x  a")` in `" ", " a"`). Equals ``canonical`` on prefix-closed tokenizers.
        case prefix(ContinuationSet)
    }

    /// The tokenizer.
    public let tokenizer: T
    /// The validity check in use (``ValidityCheck/pairwise`` falls back to re-encoding for
    /// dummy-prefix tokenizers and under ``ValidityNotion/prefix(_:)``).
    public internal(set) var validity: ValidityCheck
    /// The validity notion in use.
    public internal(set) var notion: ValidityNotion
    /// The published split pattern of a ``BPETokenizer`` without normalisation (its pieces
    /// decide which text ends a continuation can re-cut), else `nil`.
    let splitPattern: SplitPattern?
    /// Prefix-valid tokenizations per text (``ValidityNotion/prefix(_:)`` only).
    let frontierCache = FrontierCache()
    /// Bytes the tokenizer puts in front of the text (SentencePiece's dummy-prefix `" "`), or empty.
    public let dummyPrefix: [UInt8]
    /// The token whose bytes are exactly ``dummyPrefix`` (the encoding of a stream that is only the prefix).
    public let dummyToken: TokenID?
    /// The split rule in use.
    public let splitRule: SplitRule
    /// Per id: its bytes, or empty for special tokens and ids without bytes.
    public let bytes: [[UInt8]]
    /// Per id: the index of the outcome it produces when it is a special token that ends text, or -1.
    public let outcomeIndex: [Int]
    /// Names of the special outcomes (after the 256 bytes), e.g. `["END"]`.
    public let outcomeNames: [String]
    /// Ids grouped by their first byte (ordinary tokens only).
    public let idsByFirstByte: [[TokenID]]
    /// Per id (split rule ``SplitRule/spaceAfterWord`` only): for tokens starting with a space,
    /// whether the token alone is the canonical encoding of its bytes as a segment.
    var spaceTokenCanonical: [Bool]

    /// Builds a codec.
    ///
    /// - Parameters:
    ///   - tokenizer: Any tokenizer whose `decode` is the concatenation of token bytes.
    ///   - splitRule: `nil` picks ``SplitRule/spaceAfterWord`` when the vocabulary allows it
    ///     (no ordinary token has a space after a printable ASCII byte, dummy prefix empty or
    ///     `" "`), else ``SplitRule/none``.
    ///   - endRoles: Special-token roles whose mass is the `END` outcome. Default BOS and EOS
    ///     (llama2.c stops when it samples BOS; spec §5.2).
    ///   - extraOutcomes: Further special tokens that are outcomes of their own (FIM end-of-middle).
    ///   - validity: The extension check (``ValidityCheck/reencode`` or ``ValidityCheck/pairwise``).
    ///   - notion: `nil` picks ``ValidityNotion/canonical`` for dummy-prefix tokenizers and for
    ///     tokenizers whose encoding is prefix-closed on a set of probe texts (whitespace runs,
    ///     `'`, digits, case changes, incomplete UTF-8), else
    ///     ``ValidityNotion/prefix(_:)`` with ``ContinuationSet/regexPreTokenizers``.
    /// - Complexity: O(total bytes of the vocabulary).
    public init(
        tokenizer: T, splitRule: SplitRule? = nil,
        endRoles: Set<String> = ["bos", "eos"], extraOutcomes: [SpecialToken] = [],
        validity: ValidityCheck = .reencode, notion: ValidityNotion? = nil
    ) {
        self.tokenizer = tokenizer
        let size = tokenizer.vocabularySize
        var bytes = [[UInt8]](repeating: [], count: size)
        var outcome = [Int](repeating: -1, count: size)
        var names: [String] = []
        for id in 0..<size {
            let tid = TokenID(id)
            if let special = tokenizer.specialTokens.token(withID: tid) {
                if endRoles.contains(special.role.rawValue) {
                    if names.isEmpty || names[0] != "END" { names.insert("END", at: 0) }
                    outcome[id] = 0
                }
                continue
            }
            bytes[id] = tokenizer.tokenBytes(tid) ?? []
        }
        // END (if any) is outcome 0; extra outcomes follow.
        for special in extraOutcomes where Int(special.id) < size {
            if outcome[Int(special.id)] < 0 {
                outcome[Int(special.id)] = names.count
                names.append(special.text)
            }
        }
        self.bytes = bytes
        self.outcomeIndex = outcome
        self.outcomeNames = names
        var byFirst = [[TokenID]](repeating: [], count: 256)
        for id in 0..<size where !bytes[id].isEmpty { byFirst[Int(bytes[id][0])].append(TokenID(id)) }
        self.idsByFirstByte = byFirst

        // The dummy prefix: what the concatenated bytes of encode("a") hold before "a".
        var prefix: [UInt8] = []
        if let probe = try? tokenizer.encode([0x61], options: EncodeOptions(framing: .none)) {
            let decoded = probe.ids.flatMap { Int($0) < size ? bytes[Int($0)] : [] }
            if decoded.count > 1, decoded.last == 0x61 { prefix = Array(decoded.dropLast()) }
        }
        self.dummyPrefix = prefix
        self.dummyToken = prefix.isEmpty ? nil : Self.findDummyToken(tokenizer, prefix: prefix, bytes: bytes)
        self.notion = notion ?? .canonical
        self.validity = .reencode
        var known: SplitPattern? = nil
        var bpePattern: SplitPattern? = nil
        if let bpe = tokenizer as Any as? BPETokenizer, bpe.normalization == nil {
            bpePattern = bpe.pattern
            switch bpe.pattern {
            case .gpt2, .cl100k, .llama3, .o200k, .qwen2: known = bpe.pattern
            case .regex, .none: break
            }
        }
        self.splitPattern = known

        if let rule = splitRule {
            self.splitRule = rule
        } else {
            let vocabularyAllows = bytes.allSatisfy { b in
                b.count < 2 || !(1..<b.count).contains { b[$0] == 0x20 && Self.isWordByte(b[$0 - 1]) }
            }
            self.splitRule = vocabularyAllows && (prefix.isEmpty || prefix == [0x20]) ? .spaceAfterWord : .none
        }
        // After a word byte, a token starting with a space starts at a split point, so `T·v`
        // is valid iff `T` is canonical and `[v]` is valid on its own: one check per such token, once.
        var canonical = [Bool](repeating: false, count: self.splitRule == .spaceAfterWord ? size : 0)
        if self.splitRule == .spaceAfterWord {
            for id in byFirst[0x20] { canonical[Int(id)] = Self.encode(tokenizer, bytes[Int(id)][...], dummyPrefix: prefix, dummyToken: dummyToken) == [id] }
        }
        self.spaceTokenCanonical = canonical
        if notion == nil && prefix.isEmpty {
            // A BPE tokenizer's pattern says it; for other tokenizers, probe.
            let streaming = bpePattern.map { $0 != .none } ?? looksStreaming()
            if streaming { self.notion = .prefix(.regexPreTokenizers) }
        }
        if prefix.isEmpty && self.notion == .canonical { self.validity = validity }
    }

    /// The token the tokenizer itself emits for the dummy prefix: among the tokens whose bytes
    /// equal it (a piece and its byte-fallback twin), the one that starts the encoding of a
    /// probe text the prefix does not merge with; else the first such token.
    static func findDummyToken(_ tokenizer: T, prefix: [UInt8], bytes: [[UInt8]]) -> TokenID? {
        let candidates = (0..<bytes.count).filter { bytes[$0] == prefix }.map { TokenID($0) }
        guard candidates.count > 1 else { return candidates.first }
        for probe in ["\n", "\u{1}", ".", "0", "a", "\u{7F}"] {
            if let e = try? tokenizer.encode(Array(probe.utf8), options: EncodeOptions(framing: .none)),
               let first = e.ids.first, candidates.contains(first) {
                return first
            }
        }
        return candidates.first
    }

    /// Printable ASCII other than space: the bytes after which a space starts a new pre-token.
    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool { b >= 0x21 && b <= 0x7E }

    /// The number of outcomes: 256 bytes plus the special outcomes.
    public var outcomeCount: Int { 256 + outcomeNames.count }

    /// The name of outcome `k`: the byte as a decimal string, or the special outcome's name.
    public func outcomeName(_ k: Int) -> String {
        if k < 256 { return String(k) }
        return k - 256 < outcomeNames.count ? outcomeNames[k - 256] : "outcome \(k)"
    }

    /// The last stable split point of `stream`: every cover of every continuation of `stream`
    /// has a token boundary there and starts with the canonical encoding of the bytes before it.
    ///
    /// - Complexity: O(length) from the end.
    public func splitPoint(in stream: [UInt8]) -> Int {
        guard splitRule == .spaceAfterWord, stream.count >= 2 else { return 0 }
        var p = stream.count - 1
        while p >= 1 {
            if stream[p] == 0x20 && Self.isWordByte(stream[p - 1]) { return p }
            p -= 1
        }
        return 0
    }

    /// The canonical encoding of `segment`, a part of the byte stream that starts at a stable
    /// split point (or at the start of the stream), without framing tokens; `nil` when no token
    /// string decodes canonically to it (a dummy-prefix tokenizer and a segment without the prefix).
    ///
    /// - Complexity: One tokenizer encode of the segment.
    public func encodeSegment(_ segment: ArraySlice<UInt8>) -> [TokenID]? {
        Self.encode(tokenizer, segment, dummyPrefix: dummyPrefix, dummyToken: dummyToken)
    }

    static func encode(_ tokenizer: T, _ segment: ArraySlice<UInt8>, dummyPrefix: [UInt8], dummyToken: TokenID?) -> [TokenID]? {
        if segment.isEmpty { return [] }
        var text = segment
        if !dummyPrefix.isEmpty {
            guard segment.starts(with: dummyPrefix) else { return nil }
            text = segment.dropFirst(dummyPrefix.count)
            if text.isEmpty { return dummyToken.map { [$0] } }
        }
        guard let e = try? tokenizer.encode(Array(text), options: EncodeOptions(framing: .none, specials: .ordinary)) else {
            return nil
        }
        return e.ids
    }

    /// Concatenated bytes of ordinary tokens (specials give none).
    public func decode(_ ids: some Sequence<TokenID>) -> [UInt8] {
        var out: [UInt8] = []
        for id in ids where Int(id) < bytes.count { out.append(contentsOf: bytes[Int(id)]) }
        return out
    }

    /// Whether `tokens + [v]` is valid (under ``notion``), where `tokens` is a valid
    /// tokenization of `tail`, the stream bytes after the split point.
    ///
    /// - Parameters:
    ///   - tokens: A valid tokenization of `tail`.
    ///   - v: The token to append.
    ///   - tail: The stream bytes after the split point.
    ///   - tokensAreCanonical: Whether `tokens == enc(tail)`, when the caller knows
    ///     (else it is computed when needed).
    /// - Complexity: ``ValidityCheck/reencode``: one encode of `tail + bytes(v)`, and under
    ///   ``ValidityNotion/prefix(_:)`` when that differs, one encode per continuation (cached per
    ///   text); ``ValidityCheck/pairwise``: one encode of two tokens' bytes.
    public func isValidExtension(tail: ArraySlice<UInt8>, tokens: [TokenID], _ v: TokenID, tokensAreCanonical: Bool? = nil) -> Bool {
        let vb = bytes[Int(v)]
        if validity == .pairwise, let last = tokens.last {
            return encodeSegment((bytes[Int(last)] + vb)[...]) == [last, v]
        }
        if splitRule == .spaceAfterWord, vb.first == 0x20, let last = tail.last, Self.isWordByte(last) {
            // A space after a word byte starts a piece in every continuation: the tokens before
            // it must be the canonical encoding, and `v` must be valid on its own (canonical:
            // precomputed; else, under prefix-validity, the general check below decides).
            if spaceTokenCanonical[Int(v)] {
                return tokensAreCanonical ?? (notion == .canonical || encodeSegment(tail) == tokens)
            }
            if notion == .canonical { return false }
        }
        var all = Array(tail)
        all.append(contentsOf: vb)
        return isValid(tokens + [v], decoding: all[...])
    }

    /// Whether `tokens` (decoding to a segment from a split point) is the canonical encoding of
    /// its bytes: the full re-encode check, `enc(decode(t)) == t`.
    public func isCanonical(_ tokens: [TokenID]) -> Bool {
        encodeSegment(decode(tokens)[...]) == tokens
    }
}

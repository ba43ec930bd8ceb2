import TokenKit

/// A byte-level BPE tokenizer: special-token matching, optional normalization, a split
/// pattern, and the ``BPEModel`` merge engine.
///
/// Encoding follows tiktoken: the text is cut at the special tokens the policy cares about
/// (allowed ones become their ids, disallowed ones throw naming the token and its byte offset,
/// the rest stay text); each ordinary run is split by the pattern, and each piece is merged.
///
/// ```swift
/// let cl100k = try BPEFiles.load(path: "cl100k_base.tiktoken")
/// let ids = try cl100k.encode("hello world").ids          // [15339, 1917]
/// let n = try cl100k.count("hello world")                 // 2, allocates nothing per token
/// ```
public final class BPETokenizer: Tokenizer, @unchecked Sendable {
    /// The merge engine and vocabulary.
    public let model: BPEModel
    /// The split pattern.
    public let pattern: SplitPattern
    /// Unicode normalization applied to ordinary text before splitting (Qwen2: NFC).
    public let normalization: NormalizationForm?
    /// A preset or file name (`cl100k_base`).
    public let name: String
    public let source: String
    public let specialTokens: SpecialTokens
    public var family: TokenizerFamily { .bpe }

    /// Special-token texts as bytes, indexed like `SpecialTokens.all`.
    let specialBytes: [[UInt8]]
    let matcher: LiteralMatcher
    /// Id → index into ``specialBytes`` for ids outside the rank table.
    let specialIndexByID: [TokenID: Int]
    let specialTextContainsNewline: Bool

    /// Creates a tokenizer.
    ///
    /// - Parameters:
    ///   - model: The merge engine.
    ///   - pattern: The split pattern.
    ///   - normalization: Normalization before splitting (`nil` for none).
    ///   - specialTokens: Special tokens, matched in text according to each call's policy.
    ///   - name: A short name.
    ///   - source: Where it was loaded from.
    public init(model: BPEModel, pattern: SplitPattern, normalization: NormalizationForm? = nil,
                specialTokens: [SpecialToken] = [], name: String, source: String) {
        self.model = model
        self.pattern = pattern
        self.normalization = normalization
        self.name = name
        self.source = source
        let specials = SpecialTokens(specialTokens)
        self.specialTokens = specials
        self.specialBytes = specials.all.map { Array($0.text.utf8) }
        self.matcher = LiteralMatcher(specialBytes)
        var byID: [TokenID: Int] = [:]
        for (k, t) in specials.all.enumerated() where byID[t.id] == nil { byID[t.id] = k }
        self.specialIndexByID = byID
        self.specialTextContainsNewline = specialBytes.contains { $0.contains(0x0A) || $0.contains(0x0D) }
    }

    /// The same tokenizer with another split pattern (`--pattern`).
    public func withPattern(_ pattern: SplitPattern, normalization: NormalizationForm?? = .none) -> BPETokenizer {
        BPETokenizer(model: model, pattern: pattern, normalization: normalization ?? self.normalization,
                     specialTokens: specialTokens.all, name: name, source: source)
    }

    /// The same tokenizer with the pattern `spec` names (`--pattern`); a preset's name also
    /// brings the preset's normalization (`qwen2` → NFC). A regex goes through
    /// ``withPattern(_:normalization:)`` with ``SplitPattern/init(regex:)``.
    ///
    /// - Throws: `FormatError` listing the names when `spec` is not one.
    public func withPattern(named spec: String) throws(FormatError) -> BPETokenizer {
        let pattern = try SplitPattern.named(spec)
        if let preset = BPEPreset.named(spec), preset.pattern == pattern {
            return withPattern(pattern, normalization: .some(preset.normalization))
        }
        return withPattern(pattern)
    }

    public var vocabularySize: Int {
        max(model.table.idCount, Int(specialTokens.all.last.map { $0.id + 1 } ?? 0))
    }

    public var roundTrip: RoundTrip {
        if normalization != nil { return .normalizedText }
        return pattern.isScanner ? .bytes : .text
    }

    public func tokenBytes(_ id: TokenID) -> [UInt8]? {
        if let k = specialIndexByID[id] { return specialBytes[k] }
        guard model.table.contains(id) else { return nil }
        return Array(model.table.bytes(id))
    }

    // MARK: Encoding

    public func encode(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Encoding {
        var sink = EncodingSink()
        sink.encoding.reserveCapacity(bytes.count / 3 + 4)
        try run(bytes, options.specials, &sink, limit: Int.max)
        return sink.encoding
    }

    public func count(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Int {
        var sink = CountingSink()
        try run(bytes, options.specials, &sink, limit: Int.max)
        return sink.count
    }

    /// Encodes `bytes` as ordinary text (tiktoken's `encode_ordinary`): special-token text is
    /// plain text.
    public func encodeOrdinary(_ bytes: UnsafeBufferPointer<UInt8>) -> Encoding {
        var sink = EncodingSink()
        // Ordinary encoding cannot throw for scanner patterns; a regex pattern over invalid
        // UTF-8 yields the tokens before the bad byte.
        try? run(bytes, .ordinary, &sink, limit: Int.max)
        return sink.encoding
    }

    /// Runs the pipeline into `sink`; stops after the piece that takes the count past `limit`
    /// (for counting sinks, see ``count(_:options:limit:)``).
    func run<S: TokenSink & TokenCounting>(_ bytes: UnsafeBufferPointer<UInt8>, _ policy: SpecialTokenPolicy, _ sink: inout S, limit: Int) throws(TokenizerError) {
        try forEachSegment(bytes, policy) { segment throws(TokenizerError) in
            switch segment {
            case .text(let range):
                try ordinary(bytes, range, &sink, limit: limit)
            case .special(let token, let range):
                sink.emit(token.id, start: range.lowerBound, end: range.upperBound)
            }
            return sink.tokenCount <= limit
        }
    }

    /// A stretch of input: ordinary text, or a special token the policy allows.
    enum Segment {
        case text(Range<Int>)
        case special(SpecialToken, Range<Int>)
    }

    /// Cuts the input at the special tokens `policy` cares about and calls `body` for each
    /// text run and allowed special, in order, until `body` returns `false`.
    ///
    /// - Throws: `TokenizerError.Code.disallowedSpecialToken` for a special the policy forbids.
    func forEachSegment(_ bytes: UnsafeBufferPointer<UInt8>, _ policy: SpecialTokenPolicy,
                        _ body: (Segment) throws(TokenizerError) -> Bool) throws(TokenizerError) {
        var position = 0
        let n = bytes.count
        if !matcher.isEmptyForPolicy(policy) {
            while position < n {
                guard let (k, range) = matcher.nextMatch(in: bytes, from: position, end: n, accept: { k in
                    let text = self.specialTokens.all[k].text
                    return policy.allowed.contains(text) || policy.disallowed.contains(text)
                }) else { break }
                let token = specialTokens.all[k]
                if !policy.allowed.contains(token.text) {
                    throw .disallowedSpecialToken(token.text, at: range.lowerBound)
                }
                if !(try body(.text(position..<range.lowerBound))) { return }
                if !(try body(.special(token, range))) { return }
                position = range.upperBound
            }
        }
        _ = try body(.text(position..<n))
    }

    /// Encodes an ordinary-text run.
    func ordinary<S: TokenSink & TokenCounting>(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ sink: inout S, limit: Int) throws(TokenizerError) {
        if range.isEmpty { return }
        if let form = normalization, !UnicodeText.isASCII(UnsafeBufferPointer(rebasing: bytes[range])) {
            try normalizedRun(bytes, range, form, &sink, limit: limit)
            return
        }
        guard let base = bytes.baseAddress else { return }
        let model = self.model
        try pattern.split(bytes, range) { s, e in
            model.encodePiece(base, start: s, end: e, into: &sink)
            return sink.tokenCount <= limit
        }
    }
}

/// Sinks that know how many tokens they hold (for early stopping).
public protocol TokenCounting {
    /// Tokens emitted so far.
    var tokenCount: Int { get }
}

extension EncodingSink: TokenCounting { public var tokenCount: Int { encoding.count } }
extension IDSink: TokenCounting { public var tokenCount: Int { ids.count } }
extension CountingSink: TokenCounting { public var tokenCount: Int { count } }

extension LiteralMatcher {
    /// Whether no literal can matter under `policy`.
    @inline(__always)
    func isEmptyForPolicy(_ policy: SpecialTokenPolicy) -> Bool {
        if count == 0 { return true }
        if case .none = policy.allowed, case .none = policy.disallowed { return true }
        return false
    }
}

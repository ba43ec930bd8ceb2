import Synchronization
import TokenKit
import TokenKitBPE

/// Prefix-valid tokenizations per text, shared by copies of a codec (a cache: thread-safe).
final class FrontierCache: Sendable {
    private let table = Mutex<[[UInt8]: Set<[TokenID]>]>([:])
    /// Entries kept before the cache is cleared (it only saves work).
    static let limit = 200_000

    func get(_ key: [UInt8]) -> Set<[TokenID]>? { table.withLock { $0[key] } }

    func put(_ key: [UInt8], _ value: Set<[TokenID]>) {
        table.withLock {
            if $0.count >= Self.limit { $0.removeAll(keepingCapacity: true) }
            $0[key] = value
        }
    }
}

extension ByteStreamCodec {
    /// Every token string that decodes exactly to `text` (a segment from a split point) and is
    /// valid under ``notion``: `{enc(text)}` for ``ValidityNotion/canonical``; for
    /// ``ValidityNotion/prefix(_:)`` the token strings `u` with `u` a prefix of `enc(text·z)`
    /// (a token boundary at `|text|`) for a continuation `z` of the set.
    ///
    /// - Complexity: One encode of `text·z` per continuation, cached per `text`.
    public func validTokenizations(of text: ArraySlice<UInt8>) -> Set<[TokenID]> {
        guard case .prefix(let set) = notion else {
            return encodeSegment(text).map { [$0] } ?? []
        }
        let key = Array(text)
        if let hit = frontierCache.get(key) { return hit }
        var out = Set<[TokenID]>()
        var buffer = key
        for z in set.continuations(after: text) {
            buffer.removeSubrange(key.count...)
            buffer.append(contentsOf: z)
            guard let e = encodeSegment(buffer[...]) else { continue }
            var length = 0, k = 0
            while k < e.count && length < key.count {
                length += Int(e[k]) < bytes.count ? bytes[Int(e[k])].count : 0
                k += 1
            }
            if length == key.count { out.insert(Array(e[..<k])) }
        }
        frontierCache.put(key, out)
        return out
    }

    /// Whether `tokens` (decoding to a segment from a split point) is valid under ``notion``:
    /// canonical, or a prefix of the canonical encoding of its bytes followed by some continuation.
    public func isPrefixValid(_ tokens: [TokenID]) -> Bool {
        let text = decode(tokens)
        return isValid(tokens, decoding: text[...])
    }

    /// ``isPrefixValid(_:)`` with the decoded bytes at hand: canonical first (one encode); then,
    /// when the pre-tokenizer is a published pattern, its pieces decide whether a continuation
    /// can re-cut the end of `text` at all; only then the cached prefix-valid set.
    func isValid(_ tokens: [TokenID], decoding text: ArraySlice<UInt8>) -> Bool {
        let canonical = encodeSegment(text)
        if canonical == tokens { return true }
        guard case .prefix = notion else { return false }
        switch tailShape(text) {
        case .fixed:
            return false
        case .open(let from):
            guard let canonical, Self.sharesTokens(tokens, canonical, bytes: bytes, upTo: from) else { return false }
        case .unknown:
            break
        }
        return validTokenizations(of: text).contains(tokens)
    }

    /// What a continuation can change in the pre-tokenization of a text's end.
    enum TailShape: Equatable {
        /// Nothing: every prefix-valid tokenization is the canonical one.
        case fixed
        /// Only the pieces from this offset on (the last two pieces of the text alone).
        case open(from: Int)
        /// Not known (a custom regex, or no pre-tokenizer information).
        case unknown
    }

    /// The shape of `text`'s end under a published pattern (GPT-2, cl100k, Llama 3, o200k, Qwen2).
    ///
    /// Why this is enough: each alternative of these patterns is decided by the classes of the
    /// characters it covers and of the one after it, so a continuation can only (a) extend the
    /// last piece (letters, digits, punctuation runs, a leading space or non-letter before
    /// letters, `'s`: the same cut points, and BPE inside a piece is prefix-closed, so the same
    /// tokens) — `.fixed` —, or (b) re-cut a trailing whitespace run
    /// (`\s+(?!\S)`, `\s*[\r\n]`, `\s++$`), (c) join a trailing `'` to a contraction (o200k
    /// attaches it to the letters before), (d) complete a trailing incomplete UTF-8 character into
    /// a letter, digit or space that joins the piece before. (b)–(d) involve at most the last two
    /// pieces. The property tests check this against the continuation search (T7).
    func tailShape(_ text: ArraySlice<UInt8>) -> TailShape {
        guard let pattern = splitPattern, let lastByte = text.last else { return .unknown }
        // Open ends: a trailing whitespace scalar, a `'` among the last three bytes (a
        // contraction being typed), an incomplete UTF-8 character.
        var open = lastByte == 0x20 || (lastByte >= 0x09 && lastByte <= 0x0D)
        if !open { open = text.suffix(3).contains(0x27) }
        if !open { open = ContinuationSet.incompleteCharacter(at: text) != nil }
        if !open && lastByte >= 0x80 {
            var i = text.endIndex - 1
            while i > text.startIndex && text[i] & 0xC0 == 0x80 && text.endIndex - i < 4 { i -= 1 }
            if let scalar = ContinuationSet.decode(Array(text[i...])), scalar.isUnicodeWhiteSpace { open = true }
        }
        guard open else { return .fixed }
        let buffer = Array(text)
        var starts: [Int] = []
        let ok: Bool = buffer.withUnsafeBufferPointer { p in
            do throws(TokenizerError) {
                try pattern.split(p, 0..<p.count) { s, _ in starts.append(s); return true }
                return true
            } catch {
                return false
            }
        }
        guard ok else { return .unknown }
        return .open(from: starts.count >= 2 ? starts[starts.count - 2] : 0)
    }

    /// Whether `tokens` starts with the tokens of `canonical` that cover its first `length` bytes
    /// (`length` must be a token boundary of `canonical`; a piece boundary is).
    static func sharesTokens(_ tokens: [TokenID], _ canonical: [TokenID], bytes: [[UInt8]], upTo length: Int) -> Bool {
        var covered = 0, k = 0
        while k < canonical.count && covered < length {
            covered += bytes[Int(canonical[k])].count
            k += 1
        }
        guard covered == length, tokens.count >= k else { return false }
        return tokens[..<k] == canonical[..<k]
    }

    /// Texts at which regex pre-tokenizers are not prefix-closed: whitespace runs before a word,
    /// a non-letter before letters, `'` before a contraction, digit groups, case changes,
    /// an incomplete UTF-8 character.
    static var streamingProbes: [[UInt8]] {
        ["x  ", "x\n\n", "x \t", "x\t", "x\n ", "don'", "x'l", "x!", "x.", "1234", "xAB", "x "].map { Array($0.utf8) }
            + [[0x78, 0xC3], [0x78, 0xE2, 0x98]]
    }

    /// Whether this codec's tokenizer is observably not prefix-closed: some probe text has a
    /// prefix-valid tokenization (for a continuation of ``ContinuationSet/regexPreTokenizers``)
    /// other than its canonical encoding.
    func looksStreaming() -> Bool {
        var probe = self
        probe.notion = .prefix(.regexPreTokenizers)
        for text in Self.streamingProbes {
            let canonical = probe.encodeSegment(text[...])
            if probe.validTokenizations(of: text[...]).contains(where: { $0 != canonical }) { return true }
        }
        return false
    }
}

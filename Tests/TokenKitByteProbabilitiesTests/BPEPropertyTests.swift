import Testing
import TokenKit
import TokenKitBPE
import TokenKitByteProbabilities
import TokenKitTestSupport

/// T7 for the byte-level BPE family (tiktoken vocabularies with GPT-2, cl100k and o200k
/// pre-tokenizers): prefix closure, split-point stability, pairwise == re-encode validity.
@Suite("T7: byte-level BPE tokenizer properties", SharedData.required)
struct BPEPropertyTests {
    static let vocabularies: [(name: String, path: String)] = [
        ("r50k_base", "vocabularies/openai-tiktoken/r50k_base.tiktoken"),
        ("cl100k_base", "vocabularies/openai-tiktoken/cl100k_base.tiktoken"),
        ("o200k_base", "vocabularies/openai-tiktoken/o200k_base.tiktoken"),
    ]
    static var names: [String] { vocabularies.map(\.name) }

    static func tokenizer(_ name: String) throws -> BPETokenizer {
        let entry = try #require(vocabularies.first { $0.name == name })
        let path = try #require(SharedData.path(entry.path), "shared vocabulary \(entry.path) missing")
        return try BPEFiles.load(path: path)
    }

    /// Letters (both cases), spaces and whitespace runs (tabs, CR LF, Unicode spaces), digit runs
    /// (digit groups), punctuation, contractions, newlines, multi-byte and invalid UTF-8.
    static let pieces: [[UInt8]] = [
        "a", "e", "th", "The", " the", " ", "  ", "   ", "\n", "\n\n", " \n", "\t", "1", "12", "1234567", "'s", "'t",
        ".", ",", "!", "?!", "é", "ï", "☃", "日本", "A", "x", "\r\n", "'", "ll", "don", "DON", "\u{A0}", "ſ", "\t\t",
        "/", "٣", " \u{3000}",
    ].map { Array($0.utf8) } + [[0xC3], [0x80], [0xE2, 0x98], [0xFF]]

    static func randomStrings(count: Int, maxPieces: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let n = 1 + Int(rng.next() % UInt64(maxPieces))
            return (0..<n).flatMap { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }
        }
    }

    /// The tokenizers, loaded once per test process (o200k takes a while in debug builds).
    static let loaded: [String: BPETokenizer] = {
        var out: [String: BPETokenizer] = [:]
        for entry in vocabularies {
            if let path = SharedData.path(entry.path), let t = try? BPEFiles.load(path: path) { out[entry.name] = t }
        }
        return out
    }()

    /// Codecs with the default choices, built once (their prefix-validity cache is shared).
    static let codecs: [String: ByteStreamCodec<BPETokenizer>] = loaded.mapValues { ByteStreamCodec(tokenizer: $0) }

    static func codec(_ name: String) throws -> ByteStreamCodec<BPETokenizer> {
        try #require(codecs[name], "shared vocabulary for \(name) missing")
    }

    @Test("codec: no dummy prefix; split rule from the vocabulary; prefix-validity from the pattern", arguments: names)
    func codecFacts(name: String) throws {
        let codec = try Self.codec(name)
        #expect(codec.dummyPrefix.isEmpty)
        #expect(codec.splitRule == .spaceAfterWord)
        #expect(codec.notion == .prefix(.regexPreTokenizers))
        #expect(codec.splitPoint(in: Array("Hello world  again".utf8)) == 11)
        // The same vocabulary without a pre-tokenizer is prefix-closed: plain validity.
        let plain = ByteStreamCodec(tokenizer: try #require(Self.loaded[name]).withPattern(.none))
        #expect(plain.notion == .canonical)
    }

    /// The finding behind prefix-validity: at whitespace-ending prefixes the canonical encoding of
    /// a prefix is not the prefix of the canonical encoding (`enc("x\n\n")` ends in `"\n\n"`,
    /// `enc("x\n\n a")` cuts the run differently), so plain validity is not prefix-closed.
    /// Prefix-validity (`t` is a prefix of `enc(decode(t)·z)` for some `z`) is: every prefix of
    /// every canonical encoding is prefix-valid — at every prefix, whitespace ones included — and
    /// the continuation search finds it.
    @Test("prefix closure of prefix-validity at every prefix (whitespace-ending ones included)", arguments: names)
    func prefixClosure(name: String) throws {
        let codec = try Self.codec(name)
        var notCanonical = 0, whitespaceEnding = 0, checked = 0
        for s in Self.randomStrings(count: Environment.long ? 2000 : 150, maxPieces: 10, seed: 3) {
            let t = try #require(codec.encodeSegment(s[...]))
            #expect(codec.decode(t) == s)
            for k in 0...t.count {
                let prefix = Array(t[..<k])
                let bytes = codec.decode(prefix)
                checked += 1
                #expect(codec.isPrefixValid(prefix), "prefix closure: \(s) at \(k)")
                #expect(codec.validTokenizations(of: bytes[...]).contains(prefix))
                if codec.encodeSegment(bytes[...]) != prefix {
                    notCanonical += 1
                    if let last = bytes.last, [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C].contains(last) { whitespaceEnding += 1 }
                }
            }
        }
        // The strings do exercise the phenomenon (plain validity fails at these prefixes).
        #expect(notCanonical > 0 && whitespaceEnding > 0, "\(notCanonical) of \(checked) prefixes not canonical")
    }

    /// Soundness and completeness of the continuation set on texts cut at every byte: every
    /// prefix-valid tokenization found by a much larger search (all pairs of the single
    /// characters, triples of the core ones) is found by the default set, and vice versa.
    @Test("continuation set == a much larger continuation search", arguments: names)
    func continuationSetComplete(name: String) throws {
        let tokenizer = try #require(Self.loaded[name])
        let codec = try Self.codec(name)
        var big = ContinuationSet.singles + ContinuationSet.pairs
        for a in ContinuationSet.singles { for b in ContinuationSet.core { big.append(a + b); big.append(b + a) } }
        for a in ContinuationSet.core { for b in ContinuationSet.core { for c in ContinuationSet.core { big.append(a + b + c) } } }
        let wide = ByteStreamCodec(tokenizer: tokenizer, notion: .prefix(ContinuationSet(big)))
        var texts = Set<[UInt8]>()
        let designed = ["x\n\n a", "ab  c", "x \t\ty", "don'll", "DON'T", "x!a", "12345", "xABc", "a\r\n\r\n b"].map { Array($0.utf8) }
            + [[0x78, 0x20, 0xC3, 0xA9], [0x61, 0x21, 0xE2, 0x80, 0x83, 0x62]]
        for s in designed + Self.randomStrings(count: Environment.long ? 60 : 2, maxPieces: 4, seed: 21) where !s.isEmpty {
            for n in 1...s.count { texts.insert(Array(s[..<n])) }
        }
        var differing = 0
        for text in texts.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let a = codec.validTokenizations(of: text[...])
            let b = wide.validTokenizations(of: text[...])
            #expect(a == b, "\(text): \(a.count) vs \(b.count)")
            if a.count > 1 { differing += 1 }
        }
        #expect(differing > 0)
    }

    @Test("split-point stability: covers from j == covers from 0", arguments: names)
    func splitStability(name: String) throws {
        try TokenizerPropertyTests.check(splitStability: try #require(Self.loaded[name]),
                                         streams: Self.randomStrings(count: Environment.long ? 40 : 4, maxPieces: 5, seed: 5))
    }

    /// `.pairwise` re-encodes only the adjacent pair, which ignores pre-tokenization context (a
    /// letter run split by the pair boundary, contractions, whitespace look-ahead), so under a
    /// regex pre-tokenizer the codec falls back to the full check; the raw two-token check, forced
    /// on, does disagree (the reason for the fallback).
    @Test("pairwise validity falls back to the full check under regex pre-tokenization and agrees with it", arguments: names)
    func pairwise(name: String) throws {
        let tokenizer = try #require(Self.loaded[name])
        let pairwise = ByteStreamCodec(tokenizer: tokenizer, splitRule: .some(.none), validity: .pairwise)
        let reencode = try Self.codec(name)
        let raw = ByteStreamCodec(tokenizer: tokenizer, splitRule: .some(.none), validity: .pairwise, notion: .canonical)
        let plain = ByteStreamCodec(tokenizer: tokenizer, splitRule: .some(.none), notion: .canonical)
        #expect(pairwise.validity == .reencode && raw.validity == .pairwise)
        var rng = SplitMix64(seed: 9)
        var rawDisagreements = 0
        var checked = 0
        for s in Self.randomStrings(count: Environment.long ? 300 : 5, maxPieces: 6, seed: 17) {
            for n in 1...s.count {
                guard let t = reencode.encodeSegment(s[..<n]) else { continue }
                // The tokens that share a first byte with common continuations, plus random ones.
                var candidates = Set<Int>()
                for b in [0x20, 0x61, 0x31, 0x0A, 0x2E, 0x27, 0xC3, 0x80] { candidates.formUnion(reencode.idsByFirstByte[b].prefix(40).map(Int.init)) }
                for _ in 0..<60 { candidates.insert(Int(rng.next() % UInt64(tokenizer.vocabularySize))) }
                for v in candidates where !reencode.bytes[v].isEmpty {
                    let a = pairwise.isValidExtension(tail: s[..<n], tokens: t, TokenID(v))
                    let b = reencode.isValidExtension(tail: s[..<n], tokens: t, TokenID(v))
                    #expect(a == b, "\(Array(s[..<n])) + \(reencode.bytes[v]): pairwise \(a), re-encode \(b)")
                    if rawDisagreements < 3, raw.isValidExtension(tail: s[..<n], tokens: t, TokenID(v)) != plain.isValidExtension(tail: s[..<n], tokens: t, TokenID(v)) {
                        rawDisagreements += 1
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
        #expect(rawDisagreements > 0)
    }
}

import TokenKit

/// A Hugging Face decoder stage: turns token texts (as the vocabulary writes them) into output
/// bytes, token list to token list (`decode_chain`).
public protocol HFDecoder: Sendable {
    /// Rewrites the token texts. `firstIndex` is the position of `tokens[0]` in the whole
    /// decode call (stages such as Metaspace treat the very first token specially).
    func decode(_ tokens: [[UInt8]], firstIndex: Int) -> [[UInt8]]
}

/// `ByteLevel`: maps GPT-2's alphabet back to bytes (a token with a character outside it is
/// kept as its UTF-8, as `tokenizers` does), all tokens fused.
///
/// Unlike `tokenizers`, which then replaces invalid UTF-8 with U+FFFD, the raw bytes are kept:
/// `Tokenizer.decodeString(_:options:invalidUTF8:)` applies the replacement when text is wanted.
public struct HFByteLevelDecoder: HFDecoder {
    /// Creates the stage.
    public init() {}

    public func decode(_ tokens: [[UInt8]], firstIndex: Int) -> [[UInt8]] {
        var out: [UInt8] = []
        for t in tokens {
            let text = String(decoding: t, as: UTF8.self)
            out.append(contentsOf: ByteLevelAlphabet.bytes(of: text) ?? t)
        }
        return [out]
    }
}

/// `Metaspace`: the replacement character becomes a space; the first token of the output loses
/// its leading space unless the prepend scheme is `never`.
public struct HFMetaspaceDecoder: HFDecoder {
    /// The replacement character's UTF-8.
    public let replacement: [UInt8]
    /// Whether a leading space is removed from the first token.
    public let stripFirstSpace: Bool

    /// Creates the stage.
    public init(replacement: [UInt8], stripFirstSpace: Bool) {
        self.replacement = replacement
        self.stripFirstSpace = stripFirstSpace
    }

    public func decode(_ tokens: [[UInt8]], firstIndex: Int) -> [[UInt8]] {
        tokens.enumerated().map { k, t in
            var out = HFReplace.replacing(HFPattern.literalMatches(replacement, in: t), with: [0x20], in: AlignedText(bytes: t, origin: Array(repeating: 0..<0, count: t.count))).bytes
            if stripFirstSpace && firstIndex + k == 0 && out.first == 0x20 { out.removeFirst() }
            return out
        }
    }
}

/// `ByteFallback`: runs of `<0xXX>` tokens become their bytes.
///
/// `tokenizers` writes one U+FFFD per byte when a run is not valid UTF-8; TokenKit keeps the
/// bytes (decode is byte-exact) and leaves replacement to the String conversion.
public struct HFByteFallbackDecoder: HFDecoder {
    /// Creates the stage.
    public init() {}

    static func byteValue(_ t: [UInt8]) -> UInt8? {
        guard t.count == 6, t[0] == UInt8(ascii: "<"), t[1] == UInt8(ascii: "0"), t[2] == UInt8(ascii: "x"),
              t[5] == UInt8(ascii: ">") else { return nil }
        return UInt8(String(decoding: t[3..<5], as: UTF8.self), radix: 16)
    }

    public func decode(_ tokens: [[UInt8]], firstIndex: Int) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var pending: [UInt8] = []
        for t in tokens {
            if let b = Self.byteValue(t) {
                pending.append(b)
                continue
            }
            if !pending.isEmpty { out.append(pending); pending = [] }
            out.append(t)
        }
        if !pending.isEmpty { out.append(pending) }
        return out
    }
}

/// `Fuse`: all tokens become one.
public struct HFFuseDecoder: HFDecoder {
    /// Creates the stage.
    public init() {}

    public func decode(_ tokens: [[UInt8]], firstIndex: Int) -> [[UInt8]] {
        [tokens.flatMap { $0 }]
    }
}

/// `Strip`: removes up to `start` leading and `stop` trailing copies of a character per token.
public struct HFStripDecoder: HFDecoder {
    /// The character's UTF-8.
    public let content: [UInt8]
    /// How many to remove at the start.
    public let start: Int
    /// How many to remove at the end.
    public let stop: Int

    /// Creates the stage.
    public init(content: [UInt8], start: Int, stop: Int) {
        self.content = content
        self.start = start
        self.stop = stop
    }

    public func decode(_ tokens: [[UInt8]], firstIndex: Int) -> [[UInt8]] {
        tokens.map { t in
            guard !content.isEmpty else { return t }
            var lo = 0
            var hi = t.count
            var k = 0
            while k < start, hi - lo >= content.count, t[lo..<(lo + content.count)].elementsEqual(content) { lo += content.count; k += 1 }
            k = 0
            while k < stop, hi - lo >= content.count, t[(hi - content.count)..<hi].elementsEqual(content) { hi -= content.count; k += 1 }
            return Array(t[lo..<hi])
        }
    }
}

/// `Replace`: a pattern becomes `content` in every token.
public struct HFReplaceDecoder: HFDecoder {
    /// What to look for.
    public let pattern: HFPattern
    /// What to put instead.
    public let content: [UInt8]

    /// Creates the stage.
    public init(pattern: HFPattern, content: [UInt8]) {
        self.pattern = pattern
        self.content = content
    }

    public func decode(_ tokens: [[UInt8]], firstIndex: Int) -> [[UInt8]] {
        tokens.map { t in
            let found = ((try? pattern.matches(in: t)) ?? []).filter { !$0.isEmpty }
            if found.isEmpty { return t }
            return HFReplace.replacing(found, with: content, in: AlignedText(bytes: t, origin: Array(repeating: 0..<0, count: t.count))).bytes
        }
    }
}

/// `BPEDecoder`: the end-of-word suffix becomes a space (nothing after the last token).
public struct HFBPESuffixDecoder: HFDecoder {
    /// The suffix (`</w>`).
    public let suffix: [UInt8]

    /// Creates the stage.
    public init(suffix: [UInt8]) { self.suffix = suffix }

    public func decode(_ tokens: [[UInt8]], firstIndex: Int) -> [[UInt8]] {
        tokens.enumerated().map { k, t in
            let found = HFPattern.literalMatches(suffix, in: t)
            let replacement: [UInt8] = k == tokens.count - 1 ? [] : [0x20]
            return HFReplace.replacing(found, with: replacement, in: AlignedText(bytes: t, origin: Array(repeating: 0..<0, count: t.count))).bytes
        }
    }
}

/// `Sequence`: decoders applied in order.
public struct HFDecoderSequence: HFDecoder {
    /// The stages.
    public let stages: [any HFDecoder]

    /// Creates the stage.
    public init(_ stages: [any HFDecoder]) { self.stages = stages }

    public func decode(_ tokens: [[UInt8]], firstIndex: Int) -> [[UInt8]] {
        var t = tokens
        for s in stages { t = s.decode(t, firstIndex: firstIndex) }
        return t
    }
}

extension HFPattern {
    /// Literal matches that cannot fail.
    static func literalMatches(_ needle: [UInt8], in bytes: [UInt8]) -> [Range<Int>] {
        (try? HFPattern.literal(needle).matches(in: bytes)) ?? []
    }
}

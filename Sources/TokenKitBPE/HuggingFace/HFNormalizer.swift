import TokenKit

/// A Hugging Face normalizer stage: rewrites text before pre-tokenization, keeping the
/// alignment to the original input.
public protocol HFNormalizer: Sendable {
    /// Normalizes `text` in place.
    ///
    /// - Throws: `TokenizerError` when the text cannot be normalized (invalid UTF-8).
    func normalize(_ text: inout AlignedText) throws(TokenizerError)
}

/// `NFC`, `NFD`, `NFKC`, `NFKD` (utf8proc).
///
/// The content is the normalization of the whole text; the alignment comes from normalizing
/// runs that start at a starter one by one (each output byte maps to its run), and falls back
/// to mapping everything to the whole text if the runs ever disagree with the whole.
public struct HFUnicodeNormalizer: HFNormalizer {
    /// The form.
    public let form: NormalizationForm

    /// Creates the stage.
    public init(form: NormalizationForm) { self.form = form }

    public func normalize(_ text: inout AlignedText) throws(TokenizerError) {
        if text.bytes.allSatisfy({ $0 < 0x80 }) { return }
        let whole = try text.bytes.withUnsafeBufferPointer { buf in
            Result { () throws(TokenizerError) -> [UInt8] in try UnicodeText.normalize(buf, to: form) }
        }.get()
        if whole == text.bytes { return }
        var out = AlignedText()
        out.bytes.reserveCapacity(whole.count)
        let scalars = AlignedText.scalars(text.bytes)
        var k = 0
        while k < scalars.count {
            var e = k + 1
            while e < scalars.count && !Self.isRunStart(scalars[e].scalar) { e += 1 }
            let range = scalars[k].range.lowerBound..<scalars[e - 1].range.upperBound
            let chunk = Array(text.bytes[range])
            let normalized = try chunk.withUnsafeBufferPointer { buf in
                Result { () throws(TokenizerError) -> [UInt8] in try UnicodeText.normalize(buf, to: form) }
            }.get()
            if normalized == chunk {
                out.append(text, range)
            } else {
                out.append(normalized, from: text.originalRange(of: range))
            }
            k = e
        }
        if out.bytes != whole {
            var all = AlignedText()
            all.append(whole, from: text.originalRange(of: 0..<text.count))
            text = all
        } else {
            text = out
        }
    }

    /// A scalar that never combines with what precedes it (a starter that is not a Hangul
    /// medial or final jamo): normalization runs may start there.
    static func isRunStart(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x300 { return true }
        if (0x1161...0x11C2).contains(s.value) { return false }
        return s.properties.canonicalCombiningClass == .notReordered && s.properties.isGraphemeBase
    }
}

/// `Lowercase`: the full per-character lower-case mapping (Rust's `char::to_lowercase`).
public struct HFLowercase: HFNormalizer {
    /// Creates the stage.
    public init() {}

    public func normalize(_ text: inout AlignedText) throws(TokenizerError) {
        var out = AlignedText()
        out.bytes.reserveCapacity(text.count)
        for (s, r) in AlignedText.scalars(text.bytes) {
            if s.value < 0x80 {
                let b = text.bytes[r.lowerBound]
                out.bytes.append(b >= 0x41 && b <= 0x5A ? b + 32 : b)
                out.origin.append(text.origin[r.lowerBound])
                continue
            }
            let lower = s.properties.lowercaseMapping
            if lower.unicodeScalars.count == 1 && lower.unicodeScalars.first == s {
                out.append(text, r)
            } else {
                out.append(Array(lower.utf8), from: text.originalRange(of: r))
            }
        }
        text = out
    }
}

/// `StripAccents`: removes non-spacing marks (category Mn).
public struct HFStripAccents: HFNormalizer {
    /// Creates the stage.
    public init() {}

    public func normalize(_ text: inout AlignedText) throws(TokenizerError) {
        var out = AlignedText()
        for (s, r) in AlignedText.scalars(text.bytes) where GeneralCategory(s) != .nonspacingMark {
            out.append(text, r)
        }
        text = out
    }
}

/// What `Replace` and `Split` look for: a literal string or an ICU regex.
public enum HFPattern: Sendable {
    /// A literal string.
    case literal([UInt8])
    /// A regular expression.
    case regex(ICURegex)

    /// Non-overlapping matches, left to right (byte ranges; literal: never empty).
    func matches(in bytes: [UInt8]) throws(TokenizerError) -> [Range<Int>] {
        switch self {
        case .literal(let needle):
            guard !needle.isEmpty, bytes.count >= needle.count else { return [] }
            var out: [Range<Int>] = []
            var i = 0
            let first = needle[0]
            while i + needle.count <= bytes.count {
                if bytes[i] == first && bytes[i..<(i + needle.count)].elementsEqual(needle) {
                    out.append(i..<(i + needle.count))
                    i += needle.count
                } else {
                    i += 1
                }
            }
            return out
        case .regex(let re):
            return try bytes.withUnsafeBufferPointer { buf in
                Result { () throws(TokenizerError) -> [Range<Int>] in
                    do { return try re.matches(in: buf) } catch {
                        throw TokenizerError(code: .unsupportedInput, message: "regex failed on the input: \(error)")
                    }
                }
            }.get()
        }
    }
}

/// `Replace`: every match of a pattern becomes `content`.
public struct HFReplace: HFNormalizer {
    /// What to look for.
    public let pattern: HFPattern
    /// What to put instead.
    public let content: [UInt8]

    /// Creates the stage.
    public init(pattern: HFPattern, content: [UInt8]) {
        self.pattern = pattern
        self.content = content
    }

    public func normalize(_ text: inout AlignedText) throws(TokenizerError) {
        let found = try pattern.matches(in: text.bytes).filter { !$0.isEmpty }
        if found.isEmpty { return }
        text = Self.replacing(found, with: content, in: text)
    }

    static func replacing(_ found: [Range<Int>], with content: [UInt8], in text: AlignedText) -> AlignedText {
        var out = AlignedText()
        var position = 0
        for r in found {
            out.append(text, position..<r.lowerBound)
            out.append(content, from: text.originalRange(of: r))
            position = r.upperBound
        }
        out.append(text, position..<text.count)
        return out
    }
}

/// `Prepend`: puts a string before non-empty text.
public struct HFPrepend: HFNormalizer {
    /// The string.
    public let prefix: [UInt8]

    /// Creates the stage.
    public init(prefix: [UInt8]) { self.prefix = prefix }

    public func normalize(_ text: inout AlignedText) throws(TokenizerError) {
        guard !text.isEmpty else { return }
        text = Self.prepending(prefix, to: text)
    }

    /// `text` with `prefix` in front; the prefix covers the empty range where the text starts,
    /// so offsets still tile the input.
    static func prepending(_ prefix: [UInt8], to text: AlignedText) -> AlignedText {
        var out = AlignedText()
        out.append(prefix, from: text.originalRange(of: 0..<0))
        out.append(text, 0..<text.count)
        return out
    }
}

/// `Strip`: removes leading and/or trailing white space.
public struct HFStrip: HFNormalizer {
    /// Strip on the left.
    public let left: Bool
    /// Strip on the right.
    public let right: Bool

    /// Creates the stage.
    public init(left: Bool, right: Bool) {
        self.left = left
        self.right = right
    }

    public func normalize(_ text: inout AlignedText) throws(TokenizerError) {
        let scalars = AlignedText.scalars(text.bytes)
        var lo = 0
        var hi = scalars.count
        if left { while lo < hi && scalars[lo].scalar.isHFWhitespace { lo += 1 } }
        if right { while hi > lo && scalars[hi - 1].scalar.isHFWhitespace { hi -= 1 } }
        if lo == 0 && hi == scalars.count { return }
        let range = lo < hi ? scalars[lo].range.lowerBound..<scalars[hi - 1].range.upperBound : 0..<0
        text = text.slice(range)
    }
}

/// `Sequence`: normalizers applied in order.
public struct HFNormalizerSequence: HFNormalizer {
    /// The stages.
    public let stages: [any HFNormalizer]

    /// Creates the stage.
    public init(_ stages: [any HFNormalizer]) { self.stages = stages }

    public func normalize(_ text: inout AlignedText) throws(TokenizerError) {
        for s in stages { try s.normalize(&text) }
    }
}

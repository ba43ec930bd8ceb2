import TokenKit

/// UTF-8 text being normalized or pre-tokenized, with the byte range of the original input
/// behind every byte.
///
/// Hugging Face pipelines rewrite text (NFKC, lower-casing, `▁` for spaces, a prefix space)
/// before the model sees it; offsets must still point into what the caller passed. Each byte
/// of ``bytes`` carries the original range it came from, so a token over `bytes[a..<b]` covers
/// `origin[a].lowerBound ..< origin[b - 1].upperBound` of the input.
public struct AlignedText: Sendable, Hashable {
    /// The current bytes (UTF-8 unless a stage says otherwise).
    public var bytes: [UInt8]
    /// For each byte, the original byte range it stands for (parallel to ``bytes``).
    public var origin: [Range<Int>]

    /// Text that is the input itself: byte `i` stands for `base + i`.
    ///
    /// - Complexity: O(*n*).
    public init(original: UnsafeBufferPointer<UInt8>, base: Int = 0) {
        self.bytes = Array(original)
        self.origin = (0..<original.count).map { (base + $0)..<(base + $0 + 1) }
    }

    /// Text with explicit alignment.
    public init(bytes: [UInt8], origin: [Range<Int>]) {
        self.bytes = bytes
        self.origin = origin
    }

    /// Empty text.
    public init() {
        bytes = []
        origin = []
    }

    /// The number of bytes.
    public var count: Int { bytes.count }

    /// Whether there are no bytes.
    public var isEmpty: Bool { bytes.isEmpty }

    /// The original range covered by the bytes `range`; an empty range maps to the empty range
    /// where it stands.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        if range.isEmpty {
            if range.lowerBound < origin.count { return origin[range.lowerBound].lowerBound..<origin[range.lowerBound].lowerBound }
            let end = origin.last?.upperBound ?? 0
            return end..<end
        }
        let lo = origin[range.lowerBound].lowerBound
        let hi = origin[range.upperBound - 1].upperBound
        return lo..<max(lo, hi)
    }

    /// The sub-text `range`, alignment kept.
    public func slice(_ range: Range<Int>) -> AlignedText {
        AlignedText(bytes: Array(bytes[range]), origin: Array(origin[range]))
    }

    /// Appends bytes that together stand for `source`.
    ///
    /// The first byte carries the whole of `source` and the others the empty range at its end,
    /// so that tokens cutting through rewritten text still get offsets that tile the input
    /// (a token made only of later bytes covers no input of its own).
    public mutating func append<C: Collection>(_ newBytes: C, from source: Range<Int>) where C.Element == UInt8 {
        guard !newBytes.isEmpty else { return }
        bytes.append(contentsOf: newBytes)
        origin.append(source)
        origin.append(contentsOf: repeatElement(source.upperBound..<source.upperBound, count: newBytes.count - 1))
    }

    /// Appends the bytes `range` of `other`, alignment kept.
    public mutating func append(_ other: AlignedText, _ range: Range<Int>) {
        bytes.append(contentsOf: other.bytes[range])
        origin.append(contentsOf: other.origin[range])
    }

    /// The original range of the Unicode scalar starting at byte `i` (its lead and
    /// continuation bytes merged).
    func scalarOrigin(_ range: Range<Int>) -> Range<Int> { originalRange(of: range) }

    /// The byte length of the UTF-8 sequence that starts with `lead` (1 for stray bytes).
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        if lead < 0x80 { return 1 }
        if lead >= 0xF0 { return 4 }
        if lead >= 0xE0 { return 3 }
        if lead >= 0xC0 { return 2 }
        return 1
    }

    /// Decodes the scalar at byte `i` of valid UTF-8, with its length.
    @inline(__always)
    static func scalar(at i: Int, in bytes: [UInt8]) -> (Unicode.Scalar, Int) {
        let b0 = bytes[i]
        let n = min(sequenceLength(b0), bytes.count - i)
        var value: UInt32
        switch n {
        case 2: value = UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
        case 3: value = UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
        case 4:
            value = UInt32(b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
        default: value = UInt32(b0)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", max(n, 1))
    }

    /// The scalars of `bytes` with their byte ranges.
    static func scalars(_ bytes: [UInt8]) -> [(scalar: Unicode.Scalar, range: Range<Int>)] {
        var out: [(scalar: Unicode.Scalar, range: Range<Int>)] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let (s, n) = scalar(at: i, in: bytes)
            out.append((s, i..<(i + n)))
            i += n
        }
        return out
    }
}

extension Unicode.Scalar {
    /// Rust's `char::is_whitespace` (the White_Space property), which Hugging Face uses.
    var isHFWhitespace: Bool { properties.isWhitespace }

    /// Rust's `char::is_alphanumeric` (Alphabetic or Numeric).
    var isHFAlphanumeric: Bool {
        if value < 0x80 {
            let v = value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return properties.isAlphabetic || GeneralCategory(self).isNumber
    }

    /// Hugging Face's `is_punctuation`: the Unicode punctuation categories (Pc Pd Ps Pe Pi Pf Po).
    var isHFPunctuation: Bool { GeneralCategory(self).isPunctuation }

    /// UTF-8 bytes of this scalar.
    var utf8Bytes: [UInt8] { Array(String(self).utf8) }
}

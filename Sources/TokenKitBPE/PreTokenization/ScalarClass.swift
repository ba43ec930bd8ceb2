import TokenKit

/// Character classes the split patterns test, as bit flags, with a fast UTF-8 decoder.
///
/// The classes follow the regex definitions the references use (Rust `regex` / Python `regex`):
/// `\p{L}`, `\p{N}`, `\s` = Unicode `White_Space`, plus the two letter groups of the o200k
/// pattern. Derived from the core's `GeneralCategory` once, into a flat table for the BMP.
@usableFromInline
enum ScalarClass {
    @usableFromInline static let letter: UInt8 = 1
    @usableFromInline static let number: UInt8 = 2
    @usableFromInline static let space: UInt8 = 4
    /// `\r` or `\n`.
    @usableFromInline static let newline: UInt8 = 8
    /// o200k's `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`.
    @usableFromInline static let upperish: UInt8 = 16
    /// o200k's `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`.
    @usableFromInline static let lowerish: UInt8 = 32
    /// `\p{M}`.
    @usableFromInline static let mark: UInt8 = 64

    /// Flags of one scalar value.
    static func compute(_ v: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(v) else { return 0 }
        var f: UInt8 = 0
        let c = GeneralCategory(scalar)
        if c.isLetter { f |= letter }
        if c.isNumber { f |= number }
        if scalar.isUnicodeWhiteSpace { f |= space }
        if v == 0x0A || v == 0x0D { f |= newline }
        switch c {
        case .uppercaseLetter, .titlecaseLetter: f |= upperish
        case .lowercaseLetter: f |= lowerish
        case .modifierLetter, .otherLetter: f |= upperish | lowerish
        case .nonspacingMark, .spacingMark, .enclosingMark: f |= upperish | lowerish | mark
        default: break
        }
        return f
    }

    /// Flags for U+0000…U+FFFF.
    @usableFromInline nonisolated(unsafe) static let bmp: UnsafeMutablePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        for v in 0..<0x10000 { t[v] = compute(UInt32(v)) }
        return t
    }()

    /// Decodes the scalar at `i` (`i < n`) and returns its flags and byte length.
    ///
    /// Bytes that do not start a valid UTF-8 sequence count as one-byte scalars with no flags
    /// (they behave like U+FFFD, a symbol), so arbitrary bytes still split and round-trip.
    @inline(__always) @usableFromInline
    static func at(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ table: UnsafeMutablePointer<UInt8>) -> (flags: UInt8, length: Int) {
        let b0 = p[i]
        if b0 < 0x80 { return (table[Int(b0)], 1) }
        if b0 < 0xC2 { return (0, 1) }
        if b0 < 0xE0 {
            guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return (0, 1) }
            return (table[Int(b0 & 0x1F) << 6 | Int(p[i + 1] & 0x3F)], 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < n else { return (0, 1) }
            let b1 = p[i + 1], b2 = p[i + 2]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return (0, 1) }
            let v = Int(b0 & 0x0F) << 12 | Int(b1 & 0x3F) << 6 | Int(b2 & 0x3F)
            if v < 0x800 || (v >= 0xD800 && v <= 0xDFFF) { return (0, 1) }
            return (table[v], 3)
        }
        if b0 < 0xF5 {
            guard i + 3 < n else { return (0, 1) }
            let b1 = p[i + 1], b2 = p[i + 2], b3 = p[i + 3]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return (0, 1) }
            let v = UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(b2 & 0x3F) << 6 | UInt32(b3 & 0x3F)
            if v < 0x10000 || v > 0x10FFFF { return (0, 1) }
            return (supplementary(v), 4)
        }
        return (0, 1)
    }

    @usableFromInline @inline(never)
    static func supplementary(_ v: UInt32) -> UInt8 { compute(v) }
}

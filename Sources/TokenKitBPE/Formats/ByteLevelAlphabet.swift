/// GPT-2's byte ↔ printable-character alphabet (`bytes_to_unicode`): byte-level vocabularies
/// in JSON spell every byte as one visible character, so `Ġ` (U+0120) is the space byte.
public enum ByteLevelAlphabet {
    /// The character (scalar value) for each byte.
    public static let scalarForByte: [UInt32] = {
        var out = [UInt32](repeating: 0, count: 256)
        var next: UInt32 = 256
        for b in 0..<256 {
            let printable = (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b)
            if printable { out[b] = UInt32(b) } else { out[b] = next; next += 1 }
        }
        return out
    }()

    /// The byte for each scalar value below 324 (0xFFFF where none).
    public static let byteForScalar: [UInt16] = {
        var out = [UInt16](repeating: 0xFFFF, count: 324)
        for (b, s) in scalarForByte.enumerated() { out[Int(s)] = UInt16(b) }
        return out
    }()

    /// The bytes a byte-level token string stands for, or `nil` if it has a character outside
    /// the alphabet.
    public static func bytes(of token: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(token.utf8.count)
        for s in token.unicodeScalars {
            guard Int(s.value) < byteForScalar.count else { return nil }
            let b = byteForScalar[Int(s.value)]
            if b == 0xFFFF { return nil }
            out.append(UInt8(b))
        }
        return out
    }

    /// The byte-level spelling of `bytes`.
    public static func string(of bytes: some Sequence<UInt8>) -> String {
        var s = String.UnicodeScalarView()
        for b in bytes { s.append(Unicode.Scalar(scalarForByte[Int(b)]) ?? "?") }
        return String(s)
    }
}

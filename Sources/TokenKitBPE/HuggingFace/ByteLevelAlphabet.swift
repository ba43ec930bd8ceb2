/// GPT-2's byte-to-character table (`bytes_to_unicode`): printable Latin-1 bytes stand for
/// themselves, the other 68 bytes for U+0100 onwards, so every byte string is printable text.
///
/// Byte-level vocabularies (`Ġthe`) are written in this alphabet; TokenKit converts them to raw
/// bytes once at load time and works on bytes from then on.
public enum ByteLevelAlphabet {
    /// The character each byte stands for.
    public static let characters: [Unicode.Scalar] = {
        var table = [Unicode.Scalar](repeating: "\0", count: 256)
        var next: UInt32 = 256
        for b in 0..<256 {
            let printable = (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b)
            if printable {
                table[b] = Unicode.Scalar(UInt8(b))
            } else {
                table[b] = Unicode.Scalar(next) ?? "\0"
                next += 1
            }
        }
        return table
    }()

    /// The byte a character stands for, or `nil` for a character outside the alphabet.
    public static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        if v < 256 {
            let printable = (0x21...0x7E).contains(v) || (0xA1...0xAC).contains(v) || (0xAE...0xFF).contains(v)
            return printable ? UInt8(v) : nil
        }
        return v < 256 + 68 ? reverse[Int(v - 256)] : nil
    }

    private static let reverse: [UInt8] = {
        var out = [UInt8](repeating: 0, count: 68)
        for b in 0..<256 where characters[b].value >= 256 { out[Int(characters[b].value) - 256] = UInt8(b) }
        return out
    }()

    /// The raw bytes of a token written in the alphabet, or `nil` if a character is outside it.
    public static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            guard let b = byte(for: s) else { return nil }
            out.append(b)
        }
        return out
    }

    /// The token written in the alphabet.
    public static func encode(_ bytes: [UInt8]) -> String {
        var s = String.UnicodeScalarView()
        for b in bytes { s.append(characters[Int(b)]) }
        return String(s)
    }
}

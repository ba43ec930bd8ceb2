/// GPT-2's byte ↔ printable-character mapping, the "byte-level" string form of tokens
/// (`Ġ` = space, `Ċ` = newline, `ĉ` = tab).
///
/// Printable Latin-1 bytes (`!`…`~`, `¡`…`¬`, `®`…`ÿ`) map to themselves; the other 68 bytes
/// map, in byte order, to U+0100 onwards.
public enum ByteLevelText {
    /// The character of each byte.
    public static let characters: [Unicode.Scalar] = {
        var table = [Unicode.Scalar](repeating: " ", count: 256)
        var extra: UInt32 = 0
        for b in 0..<256 {
            let printable = (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b)
            let value = printable ? UInt32(b) : 0x100 + extra
            if !printable { extra += 1 }
            table[b] = Unicode.Scalar(value) ?? " "
        }
        return table
    }()

    private static let bytesByScalar: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (b, s) in characters.enumerated() { map[s.value] = UInt8(b) }
        return map
    }()

    /// The byte-level string of `bytes`.
    ///
    /// - Complexity: O(*n*).
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var s = String.UnicodeScalarView()
        for b in bytes { s.append(characters[Int(b)]) }
        return String(s)
    }

    /// The bytes of a byte-level string, or `nil` if a character is outside the alphabet.
    ///
    /// - Complexity: O(*n*).
    public static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            guard let b = bytesByScalar[s.value] else { return nil }
            out.append(b)
        }
        return out
    }
}

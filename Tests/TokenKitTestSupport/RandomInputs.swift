@_exported import TokenKit

/// Generators of hostile inputs for tokenizer laws.
public enum RandomInputs {
    /// Scalars that break naive code: case-folding oddities, invisible and line-breaking
    /// characters, combining marks, ZWJ sequences, astral-plane scalars, right-to-left text.
    public static let nastyScalars: [Unicode.Scalar] = [
        "\u{17F}", "\u{212A}", "\u{0B}", "\u{85}", "\u{2028}", "\u{2029}", "\r", "\n", "\t", " ",
        "\u{A0}", "\u{3000}", "\u{200D}", "\u{301}", "\u{FE0F}", "\u{1F600}", "\u{1F468}", "\u{10FFFF}",
        "\u{FEFF}", "\u{5D0}", "\u{627}", "\u{4E2D}", "\u{AC00}", "\u{E01}", "'", "0", "9", "\u{660}",
        "\u{0}", "\u{7F}", "\u{FFFD}", "a", "Z", "\u{130}", "\u{DF}",
    ]

    /// Random bytes of length `0...maxLength`; about a third of the results are invalid UTF-8.
    public static func bytes(count: Int, maxLength: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { k in
            let length = Int.random(in: 0...maxLength, using: &rng)
            switch k % 3 {
            case 0:
                return (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case 1:
                return Array(text(maxScalars: length, using: &rng).utf8)
            default:
                var valid = Array(text(maxScalars: length, using: &rng).utf8)
                if !valid.isEmpty {
                    // Cut a multi-byte scalar or insert a stray continuation byte.
                    let at = Int.random(in: 0..<valid.count, using: &rng)
                    if Bool.random(using: &rng) { valid.insert(0x80 | UInt8.random(in: 0...0x3F, using: &rng), at: at) }
                    else { valid.insert(0xF0, at: at) }
                }
                return valid
            }
        }
    }

    /// Random valid UTF-8 strings, mixing ASCII, nasty scalars and random scalars of any plane.
    public static func strings(count: Int, maxScalars: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in text(maxScalars: Int.random(in: 0...maxScalars, using: &rng), using: &rng) }
    }

    static func text(maxScalars: Int, using rng: inout SplitMix64) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<maxScalars {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5:
                s.append(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &rng)))
            case 5..<8:
                s.append(nastyScalars[Int.random(in: 0..<nastyScalars.count, using: &rng)])
            default:
                let v = UInt32.random(in: 0...0x10FFFF, using: &rng)
                s.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            }
        }
        return String(s)
    }
}

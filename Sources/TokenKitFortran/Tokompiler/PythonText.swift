/// Python `str` helpers the reference relies on (spec §C4).
enum PythonText {
    /// Python's `str.isspace()` for one scalar.
    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Python's `str.split()` without arguments: split on whitespace runs, drop empties.
    static func split(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isSpace(s) {
                if !current.isEmpty { out.append(String(current)); current = String.UnicodeScalarView() }
            } else {
                current.append(s)
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    /// The length of the Python whitespace character encoded at `bytes[i]`, or 0.
    @inline(__always)
    static func spaceLength(_ bytes: ArraySlice<UInt8>, _ i: Int) -> Int {
        let c = bytes[i]
        if c < 0x80 { return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) ? 1 : 0 }
        @inline(__always) func at(_ k: Int) -> UInt8 { k < bytes.endIndex ? bytes[k] : 0 }
        switch c {
        case 0xC2: return at(i + 1) == 0x85 || at(i + 1) == 0xA0 ? 2 : 0
        case 0xE1: return at(i + 1) == 0x9A && at(i + 2) == 0x80 ? 3 : 0
        case 0xE2:
            let c1 = at(i + 1), c2 = at(i + 2)
            if c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) { return 3 }
            return c1 == 0x81 && c2 == 0x9F ? 3 : 0
        case 0xE3: return at(i + 1) == 0x80 && at(i + 2) == 0x80 ? 3 : 0
        default: return 0
        }
    }

    /// The same split over bytes, with each piece's byte range (offset by `base`). Invalid
    /// UTF-8 stays inside pieces (repaired only in the piece's text).
    static func splitWithRanges(_ bytes: ArraySlice<UInt8>, base: Int) -> [(String, Range<Int>)] {
        var out: [(String, Range<Int>)] = []
        var i = bytes.startIndex
        var pieceStart: Int? = nil
        while i < bytes.endIndex {
            let n = spaceLength(bytes, i)
            if n > 0 {
                if let st = pieceStart {
                    out.append((String(decoding: bytes[st..<i], as: UTF8.self), (base + st - bytes.startIndex)..<(base + i - bytes.startIndex)))
                    pieceStart = nil
                }
                i += n
            } else {
                if pieceStart == nil { pieceStart = i }
                i += 1
            }
        }
        if let st = pieceStart {
            out.append((String(decoding: bytes[st...], as: UTF8.self), (base + st - bytes.startIndex)..<(base + bytes.endIndex - bytes.startIndex)))
        }
        return out
    }
}

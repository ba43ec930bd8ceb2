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

    /// The same split, with each piece's byte range inside `bytes` (offset by `base`).
    static func splitWithRanges(_ bytes: ArraySlice<UInt8>, base: Int) -> [(String, Range<Int>)] {
        let text = String(decoding: bytes, as: UTF8.self)
        var out: [(String, Range<Int>)] = []
        var start: Int? = nil
        var offset = 0
        var current = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let width = UTF8.width(s)
            if isSpace(s) {
                if let st = start { out.append((String(current), (base + st)..<(base + offset))); current = String.UnicodeScalarView(); start = nil }
            } else {
                if start == nil { start = offset }
                current.append(s)
            }
            offset += width
        }
        if let st = start { out.append((String(current), (base + st)..<(base + min(offset, bytes.count)))) }
        return out
    }
}

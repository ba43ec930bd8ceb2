/// Finds where a value sits in a JSON document, given its path.
///
/// The shared parser gives values without positions (cheap to build); only when a semantic
/// check fails (an unknown token in `model.merges[12]`) do we scan the bytes again to tell the
/// user the line and column. The scan never traps: on anything unexpected it returns `nil`.
enum JSONLocator {
    /// The byte offset where the value at `path` begins, or `nil`.
    ///
    /// - Complexity: O(*n*) in the bytes before the value.
    static func offset(of path: [JSONPathComponent], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        skipSpace(bytes, &i)
        for component in path {
            guard i < bytes.count else { return nil }
            switch component {
            case .key(let key):
                guard bytes[i] == UInt8(ascii: "{") else { return nil }
                i += 1
                var found: Int? = nil
                // The parser keeps the last duplicate; so do we.
                while true {
                    skipSpace(bytes, &i)
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: "}") { break }
                    guard let name = readString(bytes, &i) else { return nil }
                    skipSpace(bytes, &i)
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    skipSpace(bytes, &i)
                    if name == key { found = i }
                    guard skipValue(bytes, &i) else { return nil }
                    skipSpace(bytes, &i)
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    break
                }
                guard let f = found else { return nil }
                i = f
            case .index(let index):
                guard bytes[i] == UInt8(ascii: "[") else { return nil }
                i += 1
                var k = 0
                while true {
                    skipSpace(bytes, &i)
                    guard i < bytes.count, bytes[i] != UInt8(ascii: "]") else { return nil }
                    if k == index { break }
                    guard skipValue(bytes, &i) else { return nil }
                    skipSpace(bytes, &i)
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return nil }
                    i += 1
                    k += 1
                }
            }
        }
        return i
    }

    private static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    /// Reads a string (escapes decoded only as far as needed to compare member names).
    private static func readString(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> String? {
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
        i += 1
        var raw: [UInt8] = []
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; return String(decoding: raw, as: UTF8.self) }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < b.count else { return nil }
                let e = b[i + 1]
                switch e {
                case UInt8(ascii: "n"): raw.append(0x0A)
                case UInt8(ascii: "t"): raw.append(0x09)
                case UInt8(ascii: "r"): raw.append(0x0D)
                case UInt8(ascii: "u"):
                    // Member names with \u escapes are compared loosely; good enough for locating.
                    raw.append(contentsOf: [0x5C, 0x75])
                default: raw.append(e)
                }
                i += 2
                continue
            }
            raw.append(c)
            i += 1
        }
        return nil
    }

    /// Skips one value; `false` on malformed input.
    private static func skipValue(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Bool {
        guard i < b.count else { return false }
        var depth = 0
        repeat {
            skipSpace(b, &i)
            guard i < b.count else { return false }
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                while i < b.count, b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
                guard i < b.count else { return false }
                i += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                i += 1
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                i += 1
            default:
                // A literal: number, true, false, null.
                while i < b.count {
                    let d = b[i]
                    if d == UInt8(ascii: ",") || d == UInt8(ascii: "}") || d == UInt8(ascii: "]")
                        || d == 0x20 || d == 0x0A || d == 0x0D || d == 0x09 { break }
                    i += 1
                }
            }
        } while depth > 0
        return depth == 0
    }
}

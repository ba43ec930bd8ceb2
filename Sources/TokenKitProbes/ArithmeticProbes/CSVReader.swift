/// A reader for RFC 4180 CSV: comma-separated fields, `"`-quoted fields with `""` escapes and
/// line breaks inside quotes, `\n` or `\r\n` row ends.
///
/// It works on bytes and reports every row with the line it starts on, so callers can skip a
/// malformed row and say where it was. A quote that is never closed makes the rest of the file
/// one bad row (reported, not a crash).
public struct CSVReader {
    /// One parsed row.
    public struct Row: Sendable {
        /// The fields (unquoted, escapes resolved).
        public var fields: [String]
        /// The 1-based line the row starts on.
        public var line: Int
        /// A syntax problem, or `nil` for a well-formed row.
        public var problem: String?
    }

    private let bytes: [UInt8]
    private var i = 0
    private var line = 1

    /// Reads from a byte array (a leading UTF-8 byte-order mark is skipped).
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    /// The next row, or `nil` at the end. Blank lines are skipped.
    ///
    /// - Complexity: O(row length).
    public mutating func next() -> Row? {
        while i < bytes.count && (bytes[i] == 0x0A || bytes[i] == 0x0D) {
            if bytes[i] == 0x0A { line += 1 }
            i += 1
        }
        guard i < bytes.count else { return nil }
        let start = line
        var fields: [String] = []
        var field: [UInt8] = []
        var problem: String?
        var quoted = false
        var fieldStart = true
        while i < bytes.count {
            let c = bytes[i]
            if quoted {
                if c == 0x22 {
                    if i + 1 < bytes.count && bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    quoted = false
                    i += 1
                    // After a closing quote only a comma or a row end may follow.
                    if i < bytes.count && bytes[i] != 0x2C && bytes[i] != 0x0A && bytes[i] != 0x0D && problem == nil {
                        problem = "text after a closing quote in field \(fields.count + 1)"
                    }
                    continue
                }
                if c == 0x0A { line += 1 }
                field.append(c)
                i += 1
                continue
            }
            switch c {
            case 0x22 where fieldStart:
                quoted = true
                fieldStart = false
                i += 1
            case 0x2C:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldStart = true
                i += 1
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                i += 1
            case 0x0A:
                i += 1
                line += 1
                fields.append(String(decoding: field, as: UTF8.self))
                return Row(fields: fields, line: start, problem: problem)
            default:
                if c == 0x22 && problem == nil { problem = "a quote inside unquoted field \(fields.count + 1)" }
                field.append(c)
                fieldStart = false
                i += 1
            }
        }
        if quoted { problem = "a quoted field opened on line \(start) is never closed" }
        fields.append(String(decoding: field, as: UTF8.self))
        return Row(fields: fields, line: start, problem: problem)
    }
}

/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// Errors are ``FormatError``s with the line and column of the offending byte. Nesting deeper
/// than ``maximumDepth`` is an error rather than a stack overflow, so hostile input is safe.
public struct JSONParser: ~Copyable {
    /// The deepest nesting accepted.
    public static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses one JSON document that fills all of `bytes` (surrounding white space allowed).
    ///
    /// - Throws: ``FormatError`` with line and column.
    /// - Complexity: O(*n*).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(FormatError) -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skipSpace()
        if parser.i == bytes.count { throw parser.error(.empty, "expected a JSON value, found nothing") }
        let value = try parser.value()
        parser.skipSpace()
        if parser.i != bytes.count { throw parser.error(.syntax, "unexpected \(parser.describeCurrent()) after the JSON value") }
        return value
    }

    /// Parses a JSON document held in an array.
    public static func parse(_ bytes: [UInt8]) throws(FormatError) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(FormatError) -> JSONValue in try parse(buffer) }
        }
        return try result.get()
    }

    /// Parses a JSON document held in a string.
    public static func parse(_ text: String) throws(FormatError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    // MARK: - Grammar

    private mutating func value() throws(FormatError) -> JSONValue {
        guard i < bytes.count else { throw error(.truncated, "the JSON ends where a value was expected") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error(.syntax, "expected a JSON value, found \(describeCurrent())")
        }
    }

    private mutating func enter() throws(FormatError) {
        depth += 1
        if depth > Self.maximumDepth { throw error(.invalidValue, "JSON nested deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func object() throws(FormatError) -> JSONValue {
        try enter()
        i += 1
        var members: [(key: String, value: JSONValue)] = []
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(members) }
        while true {
            skipSpace()
            guard i < bytes.count else { throw error(.truncated, "the JSON ends inside an object") }
            guard bytes[i] == UInt8(ascii: "\"") else { throw error(.syntax, "expected a member name in quotes, found \(describeCurrent())") }
            let key = try string()
            skipSpace()
            try expect(UInt8(ascii: ":"), "':' after a member name")
            skipSpace()
            let v = try value()
            members.append((key, v))
            skipSpace()
            guard i < bytes.count else { throw error(.truncated, "the JSON ends inside an object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; break }
            throw error(.syntax, "expected ',' or '}' in an object, found \(describeCurrent())")
        }
        depth -= 1
        return .object(members)
    }

    private mutating func array() throws(FormatError) -> JSONValue {
        try enter()
        i += 1
        var elements: [JSONValue] = []
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(elements) }
        while true {
            skipSpace()
            elements.append(try value())
            skipSpace()
            guard i < bytes.count else { throw error(.truncated, "the JSON ends inside an array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; break }
            throw error(.syntax, "expected ',' or ']' in an array, found \(describeCurrent())")
        }
        depth -= 1
        return .array(elements)
    }

    private mutating func literal(_ word: StaticString) throws(FormatError) {
        let n = word.utf8CodeUnitCount
        let w = UnsafeBufferPointer(start: word.utf8Start, count: n)
        guard i + n <= bytes.count, bytes[i..<(i + n)].elementsEqual(w) else {
            throw error(.syntax, "expected \(word), found \(describeCurrent())")
        }
        i += n
    }

    private mutating func number() throws(FormatError) -> JSONValue {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw error(.syntax, "a number needs digits") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < bytes.count && isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw error(.syntax, "a number needs digits after '.'") }
            while i < bytes.count && isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw error(.syntax, "a number needs digits in its exponent") }
            while i < bytes.count && isDigit(bytes[i]) { i += 1 }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let d = Double(text) else { throw error(.invalidValue, "the number \(text) is out of range", at: start) }
        return .number(d, text: text)
    }

    private mutating func string() throws(FormatError) -> String {
        let open = i
        i += 1
        // Fast path: no escapes.
        var j = i
        while j < bytes.count {
            let b = bytes[j]
            if b == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[i..<j])
                if let bad = UTF8Validation.firstInvalidOffset(in: raw) {
                    throw error(.invalidUTF8, "invalid UTF-8 in a string", at: i + bad)
                }
                i = j + 1
                return String(decoding: raw, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            j += 1
        }
        var out: [UInt8] = Array(bytes[i..<j])
        i = j
        while true {
            guard i < bytes.count else { throw error(.truncated, "the JSON ends inside a string", at: open) }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw error(.syntax, "unescaped control character 0x\(hex(b)) in a string") }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                i += 1
                continue
            }
            i += 1
            guard i < bytes.count else { throw error(.truncated, "the JSON ends inside a string escape") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw error(.invalidValue, "unpaired surrogate \\u\(String(scalar, radix: 16)) in a string", at: i - 6)
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw error(.invalidValue, "unpaired surrogate \\u\(String(scalar, radix: 16)) in a string", at: i - 12)
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error(.invalidValue, "unpaired surrogate \\u\(String(scalar, radix: 16)) in a string", at: i - 6)
                }
                // Safe: surrogates were excluded above and 4 hex digits (+ pair) stay ≤ 0x10FFFF.
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default:
                throw error(.syntax, "unknown escape \\\(String(decoding: [e], as: UTF8.self)) in a string", at: i - 2)
            }
        }
        if let bad = out.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset(in: $0) }) {
            throw error(.invalidUTF8, "invalid UTF-8 in a string (byte \(bad) of its content)", at: open)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws(FormatError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error(.truncated, "the JSON ends inside a \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - 55)
            default: throw error(.syntax, "expected a hex digit in a \\u escape, found \(describeCurrent())")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    // MARK: - Helpers

    private mutating func expect(_ b: UInt8, _ what: String) throws(FormatError) {
        guard i < bytes.count else { throw error(.truncated, "the JSON ends where \(what) was expected") }
        guard bytes[i] == b else { throw error(.syntax, "expected \(what), found \(describeCurrent())") }
        i += 1
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private func hex(_ b: UInt8) -> String {
        let s = String(b, radix: 16, uppercase: true)
        return s.count == 1 ? "0" + s : s
    }

    private func describeCurrent() -> String {
        guard i < bytes.count else { return "the end of the input" }
        let b = bytes[i]
        if b >= 0x21 && b < 0x7F { return "'\(String(decoding: [b], as: UTF8.self))'" }
        return "byte 0x\(hex(b))"
    }

    private func error(_ code: FormatError.Code, _ message: String, at offset: Int? = nil) -> FormatError {
        FormatError(code, message, at: Self.location(of: offset ?? i, in: bytes))
    }

    /// The line and column of a byte offset.
    ///
    /// - Complexity: O(offset); only called on the error path.
    static func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> InputLocation {
        var line = 1
        var lineStart = 0
        let end = min(offset, bytes.count)
        for k in 0..<end where bytes[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        return InputLocation(line: line, column: end - lineStart + 1, byteOffset: offset)
    }
}

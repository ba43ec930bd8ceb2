import TokenKit

/// Small constructors for `JSONValue` trees, so writers read like the JSON they produce.
enum JSON {
    static func int<I: BinaryInteger>(_ v: I) -> JSONValue { .number(Double(v), text: String(v)) }

    static func double(_ v: Double, digits: Int = 6) -> JSONValue {
        guard v.isFinite else { return .null }
        let scale = powerOfTen(digits)
        let rounded = (v * Double(scale)).rounded() / Double(scale)
        return .number(rounded, text: rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : "\(rounded)")
    }

    static func string(_ s: String) -> JSONValue { .string(s) }

    static func ints<I: BinaryInteger>(_ v: [I]) -> JSONValue { .array(v.map { int($0) }) }
}

/// Typed access to the members of a JSON object, with errors that name the member.
struct JSONObjectReader {
    let value: JSONValue

    init(_ value: JSONValue) throws(ProbeError) {
        guard value.objectValue != nil else { throw .invalidParameter("expected a JSON object, found \(value.typeName)") }
        self.value = value
    }

    func string(_ key: String) throws(ProbeError) -> String {
        guard let v = value[key] else { throw .invalidParameter("missing \"\(key)\"") }
        guard let s = v.stringValue else { throw .invalidParameter("\"\(key)\" must be a string, not \(v.typeName)") }
        return s
    }

    func optionalString(_ key: String) throws(ProbeError) -> String? {
        guard let v = value[key], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw .invalidParameter("\"\(key)\" must be a string, not \(v.typeName)") }
        return s
    }

    func int(_ key: String, default fallback: Int? = nil) throws(ProbeError) -> Int {
        guard let v = value[key], !v.isNull else {
            if let fallback { return fallback }
            throw .invalidParameter("missing \"\(key)\"")
        }
        guard let i = v.intValue else { throw .invalidParameter("\"\(key)\" must be an integer") }
        return i
    }

    func operand(_ key: String) throws(ProbeError) -> UInt64 {
        guard let v = value[key] else { throw .invalidParameter("missing \"\(key)\"") }
        return try Self.operand(v, name: key)
    }

    static func operand(_ v: JSONValue, name: String) throws(ProbeError) -> UInt64 {
        guard case .number(_, let text) = v, text.utf8.count <= LengthSignature.maximumLength, let x = UInt64(text) else {
            throw .invalidParameter("\"\(name)\" must be a non-negative integer of at most \(LengthSignature.maximumLength) digits")
        }
        return x
    }

    func unsigned(_ key: String, default fallback: UInt64) throws(ProbeError) -> UInt64 {
        guard let v = value[key], !v.isNull else { return fallback }
        guard case .number(_, let text) = v, let x = UInt64(text) else {
            throw .invalidParameter("\"\(key)\" must be a non-negative integer")
        }
        return x
    }
}

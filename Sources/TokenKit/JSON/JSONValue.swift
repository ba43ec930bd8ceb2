/// A parsed JSON value.
///
/// TokenKit reads vocabularies (`tokenizer.json`, `encoder.json`), goldens and JSON lines with
/// its own parser: it works on bytes without Foundation, keeps object keys in file order, and
/// reports errors with line and column — what "malformed vocabulary" errors need.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number; `text` keeps the literal so integers beyond 2⁵³ lose nothing.
    case number(Double, text: String)
    case string(String)
    case array([JSONValue])
    /// Members in file order (duplicates kept; lookups take the last, as most parsers do).
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a, _), .number(let b, _)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .number(let d, _): hasher.combine(d)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let members):
            hasher.combine(members.count)
            for m in members { hasher.combine(m.key); hasher.combine(m.value) }
        }
    }

    /// The member named `key` of an object (the last one if repeated), or `nil`.
    ///
    /// - Complexity: O(*n*) in the number of members.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The number, if this is a number.
    public var doubleValue: Double? {
        if case .number(let d, _) = self { return d }
        return nil
    }

    /// The number as an exact integer, if this is an integral number that fits `Int`.
    public var intValue: Int? {
        guard case .number(let d, let text) = self else { return nil }
        if let exact = Int(text) { return exact }
        guard d.rounded() == d, d.magnitude < 9.0e15 else { return nil }
        return Int(d)
    }

    /// The boolean, if this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: [(key: String, value: JSONValue)]? {
        if case .object(let m) = self { return m }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The JSON type's name, for error messages ("string", "object", …).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

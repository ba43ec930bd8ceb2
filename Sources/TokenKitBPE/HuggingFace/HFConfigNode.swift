import TokenKit

/// One step of a path into a JSON document: a member name or an array index.
public enum JSONPathComponent: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let k): k
        case .index(let i): "[\(i)]"
        }
    }
}

/// The document a configuration node comes from: its path and bytes, used only to turn a
/// JSON path into a line and column when something is wrong.
final class HFConfigDocument: Sendable {
    let path: String?
    let bytes: [UInt8]

    init(path: String?, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Where the value at `components` starts (the whole document if it cannot be found).
    func location(of components: [JSONPathComponent]) -> InputLocation {
        let offset = bytes.withUnsafeBufferPointer { JSONLocator.offset(of: components, in: $0) } ?? 0
        var line = 1
        var column = 1
        for b in bytes[..<min(offset, bytes.count)] {
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return InputLocation(path: path, line: line, column: column, byteOffset: offset)
    }
}

/// A value inside `tokenizer.json` with its JSON path, so every error says which field of which
/// file, at which line and column, was wrong (`model.merges[12] names unknown token …`).
struct HFConfigNode {
    let value: JSONValue
    let components: [JSONPathComponent]
    let document: HFConfigDocument

    init(root: JSONValue, document: HFConfigDocument) {
        self.value = root
        self.components = []
        self.document = document
    }

    private init(value: JSONValue, components: [JSONPathComponent], document: HFConfigDocument) {
        self.value = value
        self.components = components
        self.document = document
    }

    /// The dotted path (`pre_tokenizer.pretokenizers[1].pattern`).
    var path: String {
        var out = ""
        for c in components {
            switch c {
            case .key(let k): out += out.isEmpty ? k : "." + k
            case .index(let i): out += "[\(i)]"
            }
        }
        return out.isEmpty ? "(root)" : out
    }

    /// An error located at this node.
    func error(_ code: FormatError.Code, _ message: String) -> FormatError {
        FormatError(code, "\(path): \(message)", at: document.location(of: components))
    }

    /// The member `key`, or `nil` when absent or `null`.
    func optional(_ key: String) -> HFConfigNode? {
        guard let v = value[key], !v.isNull else { return nil }
        return HFConfigNode(value: v, components: components + [.key(key)], document: document)
    }

    /// The member `key`, which must be present and not `null`.
    func required(_ key: String) throws(FormatError) -> HFConfigNode {
        guard case .object = value else { throw error(.wrongType, "expected an object, found \(value.typeName)") }
        guard let node = optional(key) else { throw error(.missingField, "missing field \"\(key)\"") }
        return node
    }

    func string() throws(FormatError) -> String {
        guard let s = value.stringValue else { throw error(.wrongType, "expected a string, found \(value.typeName)") }
        return s
    }

    func bool() throws(FormatError) -> Bool {
        guard let b = value.boolValue else { throw error(.wrongType, "expected a boolean, found \(value.typeName)") }
        return b
    }

    func int() throws(FormatError) -> Int {
        guard case .number = value else { throw error(.wrongType, "expected a number, found \(value.typeName)") }
        guard let i = value.intValue else { throw error(.invalidValue, "expected an integer") }
        return i
    }

    func array() throws(FormatError) -> [HFConfigNode] {
        guard let a = value.arrayValue else { throw error(.wrongType, "expected an array, found \(value.typeName)") }
        var out: [HFConfigNode] = []
        out.reserveCapacity(a.count)
        for (i, v) in a.enumerated() {
            out.append(HFConfigNode(value: v, components: components + [.index(i)], document: document))
        }
        return out
    }

    func members() throws(FormatError) -> [(key: String, node: HFConfigNode)] {
        guard let m = value.objectValue else { throw error(.wrongType, "expected an object, found \(value.typeName)") }
        return m.map { ($0.key, HFConfigNode(value: $0.value, components: components + [.key($0.key)], document: document)) }
    }

    func optionalString(_ key: String) throws(FormatError) -> String? {
        guard let n = optional(key) else { return nil }
        return try n.string()
    }

    func optionalBool(_ key: String) throws(FormatError) -> Bool? {
        guard let n = optional(key) else { return nil }
        return try n.bool()
    }

    func optionalInt(_ key: String) throws(FormatError) -> Int? {
        guard let n = optional(key) else { return nil }
        return try n.int()
    }

    /// The `type` member of a component.
    func typeName() throws(FormatError) -> String {
        try required("type").string()
    }

    /// A clear "not supported" error for a component type.
    func unsupported(_ what: String) -> FormatError {
        error(.unsupported, "\(what) is not supported by TokenKit (refusing rather than producing different ids)")
    }

    /// A single-character string member (HF `char` fields).
    func character(_ key: String, default def: Unicode.Scalar) throws(FormatError) -> [UInt8] {
        guard let n = optional(key) else { return def.utf8Bytes }
        let s = try n.string()
        guard s.unicodeScalars.count == 1 else { throw n.error(.invalidValue, "expected a single character, found \"\(s)\"") }
        return Array(s.utf8)
    }
}

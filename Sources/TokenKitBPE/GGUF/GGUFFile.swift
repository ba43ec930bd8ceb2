import TokenKit

/// A metadata value of a GGUF file.
public enum GGUFValue: Sendable, Hashable {
    /// Any unsigned integer type.
    case unsigned(UInt64)
    /// Any signed integer type.
    case signed(Int64)
    /// `float32` or `float64`.
    case float(Double)
    /// `bool`.
    case bool(Bool)
    /// A string (raw bytes; GGUF strings are UTF-8 by specification, not by guarantee).
    case string([UInt8])
    /// An array of strings (kept apart: vocabularies are large string arrays).
    case strings([[UInt8]])
    /// Any other array.
    case array([GGUFValue])

    /// The value as an integer, if it is one that fits `Int`.
    public var intValue: Int? {
        switch self {
        case .unsigned(let v): v <= UInt64(Int.max) ? Int(v) : nil
        case .signed(let v): Int(v)
        default: nil
        }
    }

    /// The value as text, if it is a string.
    public var stringValue: String? {
        if case .string(let b) = self { return String(decoding: b, as: UTF8.self) }
        return nil
    }
}

/// The metadata of a GGUF file (llama.cpp's model format): header and key–value pairs. Tensor
/// data is not read; vocabulary-only files (`ggml-vocab-*.gguf`) have none.
///
/// Reading is bounds-checked throughout: a length or count that runs past the end of the file
/// (a truncated or lying file) is a `FormatError` with the byte offset where it was read,
/// never a crash or a huge allocation.
public struct GGUFFile: Sendable {
    /// The format version (2 or 3).
    public let version: UInt32
    /// The number of tensors the header announces.
    public let tensorCount: UInt64
    /// The metadata, in file order.
    public let metadata: [(key: String, value: GGUFValue)]

    /// The value for `key` (the last one if repeated).
    public subscript(key: String) -> GGUFValue? {
        metadata.last { $0.key == key }?.value
    }

    /// Reads the GGUF file at `path` (memory-mapped).
    ///
    /// - Throws: `LoadError` naming the file and, for format errors, the byte offset.
    public init(contentsOf path: String) throws(LoadError) {
        let file: MappedFile
        do { file = try MappedFile(path: path) } catch { throw .input(error) }
        do { try self.init(bytes: file.bytes, path: path) } catch { throw .format(error) }
    }

    /// Parses GGUF bytes.
    ///
    /// - Throws: `FormatError` with the byte offset of the problem.
    /// - Complexity: O(*n*) in the metadata size.
    public init(bytes: UnsafeBufferPointer<UInt8>, path: String? = nil) throws(FormatError) {
        var r = GGUFCursor(bytes: bytes, path: path)
        if bytes.isEmpty { throw FormatError(.empty, "the GGUF file is empty", at: InputLocation(path: path, byteOffset: 0)) }
        let magic = try r.take(4, what: "the magic number")
        guard magic.elementsEqual("GGUF".utf8) else {
            throw r.error(.syntax, "not a GGUF file (the magic number is not \"GGUF\")", at: 0)
        }
        let version = try r.u32("the version")
        guard version == 2 || version == 3 else {
            throw r.error(.unsupported, "GGUF version \(version) is not supported (2 and 3 are)", at: 4)
        }
        self.version = version
        self.tensorCount = try r.u64("the tensor count")
        let kvAt = r.position
        let kvCount = try r.u64("the metadata count")
        // Each pair takes at least 8 (key length) + 4 (type) + 1 bytes.
        guard kvCount <= UInt64(r.remaining / 13) else {
            throw r.error(.invalidValue, "the header announces \(kvCount) metadata pairs, more than the \(r.remaining) remaining bytes can hold", at: kvAt)
        }
        var metadata: [(key: String, value: GGUFValue)] = []
        metadata.reserveCapacity(Int(kvCount))
        for _ in 0..<kvCount {
            let key = String(decoding: try r.string("a metadata key"), as: UTF8.self)
            let typeAt = r.position
            let type = try r.u32("the type of \(key)")
            metadata.append((key, try r.value(type: type, typeAt: typeAt, key: key, depth: 0)))
        }
        self.metadata = metadata
    }
}

/// A bounds-checked little-endian reader over the file's bytes.
struct GGUFCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let path: String?
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>, path: String?) {
        self.bytes = bytes
        self.path = path
    }

    var remaining: Int { bytes.count - position }

    func error(_ code: FormatError.Code, _ message: String, at offset: Int) -> FormatError {
        FormatError(code, message, at: InputLocation(path: path, byteOffset: offset))
    }

    mutating func take(_ n: Int, what: String) throws(FormatError) -> UnsafeBufferPointer<UInt8> {
        guard n >= 0, n <= remaining else {
            throw error(.truncated, "\(what) needs \(n) bytes at byte \(position), but the file ends at byte \(bytes.count)", at: position)
        }
        let out = UnsafeBufferPointer(rebasing: bytes[position..<(position + n)])
        position += n
        return out
    }

    mutating func integer<T: FixedWidthInteger>(_ type: T.Type, _ what: String) throws(FormatError) -> T {
        let raw = try take(MemoryLayout<T>.size, what: what)
        var v: T = 0
        for (k, b) in raw.enumerated() { v |= T(truncatingIfNeeded: b) << (8 * k) }
        return v
    }

    mutating func u32(_ what: String) throws(FormatError) -> UInt32 { try integer(UInt32.self, what) }
    mutating func u64(_ what: String) throws(FormatError) -> UInt64 { try integer(UInt64.self, what) }

    /// A length-prefixed string; the length is checked against the file before reading.
    mutating func string(_ what: String) throws(FormatError) -> [UInt8] {
        let at = position
        let n = try u64("the length of \(what)")
        guard n <= UInt64(remaining) else {
            throw error(.truncated, "\(what) claims \(n) bytes at byte \(at), but only \(remaining) remain in the file", at: at)
        }
        return Array(try take(Int(n), what: what))
    }

    /// The smallest encoded size of one value of `type` (for checking array counts up front).
    static func minimumSize(_ type: UInt32) -> Int? {
        switch type {
        case 0, 1, 7: 1
        case 2, 3: 2
        case 4, 5, 6: 4
        case 10, 11, 12, 8: 8
        case 9: 12
        default: nil
        }
    }

    mutating func value(type: UInt32, typeAt: Int, key: String, depth: Int) throws(FormatError) -> GGUFValue {
        switch type {
        case 0: return .unsigned(UInt64(try integer(UInt8.self, key)))
        case 1: return .signed(Int64(try integer(Int8.self, key)))
        case 2: return .unsigned(UInt64(try integer(UInt16.self, key)))
        case 3: return .signed(Int64(try integer(Int16.self, key)))
        case 4: return .unsigned(UInt64(try integer(UInt32.self, key)))
        case 5: return .signed(Int64(try integer(Int32.self, key)))
        case 6: return .float(Double(Float(bitPattern: try integer(UInt32.self, key))))
        case 7:
            let at = position
            let b = try integer(UInt8.self, key)
            guard b <= 1 else { throw error(.invalidValue, "\(key): a boolean must be 0 or 1, found \(b)", at: at) }
            return .bool(b == 1)
        case 8: return .string(try string(key))
        case 10: return .unsigned(try integer(UInt64.self, key))
        case 11: return .signed(try integer(Int64.self, key))
        case 12: return .float(Double(bitPattern: try integer(UInt64.self, key)))
        case 9:
            guard depth < 8 else { throw error(.unsupported, "\(key): arrays nested more than 8 deep", at: typeAt) }
            let elementAt = position
            let elementType = try u32("the element type of \(key)")
            guard let size = Self.minimumSize(elementType) else {
                throw error(.invalidValue, "\(key): unknown element type \(elementType)", at: elementAt)
            }
            let countAt = position
            let count = try u64("the element count of \(key)")
            guard count <= UInt64(remaining / size) else {
                throw error(.truncated, "\(key): the array claims \(count) elements at byte \(countAt), more than the \(remaining) remaining bytes can hold", at: countAt)
            }
            if elementType == 8 {
                var out: [[UInt8]] = []
                out.reserveCapacity(Int(count))
                for k in 0..<Int(count) { out.append(try string("\(key)[\(k)]")) }
                return .strings(out)
            }
            var out: [GGUFValue] = []
            out.reserveCapacity(Int(count))
            for _ in 0..<count { out.append(try value(type: elementType, typeAt: elementAt, key: key, depth: depth + 1)) }
            return .array(out)
        default:
            throw error(.invalidValue, "\(key): unknown value type \(type)", at: typeAt)
        }
    }
}

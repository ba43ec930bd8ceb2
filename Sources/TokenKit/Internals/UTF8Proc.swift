// The one place TokenKit calls utf8proc. Each wrapper names its C function.
import CUtf8proc

enum UTF8Proc {
    /// `utf8proc_map` over an explicit-length buffer; `nil` when utf8proc rejects the input.
    /// The corresponding C function is `utf8proc_map`.
    static func map(_ bytes: UnsafeBufferPointer<UInt8>, options: UInt32) -> [UInt8]? {
        var dest: UnsafeMutablePointer<UInt8>? = nil
        let empty: [UInt8] = [0]
        let length = empty.withUnsafeBufferPointer { emptyBuffer in
            utf8proc_map(bytes.baseAddress ?? emptyBuffer.baseAddress!, bytes.count, &dest,
                         utf8proc_option_t(rawValue: options))
        }
        defer { system_free(dest) }
        guard length >= 0, let dest else { return nil }
        return Array(UnsafeBufferPointer(start: dest, count: length))
    }

    /// The general category number of a scalar. The corresponding C function is `utf8proc_category`.
    @inline(__always)
    static func category(_ scalar: UInt32) -> UInt8 {
        UInt8(truncatingIfNeeded: utf8proc_category(Int32(bitPattern: scalar)).rawValue)
    }

    /// The simple lower-case mapping. The corresponding C function is `utf8proc_tolower`.
    @inline(__always)
    static func lower(_ scalar: UInt32) -> UInt32 {
        UInt32(bitPattern: utf8proc_tolower(Int32(bitPattern: scalar)))
    }

    /// The simple upper-case mapping. The corresponding C function is `utf8proc_toupper`.
    @inline(__always)
    static func upper(_ scalar: UInt32) -> UInt32 {
        UInt32(bitPattern: utf8proc_toupper(Int32(bitPattern: scalar)))
    }

    static let stable = UTF8PROC_STABLE.rawValue
    static let compose = UTF8PROC_COMPOSE.rawValue
    static let decompose = UTF8PROC_DECOMPOSE.rawValue
    static let compat = UTF8PROC_COMPAT.rawValue
    static let casefold = UTF8PROC_CASEFOLD.rawValue

    /// The library's version string. The corresponding C function is `utf8proc_version`.
    static var version: String { String(cString: utf8proc_version()) }
    /// The Unicode version of its tables. The corresponding C function is `utf8proc_unicode_version`.
    static var unicodeVersion: String { String(cString: utf8proc_unicode_version()) }
}

// The one place TokenKit calls ICU, through the ICU-free CICUShim header.
import CICUShim

/// An ICU failure: the raw `UErrorCode` and ICU's name for it.
public struct ICUError: Error, Hashable, Sendable, CustomStringConvertible {
    /// ICU's `UErrorCode` value (> 0).
    public var rawValue: Int32
    /// The byte offset of the problem in a pattern, for regex compile errors.
    public var patternOffset: Int?

    /// Creates an error from a raw code.
    public init(rawValue: Int32, patternOffset: Int? = nil) {
        self.rawValue = rawValue
        self.patternOffset = patternOffset
    }

    /// ICU's name for the code (`U_REGEX_RULE_SYNTAX`, …).
    public var name: String { String(cString: cicu_error_name(rawValue)) }

    /// `U_ILLEGAL_ARGUMENT_ERROR`.
    public static let illegalArgument = ICUError(rawValue: 1)
    /// `U_MEMORY_ALLOCATION_ERROR`.
    public static let memoryAllocation = ICUError(rawValue: 7)

    public var description: String {
        if let patternOffset { return "ICU error \(name) at pattern offset \(patternOffset)" }
        return "ICU error \(name)"
    }
}

enum ICU {
    /// The version of the system ICU. The corresponding C function is `u_getVersion`.
    static var version: String {
        var v: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &v) { raw in
            cicu_version(raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return "\(v.0).\(v.1)"
    }

    @inline(__always)
    static func check(_ status: Int32) throws(ICUError) {
        if cicu_failed(status) { throw ICUError(rawValue: status) }
    }

    /// A pointer that is never nil, for empty buffers. Never written after creation.
    nonisolated(unsafe) static let emptyText: UnsafePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        p.pointee = 0
        return UnsafePointer(p)
    }()

    @inline(__always)
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafePointer<CChar> {
        guard let base = bytes.baseAddress else { return emptyText }
        return UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
    }
}

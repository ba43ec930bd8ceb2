import CICUShim

/// A regular expression run by system ICU over UTF-8, giving byte ranges.
///
/// This is TokenKit's generic path for split patterns that have no hand-written scanner, and
/// the differential oracle for the scanners. It is about 20× slower than a scanner, and far
/// faster than Swift `Regex`, which TokenKit never uses on data.
///
/// The compiled pattern is checked once at creation; each ``matches(in:)`` call opens its own
/// matcher, so one value can be shared between tasks.
public struct ICURegex: Sendable, Hashable {
    /// The pattern, in ICU syntax (close to Python `regex` and Rust `regex` for tokenizer splits).
    public let pattern: String

    /// Compiles `pattern` to check it.
    ///
    /// - Throws: ``ICUError`` with the byte offset of the problem in the pattern.
    public init(_ pattern: String) throws(ICUError) {
        self.pattern = pattern
        let handle = try Self.open(pattern)
        cicu_regex_close(handle)
    }

    static func open(_ pattern: String) throws(ICUError) -> OpaquePointer {
        var pattern = pattern
        var status: Int32 = 0
        var offset: Int32 = -1
        let handle = pattern.withUTF8 { buffer in
            cicu_regex_open_utf8(ICU.text(buffer), Int64(buffer.count), &status, &offset)
        }
        guard let handle, !cicu_failed(status) else {
            throw ICUError(rawValue: status == 0 ? ICUError.memoryAllocation.rawValue : status,
                           patternOffset: offset >= 0 ? Int(offset) : nil)
        }
        return handle
    }

    /// The byte ranges of all non-overlapping matches, left to right.
    ///
    /// - Complexity: O(*n*) for the tokenizer patterns in use (backtracking is bounded).
    public func matches(in bytes: UnsafeBufferPointer<UInt8>) throws(ICUError) -> [Range<Int>] {
        let handle = try Self.open(pattern)
        defer { cicu_regex_close(handle) }
        var status: Int32 = 0
        cicu_regex_set_utf8(handle, ICU.text(bytes), Int64(bytes.count), &status)
        try ICU.check(status)
        defer { cicu_regex_detach(handle) }
        var out: [Range<Int>] = []
        while cicu_regex_find_next(handle, &status) {
            try ICU.check(status)
            let start = cicu_regex_start(handle, &status)
            try ICU.check(status)
            let end = cicu_regex_end(handle, &status)
            try ICU.check(status)
            out.append(Int(start)..<Int(end))
        }
        try ICU.check(status)
        return out
    }

    /// The version of the system ICU in use.
    public static var icuVersion: String { ICU.version }
}

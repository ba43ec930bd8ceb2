import CICUShim

/// A compiled ICU regex kept open for many matches on one thread.
///
/// ``ICURegex/matches(in:)`` compiles per call so that one value can be shared between tasks;
/// a loop that splits millions of lines uses one matcher per thread instead and pays the
/// compile once.
public final class ICURegexMatcher {
    private let handle: OpaquePointer

    /// Compiles `regex` for use on the calling thread.
    public init(_ regex: ICURegex) throws(ICUError) {
        handle = try ICURegex.open(regex.pattern)
    }

    deinit {
        cicu_regex_close(handle)
    }

    /// Calls `body` with the byte range of every non-overlapping match, left to right.
    ///
    /// - Complexity: O(*n*) for the tokenizer split patterns.
    public func forEachMatch(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) throws(ICUError) {
        var status: Int32 = 0
        cicu_regex_set_utf8(handle, ICU.text(bytes), Int64(bytes.count), &status)
        try ICU.check(status)
        defer { cicu_regex_detach(handle) }
        while cicu_regex_find_next(handle, &status) {
            try ICU.check(status)
            let start = cicu_regex_start(handle, &status)
            try ICU.check(status)
            let end = cicu_regex_end(handle, &status)
            try ICU.check(status)
            body(Int(start)..<Int(end))
        }
        try ICU.check(status)
    }
}

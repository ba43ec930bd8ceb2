import CICUShim

/// A segment between two word boundaries.
public struct WordSegment: Hashable, Sendable {
    /// The segment's byte range in the input.
    public var range: Range<Int>
    /// Whether ICU classes it as a word (letters, numbers, ideographs, kana) rather than
    /// spaces or punctuation.
    public var isWordLike: Bool

    /// Creates a segment.
    public init(range: Range<Int>, isWordLike: Bool) {
        self.range = range
        self.isWordLike = isWordLike
    }
}

/// Word boundaries by ICU's word break rules (UAX #29 with dictionaries for Thai, CJK, …).
public enum WordBreaker {
    /// Cuts UTF-8 text into segments at every word boundary; the segments tile the input.
    ///
    /// - Parameters:
    ///   - bytes: Valid UTF-8.
    ///   - locale: An ICU locale id; empty for the root rules.
    /// - Throws: ``ICUError`` when ICU fails; invalid UTF-8 is ICU's to handle (it treats bad
    ///   bytes as U+FFFD), so validate first when that matters.
    /// - Complexity: O(*n*).
    public static func segments(in bytes: UnsafeBufferPointer<UInt8>, locale: String = "") throws(ICUError) -> [WordSegment] {
        if bytes.isEmpty { return [] }
        var status: Int32 = 0
        guard let breaker = cicu_word_breaker_open_utf8(locale, ICU.text(bytes), Int64(bytes.count), &status) else {
            throw ICUError(rawValue: status == 0 ? ICUError.memoryAllocation.rawValue : status)
        }
        defer { cicu_breaker_close(breaker) }
        try ICU.check(status)
        var out: [WordSegment] = []
        var start = Int(cicu_breaker_first(breaker))
        while true {
            let end = Int(cicu_breaker_next(breaker))
            if end < 0 { break }
            let status = cicu_breaker_rule_status(breaker)
            out.append(WordSegment(range: start..<end, isWordLike: status >= 100))
            start = end
        }
        return out
    }

    /// Segments of a string.
    public static func segments(in text: String, locale: String = "") throws(ICUError) -> [WordSegment] {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(ICUError) -> [WordSegment] in try segments(in: buffer, locale: locale) }
        }
        return try result.get()
    }
}

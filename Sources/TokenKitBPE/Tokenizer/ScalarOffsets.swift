import TokenKit

/// Converts byte offsets to Unicode-scalar offsets (what Python `str` indices count).
public enum ScalarOffsets {
    /// The scalar range of each byte range in `bytes`.
    ///
    /// A bound inside a multi-byte character maps to that character's index (start) or one past
    /// it (end), so a token holding part of a character covers the whole character, like
    /// tiktoken's `decode_with_offsets`. Invalid bytes count as one scalar each.
    ///
    /// - Complexity: O(`bytes.count` + `offsets.count`).
    public static func convert(_ offsets: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        // scalarIndex[i] = number of scalars starting before byte i (for i in 0...n).
        let n = bytes.count
        var index = [Int32](repeating: 0, count: n + 1)
        var count: Int32 = 0
        for i in 0..<n {
            index[i] = count
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
        }
        index[n] = count
        return offsets.map { r in
            let lo = max(0, min(r.lowerBound, n)), hi = max(lo, min(r.upperBound, n))
            // Start: the character containing byte lo; end: past the character containing hi-1.
            var s = Int(index[lo])
            if lo < n && bytes[lo] & 0xC0 == 0x80 { s -= 1 }
            // index[hi] counts the character that hi may be inside, so it is already "one past".
            let e = Int(index[hi])
            return max(0, s)..<max(max(0, s), e)
        }
    }

    /// The scalar ranges of a string's encoding.
    public static func convert(_ offsets: [Range<Int>], in text: String) -> [Range<Int>] {
        var text = text
        return text.withUTF8 { convert(offsets, in: $0) }
    }
}

/// UTF-8 validation and repair over raw bytes (Unicode 15, Table 3-7: no overlongs, no
/// surrogates, nothing above U+10FFFF).
public enum UTF8Validation {
    /// The length of the valid UTF-8 sequence that starts at `i`, or `nil` if the bytes at `i`
    /// do not start one.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func validSequenceLength(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        let b0 = bytes[i]
        if b0 < 0x80 { return 1 }
        @inline(__always) func cont(_ k: Int) -> Bool { k < n && bytes[k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return cont(i + 1) ? 2 : nil
        case 0xE0...0xEF:
            guard i + 1 < n else { return nil }
            let b1 = bytes[i + 1]
            let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard b1 >= lo && b1 <= hi && cont(i + 2) else { return nil }
            return 3
        case 0xF0...0xF4:
            guard i + 1 < n else { return nil }
            let b1 = bytes[i + 1]
            let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard b1 >= lo && b1 <= hi && cont(i + 2) && cont(i + 3) else { return nil }
            return 4
        default:
            return nil
        }
    }

    /// The offset of the first byte that does not start or continue a valid sequence, or `nil`
    /// when all of `bytes` is valid UTF-8.
    ///
    /// - Complexity: O(*n*), with an ASCII fast path eight bytes at a time.
    public static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        while i < n {
            // Skip ASCII a word at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            if bytes[i] < 0x80 { i += 1; continue }
            guard let len = validSequenceLength(at: i, in: bytes) else { return i }
            i += len
        }
        return nil
    }

    /// The offset of the first invalid byte in an array, or `nil` when it is valid UTF-8.
    public static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidOffset(in: $0) }
    }

    /// Whether `bytes` is valid UTF-8.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstInvalidOffset(in: bytes) == nil
    }

    /// `bytes` with each maximal invalid subsequence replaced by U+FFFD (EF BF BD), the
    /// "substitution of maximal subparts" practice that Swift, WHATWG and Python share.
    public static func replacingInvalid(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        if isValid(bytes) { return Array(bytes) }
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// `bytes` with every byte that is not part of a valid sequence removed.
    public static func droppingInvalid(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buffer in
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count)
            var i = 0
            while i < buffer.count {
                if let len = validSequenceLength(at: i, in: buffer) {
                    out.append(contentsOf: buffer[i..<(i + len)])
                    i += len
                } else {
                    i += 1
                }
            }
            return out
        }
    }
}

/// Renders token bytes for people.
public enum TokenText {
    /// The bytes as text, with each byte that is not part of a valid UTF-8 sequence written as
    /// a four-character `\xNN` escape (upper-case hex).
    ///
    /// - Complexity: O(*n*).
    public static func escaped(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count)
            var i = 0
            while i < buffer.count {
                if let len = UTF8Validation.validSequenceLength(at: i, in: buffer) {
                    out.append(contentsOf: buffer[i..<(i + len)])
                    i += len
                } else {
                    appendHexEscape(buffer[i], to: &out)
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func appendHexEscape(_ byte: UInt8, to out: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "x"))
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0xF)])
    }
}

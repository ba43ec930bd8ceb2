/// Standard base64 (RFC 4648, with padding) for rank files; no allocation per call beyond the output.
enum Base64 {
    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            t[Int(c)] = UInt8(i)
        }
        return t
    }()

    /// Decodes `p[start..<end]` into `out` (appending).
    ///
    /// - Returns: `nil` on success, else the offset (from `start`) of the first bad character.
    static func decode(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) -> Int? {
        let n = end - start
        if n == 0 || n % 4 != 0 { return n == 0 ? 0 : n }
        var i = start
        let t = table
        while i < end {
            let a = t[Int(p[i])], b = t[Int(p[i + 1])]
            if a == 0xFF { return i - start }
            if b == 0xFF { return i + 1 - start }
            let c0 = p[i + 2], c1 = p[i + 3]
            let last = i + 4 == end
            out.append(a << 2 | b >> 4)
            if c0 == UInt8(ascii: "=") {
                guard last, c1 == UInt8(ascii: "=") else { return i + 2 - start }
                break
            }
            let c = t[Int(c0)]
            if c == 0xFF { return i + 2 - start }
            out.append((b & 0x0F) << 4 | c >> 2)
            if c1 == UInt8(ascii: "=") {
                guard last else { return i + 3 - start }
                break
            }
            let d = t[Int(c1)]
            if d == 0xFF { return i + 3 - start }
            out.append((c & 0x03) << 6 | d)
            i += 4
        }
        return nil
    }

    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Appends the base64 of `bytes` (with padding) to `out`; rank-file writers use it.
    static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
        var i = 0
        while i + 3 <= bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            for shift in [18, 12, 6, 0] as [UInt32] { out.append(alphabet[Int(v >> shift & 63)]) }
            i += 3
        }
        let rest = bytes.count - i
        guard rest > 0 else { return }
        let v = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
        out.append(alphabet[Int(v >> 18 & 63)])
        out.append(alphabet[Int(v >> 12 & 63)])
        out.append(rest == 2 ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
        out.append(UInt8(ascii: "="))
    }
}

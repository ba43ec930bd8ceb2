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
}

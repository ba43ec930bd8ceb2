import TokenKit

extension BPETokenizer {
    /// Counts tokens but stops as soon as there are more than `limit`.
    ///
    /// - Returns: The count when it is `<= limit`, else `nil` (the text does not fit).
    /// - Complexity: O(bytes up to the piece where the count passes `limit`); allocates nothing
    ///   per token.
    public func count(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions = .plain, limit: Int) throws(TokenizerError) -> Int? {
        var sink = CountingSink()
        try run(bytes, options.specials, &sink, limit: limit)
        return sink.count <= limit ? sink.count : nil
    }

    /// Counts the tokens of a string, stopping after `limit` (see ``count(_:options:limit:)-(UnsafeBufferPointer<UInt8>,_,_)``).
    public func count(_ text: String, options: EncodeOptions = .plain, limit: Int) throws(TokenizerError) -> Int? {
        var text = text
        let result = text.withUTF8 { b in
            Result { () throws(TokenizerError) -> Int? in try count(b, options: options, limit: limit) }
        }
        return try result.get()
    }

    /// Where to cut `bytes` so the first part holds the first `n` tokens of its encoding.
    ///
    /// The first part is exactly the bytes covered by the first `k` tokens of `encode(bytes)`,
    /// with `k == n` unless token `n` ends inside a UTF-8 character; then `k < n` is the last
    /// token boundary before it that is a character boundary, so the cut never splits a
    /// character. Encoding stops after the piece that reaches `n` tokens.
    ///
    /// - Returns: The cut (a byte offset at a character boundary) and `k`.
    public func split(_ bytes: UnsafeBufferPointer<UInt8>, afterTokens n: Int, options: EncodeOptions = .plain) throws(TokenizerError) -> (offset: Int, tokens: Int) {
        if n <= 0 { return (0, 0) }
        var sink = EncodingSink()
        try run(bytes, options.specials, &sink, limit: n)
        let offsets = sink.encoding.offsets
        if offsets.count <= n { return (bytes.count, offsets.count) }
        var k = n
        while k > 0 {
            let end = offsets[k - 1].upperBound
            if end >= bytes.count || bytes[end] & 0xC0 != 0x80 { return (end, k) }
            k -= 1
        }
        return (0, 0)
    }

    /// Splits a string after (at most) `n` tokens at a character boundary.
    ///
    /// - Returns: The head (the first `tokens` tokens' text) and the rest.
    public func split(_ text: String, afterTokens n: Int, options: EncodeOptions = .plain) throws(TokenizerError) -> (head: Substring, rest: Substring, tokens: Int) {
        var copy = text
        let result = copy.withUTF8 { b in
            Result { () throws(TokenizerError) -> (offset: Int, tokens: Int) in try split(b, afterTokens: n, options: options) }
        }
        let (offset, tokens) = try result.get()
        let index = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        return (text[..<index], text[index...], tokens)
    }

    /// A cut point at or before `limit` where encoding both sides separately gives the same
    /// tokens: just after a newline that follows a non-space ASCII byte and precedes an ASCII
    /// letter. No split pattern joins across it, and no special token can span it (unless a
    /// special contains a newline, in which case there is none).
    public func independentBoundary(in bytes: UnsafeBufferPointer<UInt8>, before limit: Int) -> Int? {
        guard pattern.isScanner, pattern != .none, !specialTextContainsNewline else { return nil }
        var c = min(limit, bytes.count - 1)
        while c >= 2 {
            if bytes[c - 1] == 0x0A {
                let next = bytes[c] | 0x20, before = bytes[c - 2]
                if next >= 0x61 && next <= 0x7A && before > 0x20 && before < 0x7F { return c }
            }
            c -= 1
        }
        return nil
    }
}

import TokenKit

/// Decodes ids one at a time into text without ever emitting part of a UTF-8 character.
///
/// Byte-level tokens often end in the middle of a character; the decoder holds back an
/// incomplete trailing sequence (at most 3 bytes) until the next token completes it. Bytes that
/// can never form a character are emitted as U+FFFD at once.
///
/// ```swift
/// var stream = StreamingDecoder(tokenizer)
/// for id in ids { print(try stream.push(id), terminator: "") }
/// print(stream.finish())
/// ```
public struct StreamingDecoder<T: Tokenizer>: Sendable {
    /// The tokenizer whose ids are decoded.
    public let tokenizer: T
    /// Whether special tokens are left out.
    public var skipSpecialTokens: Bool
    private var pending: [UInt8] = []

    /// Creates a decoder.
    public init(_ tokenizer: T, skipSpecialTokens: Bool = false) {
        self.tokenizer = tokenizer
        self.skipSpecialTokens = skipSpecialTokens
    }

    /// Adds one id; returns the text that is now complete (possibly empty).
    ///
    /// - Throws: `TokenizerError.Code.unknownTokenID` for an id outside the vocabulary.
    public mutating func push(_ id: TokenID) throws(TokenizerError) -> String {
        if skipSpecialTokens && tokenizer.specialTokens.contains(id: id) { return "" }
        guard let bytes = tokenizer.tokenBytes(id) else {
            throw .unknownTokenID(id, at: 0, vocabularySize: tokenizer.vocabularySize)
        }
        pending.append(contentsOf: bytes)
        let keep = Self.incompleteSuffixLength(pending)
        let ready = pending.count - keep
        if ready == 0 { return "" }
        let text = String(decoding: pending[..<ready], as: UTF8.self)
        pending.removeFirst(ready)
        return text
    }

    /// Emits whatever is held back (an incomplete character becomes U+FFFD) and resets.
    public mutating func finish() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }

    /// The bytes held back so far.
    public var pendingByteCount: Int { pending.count }

    /// The length of a trailing sequence that is a valid but incomplete UTF-8 character.
    static func incompleteSuffixLength(_ b: [UInt8]) -> Int {
        let n = b.count
        var k = 1
        while k <= min(3, n) {
            let byte = b[n - k]
            if byte & 0xC0 != 0x80 {
                let need: Int
                switch byte {
                case 0xC2...0xDF: need = 2
                case 0xE0...0xEF: need = 3
                case 0xF0...0xF4: need = 4
                default: return 0
                }
                if k >= need { return 0 }
                // The continuation bytes so far must fit the lead (E0/ED/F0/F4 ranges).
                if k >= 2 {
                    let c1 = b[n - k + 1]
                    switch byte {
                    case 0xE0: if c1 < 0xA0 { return 0 }
                    case 0xED: if c1 > 0x9F { return 0 }
                    case 0xF0: if c1 < 0x90 { return 0 }
                    case 0xF4: if c1 > 0x8F { return 0 }
                    default: break
                    }
                }
                return k
            }
            k += 1
        }
        return 0
    }
}

/// Bounds-checked little-endian reads from a byte buffer; every failure names the byte offset.
///
/// Checkpoints and tokenizer files are untrusted: a truncated or lying file must give a
/// ``FormatError`` with the offset, never a crash. `package`, not public: the llama2.c checkpoint
/// reader (TokenKitLM) and tokenizer reader (TokenKitSentencePiece) share it, users do not see it.
package struct BinaryReader {
    /// The whole file.
    package let bytes: UnsafeBufferPointer<UInt8>
    /// The file the bytes come from, for error locations.
    package let path: String?
    /// The next byte to read.
    package private(set) var offset = 0

    /// A reader at the first byte of `bytes`.
    package init(_ bytes: UnsafeBufferPointer<UInt8>, path: String?) {
        self.bytes = bytes
        self.path = path
    }

    /// The bytes not read yet.
    package var remaining: Int { bytes.count - offset }

    /// Where byte `at` (default: the next byte) is, for an error.
    package func location(_ at: Int? = nil) -> InputLocation {
        InputLocation(path: path, byteOffset: at ?? offset)
    }

    /// Fails unless `count` more bytes are there; `what` names the field for the message.
    package func require(_ count: Int, for what: String) throws(FormatError) {
        if count < 0 || count > remaining {
            throw FormatError(.truncated, "file ends inside \(what): needs \(count) bytes at byte \(offset), has \(remaining)",
                              at: location())
        }
    }

    /// Reads a little-endian int32; `what` names the field for the message.
    package mutating func int32(_ what: String) throws(FormatError) -> Int32 {
        try require(4, for: what)
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(bytes[offset + k]) << (8 * UInt32(k)) }
        offset += 4
        return Int32(bitPattern: v)
    }

    /// Reads a little-endian float32.
    package mutating func float32(_ what: String) throws(FormatError) -> Float {
        let bits = UInt32(bitPattern: try int32(what))
        return Float(bitPattern: bits)
    }

    /// Reads `count` bytes (a view into the file, not a copy).
    package mutating func bytes(_ count: Int, _ what: String) throws(FormatError) -> UnsafeBufferPointer<UInt8> {
        try require(count, for: what)
        let slice = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + count)])
        offset += count
        return slice
    }

    /// Reads `count` float32 values into `out` (appending).
    ///
    /// - Complexity: O(`count`).
    package mutating func floats(_ count: Int, into out: inout [Float], _ what: String) throws(FormatError) {
        try require(count * 4, for: what)
        let base = bytes.baseAddress!
        out.reserveCapacity(out.count + count)
        for k in 0..<count {
            let p = base + offset + 4 * k
            let bits = UInt32(p[0]) | UInt32(p[1]) << 8 | UInt32(p[2]) << 16 | UInt32(p[3]) << 24
            out.append(Float(bitPattern: bits))
        }
        offset += 4 * count
    }
}

import TokenKit

/// Bounds-checked little-endian reads from a byte buffer; every failure names the byte offset.
///
/// Checkpoints and tokenizer files are untrusted: a truncated or lying file must give a
/// ``FormatError`` with the offset, never a crash.
struct BinaryReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let path: String?
    private(set) var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, path: String?) {
        self.bytes = bytes
        self.path = path
    }

    var remaining: Int { bytes.count - offset }

    func location(_ at: Int? = nil) -> InputLocation {
        InputLocation(path: path, byteOffset: at ?? offset)
    }

    /// Fails unless `count` more bytes are there; `what` names the field for the message.
    func require(_ count: Int, for what: String) throws(FormatError) {
        if count < 0 || count > remaining {
            throw FormatError(.truncated, "file ends inside \(what): needs \(count) bytes at byte \(offset), has \(remaining)",
                              at: location())
        }
    }

    mutating func int32(_ what: String) throws(FormatError) -> Int32 {
        try require(4, for: what)
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(bytes[offset + k]) << (8 * UInt32(k)) }
        offset += 4
        return Int32(bitPattern: v)
    }

    mutating func float32(_ what: String) throws(FormatError) -> Float {
        let bits = UInt32(bitPattern: try int32(what))
        return Float(bitPattern: bits)
    }

    mutating func bytes(_ count: Int, _ what: String) throws(FormatError) -> UnsafeBufferPointer<UInt8> {
        try require(count, for: what)
        let slice = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + count)])
        offset += count
        return slice
    }

    /// Reads `count` float32 values into `out` (appending).
    ///
    /// - Complexity: O(`count`).
    mutating func floats(_ count: Int, into out: inout [Float], _ what: String) throws(FormatError) {
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

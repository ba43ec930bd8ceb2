/// GPT-2's reversible map from bytes to printable Unicode scalars.
///
/// Byte-level vocabularies (`vocab.json`, `merges.txt`, `tokenizer.json`) store tokens as
/// strings in which every byte is one scalar: the 188 printable bytes stand for themselves and
/// the other 68 are moved to U+0100 and up, in byte order. Training keys its alphabet by these
/// scalars because Hugging Face's trainer sorts its initial alphabet by them.
enum GPT2ByteAlphabet {
    /// `scalar[b]` is the scalar that stands for byte `b`.
    static let scalar: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        var shifted: UInt32 = 256
        for b in 0..<256 {
            if (33...126).contains(b) || (161...172).contains(b) || (174...255).contains(b) {
                table[b] = UInt32(b)
            } else {
                table[b] = shifted
                shifted += 1
            }
        }
        return table
    }()

    /// The bytes ordered by the scalar that stands for them (Hugging Face's alphabet order).
    static let bytesInScalarOrder: [UInt8] = (0..<256).map(UInt8.init).sorted { scalar[Int($0)] < scalar[Int($1)] }

    /// The mapped string of a byte string, as UTF-8.
    static func mappedUTF8(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        for b in bytes {
            let s = scalar[Int(b)]
            if s < 0x80 {
                out.append(UInt8(s))
            } else {
                // Every mapped scalar is below U+0800: two UTF-8 bytes.
                out.append(UInt8(0xC0 | (s >> 6)))
                out.append(UInt8(0x80 | (s & 0x3F)))
            }
        }
        return out
    }

    /// The mapped string of a byte string.
    static func mappedString(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: mappedUTF8(bytes), as: UTF8.self)
    }
}

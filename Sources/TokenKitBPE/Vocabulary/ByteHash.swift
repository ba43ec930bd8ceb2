/// The hash used by the vocabulary tables: a few multiply-xorshift rounds over 8-byte words.
///
/// Not cryptographic (keys come from the vocabulary file, not from an adversary who can choose
/// them after seeing the table); chosen because it costs a handful of cycles for the 2–8 byte
/// slices that dominate BPE lookups (spec §5.7: FxHash-style hashing bought tiktoken 5–10 %).
@usableFromInline
enum ByteHash {
    /// Hashes `count` bytes at `p`.
    ///
    /// - Complexity: O(`count`).
    @inline(__always) @usableFromInline
    static func hash(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var h = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        let rest = count - i
        if rest > 0 {
            var w: UInt64 = 0
            if rest >= 4 {
                // Two overlapping 4-byte loads cover 4...7 bytes without a byte loop.
                let a = UInt64(raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                let b = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
                w = a | (b << 32)
            } else {
                w = UInt64(p[i])
                w |= UInt64(p[i + rest / 2]) << 8
                w |= UInt64(p[count - 1]) << 16
            }
            h = (h ^ w ^ UInt64(rest) << 56) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return h
    }

    /// The first `min(count, 8)` bytes at `p` as a little-endian word, zero-padded; reads no
    /// byte outside `p[0..<count]`.
    @inline(__always) @usableFromInline
    static func word(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        if count >= 8 { return raw.loadUnaligned(as: UInt64.self) }
        if count >= 4 {
            let a = UInt64(raw.loadUnaligned(as: UInt32.self))
            let b = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return a | b << UInt64((count - 4) * 8)
        }
        if count <= 0 { return 0 }
        let mid = count / 2
        return UInt64(p[0]) | UInt64(p[mid]) << UInt64(mid * 8) | UInt64(p[count - 1]) << UInt64((count - 1) * 8)
    }

    /// The table hash of a slice: short slices (≤ 8 bytes, almost every lookup) hash their
    /// word; longer ones all their bytes.
    @inline(__always) @usableFromInline
    static func slice(_ p: UnsafePointer<UInt8>, _ count: Int, word w: UInt64) -> UInt64 {
        if count <= 8 { return mix(w ^ UInt64(truncatingIfNeeded: count) &* 0x2545_F491_4F6C_DD1D) }
        return hash(p, count)
    }

    /// Mixes a 64-bit key (a pair of ids).
    @inline(__always) @usableFromInline
    static func mix(_ key: UInt64) -> UInt64 {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 31
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        return h
    }
}

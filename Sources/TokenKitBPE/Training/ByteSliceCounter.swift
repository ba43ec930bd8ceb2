/// Counts distinct byte strings in one open-addressing table with an arena for the keys.
///
/// Pretoken counting is the trainer's hot loop: millions of short keys, most seen before. Keys
/// live back to back in one byte array and slots hold (hash, offset, length, count), so a lookup
/// costs one hash, one probe sequence over a flat array and one `memcmp`, with no allocation per
/// key — unlike `[[UInt8]: Int]`, which hashes and allocates an array per lookup.
struct ByteSliceCounter {
    struct Slot {
        var hash: UInt64 = 0      // 0 marks an empty slot (real hashes are forced odd)
        var offset: UInt32 = 0
        var length: UInt32 = 0
        var count: Int64 = 0
    }

    private(set) var arena: [UInt8] = []
    private var slots: [Slot]
    private var mask: Int
    /// The number of distinct keys.
    private(set) var distinct = 0

    init(capacity: Int = 1 << 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
    }

    /// A 64-bit hash of a byte string, eight bytes at a time; never 0.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return h | 1 }
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 32
        return h | 1
    }

    /// Adds `count` to the key `bytes`.
    ///
    /// - Complexity: Amortized O(length of the key).
    @inline(__always)
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, count: Int64 = 1) {
        add(bytes, hash: Self.hash(bytes), count: count)
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64, count: Int64) {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot.hash == 0 { break }
            if slot.hash == h && Int(slot.length) == bytes.count && keyEquals(slot, bytes) {
                slots[i].count += count
                return
            }
            i = (i + 1) & mask
        }
        let offset = arena.count
        arena.append(contentsOf: bytes)
        slots[i] = Slot(hash: h, offset: UInt32(truncatingIfNeeded: offset), length: UInt32(bytes.count), count: count)
        distinct += 1
        if distinct * 2 > slots.count { grow() }
    }

    @inline(__always)
    private func keyEquals(_ slot: Slot, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.isEmpty { return true }
        return arena.withUnsafeBufferPointer { a in
            memcmpBytes(a.baseAddress! + Int(slot.offset), bytes.baseAddress!, bytes.count)
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for s in old where s.hash != 0 {
            var i = Int(truncatingIfNeeded: s.hash) & mask
            while slots[i].hash != 0 { i = (i + 1) & mask }
            slots[i] = s
        }
    }

    /// Adds every key of `other`.
    mutating func merge(_ other: ByteSliceCounter) {
        other.arena.withUnsafeBufferPointer { a in
            for s in other.slots where s.hash != 0 {
                let key = UnsafeBufferPointer(rebasing: a[Int(s.offset)..<(Int(s.offset) + Int(s.length))])
                add(key, hash: s.hash, count: s.count)
            }
        }
    }

    /// Every key with its count, in slot order.
    func entries() -> [(key: [UInt8], count: Int64)] {
        var out: [(key: [UInt8], count: Int64)] = []
        out.reserveCapacity(distinct)
        for s in slots where s.hash != 0 {
            out.append((Array(arena[Int(s.offset)..<(Int(s.offset) + Int(s.length))]), s.count))
        }
        return out
    }
}

@inline(__always)
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    while i + 8 <= n {
        if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}

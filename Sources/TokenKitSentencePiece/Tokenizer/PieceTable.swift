/// An open-addressing hash table from piece bytes to ids, looked up straight from input spans.
///
/// BPE merging asks "is `left + right` a piece?" once per candidate pair; keying by the input
/// span (optionally behind the dummy-prefix space) avoids building an array per question.
struct PieceTable: Sendable {
    private var slots: [Int32]        // index into entries, or -1
    private var starts: [Int32]       // entry k's bytes are storage[starts[k]..<starts[k+1]]
    private var storage: [UInt8]
    private var ids: [Int32]
    private let mask: Int
    /// The longest piece in the table.
    let maxLength: Int

    init(_ entries: [(bytes: [UInt8], id: Int32)]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = [Int32](repeating: -1, count: capacity)
        starts = [0]
        storage = []
        ids = []
        maxLength = entries.map(\.bytes.count).max() ?? 0
        for (bytes, id) in entries {
            let h = bytes.withUnsafeBufferPointer { Self.hash(prefixSpace: false, $0.baseAddress, $0.count) }
            var s = h & mask
            var duplicate = false
            while slots[s] >= 0 {
                if equal(Int(slots[s]), prefixSpace: false, bytes) { duplicate = true; break }
                s = (s + 1) & mask
            }
            if duplicate { continue }  // the first id with this text wins
            slots[s] = Int32(ids.count)
            ids.append(id)
            storage.append(contentsOf: bytes)
            starts.append(Int32(storage.count))
        }
    }

    @inline(__always)
    static func hash(prefixSpace: Bool, _ p: UnsafePointer<UInt8>?, _ n: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        if prefixSpace { h = (h ^ 0x20) &* 0x0000_0100_0000_01B3 }
        if let p {
            for k in 0..<n { h = (h ^ UInt64(p[k])) &* 0x0000_0100_0000_01B3 }
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    private func equal(_ entry: Int, prefixSpace: Bool, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { equal(entry, prefixSpace: prefixSpace, $0.baseAddress, $0.count) }
    }

    @inline(__always)
    private func equal(_ entry: Int, prefixSpace: Bool, _ p: UnsafePointer<UInt8>?, _ n: Int) -> Bool {
        let a = Int(starts[entry]), b = Int(starts[entry + 1])
        let extra = prefixSpace ? 1 : 0
        guard b - a == n + extra else { return false }
        var i = a
        if prefixSpace {
            if storage[i] != 0x20 { return false }
            i += 1
        }
        guard let p else { return true }
        for k in 0..<n where storage[i + k] != p[k] { return false }
        return true
    }

    /// The id of the piece `(prefixSpace ? " " : "") + p[0..<n]`, or `nil`.
    ///
    /// - Complexity: O(*n*) expected.
    @inline(__always)
    func lookup(prefixSpace: Bool, _ p: UnsafePointer<UInt8>?, _ n: Int) -> Int32? {
        if n + (prefixSpace ? 1 : 0) > maxLength { return nil }
        var s = Self.hash(prefixSpace: prefixSpace, p, n) & mask
        while true {
            let e = slots[s]
            if e < 0 { return nil }
            if equal(Int(e), prefixSpace: prefixSpace, p, n) { return ids[Int(e)] }
            s = (s + 1) & mask
        }
    }

    /// The id of the piece with exactly these bytes, or `nil`.
    func lookup(_ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBufferPointer { lookup(prefixSpace: false, $0.baseAddress, $0.count) }
    }
}

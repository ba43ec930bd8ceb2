/// Counts keyed by packed pairs, in an open-addressing table with a multiplicative hash.
///
/// The merge loop does tens of millions of count updates; Swift's `Dictionary` hashes each
/// `UInt64` with SipHash, which costs more than the update. Slots hold the key and the count
/// side by side, so an update is one multiply, one probe run and one add.
struct PairCountTable {
    private static let empty = UInt64.max
    private var keys: [UInt64]
    private var values: [Int64]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [Int64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    /// The count of `key` (0 if absent).
    @inline(__always)
    subscript(key: UInt64) -> Int64 {
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == Self.empty { return 0 }
            i = (i + 1) & mask
        }
    }

    /// Adds `delta` to the count of `key`, inserting it if absent; returns the new count.
    @inline(__always)
    @discardableResult
    mutating func add(_ key: UInt64, _ delta: Int64) -> Int64 {
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key {
                values[i] += delta
                return values[i]
            }
            if k == Self.empty {
                keys[i] = key
                values[i] = delta
                count += 1
                if count * 2 > keys.count { grow() }
                return delta
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: Self.empty, count: oldKeys.count * 2)
        values = [Int64](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (k, v) in zip(oldKeys, oldValues) where k != Self.empty {
            var i = slot(k)
            while keys[i] != Self.empty { i = (i + 1) & mask }
            keys[i] = k
            values[i] = v
        }
    }

    /// Calls `body` with every key and count.
    func forEach(_ body: (UInt64, Int64) -> Void) {
        for (k, v) in zip(keys, values) where k != Self.empty { body(k, v) }
    }
}

/// A dictionary with Python's `dict` semantics and O(1) removal: iteration in insertion order,
/// re-assigning an existing key keeps its position, removing and re-inserting moves it to the
/// end (spec §C3).
///
/// Like CPython's own dict, removal leaves a tombstone in the entry array, compacted when
/// tombstones outnumber live entries. swift-collections' `OrderedDictionary` has the same
/// semantics but removes in O(*n*), which made the probation pool quadratic on large corpora.
struct InsertionOrderedDictionary<Key: Hashable, Value> {
    private var entries: [(key: Key, value: Value)?] = []
    private var positions: [Key: Int] = [:]

    /// The number of live entries.
    var count: Int { positions.count }
    var isEmpty: Bool { positions.isEmpty }

    /// - Complexity: O(1) on average.
    subscript(key: Key) -> Value? {
        get { positions[key].flatMap { entries[$0]?.value } }
        set {
            if let value = newValue {
                if let p = positions[key] {
                    entries[p] = (key, value)
                } else {
                    positions[key] = entries.count
                    entries.append((key, value))
                }
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Removes `key`; amortized O(1).
    mutating func removeValue(forKey key: Key) {
        guard let p = positions.removeValue(forKey: key) else { return }
        entries[p] = nil
        if entries.count > 32 && positions.count * 2 < entries.count { compact() }
    }

    private mutating func compact() {
        var kept: [(key: Key, value: Value)?] = []
        kept.reserveCapacity(positions.count)
        for case let entry? in entries {
            positions[entry.key] = kept.count
            kept.append(entry)
        }
        entries = kept
    }

    /// The live entries in insertion order (a snapshot).
    var items: [(key: Key, value: Value)] { entries.compactMap { $0 } }

    /// The live keys in insertion order.
    var keys: [Key] { entries.compactMap { $0?.key } }

    /// Replaces the contents with `items`, in that order.
    mutating func replaceAll(with items: [(key: Key, value: Value)]) {
        entries = items
        positions.removeAll(keepingCapacity: true)
        for (k, item) in items.enumerated() { positions[item.key] = k }
    }
}

extension InsertionOrderedDictionary: Sendable where Key: Sendable, Value: Sendable {}

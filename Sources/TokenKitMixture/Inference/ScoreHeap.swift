/// A binary max-heap of (score, pair index) with lazy deletion: the violation checker's
/// priority queue (spec §2.5). Stale entries are recognised by the caller (key ≠ current score).
struct ScoreHeap {
    private(set) var keys: [Double] = []
    private(set) var items: [Int32] = []

    var count: Int { keys.count }

    /// Builds the heap from all entries at once.
    ///
    /// - Complexity: O(*n*).
    mutating func heapify(keys: [Double], items: [Int32]) {
        self.keys = keys
        self.items = items
        if keys.count > 1 {
            for i in stride(from: keys.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        }
    }

    var top: (key: Double, item: Int32)? { keys.isEmpty ? nil : (keys[0], items[0]) }

    mutating func push(_ key: Double, _ item: Int32) {
        keys.append(key)
        items.append(item)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard keys[i] > keys[parent] else { break }
            keys.swapAt(i, parent)
            items.swapAt(i, parent)
            i = parent
        }
    }

    @discardableResult
    mutating func pop() -> (key: Double, item: Int32)? {
        guard !keys.isEmpty else { return nil }
        let top = (keys[0], items[0])
        let lastKey = keys.removeLast(), lastItem = items.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey
            items[0] = lastItem
            siftDown(0)
        }
        return top
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        let n = keys.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < n && keys[l] > keys[best] { best = l }
            if r < n && keys[r] > keys[best] { best = r }
            if best == i { break }
            keys.swapAt(i, best)
            items.swapAt(i, best)
            i = best
        }
    }
}

/// A binary min-heap under a caller-given order (`areInOrder(a, b)`: `a` comes out first).
struct BinaryHeap<Element> {
    private(set) var items: [Element] = []
    let areInOrder: (Element, Element) -> Bool

    init(_ areInOrder: @escaping (Element, Element) -> Bool) {
        self.areInOrder = areInOrder
    }

    var isEmpty: Bool { items.isEmpty }
    var top: Element? { items.first }

    /// - Complexity: O(log *n*).
    mutating func push(_ e: Element) {
        items.append(e)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard areInOrder(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    /// - Complexity: O(log *n*).
    @discardableResult
    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let out = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < items.count && areInOrder(items[l], items[best]) { best = l }
            if r < items.count && areInOrder(items[r], items[best]) { best = r }
            if best == i { break }
            items.swapAt(i, best)
            i = best
        }
        return out
    }
}

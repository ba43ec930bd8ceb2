/// An immutable prefix trie over UTF-8 bytes, mapping each lexicon entry to its id.
///
/// Built once per tokenizer. The root and every node with more than ``denseThreshold`` children
/// have a 256-entry table; other nodes keep their edges contiguous and sorted, searched linearly.
struct ByteTrie: Sendable {
    private var rootTable = [Int32](repeating: -1, count: 256)
    private var edgeStart: [Int32] = []
    private var edgeBytes: [UInt8] = []
    private var edgeTargets: [Int32] = []
    private var values: [Int32] = []
    /// For each node, the start of its 256-entry table in `denseTables`, or -1.
    private var denseStart: [Int32] = []
    private var denseTables: [Int32] = []
    /// Nodes with more children than this get a direct table.
    static let denseThreshold = 8

    /// Builds the trie; `entries[k]` gets the value `k`. Empty entries are ignored; for a
    /// duplicate, the first index wins.
    ///
    /// - Complexity: O(total bytes · log fan-out).
    init(_ entries: [[UInt8]]) {
        // Build with dictionaries, then flatten breadth-first.
        var children: [[UInt8: Int32]] = [[:]]
        var value: [Int32] = [-1]
        for (k, entry) in entries.enumerated() where !entry.isEmpty {
            var node = 0
            for b in entry {
                if let next = children[node][b] { node = Int(next); continue }
                children.append([:])
                value.append(-1)
                children[node][b] = Int32(children.count - 1)
                node = children.count - 1
            }
            if value[node] < 0 { value[node] = Int32(k) }
        }
        // Renumber breadth-first so each node's edges are contiguous.
        var order = [0]
        var newIndex = [Int32](repeating: -1, count: children.count)
        newIndex[0] = 0
        var head = 0
        while head < order.count {
            let node = order[head]
            head += 1
            for (_, child) in children[node].sorted(by: { $0.key < $1.key }) {
                newIndex[Int(child)] = Int32(order.count)
                order.append(Int(child))
            }
        }
        edgeStart.reserveCapacity(order.count + 1)
        values.reserveCapacity(order.count)
        for node in order {
            edgeStart.append(Int32(edgeBytes.count))
            values.append(value[node])
            for (b, child) in children[node].sorted(by: { $0.key < $1.key }) {
                edgeBytes.append(b)
                edgeTargets.append(newIndex[Int(child)])
            }
        }
        edgeStart.append(Int32(edgeBytes.count))
        for k in Int(edgeStart[0])..<Int(edgeStart[1]) { rootTable[Int(edgeBytes[k])] = edgeTargets[k] }
        denseStart = [Int32](repeating: -1, count: values.count)
        for node in 1..<max(values.count, 1) where Int(edgeStart[node + 1] - edgeStart[node]) > Self.denseThreshold {
            denseStart[node] = Int32(denseTables.count)
            let base = denseTables.count
            denseTables.append(contentsOf: repeatElement(-1, count: 256))
            for k in Int(edgeStart[node])..<Int(edgeStart[node + 1]) { denseTables[base + Int(edgeBytes[k])] = edgeTargets[k] }
        }
    }

    @inline(__always)
    private func child(_ node: Int32, _ byte: UInt8) -> Int32 {
        if node == 0 { return rootTable[Int(byte)] }
        let dense = denseStart[Int(node)]
        if dense >= 0 { return denseTables[Int(dense) + Int(byte)] }
        var k = Int(edgeStart[Int(node)])
        let end = Int(edgeStart[Int(node) + 1])
        while k < end {
            let e = edgeBytes[k]
            if e == byte { return edgeTargets[k] }
            if e > byte { return -1 }
            k += 1
        }
        return -1
    }

    /// The two longest entries that are prefixes of `bytes[start..<end]`, as (end offset, id);
    /// `id == -1` where there is none.
    ///
    /// - Complexity: O(length of the longest entry).
    @inline(__always)
    func twoLongest(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
        -> (smallerEnd: Int, smallerID: Int32, longestEnd: Int, longestID: Int32) {
        var node: Int32 = 0
        var smaller = (start, Int32(-1)), longest = (start, Int32(-1))
        var i = start
        while i < end {
            node = child(node, bytes[i])
            if node < 0 { break }
            i += 1
            let v = values[Int(node)]
            if v >= 0 {
                smaller = longest
                longest = (i, v)
            }
        }
        return (smaller.0, smaller.1, longest.0, longest.1)
    }

    /// The longest entry that is a prefix of `bytes[start..<end]`, as (end offset, id).
    @inline(__always)
    func longest(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (end: Int, id: Int32) {
        let m = twoLongest(bytes, from: start, to: end)
        return (m.longestEnd, m.longestID)
    }
}

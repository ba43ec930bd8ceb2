import TokenKit

/// A byte trie over many literal strings (special or added tokens), built once, that finds the
/// leftmost, then longest, match.
///
/// Transitions live in one open-addressing table keyed by (node, byte), so 100k+ literals load
/// in milliseconds (no regex alternation, no per-literal rebuild), and a 256-bit first-byte set
/// lets the scan skip bytes that start no literal with one load.
///
/// - Complexity: building O(total literal bytes); ``nextMatch(in:from:end:accept:)`` O(*n*·*d*)
///   where *d* is the longest partial match at a position (in practice a few bytes).
public struct LiteralMatcher: Sendable {
    private var keys: [UInt64]
    private var children: [Int32]
    private var mask: Int
    /// For each node, the literal that ends there, or -1.
    private var terminal: [Int32] = [-1]
    private var firstBytes = [UInt64](repeating: 0, count: 4)
    /// The number of literals.
    public let count: Int

    /// Builds the trie. Empty literals are ignored; a literal repeated keeps its first index.
    public init(_ literals: [[UInt8]]) {
        let total = literals.reduce(0) { $0 + $1.count }
        var capacity = 16
        while capacity < total * 2 { capacity <<= 1 }
        mask = capacity - 1
        keys = [UInt64](repeating: .max, count: capacity)
        children = [Int32](repeating: -1, count: capacity)
        count = literals.count
        terminal.reserveCapacity(total + 1)
        for (index, literal) in literals.enumerated() where !literal.isEmpty {
            firstBytes[Int(literal[0] >> 6)] |= 1 << UInt64(literal[0] & 63)
            var node: Int32 = 0
            for b in literal {
                let key = UInt64(node) << 8 | UInt64(b)
                var s = Int(truncatingIfNeeded: ByteHash.mix(key)) & mask
                while keys[s] != .max && keys[s] != key { s = (s + 1) & mask }
                if keys[s] == key {
                    node = children[s]
                } else {
                    keys[s] = key
                    let child = Int32(terminal.count)
                    children[s] = child
                    terminal.append(-1)
                    node = child
                }
            }
            if terminal[Int(node)] < 0 { terminal[Int(node)] = Int32(index) }
        }
    }

    @inline(__always)
    private func child(_ node: Int32, _ b: UInt8) -> Int32 {
        let key = UInt64(node) << 8 | UInt64(b)
        var s = Int(truncatingIfNeeded: ByteHash.mix(key)) & mask
        while true {
            let k = keys[s]
            if k == key { return children[s] }
            if k == .max { return -1 }
            s = (s + 1) & mask
        }
    }

    /// Whether some literal starts with byte `b`.
    @inline(__always)
    public func canStart(_ b: UInt8) -> Bool {
        firstBytes[Int(b >> 6)] & (1 << UInt64(b & 63)) != 0
    }

    /// The longest literal accepted by `accept` that starts at `i`, as (literal index, length).
    public func longestMatch(in bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int, accept: (Int) -> Bool) -> (literal: Int, length: Int)? {
        var node: Int32 = 0
        var j = i
        var best: (Int, Int)?
        while j < end {
            node = child(node, bytes[j])
            if node < 0 { break }
            j += 1
            let t = terminal[Int(node)]
            if t >= 0 && accept(Int(t)) { best = (Int(t), j - i) }
        }
        return best
    }

    /// The leftmost match at or after `start` (longest at that position) among literals that
    /// `accept` takes.
    public func nextMatch(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, accept: (Int) -> Bool) -> (literal: Int, range: Range<Int>)? {
        if count == 0 { return nil }
        var i = start
        while i < end {
            if canStart(bytes[i]), let (t, n) = longestMatch(in: bytes, at: i, end: end, accept: accept) {
                return (t, i..<(i + n))
            }
            i += 1
        }
        return nil
    }
}

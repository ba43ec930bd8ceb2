import TokenKit

/// Receives the tokens of an encode, in order.
///
/// The merge engine is generic over its sink, so the count-only path (``CountingSink``)
/// compiles to a counter increment and never allocates per token.
public protocol TokenSink {
    /// Takes one token covering input bytes `start..<end`.
    mutating func emit(_ id: TokenID, start: Int, end: Int)
}

/// Appends ids and byte ranges to an `Encoding`.
public struct EncodingSink: TokenSink {
    /// The tokens so far.
    public var encoding: Encoding
    /// Creates a sink that appends to `encoding`.
    public init(_ encoding: Encoding = Encoding()) { self.encoding = encoding }
    @inline(__always)
    public mutating func emit(_ id: TokenID, start: Int, end: Int) {
        encoding.append(id, covering: start..<end)
    }
}

/// Appends ids only.
public struct IDSink: TokenSink {
    /// The ids so far.
    public var ids: [TokenID] = []
    /// Creates an empty sink.
    public init() {}
    @inline(__always)
    public mutating func emit(_ id: TokenID, start: Int, end: Int) { ids.append(id) }
}

/// Counts tokens, allocating nothing.
public struct CountingSink: TokenSink {
    /// The number of tokens so far.
    public var count = 0
    /// Creates a zero counter.
    public init() {}
    @inline(__always)
    public mutating func emit(_ id: TokenID, start: Int, end: Int) { count += 1 }
}

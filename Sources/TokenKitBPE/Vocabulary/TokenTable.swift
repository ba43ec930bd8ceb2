import TokenKit

/// A byte-level vocabulary as compact tables: token id → bytes, and bytes → id through an
/// open-addressing hash table keyed by byte slices (no `String`, no per-token allocation).
///
/// All token bytes live in one contiguous buffer; id `i` is `bytes[offset[i] ..< offset[i] + length[i]]`.
/// Ids may have gaps (p50k's rank file skips 50256, the id of its special token); a gap has
/// length 0 and is reported as absent. The table is immutable once built, so it is shared
/// freely between threads.
///
/// - Complexity: ``id(of:count:)`` is O(length of the slice) expected, with one cache line for
///   the slot and one for the bytes on a hit.
public final class TokenTable: @unchecked Sendable {
    /// One more than the largest id in the table.
    public let idCount: Int
    /// The number of tokens (ids without gaps).
    public let tokenCount: Int
    /// The length of the longest token, in bytes.
    public let maxTokenLength: Int

    @usableFromInline let blob: UnsafeMutablePointer<UInt8>
    @usableFromInline let offsets: UnsafeMutablePointer<UInt32>
    @usableFromInline let lengths: UnsafeMutablePointer<UInt32>
    /// Two words per slot: the token's first 8 bytes (zero-padded), then length << 32 | (id + 1);
    /// a second word of 0 marks an empty slot. Tokens of ≤ 8 bytes (nearly every lookup) are
    /// compared inside the slot: one cache line per probe, no trip to the byte buffer.
    @usableFromInline let slots: UnsafeMutablePointer<UInt64>
    @usableFromInline let mask: Int
    private let blobCount: Int

    /// Two tokens with the same bytes, found while building.
    public struct Duplicate: Error, Hashable, Sendable {
        /// The id seen first.
        public var firstID: TokenID
        /// The id that repeats its bytes.
        public var secondID: TokenID
    }

    /// Collects tokens; ``build()`` makes the table.
    public struct Builder: Sendable {
        var blob: [UInt8] = []
        var offsets: [UInt32] = []
        var lengths: [UInt32] = []
        var order: [TokenID] = []

        /// Creates a builder; `capacity` is the expected number of tokens.
        public init(capacity: Int = 0) {
            order.reserveCapacity(capacity)
            offsets.reserveCapacity(capacity)
            lengths.reserveCapacity(capacity)
            blob.reserveCapacity(capacity * 7)
        }

        /// Whether `id` already has bytes.
        public func contains(id: TokenID) -> Bool {
            Int(id) < lengths.count && lengths[Int(id)] != 0
        }

        /// Adds a token. Empty tokens are ignored (no byte-level BPE token is empty).
        ///
        /// - Returns: `false` when `id` already has bytes (the caller reports the duplicate id).
        @discardableResult
        public mutating func add<C: Collection<UInt8>>(_ bytes: C, id: TokenID) -> Bool {
            let i = Int(id)
            if i >= lengths.count {
                let grow = i + 1 - lengths.count
                offsets.append(contentsOf: repeatElement(0, count: grow))
                lengths.append(contentsOf: repeatElement(0, count: grow))
            }
            if lengths[i] != 0 { return false }
            let start = blob.count
            blob.append(contentsOf: bytes)
            if blob.count == start { return true }
            offsets[i] = UInt32(start)
            lengths[i] = UInt32(blob.count - start)
            order.append(id)
            return true
        }

        /// Builds the table.
        ///
        /// - Throws: ``TokenTable/Duplicate`` when two ids have the same bytes.
        /// - Complexity: O(total bytes).
        public func build() throws(Duplicate) -> TokenTable {
            try TokenTable(self)
        }
    }

    private init(_ b: Builder) throws(Duplicate) {
        idCount = b.lengths.count
        tokenCount = b.order.count
        blobCount = max(b.blob.count, 1)
        let blob = UnsafeMutablePointer<UInt8>.allocate(capacity: blobCount)
        b.blob.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { blob.initialize(from: base, count: src.count) }
        }
        let ids = max(idCount, 1)
        let offsets = UnsafeMutablePointer<UInt32>.allocate(capacity: ids)
        let lengths = UnsafeMutablePointer<UInt32>.allocate(capacity: ids)
        let count = idCount
        b.offsets.withUnsafeBufferPointer { if let s = $0.baseAddress { offsets.initialize(from: s, count: count) } }
        b.lengths.withUnsafeBufferPointer { if let s = $0.baseAddress { lengths.initialize(from: s, count: count) } }
        var capacity = 16
        while capacity < tokenCount * 2 { capacity <<= 1 }
        let mask = capacity - 1
        let slots = HugePages.allocate(UInt64.self, count: capacity * 2)
        self.blob = blob; self.offsets = offsets; self.lengths = lengths; self.slots = slots; self.mask = mask
        maxTokenLength = Int(b.lengths.max() ?? 0)
        for id in b.order {
            let p = blob + Int(offsets[Int(id)])
            let n = Int(lengths[Int(id)])
            let w = ByteHash.word(p, n)
            var s = Int(truncatingIfNeeded: ByteHash.slice(p, n, word: w)) & mask
            while true {
                let meta = slots[2 * s + 1]
                if meta == 0 {
                    slots[2 * s] = w
                    slots[2 * s + 1] = UInt64(n) << 32 | UInt64(id + 1)
                    break
                }
                if slots[2 * s] == w && Int(meta >> 32) == n {
                    let other = TokenID(truncatingIfNeeded: meta) - 1
                    if memEqual(blob + Int(offsets[Int(other)]), p, n) {
                        // Fully initialized: deinit frees the buffers.
                        throw Duplicate(firstID: other, secondID: id)
                    }
                }
                s = (s + 1) & mask
            }
        }
    }

    deinit {
        blob.deallocate()
        offsets.deallocate()
        lengths.deallocate()
        HugePages.free(slots, count: (mask + 1) * 2)
    }

    /// The id of the token whose bytes are `p[0..<count]`, or `nil`.
    ///
    /// - Complexity: O(`count`) expected.
    @inline(__always) @inlinable
    public func id(of p: UnsafePointer<UInt8>, count: Int) -> TokenID? {
        let w = ByteHash.word(p, count)
        var s = Int(truncatingIfNeeded: ByteHash.slice(p, count, word: w)) & mask
        while true {
            let meta = slots[2 * s + 1]
            if meta == 0 { return nil }
            if slots[2 * s] == w && Int(meta >> 32) == count {
                let id = TokenID(truncatingIfNeeded: meta) &- 1
                if count <= 8 || memEqual(blob + Int(offsets[Int(id)]) + 8, p + 8, count - 8) { return id }
            }
            s = (s + 1) & mask
        }
    }

    /// The id of the token with exactly these bytes, or `nil`.
    public func id<C: Collection<UInt8>>(of bytes: C) -> TokenID? {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return nil }
            return id(of: base, count: b.count)
        }
    }

    /// Whether `id` is a token of this table.
    @inline(__always) @inlinable
    public func contains(_ id: TokenID) -> Bool {
        Int(id) < idCount && lengths[Int(id)] != 0
    }

    /// The bytes of token `id` (empty for a gap or an id out of range).
    @inline(__always) @inlinable
    public func bytes(_ id: TokenID) -> UnsafeBufferPointer<UInt8> {
        guard Int(id) < idCount else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: blob + Int(offsets[Int(id)]), count: Int(lengths[Int(id)]))
    }

    /// The length of token `id` in bytes (0 for a gap).
    @inline(__always) @inlinable
    public func length(_ id: TokenID) -> Int {
        Int(id) < idCount ? Int(lengths[Int(id)]) : 0
    }
}

/// Byte equality of two short buffers; a word loop beats `memcmp`'s call for 1–16 bytes.
@inline(__always) @usableFromInline
func memEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    while i + 8 <= n {
        if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
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

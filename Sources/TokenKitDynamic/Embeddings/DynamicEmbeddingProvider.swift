#if canImport(Synchronization)
import Synchronization
#endif
import TokenKit

/// Gives embeddings to the tokens of a batch's dynamic vocabulary (§3.5).
///
/// The paper predicts them with a ZeTT hypernetwork; TokenKit defines the interface and the
/// mean-of-components baseline (FVT). Providers are keyed by token bytes, so a cache can
/// reuse results across batches.
public protocol DynamicEmbeddingProvider: Sendable {
    /// The embedding width.
    var dimension: Int { get }

    /// One embedding (of ``dimension`` floats) per token, in order.
    ///
    /// - Throws: ``DynamicMergeError/Code/embedding`` when a token cannot be embedded.
    func embeddings(for tokens: [DynamicToken]) throws(DynamicMergeError) -> [[Float]]
}

/// FVT: the mean of the base embeddings of a token's decomposition; the UNK row for a
/// token without one.
public struct MeanOfComponentsEmbeddings: DynamicEmbeddingProvider {
    /// The base embedding table, `rows × dimension`, row-major.
    public let table: [Float]
    /// The embedding width (the table's columns).
    public let dimension: Int
    /// The row used for tokens without components.
    public let unknownRow: Int

    /// Creates the provider over a supplied table.
    ///
    /// - Throws: ``DynamicMergeError/Code/embedding`` when the table is not `rows × dimension`
    ///   or `unknownRow` is outside it.
    public init(table: [Float], dimension: Int, unknownRow: Int) throws(DynamicMergeError) {
        guard dimension > 0, table.count % dimension == 0 else {
            throw DynamicMergeError(.embedding, "the embedding table has \(table.count) values, not a multiple of the dimension \(dimension)")
        }
        guard unknownRow >= 0 && unknownRow < table.count / dimension else {
            throw DynamicMergeError(.embedding, "the UNK row \(unknownRow) is outside the table (\(table.count / dimension) rows)")
        }
        self.table = table
        self.dimension = dimension
        self.unknownRow = unknownRow
    }

    /// The number of rows.
    public var rows: Int { table.count / dimension }

    /// - Complexity: O(total components × dimension).
    public func embeddings(for tokens: [DynamicToken]) throws(DynamicMergeError) -> [[Float]] {
        var out: [[Float]] = []
        out.reserveCapacity(tokens.count)
        for token in tokens {
            let parts = token.components.isEmpty ? [TokenID(unknownRow)] : token.components
            var sum = [Float](repeating: 0, count: dimension)
            for id in parts {
                guard Int(id) < rows else {
                    throw DynamicMergeError(.embedding, "base id \(id) of token \(token.byteLevelString.debugDescription) is outside the embedding table (\(rows) rows)")
                }
                let base = Int(id) * dimension
                for d in 0..<dimension { sum[d] += table[base + d] }
            }
            let scale = 1 / Float(parts.count)
            out.append(sum.map { $0 * scale })
        }
        return out
    }
}

/// An LRU cache in front of another provider, keyed by token bytes (as the paper caches
/// hypernetwork outputs across batches).
public final class CachedEmbeddingProvider: DynamicEmbeddingProvider {
    /// The provider asked on a miss.
    public let inner: any DynamicEmbeddingProvider
    /// The most entries kept.
    public let capacity: Int
    private let state: Mutex<LRUState>

    struct LRUState {
        var values: [[UInt8]: (embedding: [Float], stamp: UInt64)] = [:]
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    /// Creates a cache of at most `capacity` embeddings.
    public init(_ inner: any DynamicEmbeddingProvider, capacity: Int) {
        self.inner = inner
        self.capacity = max(1, capacity)
        self.state = Mutex(LRUState())
    }

    public var dimension: Int { inner.dimension }

    /// Hits and misses so far.
    public var statistics: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }

    /// - Complexity: O(tokens) plus the inner provider on misses; an eviction scans the cache
    ///   (O(capacity)), amortized over `capacity / 8` insertions.
    public func embeddings(for tokens: [DynamicToken]) throws(DynamicMergeError) -> [[Float]] {
        var out = [[Float]?](repeating: nil, count: tokens.count)
        var missing: [Int] = []
        state.withLock { s in
            for (k, t) in tokens.enumerated() {
                s.clock += 1
                if let hit = s.values[t.bytes] {
                    out[k] = hit.embedding
                    s.values[t.bytes] = (hit.embedding, s.clock)
                    s.hits += 1
                } else {
                    missing.append(k)
                    s.misses += 1
                }
            }
        }
        if !missing.isEmpty {
            let fresh = try inner.embeddings(for: missing.map { tokens[$0] })
            state.withLock { s in
                for (k, e) in zip(missing, fresh) {
                    out[k] = e
                    s.clock += 1
                    s.values[tokens[k].bytes] = (e, s.clock)
                }
                if s.values.count > capacity {
                    // Evict the oldest eighth in one pass.
                    let keep = capacity - capacity / 8
                    let sorted = s.values.sorted { $0.value.stamp > $1.value.stamp }
                    s.values = Dictionary(uniqueKeysWithValues: sorted.prefix(keep).map { ($0.key, $0.value) })
                }
            }
        }
        return out.map { $0 ?? [] }
    }
}

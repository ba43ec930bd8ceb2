import TokenKit

/// A per-thread cache of merged pieces: piece bytes → token ids.
///
/// Piece frequencies are Zipfian (spec §5.6: the 1000 most frequent distinct pieces cover
/// 64–85 % of all pieces), so remembering recent merge results skips most of the random
/// probes into the multi-megabyte vocabulary table. Direct-mapped, 16384 entries of 96 bytes
/// (1.5 MB, within this machine's 2 MB L2); each thread has its own, so there is no locking and no contention. Only
/// pieces of 2–32 bytes that needed merging into at most 8 tokens are cached; a hit compares
/// all the piece's bytes, so results are exact.
@usableFromInline
final class PieceCache {
    /// Words per entry: hash, length | count << 8, 4 words of bytes, 4 words of ids (8 × u32),
    /// 1 word of token lengths (8 × u8), padding.
    @usableFromInline static let words = 12
    @usableFromInline static let entries = 16384
    @usableFromInline static let maxBytes = 32
    @usableFromInline static let maxTokens = 8
    @usableFromInline let table: UnsafeMutablePointer<UInt64>

    init() {
        table = .allocate(capacity: Self.entries * Self.words)
        table.initialize(repeating: 0, count: Self.entries * Self.words)
    }

    deinit { table.deallocate() }

    /// Emits the cached tokens of `p[start..<start+m]` into `sink`, or returns `false`.
    @inline(__always) @usableFromInline
    func emit<S: TokenSink>(_ base: UnsafePointer<UInt8>, _ start: Int, _ m: Int, _ h: UInt64, into sink: inout S) -> Bool {
        let e = table + Int(truncatingIfNeeded: h & UInt64(Self.entries - 1)) * Self.words
        guard e[0] == h, Int(e[1] & 0xFF) == m else { return false }
        let bytes = UnsafeRawPointer(e + 2).assumingMemoryBound(to: UInt8.self)
        guard memEqual(bytes, base + start, m) else { return false }
        let count = Int(e[1] >> 8)
        let ids = UnsafeRawPointer(e + 6).assumingMemoryBound(to: UInt32.self)
        let lengths = UnsafeRawPointer(e + 10).assumingMemoryBound(to: UInt8.self)
        var pos = start
        for k in 0..<count {
            let next = pos + Int(lengths[k])
            sink.emit(ids[k], start: pos, end: next)
            pos = next
        }
        return true
    }

    /// Stores a result (ids with byte lengths) for the piece.
    @inline(__always) @usableFromInline
    func store(_ base: UnsafePointer<UInt8>, _ start: Int, _ m: Int, _ h: UInt64, _ recorder: PieceRecorder) {
        let e = table + Int(truncatingIfNeeded: h & UInt64(Self.entries - 1)) * Self.words
        e[0] = h
        e[1] = UInt64(m) | UInt64(recorder.count) << 8
        UnsafeMutableRawPointer(e + 2).copyMemory(from: base + start, byteCount: m)
        let ids = UnsafeMutableRawPointer(e + 6).assumingMemoryBound(to: UInt32.self)
        let lengths = UnsafeMutableRawPointer(e + 10).assumingMemoryBound(to: UInt8.self)
        let count = recorder.count
        withUnsafeBytes(of: recorder.ids) { src in
            for k in 0..<count { ids[k] = src.load(fromByteOffset: k * 4, as: UInt32.self) }
        }
        withUnsafeBytes(of: recorder.lengths) { src in
            for k in 0..<count { lengths[k] = src[k] }
        }
    }

    // MARK: Thread-local access

    /// One pthread key for all models: the value is a per-thread dictionary from model to cache.
    nonisolated(unsafe) static var key: system_ThreadKey = system_threadKeyCreate { raw in
        guard let raw else { return }
        Unmanaged<PerThread>.fromOpaque(raw).release()
    }

    /// The calling thread's caches, one per model (by the model's random ``BPEModel/cacheToken``,
    /// so a new model at a reused address never sees an old cache).
    final class PerThread {
        var caches: [UInt64: PieceCache] = [:]
        var lastToken: UInt64 = 0
        var last: PieceCache?
    }

    /// The calling thread's cache for `model`.
    @usableFromInline
    static func current(for model: BPEModel) -> PieceCache {
        let k = key
        let holder: PerThread
        if let raw = system_threadGetSpecific(k) {
            holder = Unmanaged<PerThread>.fromOpaque(raw).takeUnretainedValue()
        } else {
            holder = PerThread()
            system_threadSetSpecific(k, Unmanaged.passRetained(holder).toOpaque())
        }
        let token = model.cacheToken
        if holder.lastToken == token, let c = holder.last { return c }
        let c: PieceCache
        if let existing = holder.caches[token] {
            c = existing
        } else {
            if holder.caches.count >= 8 { holder.caches.removeAll() }
            c = PieceCache()
            holder.caches[token] = c
        }
        holder.lastToken = token
        holder.last = c
        return c
    }
}

/// Forwards tokens to a sink and remembers up to 8 of them for the cache.
@usableFromInline
struct PieceRecorder: TokenSink {
    @usableFromInline var ids: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0)
    @usableFromInline var lengths: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
    @usableFromInline var count = 0
    @usableFromInline var overflow = false
    @inlinable init() {}
    @inline(__always) @usableFromInline
    mutating func emit(_ id: TokenID, start: Int, end: Int) {
        if count >= PieceCache.maxTokens { overflow = true; return }
        withUnsafeMutableBytes(of: &ids) { $0.storeBytes(of: id, toByteOffset: count * 4, as: UInt32.self) }
        withUnsafeMutableBytes(of: &lengths) { $0[count] = UInt8(truncatingIfNeeded: end - start) }
        count += 1
    }
}

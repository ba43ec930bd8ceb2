import Testing
import TokenKit
import TokenKitLM
import TokenKitTestSupport

/// Synthetic checkpoints (made here, tiny) for the loader's error paths and the unshared classifier.
@Suite("llama2.c checkpoints: bad input and layout")
struct LlamaCheckpointTests {
    /// dim 4, hidden 6, 1 layer, 2 heads, 1 KV head, vocab 5, seq 3.
    static let config = LlamaConfig(dim: 4, hiddenDim: 6, layers: 1, heads: 2, kvHeads: 1, vocabularySize: 5,
                                    sequenceLength: 3, sharedClassifier: true)

    static func floatCount(_ c: LlamaConfig) -> Int {
        let (d, h, kv, v) = (c.dim, c.hiddenDim, c.kvDim, c.vocabularySize)
        var n = v * d + c.layers * (2 * d + 2 * d * d + 2 * kv * d + 3 * d * h) + d + c.sequenceLength * c.headSize
        if !c.sharedClassifier { n += v * d }
        return n
    }

    static func file(_ c: LlamaConfig, value: (Int) -> Float = { Float(($0 % 7) - 3) / 10 }) -> [UInt8] {
        var out: [UInt8] = []
        let vocab = c.sharedClassifier ? c.vocabularySize : -c.vocabularySize
        for v in [c.dim, c.hiddenDim, c.layers, c.heads, c.kvHeads, vocab, c.sequenceLength] {
            withUnsafeBytes(of: Int32(v).littleEndian) { out += $0 }
        }
        for k in 0..<floatCount(c) { withUnsafeBytes(of: value(k).bitPattern.littleEndian) { out += $0 } }
        return out
    }

    func parse(_ bytes: [UInt8]) throws(FormatError) -> LlamaWeights {
        let r = bytes.withUnsafeBufferPointer { b in Result { () throws(FormatError) -> LlamaWeights in try LlamaCheckpoint.parse(b) } }
        return try r.get()
    }

    @Test("a well-formed synthetic checkpoint loads and runs")
    func loads() throws {
        let w = try parse(Self.file(Self.config))
        #expect(w.config == Self.config)
        let model = LlamaModel(weights: w, backend: MatmulBackends.swift)
        let logits = try model.nextTokenLogits(after: [1, 2, 3])
        #expect(logits.count == 5 && logits.allSatisfy(\.isFinite))
        #expect(throws: LMError.self) { try model.nextTokenLogits(after: [1, 2, 3, 4]) }
    }

    @Test("a negative vocab size means a separate classifier, read after the RoPE tables")
    func unsharedClassifier() throws {
        var c = Self.config
        c.sharedClassifier = false
        // Classifier rows are all zero: every logit is 0 whatever the input.
        let total = Self.floatCount(c)
        let w = try parse(Self.file(c) { k in k >= total - 20 ? 0 : Float(k % 5) / 10 })
        #expect(w.config.sharedClassifier == false)
        let logits = try LlamaModel(weights: w, backend: MatmulBackends.swift).nextTokenLogits(after: [0])
        #expect(logits == [0, 0, 0, 0, 0])
        // The shared reading of the same floats gives non-zero logits.
        let shared = try parse(Self.file(Self.config) { k in Float(k % 5) / 10 })
        #expect(try LlamaModel(weights: shared, backend: MatmulBackends.swift).nextTokenLogits(after: [0]) != [0, 0, 0, 0, 0])
    }

    @Test("every truncation is a typed error naming a byte offset", arguments: [0, 1, 27, 28, 29, 100, 400])
    func truncated(length: Int) {
        let bytes = Array(Self.file(Self.config).prefix(length))
        do {
            _ = try parse(bytes)
            Issue.record("parsed a checkpoint cut at \(length)")
        } catch {
            #expect(error.code == (length == 0 ? .empty : .truncated))
            if length > 0 { #expect(error.location.byteOffset != nil) }
        }
    }

    @Test("trailing bytes (a header that under-states the model) are an error")
    func trailing() {
        #expect(throws: FormatError.self) { try parse(Self.file(Self.config) + [0, 0, 0, 0]) }
    }

    @Test("lying headers: zero or negative sizes, indivisible heads, absurd sizes",
          arguments: [(0, 0), (3, -2), (3, 3), (4, 3), (0, 1 << 30)])
    func lyingHeader(field: Int, value: Int) {
        var bytes = Self.file(Self.config)
        withUnsafeBytes(of: Int32(truncatingIfNeeded: value).littleEndian) { raw in
            for k in 0..<4 { bytes[field * 4 + k] = raw[k] }
        }
        #expect(throws: FormatError.self) { try parse(bytes) }
    }

    @Test("a NaN or infinite weight is reported with its tensor and byte offset")
    func nonFinite() {
        for bad in [Float.nan, .infinity] {
            do {
                _ = try parse(Self.file(Self.config) { k in k == 30 ? bad : 0.1 })
                Issue.record("accepted a \(bad) weight")
            } catch {
                #expect(error.code == .invalidValue)
                #expect(error.location.byteOffset == 28 + 4 * 30)
                #expect(error.message.contains("tensor wq"))  // 20 embedding + 4 rms_att floats precede wq
            }
        }
    }

    @Test("missing and directory paths are input errors")
    func paths() {
        #expect(throws: LMLoadError.self) { try LlamaCheckpoint.load(path: "/nonexistent/model.bin") }
        #expect(throws: LMLoadError.self) { try LlamaCheckpoint.load(path: "/tmp") }
    }
}

@Suite("loaders never crash on mutated files")
struct LoaderMutationTests {
    @Test("random header/body mutations and cuts of a checkpoint: it loads or throws FormatError", arguments: [1, 2, 3] as [UInt64])
    func checkpoint(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var loaded = 0, rejected = 0
        let valid = LlamaCheckpointTests.file(LlamaCheckpointTests.config)
        for _ in 0..<300 {
            var bytes = valid
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                // Mostly the header, where a lie changes the layout.
                let at = rng.next() % 4 == 0 ? Int(rng.next() % UInt64(bytes.count)) : Int(rng.next() % 28)
                bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            }
            if rng.next() % 3 == 0 { bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1)))) }
            let result = bytes.withUnsafeBufferPointer { b in
                Result { () throws(FormatError) -> LlamaWeights in try LlamaCheckpoint.parse(b) }
            }
            switch result {
            case .success(let w):
                loaded += 1
                // Whatever loads must run: logits for the whole vocabulary, or a typed error.
                let model = LlamaModel(weights: w, backend: MatmulBackends.swift)
                do {
                    let logits = try model.nextTokenLogits(after: [0])
                    #expect(logits.count == w.config.vocabularySize, "\(logits.count) logits for a vocabulary of \(w.config.vocabularySize)")
                } catch {
                    #expect(!String(describing: error).isEmpty, "a model error without a message")
                }
            case .failure(let error):
                rejected += 1
                #expect(!error.message.isEmpty, "a format error without a message")
                #expect(error.location.byteOffset.map { $0 >= 0 && $0 <= bytes.count } ?? true,
                        "error offset \(String(describing: error.location.byteOffset)) is outside the \(bytes.count)-byte file")
            }
        }
        // Both outcomes occur: body-only mutations load, header lies and cuts are rejected.
        #expect(loaded >= 10 && rejected >= 10, "\(loaded) loaded, \(rejected) rejected of 300")
    }
}

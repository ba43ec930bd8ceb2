import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport

/// GGUF vocabulary files: the reader's bounds checks, and exactness against llama.cpp's vectors.
@Suite("GGUF vocabularies")
struct GGUFTests {
    /// The GGUF files with a BPE vocabulary and a llama.cpp vector set.
    static let bpeFiles = ["gpt-2", "starcoder", "falcon", "deepseek-coder"]

    static func path(_ name: String) -> String? { SharedData.path("vocabularies/gguf/ggml-vocab-\(name).gguf") }

    @Test("llama.cpp vectors encode and decode exactly", SharedData.required, arguments: bpeFiles)
    func vectors(_ name: String) throws {
        guard let path = Self.path(name) else { return }
        let tokenizer = try GGUFLoader().load(path: path)
        let vectors = try HFGolden.llamaCpp("ggml-vocab-\(name).gguf")
        #expect(vectors.count == 46)
        var failures = 0
        for v in vectors {
            let got = try tokenizer.encode(v.text, options: .plain).ids
            if got != v.ids {
                failures += 1
                Issue.record("\(name): \(v.text.debugDescription): got \(got), want \(v.ids)")
            }
            #expect(try tokenizer.decode(v.ids) == Array(v.text.utf8), "\(name): decode of \(v.text.debugDescription)")
        }
        #expect(failures == 0)
    }

    @Test("the header and keys are read", SharedData.required)
    func header() throws {
        guard let path = Self.path("gpt-2") else { return }
        let file = try GGUFFile(contentsOf: path)
        #expect(file.version == 3)
        #expect(file["tokenizer.ggml.model"]?.stringValue == "gpt2")
        guard case .strings(let tokens)? = file["tokenizer.ggml.tokens"] else {
            Issue.record("no token list")
            return
        }
        #expect(tokens.count == 50257)
    }

    @Test("SentencePiece GGUF is a clear unsupported error", SharedData.required)
    func sentencePieceUnsupported() throws {
        guard let path = Self.path("llama-spm") else { return }
        let error = #expect(throws: LoadError.self) { try GGUFLoader().load(path: path) }
        guard case .format(let f)? = error else { Issue.record("expected a format error"); return }
        #expect(f.code == .unsupported)
        #expect(f.message.contains("llama"))
    }

    @Test("every truncation of a real file is a typed error, never a crash", SharedData.required)
    func truncations() throws {
        guard let path = Self.path("gpt-2") else { return }
        let bytes = try FileIO.readAll(path: path)
        // The metadata of this file ends with the merges; cut inside every part of it.
        var cuts = Array(0..<48) + [100, 1000, 10_000, 100_000, bytes.count / 2, bytes.count - 1]
        var rng = SplitMix64(seed: 3)
        for _ in 0..<10 { cuts.append(Int(rng.next() % UInt64(bytes.count))) }
        for cut in cuts {
            let prefix = Array(bytes[..<cut])
            let result = prefix.withUnsafeBufferPointer { buf in
                Result { () throws(FormatError) -> GGUFFile in try GGUFFile(bytes: buf, path: "cut.gguf") }
            }
            switch result {
            case .success: Issue.record("a file cut at \(cut) of \(bytes.count) bytes parsed")
            case .failure(let e):
                #expect([.truncated, .empty, .invalidValue].contains(e.code), "cut \(cut): \(e)")
                #expect(e.location.byteOffset != nil)
            }
        }
    }

    @Test("a lying string length is reported with its byte offset")
    func lyingLength() throws {
        // Header: magic, version 3, 0 tensors, 1 pair; key of claimed length 2^40.
        var bytes = Array("GGUF".utf8)
        bytes += le(UInt32(3)) + le(UInt64(0)) + le(UInt64(1)) + le(UInt64(1) << 40) + Array("abc".utf8) + [UInt8](repeating: 0, count: 20)
        let error = #expect(throws: FormatError.self) {
            try bytes.withUnsafeBufferPointer { buf in
                try Result { () throws(FormatError) -> GGUFFile in try GGUFFile(bytes: buf) }.get()
            }
        }
        #expect(error?.code == .truncated)
        #expect(error?.location.byteOffset == 24)
    }

    @Test("a lying array count is rejected before allocating")
    func lyingArrayCount() throws {
        var bytes = Array("GGUF".utf8)
        bytes += le(UInt32(3)) + le(UInt64(0)) + le(UInt64(1))
        bytes += le(UInt64(4)) + Array("keys".utf8) + le(UInt32(9)) + le(UInt32(8)) + le(UInt64.max / 2)
        let error = #expect(throws: FormatError.self) {
            try bytes.withUnsafeBufferPointer { buf in
                try Result { () throws(FormatError) -> GGUFFile in try GGUFFile(bytes: buf) }.get()
            }
        }
        #expect(error?.code == .truncated)
        #expect(error?.location.byteOffset == 44)
        #expect(error?.message.contains("keys") == true)
    }

    @Test("not a GGUF file")
    func badMagic() throws {
        let bytes = Array("GGUX\u{3}\0\0\0".utf8)
        let error = #expect(throws: FormatError.self) {
            try bytes.withUnsafeBufferPointer { buf in
                try Result { () throws(FormatError) -> GGUFFile in try GGUFFile(bytes: buf) }.get()
            }
        }
        #expect(error?.code == .syntax)
    }

    func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        (0..<MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }
    }
}

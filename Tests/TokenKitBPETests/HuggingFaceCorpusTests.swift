import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport

/// Corpus files (cut into ~8 KiB documents at line ends) through the shared `tokenizer.json`
/// files, compared with the digests
/// (token count + FNV-1a-64 of the ids) that Hugging Face `tokenizers` produced
/// (Fixtures/hf-corpus-digests.json, made by scripts/hf-reference.sh — no Python needed here).
///
/// By default only the small files (≤ 220 KB) and tinyshakespeare run, to keep debug test time low; set
/// `TOKENKIT_LONG_TESTS=1` to check every corpus file (about 50 MB per vocabulary).
@Suite("Hugging Face tokenizer.json: corpus digests vs tokenizers", .serialized)
struct HuggingFaceCorpusTests {
    struct Entry: Sendable, CustomTestStringConvertible {
        let vocab: String
        let file: String
        let corpus: String
        let bytes: Int
        let count: Int
        let hash: String
        var testDescription: String { "\(vocab) \(corpus)" }
    }

    static let longTests: Bool = TestSystem.longTests

    static let entries: [Entry] = {
        guard let bytes = try? FileIO.readAll(path: SharedData.fixture("hf-corpus-digests.json")),
              let root = try? JSONParser.parse(bytes), let list = root["entries"]?.arrayValue else { return [] }
        return list.compactMap { e in
            guard let vocab = e["vocab"]?.stringValue, let file = e["file"]?.stringValue, let corpus = e["corpus"]?.stringValue,
                  let size = e["bytes"]?.intValue, let count = e["count"]?.intValue, let hash = e["fnv1a64"]?.stringValue else { return nil }
            return Entry(vocab: vocab, file: file, corpus: corpus, bytes: size, count: count, hash: hash)
        }
    }()

    static var selected: [Entry] {
        longTests ? entries : entries.filter { $0.bytes <= 220_000 || $0.corpus == "prose/tinyshakespeare.txt" }
    }

    /// The file cut into documents at the first line end at or past 8192 bytes (as the
    /// reference script cuts it): the reference encodes per document, as the spec's benchmarks do.
    static func documents(_ bytes: [UInt8], size: Int = 8192) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A && i + 1 - start >= size {
            out.append(start..<(i + 1))
            start = i + 1
        }
        if start < bytes.count { out.append(start..<bytes.count) }
        return out
    }

    /// FNV-1a 64 over the ids as little-endian 32-bit integers.
    static func fnv1a64(_ ids: [TokenID]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for id in ids {
            for k in 0..<4 {
                h ^= UInt64((id >> (8 * UInt32(k))) & 0xFF)
                h = h &* 0x100_0000_01b3
            }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    nonisolated(unsafe) static var cache: [String: HFTokenizer] = [:]

    static func tokenizer(_ file: String) throws -> HFTokenizer {
        if let t = cache[file] { return t }
        guard let path = SharedData.path("vocabularies/" + file) else { throw FormatError(.empty, "no shared data") }
        let t = try HFTokenizer(contentsOf: path)
        cache[file] = t
        return t
    }

    @Test("the digest fixture covers GPT-NeoX on every corpus file, and the other tokenizer.json files")
    func fixture() {
        #expect(Self.entries.filter { $0.vocab == "gpt-neox-20b" }.count >= 60)
        #expect(Set(Self.entries.map(\.vocab)).isSuperset(of: ["gpt-neox-20b", "gpt2"]))
    }

    @Test("ids equal tokenizers' on corpus files", SharedData.required, arguments: selected)
    func corpus(_ e: Entry) throws {
        guard let path = SharedData.path("corpora/" + e.corpus) else { return }
        let text = try FileIO.readAll(path: path)
        let tokenizer = try Self.tokenizer(e.file)
        var ids: [TokenID] = []
        for document in Self.documents(text) {
            ids += try tokenizer.encode(Array(text[document]), options: EncodeOptions(framing: .none, specials: .matchAll)).ids
        }
        #expect(ids.count == e.count, "\(e.vocab) \(e.corpus): \(ids.count) tokens, tokenizers gives \(e.count)")
        #expect(Self.fnv1a64(ids) == e.hash, "\(e.vocab) \(e.corpus): ids differ")
    }
}

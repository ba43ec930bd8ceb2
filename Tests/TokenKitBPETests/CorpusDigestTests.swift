import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport

/// Whole corpus files encode to exactly the reference ids: token count plus CRC-32 and Adler-32
/// of the ids, from `Fixtures/bpe-corpus-digests.tsv` (written by `scripts/bpe-reference.sh`
/// with tiktoken and HF tokenizers). By default a few files per vocabulary (debug builds are
/// slow); `TOKENKIT_LONG_TESTS=1` checks every file, and the GPT-2 folder against r50k.
@Suite("Corpus digests", SharedData.required)
struct CorpusDigestTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var vocab: String, file: String, bytes: Int, tokens: Int, digest: String
        var testDescription: String { "\(vocab) \(file)" }
    }

    static let quickFiles: Set<String> = ["corpora/prose/tinyshakespeare.txt", "corpora/unicode/adversarial.txt",
                                          "corpora/lang/vietnamese.txt", "corpora/code/python.txt"]

    static let rows: [Row] = {
        guard let bytes = try? FileIO.readAll(path: SharedData.fixture("bpe-corpus-digests.tsv")) else { return [] }
        var out: [Row] = []
        for line in bytes.split(separator: 0x0A) where line.first != UInt8(ascii: "#") {
            let f = line.split(separator: 0x09).map { String(decoding: $0, as: UTF8.self) }
            guard f.count == 5, let b = Int(f[2]), let t = Int(f[3]) else { continue }
            out.append(Row(vocab: f[0], file: f[1], bytes: b, tokens: t, digest: f[4]))
        }
        let all = longTests
        var selected = out.filter { all || quickFiles.contains($0.file) }
        if all { selected += out.filter { $0.vocab == "r50k_base" }.map { var r = $0; r.vocab = "gpt2"; return r } }
        return selected
    }()

    @Test("fixture present")
    func fixturePresent() {
        #expect(Self.rows.count >= 7 * Self.quickFiles.count)
    }

    @Test("ids match the reference", arguments: rows)
    func digest(row: Row) throws {
        let tokenizer = try SharedVocabularies.tokenizer(row.vocab)
        let path = try #require(SharedData.path(row.file))
        let bytes = try FileIO.readAll(path: path)
        #expect(bytes.count == row.bytes, "the corpus file changed since the fixture was made")
        let ids = try tokenizer.encode(bytes, options: .plain).ids
        #expect(ids.count == row.tokens)
        #expect(IDDigest.hex(ids) == row.digest)
        #expect(try tokenizer.count(bytes, options: .plain) == row.tokens)
    }
}

/// CRC-32 (IEEE, as zlib) and Adler-32 of ids as 4 little-endian bytes each.
enum IDDigest {
    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func hex(_ ids: [TokenID]) -> String {
        var crc: UInt32 = 0xFFFF_FFFF
        var a: UInt32 = 1, b: UInt32 = 0
        var pending = 0
        for id in ids {
            for k in 0..<4 {
                let byte = UInt8(truncatingIfNeeded: id >> (8 * UInt32(k)))
                crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
                a += UInt32(byte)
                b += a
                pending += 1
                if pending == 5000 { a %= 65521; b %= 65521; pending = 0 }
            }
        }
        a %= 65521; b %= 65521
        crc ^= 0xFFFF_FFFF
        let adler = b << 16 | a
        func h(_ x: UInt32) -> String { let s = String(x, radix: 16); return String(repeating: "0", count: 8 - s.count) + s }
        return h(crc) + h(adler)
    }
}

import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport

/// The fast path (engine scanner + engine merges) against the reference mode (ICU regexes, the
/// pipeline's own merge loop): identical ids and offsets on random text and corpus slices.
@Suite("Hugging Face tokenizer.json: fast path = reference mode", .serialized)
struct HuggingFaceFastPathTests {
    static let files = [
        "vocabularies/gpt2/tokenizer.json",
        "vocabularies/gpt-neox-20b/tokenizer.json",
        "vocabularies/olmo/dolma2.json",
    ]

    static func inputs() throws -> [[UInt8]] {
        var out = RandomInputs.strings(count: 150, maxScalars: 80, seed: 11).map { Array($0.utf8) }
        for rel in ["corpora/unicode/adversarial.txt", "corpora/anchors/multilingual-fortunes.txt", "corpora/anchors/code-python-stdlib.txt"] {
            guard let path = SharedData.path(rel) else { continue }
            let bytes = try FileIO.readAll(path: path)
            var rng = SplitMix64(seed: 5)
            for _ in 0..<8 {
                var start = Int(rng.next() % UInt64(max(1, bytes.count - 3000)))
                while start < bytes.count, bytes[start] & 0xC0 == 0x80 { start += 1 }
                var end = min(bytes.count, start + 2000)
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                out.append(Array(bytes[start..<end]))
            }
        }
        return out
    }

    @Test("identical encodings", SharedData.required, arguments: files)
    func identical(_ file: String) throws {
        guard let path = SharedData.path(file) else { return }
        let fast = try HFTokenizer(contentsOf: path)
        let reference = try HFTokenizer(contentsOf: path, scanners: nil)
        for input in try Self.inputs() where UTF8Validation.firstInvalidOffset(in: input) == nil {
            let a = try fast.encode(input, options: EncodeOptions(framing: .none, specials: .matchAll))
            let b = try reference.encode(input, options: EncodeOptions(framing: .none, specials: .matchAll))
            #expect(a == b, "\(file): \(String(decoding: input.prefix(60), as: UTF8.self).debugDescription)")
        }
    }
}

import Synchronization
import TokenKit
import TokenKitBPE
import TokenKitTestSupport

/// Loads each shared vocabulary once per test process.
enum SharedVocabularies {
    struct Entry: Sendable {
        let name: String
        /// Path relative to shared/.
        let path: String
    }

    static let entries: [Entry] = [
        Entry(name: "r50k_base", path: "vocabularies/openai-tiktoken/r50k_base.tiktoken"),
        Entry(name: "p50k_base", path: "vocabularies/openai-tiktoken/p50k_base.tiktoken"),
        Entry(name: "cl100k_base", path: "vocabularies/openai-tiktoken/cl100k_base.tiktoken"),
        Entry(name: "o200k_base", path: "vocabularies/openai-tiktoken/o200k_base.tiktoken"),
        Entry(name: "llama3", path: "vocabularies/llama3/tokenizer.model"),
        Entry(name: "llama4", path: "vocabularies/llama4/tokenizer.model"),
        Entry(name: "qwen2", path: "vocabularies/qwen2"),
        Entry(name: "gpt2", path: "vocabularies/gpt2/vocab.bpe"),
    ]

    nonisolated(unsafe) private static var cache: [String: BPETokenizer] = [:]
    private static let lock = Lock()

    /// The tokenizer for `name` (loaded on first use).
    static func tokenizer(_ name: String) throws -> BPETokenizer {
        try lock.withLock {
            if let t = cache[name] { return t }
            guard let e = entries.first(where: { $0.name == name }), let path = SharedData.path(e.path) else {
                throw TestFailure("no shared vocabulary \(name)")
            }
            let t = try BPEFiles.load(path: path)
            cache[name] = t
            return t
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A minimal mutex for the test cache.
final class Lock: Sendable {
    private let m = Mutex(())
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        try m.withLock { _ in try body() }
    }
}

/// Reads `{"text": ..., "ids": [...]}` lines.
func readVectors(_ path: String) throws -> [(text: String, ids: [TokenID])] {
    let bytes = try FileIO.readAll(path: path)
    var out: [(String, [TokenID])] = []
    for line in bytes.split(separator: 0x0A) where !line.isEmpty {
        let value = try JSONParser.parse(Array(line))
        guard let text = value["text"]?.stringValue, let ids = value["ids"]?.arrayValue else {
            throw TestFailure("bad vector line in \(path)")
        }
        out.append((text, ids.map { TokenID($0.intValue ?? -1) }))
    }
    return out
}

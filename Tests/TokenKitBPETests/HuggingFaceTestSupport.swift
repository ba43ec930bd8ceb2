import TokenKit
import TokenKitTestSupport

/// Shared helpers for the Hugging Face and GGUF tests: golden-vector readers.
enum HFGolden {
    /// `{text, ids}` cases from a generated JSON-lines file.
    static func jsonl(_ relativePath: String) throws -> [(text: String, ids: [TokenID])] {
        guard let path = SharedData.path(relativePath) else { return [] }
        let bytes = try FileIO.readAll(path: path)
        var out: [(text: String, ids: [TokenID])] = []
        for line in bytes.split(separator: 0x0A) where !line.isEmpty {
            let value = try JSONParser.parse(Array(line))
            guard let text = value["text"]?.stringValue, let ids = value["ids"]?.arrayValue else { continue }
            out.append((text, ids.compactMap { $0.intValue.map { TokenID($0) } }))
        }
        return out
    }

    /// llama.cpp's `.inp`/`.out` pair: strings separated by `__ggml_vocab_test__` lines, and one
    /// line of ids per string.
    static func llamaCpp(_ name: String) throws -> [(text: String, ids: [TokenID])] {
        guard let inp = SharedData.path("vocabularies/testvectors/llama.cpp/\(name).inp"),
              let outp = SharedData.path("vocabularies/testvectors/llama.cpp/\(name).out") else { return [] }
        let text = String(decoding: try FileIO.readAll(path: inp), as: UTF8.self)
        var inputs = text.split(separator: "\n__ggml_vocab_test__\n", omittingEmptySubsequences: false).map(String.init)
        if inputs.last == "" { inputs.removeLast() }
        let lines = String(decoding: try FileIO.readAll(path: outp), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [(text: String, ids: [TokenID])] = []
        for (k, input) in inputs.enumerated() where k < lines.count {
            out.append((input, lines[k].split(separator: " ").compactMap { TokenID($0) }))
        }
        return out
    }
}

import Testing
import TokenKit
import TokenKitByteProbabilities
import TokenKitLM
import TokenKitSentencePiece
import TokenKitTestSupport

/// The stories260K model, tokenizer and byte-level goldens, loaded once.
enum Stories260K {
    static let folder = "models/stories260K"
    static var required: ConditionTrait { SharedData.requires(folder + "/byte_level_goldens.json") }

    static let model: LlamaModel? = SharedData.path(folder + "/stories260K.bin").flatMap {
        try? LlamaModel.load(path: $0, backend: SwiftMatmul())
    }
    static let tokenizer: LlamaTokenizer? = SharedData.path(folder + "/tok512.bin").flatMap {
        try? LlamaTokenizer.load(path: $0)
    }
    static let goldens: JSONValue? = {
        guard let path = SharedData.path(folder + "/byte_level_goldens.json"),
              let bytes = try? FileIO.readAll(path: path) else { return nil }
        return try? JSONParser.parse(bytes)
    }()
    static var cases: [JSONValue] { goldens?["cases"]?.arrayValue ?? [] }
    static var prompts: [String] { cases.compactMap { $0["prompt"]?.stringValue } }

    static func goldenCase(_ prompt: String) throws -> JSONValue {
        try #require(cases.first { $0["prompt"]?.stringValue == prompt })
    }

    static func vector(_ value: JSONValue?) -> [Double] {
        (value?.arrayValue ?? []).compactMap { $0.doubleValue }
    }

    static func codec() throws -> ByteStreamCodec<LlamaTokenizer> {
        ByteStreamCodec(tokenizer: try #require(tokenizer))
    }

    static func source() throws -> LanguageModelSource<LlamaModel> {
        LanguageModelSource(model: try #require(model), prefix: [1])
    }

    /// `" " + prompt`, the goldens' byte stream.
    static func stream(_ prompt: String) -> [UInt8] { [0x20] + Array(prompt.utf8) }
}

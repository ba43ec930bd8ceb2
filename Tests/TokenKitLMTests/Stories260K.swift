import Testing
import TokenKit
import TokenKitLM
import TokenKitSentencePiece
import TokenKitTestSupport

/// The shared stories260K fixture: model, tokenizer and golden vectors, loaded once.
enum Stories260K {
    static let folder = "models/stories260K"
    static var modelPath: String { SharedData.path(folder + "/stories260K.bin") ?? "" }
    static var tokenizerPath: String { SharedData.path(folder + "/tok512.bin") ?? "" }

    /// Skips a test when the fixture is absent.
    static var required: ConditionTrait { SharedData.requires(folder + "/goldens.json") }

    static let weights: LlamaWeights? = try? LlamaCheckpoint.load(path: modelPath)
    static let tokenizer: LlamaTokenizer? = try? LlamaTokenizer.load(path: tokenizerPath)
    static let goldens: JSONValue? = {
        guard let path = SharedData.path(folder + "/goldens.json"), let bytes = try? FileIO.readAll(path: path) else { return nil }
        return try? JSONParser.parse(bytes)
    }()

    static func model(_ backend: any MatmulBackend) throws -> LlamaModel {
        LlamaModel(weights: try #require(weights), backend: backend)
    }

    /// The backends to test: Swift always, OpenBLAS when it loads.
    static var backends: [String] { MatmulBackends.openBLAS == nil ? ["swift"] : ["swift", "openblas"] }

    static func backend(_ name: String) throws -> any MatmulBackend {
        try #require(MatmulBackends.named(name))
    }

    static func ids(_ value: JSONValue?) -> [TokenID] {
        (value?.arrayValue ?? []).compactMap { $0.intValue.map { TokenID($0) } }
    }
}

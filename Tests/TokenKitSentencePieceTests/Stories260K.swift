import Testing
import TokenKit
import TokenKitSentencePiece
import TokenKitTestSupport

/// The stories260K tokenizer (`tok512.bin`) and its golden encodings, loaded once; the model file
/// is only read to check that the tokenizer loader refuses it.
enum Stories260K {
    static let folder = "models/stories260K"
    static var modelPath: String { SharedData.path(folder + "/stories260K.bin") ?? "" }
    static var tokenizerPath: String { SharedData.path(folder + "/tok512.bin") ?? "" }

    /// Skips a test when the fixture is absent.
    static var required: ConditionTrait { SharedData.requires(folder + "/goldens.json") }

    static let tokenizer: LlamaTokenizer? = try? LlamaTokenizer.load(path: tokenizerPath)
    static let goldens: JSONValue? = {
        guard let path = SharedData.path(folder + "/goldens.json"), let bytes = try? FileIO.readAll(path: path) else { return nil }
        return try? JSONParser.parse(bytes)
    }()

    static func ids(_ value: JSONValue?) -> [TokenID] {
        (value?.arrayValue ?? []).compactMap { $0.intValue.map { TokenID($0) } }
    }
}

/// Loads models of the library's LM runtime for the built-in probe runner.
public enum BuiltinModels {
    /// Loads a model file: a llama2.c checkpoint (`stories260K.bin`, …) through `TokenKitLM`.
    ///
    /// - Throws: ``ProbeError/Code/model`` when the file cannot be loaded.
    public static func load(path: String) throws(ProbeError) -> any ProbeLanguageModel {
        try loadLlama(path: path)
    }
}

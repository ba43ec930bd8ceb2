/// Loads models of the library's LM runtime for the built-in probe runner.
public enum BuiltinModels {
    /// Loads a model file.
    ///
    /// - Throws: ``ProbeError/Code/model`` when the file cannot be loaded.
    public static func load(path: String) throws(ProbeError) -> any ProbeLanguageModel {
        throw ProbeError(.model, "\(path): the LM runtime is not part of this build yet")
    }
}

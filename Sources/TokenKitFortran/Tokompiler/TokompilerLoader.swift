import TokenKit

/// Loads Tokompiler: built-ins `tokompiler`, `tokompiler:improved`, `tokompiler:faithful`
/// (the reference vocabulary, generated into the package), or a `vocab.txt` path
/// (improved mode; the file name must be `vocab.txt` in a folder named `tokompiler`, or be
/// given as `tokompiler:MODE:PATH`).
public struct TokompilerLoader: TokenizerLoader {
    /// Creates the loader.
    public init() {}

    public var builtins: [(name: String, summary: String)] {
        [("tokompiler", "Tokompiler for Fortran, improved mode (symbol-table aware; 1,185 ids)"),
         ("tokompiler:improved", "Tokompiler: arrays as arr, intrinsics kept, all names anonymized, fixed form"),
         ("tokompiler:faithful", "Tokompiler as the reference: its categories and name leaks, seeded random numbers")]
    }

    public var formats: [String] { ["Tokompiler vocab.txt (tokompiler:faithful:PATH or tokompiler/vocab.txt)"] }

    public func loadBuiltin(named name: String) throws(LoadError) -> (any Tokenizer)? {
        switch name {
        case "tokompiler", "tokompiler:improved": return Tokompiler(mode: .improved)
        case "tokompiler:faithful": return Tokompiler(mode: .faithful)
        default: break
        }
        // tokompiler:MODE:PATH — a vocabulary file loaded at run time.
        for mode in TokompilerMode.allCases {
            let prefix = "tokompiler:\(mode.rawValue):"
            if name.hasPrefix(prefix) {
                let path = String(name.dropFirst(prefix.count))
                return Tokompiler(mode: mode, vocabulary: try TokompilerVocabulary(path: path), source: name)
            }
        }
        return nil
    }

    public func recognizes(path: String, head: [UInt8]) -> Bool {
        path.hasSuffix("tokompiler/vocab.txt")
    }

    public func load(path: String) throws(LoadError) -> any Tokenizer {
        Tokompiler(mode: .improved, vocabulary: try TokompilerVocabulary(path: path), source: path)
    }
}

/// Resolves a tokenizer spec — a built-in name or a path — through a list of loaders.
///
/// ```swift
/// let catalog = TokenizerCatalog(loaders: [ByteTokenizerLoader()])
/// let tokenizer = try catalog.resolve("byt5")
/// ```
public struct TokenizerCatalog: Sendable {
    /// The loaders, asked in order.
    public let loaders: [any TokenizerLoader]

    /// Where names that are not paths are looked for (`$TOKENKIT_VOCABULARIES`, the hub cache).
    public let search: VocabularySearch

    /// Creates a catalog that looks names up in the process environment's places.
    public init(loaders: [any TokenizerLoader]) {
        self.init(loaders: loaders, search: VocabularySearch())
    }

    /// Creates a catalog that looks names up where `search` says.
    public init(loaders: [any TokenizerLoader], search: VocabularySearch) {
        self.loaders = loaders
        self.search = search
    }

    /// Every built-in name with its summary, in loader order.
    public var builtins: [(name: String, summary: String)] {
        loaders.flatMap { $0.builtins }
    }

    /// Every file format the loaders read (for help and error messages), in loader order.
    public var formats: [String] {
        loaders.flatMap(\.formats)
    }

    /// Loads the tokenizer named by `spec`.
    ///
    /// A built-in name wins (each loader says where it finds its own, see
    /// ``VocabularySearch``); then an existing path; then `$TOKENKIT_VOCABULARIES/<spec>`; then,
    /// for `ORG/NAME`, the Hugging Face hub cache. The first loader that recognizes the file
    /// (by content and extension) loads it.
    ///
    /// - Throws: ``LoadError/unknownTokenizer(_:hint:)`` listing every place looked when
    ///   `spec` is found nowhere; ``LoadError/format(_:)`` when no loader reads the file, or
    ///   the file is malformed; ``LoadError/input(_:)`` when it cannot be read.
    public func resolve(_ spec: String) throws(LoadError) -> any Tokenizer {
        for loader in loaders {
            if let tokenizer = try loader.loadBuiltin(named: spec) { return tokenizer }
        }
        return try load(path: try locate(spec))
    }

    /// The file or folder `spec` names: the path itself, or where ``VocabularySearch`` finds it.
    ///
    /// - Throws: ``LoadError/unknownTokenizer(_:hint:)`` listing every place looked.
    public func locate(_ spec: String) throws(LoadError) -> String {
        if FileIO.exists(spec) { return spec }
        var tried = [spec + " (no such path)"]
        if !spec.hasPrefix("/"), let folder = search.folder {
            let path = VocabularySearch.join(folder, spec)
            if FileIO.exists(path) { return path }
            tried.append(path + " ($\(VocabularySearch.folderVariable))")
        }
        if VocabularySearch.isHubName(spec) {
            let (snapshot, hubTried) = search.hubSnapshot(spec)
            if let snapshot { return VocabularySearch.loadablePath(inSnapshot: snapshot) }
            tried += hubTried.isEmpty ? ["the Hugging Face hub cache (no $HF_HUB_CACHE, $HF_HOME or $HOME)"]
                                      : hubTried.map { $0 + " (Hugging Face hub cache)" }
        }
        let names = builtins.map(\.name).joined(separator: ", ")
        var hint = "not a built-in name (\(names)), and not found at: \(tried.joined(separator: "; "))"
        if search.folder == nil { hint += "; $\(VocabularySearch.folderVariable) is not set" }
        throw .unknownTokenizer(spec, hint: hint)
    }

    /// Loads the file or folder at `spec` with the first loader that recognizes it.
    ///
    /// - Throws: ``LoadError`` as ``resolve(_:)``.
    public func load(path spec: String) throws(LoadError) -> any Tokenizer {
        var head: [UInt8] = []
        if !FileIO.isDirectory(spec) {
            do throws(InputError) {
                let file = try MappedFile(path: spec)
                head = Array(file.bytes.prefix(4096))
            } catch {
                throw .input(error)
            }
        }
        for loader in loaders where loader.recognizes(path: spec, head: head) {
            return try loader.load(path: spec)
        }
        let known = formats.isEmpty ? "" : " (TokenKit reads: \(formats.joined(separator: "; ")))"
        throw .format(FormatError(.unsupported, "not a tokenizer format TokenKit recognizes\(known)",
                                  at: InputLocation(path: spec)))
    }
}

/// Resolves a tokenizer spec — a built-in name or a path — through a list of loaders.
///
/// ```swift
/// let catalog = TokenizerCatalog(loaders: [ByteTokenizerLoader()])
/// let tokenizer = try catalog.resolve("byt5")
/// ```
public struct TokenizerCatalog: Sendable {
    /// The loaders, asked in order.
    public let loaders: [any TokenizerLoader]

    /// Creates a catalog.
    public init(loaders: [any TokenizerLoader]) {
        self.loaders = loaders
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
    /// A built-in name wins; otherwise `spec` is a path, and the first loader that recognizes
    /// the file (by content and extension) loads it.
    ///
    /// - Throws: ``LoadError/unknownTokenizer(_:hint:)`` when `spec` is neither a built-in name
    ///   nor an existing path; ``LoadError/format(_:)`` when no loader reads the file, or the
    ///   file is malformed; ``LoadError/input(_:)`` when it cannot be read.
    public func resolve(_ spec: String) throws(LoadError) -> any Tokenizer {
        for loader in loaders {
            if let tokenizer = try loader.loadBuiltin(named: spec) { return tokenizer }
        }
        guard FileIO.exists(spec) else {
            let names = builtins.map(\.name).joined(separator: ", ")
            throw .unknownTokenizer(spec, hint: "not a built-in name (\(names)) and no file or folder at that path")
        }
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

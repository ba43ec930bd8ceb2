/// Where a tokenizer named rather than given by path is looked for, offline: the folder
/// `$TOKENKIT_VOCABULARIES` first, then the caches that tiktoken and the Hugging Face hub
/// fill when they download (TokenKit itself never downloads).
///
/// | name | looked for in |
/// |---|---|
/// | `cl100k_base`, `o200k_base`, `r50k_base`, `p50k_base`, `p50k_edit`, `o200k_harmony`, `gpt2` | `$TOKENKIT_VOCABULARIES`, then tiktoken's cache: `$TIKTOKEN_CACHE_DIR`, `$DATA_GYM_CACHE_DIR`, `<temp dir>/data-gym-cache`, each file named by the SHA-1 hex of its download URL |
/// | `ORG/NAME` | `$TOKENKIT_VOCABULARIES/ORG/NAME`, then the hub cache: `$HF_HUB_CACHE`, else `$HF_HOME/hub`, else `~/.cache/huggingface/hub`; folder `models--ORG--NAME`, snapshot named in `refs/main` |
///
/// An existing path always wins over a name.
public struct VocabularySearch: Sendable {
    /// The environment variable naming TokenKit's own folder of vocabulary files.
    public static let folderVariable = "TOKENKIT_VOCABULARIES"

    /// Reads an environment variable (the process environment by default; tests pass their own).
    public var environment: @Sendable (String) -> String?

    /// Creates a search over the process environment.
    public init() {
        self.environment = { system_getenv($0) }
    }

    /// Creates a search over another environment (tests, or a host app's own settings).
    public init(environment: @escaping @Sendable (String) -> String?) {
        self.environment = environment
    }

    /// A variable's value when it is set and not empty.
    func variable(_ name: String) -> String? {
        guard let value = environment(name), !value.isEmpty else { return nil }
        return value
    }

    /// `$TOKENKIT_VOCABULARIES`, when set.
    public var folder: String? { variable(Self.folderVariable) }

    /// The folders tiktoken may have cached a download in, in the order tiktoken's
    /// `read_file_cached` prefers them: `$TIKTOKEN_CACHE_DIR`, `$DATA_GYM_CACHE_DIR`, the
    /// system temp dir's `data-gym-cache`; then `$XDG_CACHE_HOME/tiktoken` (or
    /// `~/.cache/tiktoken`), where some tiktoken versions keep it.
    public var tiktokenCacheFolders: [String] {
        var folders: [String] = []
        if let dir = variable("TIKTOKEN_CACHE_DIR") { folders.append(dir) }
        if let dir = variable("DATA_GYM_CACHE_DIR") { folders.append(dir) }
        // Python's tempfile.gettempdir(): $TMPDIR, $TEMP, $TMP, else /tmp.
        let temp = variable("TMPDIR") ?? variable("TEMP") ?? variable("TMP") ?? "/tmp"
        folders.append(Self.join(temp, "data-gym-cache"))
        if let cache = userCacheFolder { folders.append(Self.join(cache, "tiktoken")) }
        var seen = Set<String>()
        return folders.filter { seen.insert($0).inserted }
    }

    /// The name tiktoken gives a download in its cache: the SHA-1 hex digest of the URL.
    public static func tiktokenCacheKey(for url: String) -> String {
        SHA1.hex(Array(url.utf8))
    }

    /// The cached copy of a tiktoken download.
    ///
    /// - Returns: The first cache file that exists, and every path tried (for errors).
    public func tiktokenCachedFile(url: String) -> (path: String?, tried: [String]) {
        let key = Self.tiktokenCacheKey(for: url)
        var tried: [String] = []
        for folder in tiktokenCacheFolders {
            let path = Self.join(folder, key)
            tried.append(path)
            if FileIO.exists(path) && !FileIO.isDirectory(path) { return (path, tried) }
        }
        return (nil, tried)
    }

    /// `$XDG_CACHE_HOME`, else `~/.cache`.
    var userCacheFolder: String? {
        if let xdg = variable("XDG_CACHE_HOME") { return xdg }
        return variable("HOME").map { Self.join($0, ".cache") }
    }

    /// The Hugging Face hub cache: `$HF_HUB_CACHE`, else `$HF_HOME/hub`, else
    /// `$XDG_CACHE_HOME/huggingface/hub` (`~/.cache/huggingface/hub`).
    public var hubCacheFolder: String? {
        if let dir = variable("HF_HUB_CACHE") { return dir }
        if let home = variable("HF_HOME") { return Self.join(home, "hub") }
        return userCacheFolder.map { Self.join($0, "huggingface/hub") }
    }

    /// Whether `spec` has the shape of a hub repository id, `ORG/NAME`.
    public static func isHubName(_ spec: String) -> Bool {
        let parts = spec.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." && !$0.hasPrefix("~") }
    }

    /// The folder a hub repository `ORG/NAME` was downloaded to: in the hub cache,
    /// `models--ORG--NAME/snapshots/<the commit named in refs/main>`.
    ///
    /// - Returns: The snapshot folder, when it exists, and every path tried (for errors).
    public func hubSnapshot(_ repository: String) -> (path: String?, tried: [String]) {
        guard let cache = hubCacheFolder else { return (nil, []) }
        let model = Self.join(cache, "models--" + repository.split(separator: "/").joined(separator: "--"))
        let ref = Self.join(model, "refs/main")
        guard FileIO.exists(ref) else { return (nil, [ref]) }
        let bytes: [UInt8]
        do throws(InputError) { bytes = try FileIO.readAll(path: ref) } catch { return (nil, ["\(ref) (\(error.message))"]) }
        let commit = String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }
        let snapshot = Self.join(model, "snapshots/" + commit)
        guard !commit.isEmpty, !commit.contains("/"), FileIO.isDirectory(snapshot) else { return (nil, [ref, snapshot]) }
        return (snapshot, [ref, snapshot])
    }

    /// The file or folder to load from a hub snapshot: `tokenizer.json`, else the snapshot
    /// itself (a `vocab.json` + `merges.txt` folder, or whatever a loader reads), else the
    /// single `tokenizer.model` or `*.tiktoken` file in it.
    public static func loadablePath(inSnapshot snapshot: String) -> String {
        let names = FileIO.contentsOfDirectory(snapshot)
        if names.contains("tokenizer.json") { return join(snapshot, "tokenizer.json") }
        if names.contains("vocab.json") && names.contains("merges.txt") { return snapshot }
        if names.contains("tokenizer.model") { return join(snapshot, "tokenizer.model") }
        let ranks = names.filter { $0.hasSuffix(".tiktoken") }
        if ranks.count == 1 { return join(snapshot, ranks[0]) }
        return snapshot
    }

    /// `folder/name`, with one slash between them.
    public static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}

import TokenKit
import TokenKitBPE
import TokenKitDynamic
import TokenKitFortran
import TokenKitLiB
import TokenKitSentencePiece
import TokenKitPooled

extension TokenizerCatalog {
    /// The catalog of every tokenizer family TokenKit ships, the one `tok -t` uses.
    ///
    /// Resolving a spec here gives the same tokenizer in `tok`, in tests and in a dependent
    /// package. Loaders are asked in this order (a built-in name wins over a path, and the first
    /// loader that recognizes a file reads it):
    ///
    /// 1. byte tokenizers (`bytes`, `byt5`),
    /// 2. byte-level BPE (`tokenkit-32k`, the tiktoken and Hugging Face presets, rank files,
    ///    GPT-2 and vocab.json + merges.txt folders),
    /// 3. llama2.c `tokenizer.bin`,
    /// 4. Tokompiler,
    /// 5. LiB lexicons,
    /// 6. Hugging Face `tokenizer.json` and GGUF,
    /// 7. `pooled:SPEC` and `dynamic:SPEC`, whose inner spec is resolved through this same catalog.
    ///
    /// ```swift
    /// let tokenizer = try TokenizerCatalog.standard.resolve("cl100k_base")
    /// ```
    ///
    /// A new family adds its loader here; the law suite (`Tests/TokenKitLawTests`) then fails
    /// until the family's built-in names and formats have a law run.
    public static let standard: TokenizerCatalog = TokenizerCatalog(loaders: [
        ByteTokenizerLoader(),
        BPELoader(),
        LlamaTokenizerLoader(),
        TokompilerLoader(),
        LiBTokenizerLoader(),
        HFLoader(), GGUFLoader(),
        PooledTokenizerLoader(resolveUnits: { spec throws(LoadError) in try TokenizerCatalog.standard.resolve(spec) }),
        DynamicTokenizerLoader(resolveBase: { spec throws(LoadError) in try TokenizerCatalog.standard.resolve(spec) }),
    ])

    /// The spec `tok` uses when no `-t` is given: the embedded `tokenkit-32k` vocabulary,
    /// which needs no file.
    public static let defaultSpec = "tokenkit-32k"
}

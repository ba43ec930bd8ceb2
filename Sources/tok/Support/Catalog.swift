import TokenKit
import TokenKitBPE
import TokenKitSentencePiece
import TokenKitFortran
import TokenKitLiB
import TokenKitDynamic
import TokenKitPooled

/// The tokenizers `-t` can name: every family's loader, asked in order.
enum Catalog {
    /// What `tok` uses without `-t`.
    static let defaultSpec = "tokenkit-32k"

    /// The catalog of all families. Add a family's loader here.
    static let shared: TokenizerCatalog = TokenizerCatalog(loaders: [
        ByteTokenizerLoader(),
        BPELoader(),
        LlamaTokenizerLoader(),
        TokompilerLoader(),
        LiBTokenizerLoader(),
        HFLoader(), GGUFLoader(),
        PooledTokenizerLoader(resolveUnits: { spec throws(LoadError) in try Catalog.shared.resolve(spec) }),
        DynamicTokenizerLoader(resolveBase: { spec throws(LoadError) in try Catalog.shared.resolve(spec) }),
    ])
}

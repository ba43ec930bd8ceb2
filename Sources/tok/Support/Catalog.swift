import TokenKit
import TokenKitLM
import TokenKitFortran
import TokenKitBPE

/// The tokenizers `-t` can name: every family's loader, asked in order.
enum Catalog {
    /// What `tok` uses without `-t`.
    static let defaultSpec = "bytes"

    /// The catalog of all families. Add a family's loader here.
    static let shared = TokenizerCatalog(loaders: [
        ByteTokenizerLoader(),
        LlamaTokenizerLoader(),
        TokompilerLoader(),
        BPELoader(),
    ])
}

import TokenKitFortran

/// Further entry points exercised on every fuzz input.
enum FuzzHooks {
    static func extra(_ bytes: UnsafeBufferPointer<UInt8>) {
        let file = FortranLexer().lex(Array(bytes), form: .free)
        _ = file.logicalTokens()
    }
}

/// A lossless Fortran lexer for free and fixed source form.
///
/// The lexer reads bytes (any bytes: invalid UTF-8 and binary junk become ``FortranTokenKind/error``
/// tokens, never a crash) and returns tokens that cover the input exactly: concatenating the
/// bytes of all tokens, trivia included, gives back the file.
///
/// ```swift
/// let file = FortranLexer().lex(Array("x = 1.eq.2 ! hi\n".utf8), form: .free)
/// file.tokens.map(\.kind)  // name, whitespace, punctuation, whitespace, integer, operator, integer, …
/// ```
///
/// It works in two layers. A *line joiner* walks physical lines and decides what each byte is
/// at the line level — comment lines, preprocessor lines, labels and column 6 in fixed form,
/// `&` continuation marks, ignored columns — and copies the statement text of each logical
/// statement, continuation removed, into a small buffer that remembers where every byte came
/// from. A *scanner* then lexes that buffer (strings, numbers, dot-operators, FORMAT specs,
/// Hollerith, directives), and each token is mapped back to the input, split into pieces where
/// continuation cut it. Both layers are single passes over bytes.
///
/// - Complexity: O(*n*) in the input length.
public struct FortranLexer: Sendable, Hashable {
    /// Lexer settings.
    public struct Options: Sendable, Hashable {
        /// The last statement column of fixed form (72 by the standard; compilers allow 132).
        public var fixedLineLength: Int
        /// Whether fixed-form lines with `D` or `d` in column 1 are code (compiled with
        /// `-fd-lines-as-code`) rather than comments.
        public var debugLinesAreCode: Bool

        /// Creates options.
        public init(fixedLineLength: Int = 72, debugLinesAreCode: Bool = false) {
            self.fixedLineLength = max(7, fixedLineLength)
            self.debugLinesAreCode = debugLinesAreCode
        }
    }

    /// The settings.
    public var options: Options

    /// Creates a lexer.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Lexes `bytes` in the given source form.
    ///
    /// - Complexity: O(*n*).
    public func lex(_ bytes: UnsafeBufferPointer<UInt8>, form: SourceForm) -> FortranLexedFile {
        var core = LexerCore(bytes: bytes, form: form, options: options)
        core.run()
        return FortranLexedFile(bytes: Array(bytes), form: form, tokens: core.out)
    }

    /// Lexes `bytes` in the given source form.
    public func lex(_ bytes: [UInt8], form: SourceForm) -> FortranLexedFile {
        bytes.withUnsafeBufferPointer { lex($0, form: form) }
    }

    /// Lexes `bytes`, detecting the form from `path`'s extension or, failing that, the content.
    public func lex(_ bytes: [UInt8], path: String?) -> FortranLexedFile {
        bytes.withUnsafeBufferPointer { lex($0, form: SourceForm.detect(path: path, bytes: $0)) }
    }

    /// Only the tokens, without keeping a copy of the input.
    ///
    /// - Complexity: O(*n*).
    public func tokens(_ bytes: UnsafeBufferPointer<UInt8>, form: SourceForm) -> [FortranToken] {
        var core = LexerCore(bytes: bytes, form: form, options: options)
        core.run()
        return core.out
    }
}

/// A lexed file: its bytes and tokens.
public struct FortranLexedFile: Sendable, Hashable {
    /// The input.
    public let bytes: [UInt8]
    /// The form it was lexed in.
    public let form: SourceForm
    /// Every token and trivia piece, in input order; their ranges tile the input.
    public let tokens: [FortranToken]

    /// Creates a lexed file from its parts.
    public init(bytes: [UInt8], form: SourceForm, tokens: [FortranToken]) {
        self.bytes = bytes
        self.form = form
        self.tokens = tokens
    }

    /// The bytes of one token piece.
    public func bytes(of token: FortranToken) -> ArraySlice<UInt8> {
        bytes[token.start..<token.end]
    }

    /// The text of one token piece (invalid UTF-8 repaired).
    public func text(of token: FortranToken) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    /// The non-trivia tokens with their continuation pieces joined.
    ///
    /// - Complexity: O(number of tokens).
    public func logicalTokens() -> [FortranLogicalToken] {
        var result: [FortranLogicalToken] = []
        result.reserveCapacity(tokens.count / 2)
        var open: Int? = nil
        for (i, t) in tokens.enumerated() where !t.kind.isTrivia {
            if let first = open {
                if !t.flags.contains(.continues) {
                    let head = tokens[first]
                    result.append(FortranLogicalToken(kind: head.kind, flags: head.flags.intersection(.inDirective).union(t.flags.intersection(.endsStatement)),
                                                      firstPiece: first, lastPiece: i, start: head.start, end: t.end))
                    open = nil
                }
            } else if t.flags.contains(.continues) {
                open = i
            } else {
                result.append(FortranLogicalToken(kind: t.kind, flags: t.flags.intersection([.inDirective, .endsStatement]),
                                                  firstPiece: i, lastPiece: i, start: t.start, end: t.end))
            }
        }
        if let first = open, let last = tokens.indices.last(where: { !tokens[$0].kind.isTrivia }) {
            let head = tokens[first]
            result.append(FortranLogicalToken(kind: head.kind, flags: head.flags.intersection(.inDirective),
                                              firstPiece: first, lastPiece: last, start: head.start, end: tokens[last].end))
        }
        return result
    }

    /// The joined bytes of a logical token (its pieces without the trivia between them).
    public func bytes(of token: FortranLogicalToken) -> [UInt8] {
        if !token.isSplit { return Array(bytes[token.start..<token.end]) }
        var out: [UInt8] = []
        for i in token.firstPiece...token.lastPiece where !tokens[i].kind.isTrivia {
            out.append(contentsOf: bytes[tokens[i].start..<tokens[i].end])
        }
        return out
    }

    /// The joined text of a logical token.
    public func text(of token: FortranLogicalToken) -> String {
        String(decoding: bytes(of: token), as: UTF8.self)
    }

    /// Whether any token is an ``FortranTokenKind/error``.
    public var hasErrors: Bool { tokens.contains { $0.kind == .error } }
}

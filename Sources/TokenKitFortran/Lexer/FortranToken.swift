/// One token of Fortran source: a kind and the byte range it covers.
///
/// A token that continuation splits over several lines (`call foo&` / `&bar(x)`, a character
/// literal continued on the next line) is reported as several *pieces*, one per physical run of
/// bytes, with ``Flags-swift.struct/continues`` on every piece but the last; only trivia lies
/// between the pieces. ``FortranLexedFile/logicalTokens()`` joins them again.
public struct FortranToken: Sendable, Hashable {
    /// Properties of a token beyond its kind.
    public struct Flags: OptionSet, Sendable, Hashable {
        public var rawValue: UInt8
        /// Creates flags from their bits.
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// The logical token goes on in a later piece (after continuation trivia).
        public static let continues = Flags(rawValue: 1)
        /// This piece continues a logical token that began in an earlier piece.
        public static let continuation = Flags(rawValue: 2)
        /// The token belongs to a directive (`!$omp …`), after its sentinel.
        public static let inDirective = Flags(rawValue: 4)
        /// The last token of a statement (before its line end or `;`; a `;` carries it too).
        public static let endsStatement = Flags(rawValue: 8)
    }

    /// What the token is.
    public var kind: FortranTokenKind
    /// Piece and directive flags.
    public var flags: Flags
    /// The first byte of the token in the input.
    public var start: Int
    /// One past the last byte of the token in the input.
    public var end: Int

    /// Creates a token.
    @inlinable
    public init(kind: FortranTokenKind, start: Int, end: Int, flags: Flags = []) {
        self.kind = kind
        self.flags = flags
        self.start = start
        self.end = end
    }

    /// The byte range the token covers.
    @inlinable
    public var range: Range<Int> { start..<end }
}

/// A token with its continuation pieces joined: what a parser sees.
public struct FortranLogicalToken: Sendable, Hashable {
    /// What the token is.
    public var kind: FortranTokenKind
    /// Directive and statement-end flags (``FortranToken/Flags-swift.struct/inDirective``,
    /// ``FortranToken/Flags-swift.struct/endsStatement``).
    public var flags: FortranToken.Flags
    /// The index of the first piece in ``FortranLexedFile/tokens``.
    public var firstPiece: Int
    /// The index of the last piece (equal to ``firstPiece`` for unsplit tokens).
    public var lastPiece: Int
    /// The first byte of the first piece.
    public var start: Int
    /// One past the last byte of the last piece.
    public var end: Int

    /// Whether the token was split by continuation.
    public var isSplit: Bool { firstPiece != lastPiece }
}

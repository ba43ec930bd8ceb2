/// What a piece of Fortran source is.
///
/// Trivia kinds (``isTrivia``) carry no meaning for a compiler — blanks, line ends, comments,
/// continuation marks, ignored columns — but the lexer still reports them, so the tokens of a
/// file cover it byte for byte.
public enum FortranTokenKind: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    // MARK: Trivia
    /// Blanks, tabs, form feeds and stray carriage returns.
    case whitespace
    /// A line end: `\n`, `\r\n`.
    case newline
    /// A comment: `! …` (free and fixed form) or a whole fixed-form comment line (`C`, `c`, `*`).
    case comment
    /// A continuation mark: the trailing and leading `&` of free form, the column-6 character of
    /// fixed form.
    case continuation
    /// Text the compiler ignores: fixed-form columns past the line limit (sequence numbers) and a
    /// `0` in column 6.
    case ignored
    /// A UTF-8 byte-order mark at the start of the file.
    case byteOrderMark

    // MARK: Tokens
    /// A statement label (`10` before a statement; columns 1–5 in fixed form).
    case label
    /// A name: identifier or keyword (Fortran has no reserved words; see ``FortranKeywords``).
    case name
    /// An integer literal, optionally with a kind (`42`, `42_int64`, `7_8`).
    case integer
    /// A real literal (`1.0`, `1.`, `.5`, `1e10`, `1.0d0`, `1.0_dp`).
    case real
    /// A character literal with doubled-delimiter escapes and an optional kind prefix
    /// (`'it''s'`, `ucs4_"x"`).
    case string
    /// A Hollerith constant in FORMAT/DATA/argument lists (`5Hhello`).
    case hollerith
    /// A BOZ literal (`B'0101'`, `O'17'`, `Z'ff'`, `'FF'X`).
    case boz
    /// A logical literal (`.true.`, `.false._lk`).
    case logical
    /// An intrinsic or symbolic operator (`+`, `**`, `//`, `==`, `/=`, `.eq.`, `.and.`, …).
    case `operator`
    /// A user-defined operator (`.cross.`).
    case definedOperator
    /// Punctuation: `( ) , : :: ; = => % (/ /) [ ]`.
    case punctuation
    /// The parenthesised specification of a FORMAT statement, as one token.
    case formatSpec
    /// The `INCLUDE` keyword of an include line.
    case include
    /// A preprocessor line (`#define …`, `#ifdef …`, fypp `#:`/`$:`/`@:`), continuation included.
    case preprocessor
    /// A directive sentinel: `!$omp`, `c$omp`, `!$acc`, `!dir$`, `!$` (conditional compilation), ….
    case directiveSentinel
    /// A directive or clause word inside a directive (`parallel`, `do`, `private`).
    case directiveKeyword
    /// Bytes that are not Fortran (a stray character, invalid UTF-8 outside literals, an
    /// unterminated character literal).
    case error

    /// Whether the kind is trivia (skipped by parsers; kept for the lossless round trip).
    @inlinable
    public var isTrivia: Bool { rawValue <= FortranTokenKind.byteOrderMark.rawValue }

    /// The kind's name in JSON output (`tok fortran lex --json`).
    public var description: String {
        switch self {
        case .whitespace: "whitespace"
        case .newline: "newline"
        case .comment: "comment"
        case .continuation: "continuation"
        case .ignored: "ignored"
        case .byteOrderMark: "bom"
        case .label: "label"
        case .name: "name"
        case .integer: "integer"
        case .real: "real"
        case .string: "string"
        case .hollerith: "hollerith"
        case .boz: "boz"
        case .logical: "logical"
        case .operator: "operator"
        case .definedOperator: "defined-operator"
        case .punctuation: "punctuation"
        case .formatSpec: "format-spec"
        case .include: "include"
        case .preprocessor: "preprocessor"
        case .directiveSentinel: "directive-sentinel"
        case .directiveKeyword: "directive-keyword"
        case .error: "error"
        }
    }
}

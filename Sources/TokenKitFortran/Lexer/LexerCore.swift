/// The lexer's working state: the line joiner's output buffers and the scanner's context.
///
/// Physical bytes either become *side* tokens directly (comments, labels, continuation marks,
/// preprocessor lines) or are copied into ``logical`` with their input offset in ``origin``. The
/// joiner may add *virtual* bytes (origin −1) that exist only for the scanner: a blank that
/// separates tokens across a continuation, a newline that ends a fixed-form statement, a
/// marker (0x00) that opens a directive. At each statement end ``flush()`` scans the logical
/// buffer and merges its tokens with the side tokens, by offset, into ``out``.
struct LexerCore {
    let b: UnsafeBufferPointer<UInt8>
    let form: SourceForm
    let options: FortranLexer.Options

    /// The finished tokens.
    var out: [FortranToken] = []
    /// Tokens decided by the joiner since the last flush.
    var side: [FortranToken] = []
    /// Tokens of the scanned statement since the last flush.
    var scanned: [FortranToken] = []
    /// Statement text of the current logical statement.
    var logical: [UInt8] = []
    /// For each logical byte, its input offset, or −1 for a virtual byte.
    var origin: [Int] = []

    // Joiner state across lines.
    /// The quote character of a character literal still open at a continuation, or 0.
    var quote: UInt8 = 0
    /// The previous line ended in a continuation (free form) / a statement is open (fixed form).
    var continuing = false
    /// The sentinel of the directive being continued (0 when the statement is not a directive).
    var directive: UInt8 = 0
    /// The previous preprocessor line ended with a backslash.
    var preprocessorContinues = false

    /// The virtual byte that opens a directive in the logical buffer.
    static let directiveMarker: UInt8 = 0x00

    init(bytes: UnsafeBufferPointer<UInt8>, form: SourceForm, options: FortranLexer.Options) {
        self.b = bytes
        self.form = form
        self.options = options
        out.reserveCapacity(bytes.count / 3)
        logical.reserveCapacity(256)
        origin.reserveCapacity(256)
    }

    mutating func run() {
        var p = 0
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
            side.append(FortranToken(kind: .byteOrderMark, start: 0, end: 3))
            p = 3
        }
        var lineStart = p
        while lineStart < b.count {
            let lineEnd = lineEndIndex(from: lineStart)
            // The content excludes the terminator: "\n", "\r\n", or a final "\r".
            var contentEnd = lineEnd
            if contentEnd > lineStart && b[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let next = lineEnd < b.count ? lineEnd + 1 : lineEnd
            if preprocessorContinues {
                sideToken(.preprocessor, lineStart, contentEnd)
                preprocessorContinues = contentEnd > lineStart && b[contentEnd - 1] == UInt8(ascii: "\\")
                sideToken(.newline, contentEnd, next)
            } else if form == .free {
                freeLine(lineStart, contentEnd, next)
            } else {
                fixedLine(lineStart, contentEnd, next)
            }
            lineStart = next
        }
        endStatement()
        flush()
    }

    // MARK: Buffers

    /// The index of the next `\n` at or after `start`, or the input's end (memchr).
    @inline(__always)
    func lineEndIndex(from start: Int) -> Int {
        guard let base = b.baseAddress, start < b.count else { return b.count }
        guard let hit = system_memchr(base + start, 0x0A, b.count - start) else { return b.count }
        return base.distance(to: hit)
    }

    @inline(__always)
    mutating func sideToken(_ kind: FortranTokenKind, _ start: Int, _ end: Int) {
        if end > start { side.append(FortranToken(kind: kind, start: start, end: end)) }
    }

    /// Emits blanks in `start..<end` as whitespace and anything else as error pieces.
    mutating func sideBlanks(_ start: Int, _ end: Int) {
        sideToken(.whitespace, start, end)
    }

    @inline(__always)
    mutating func copy(_ start: Int, _ end: Int) {
        guard end > start else { return }
        logical.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<end]))
        origin.append(contentsOf: start..<end)
    }

    @inline(__always)
    mutating func virtual(_ byte: UInt8) {
        logical.append(byte)
        origin.append(-1)
    }

    /// Ends the open statement (if any): the next code line starts afresh.
    mutating func endStatement() {
        continuing = false
        quote = 0
        directive = 0
    }

    /// Scans the logical buffer and merges its tokens and the side tokens into ``out``.
    mutating func flush() {
        if !logical.isEmpty {
            var scanner = StatementScanner(form: form)
            // Without side tokens there is nothing to merge: scan straight into the output.
            let direct = side.isEmpty
            logical.withUnsafeBufferPointer { text in
                origin.withUnsafeBufferPointer { from in
                    if direct { scanner.scan(text, origin: from, into: &out) } else { scanner.scan(text, origin: from, into: &scanned) }
                }
            }
            logical.removeAll(keepingCapacity: true)
            origin.removeAll(keepingCapacity: true)
        }
        if side.isEmpty {
            out.append(contentsOf: scanned)
        } else if scanned.isEmpty {
            out.append(contentsOf: side)
        } else {
            var i = 0, j = 0
            while i < side.count && j < scanned.count {
                if side[i].start < scanned[j].start { out.append(side[i]); i += 1 } else { out.append(scanned[j]); j += 1 }
            }
            out.append(contentsOf: side[i...])
            out.append(contentsOf: scanned[j...])
        }
        side.removeAll(keepingCapacity: true)
        scanned.removeAll(keepingCapacity: true)
    }

    // MARK: Shared line helpers

    /// The first index in `start..<end` that is not blank, or `end`.
    @inline(__always)
    func skipBlanks(_ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end && FortranBytes.isBlank(b[i]) { i += 1 }
        return i
    }

    /// Whether only blanks follow `start` up to `end`.
    @inline(__always)
    func restIsBlank(_ start: Int, _ end: Int) -> Bool { skipBlanks(start, end) == end }

    /// A preprocessor line: `#…` (cpp/fpp, fypp `#:`) or fypp `$:` / `@:`.
    func isPreprocessorStart(_ i: Int, _ end: Int) -> Bool {
        let c = b[i]
        if c == UInt8(ascii: "#") { return true }
        if (c == UInt8(ascii: "$") || c == UInt8(ascii: "@")) && i + 1 < end && b[i + 1] == UInt8(ascii: ":") { return true }
        return false
    }

    /// Emits a preprocessor line (from its first byte to the content end) and its line end.
    mutating func preprocessorLine(_ lineStart: Int, _ first: Int, _ contentEnd: Int, _ next: Int) {
        sideBlanks(lineStart, first)
        sideToken(.preprocessor, first, contentEnd)
        preprocessorContinues = b[contentEnd - 1] == UInt8(ascii: "\\")
        sideToken(.newline, contentEnd, next)
    }

    /// Matches a directive sentinel at `i` whose first byte (`!`, or in fixed form `c`, `C`,
    /// `*`) is already known. Returns its length and an identity code, or `nil`.
    ///
    /// Sentinels: `$omp`, `$acc`, `$cuf`, `dir$`, `dec$`, `gcc$` (any case), and `$` followed by
    /// a blank, `&` or the line end (OpenMP conditional compilation, code follows; code 1).
    func sentinel(at i: Int, _ end: Int) -> (length: Int, code: UInt8)? {
        guard i + 1 < end else { return nil }
        @inline(__always) func lowered(_ k: Int) -> UInt8 { k < end ? FortranBytes.lower(b[k]) : 0 }
        let c1 = b[i + 1]
        if c1 == UInt8(ascii: "$") {
            let word = (lowered(i + 2), lowered(i + 3), lowered(i + 4))
            var code: UInt8 = 0
            if word == (UInt8(ascii: "o"), UInt8(ascii: "m"), UInt8(ascii: "p")) { code = 2 }
            else if word == (UInt8(ascii: "a"), UInt8(ascii: "c"), UInt8(ascii: "c")) { code = 3 }
            else if word == (UInt8(ascii: "c"), UInt8(ascii: "u"), UInt8(ascii: "f")) { code = 4 }
            if code != 0 && !(i + 5 < end && FortranBytes.isNameChar(b[i + 5])) { return (5, code) }
            if i + 2 == end || FortranBytes.isBlank(b[i + 2]) || b[i + 2] == UInt8(ascii: "&")
                || (form == .fixed && FortranBytes.isDigit(b[i + 2])) {
                return (2, 1)
            }
            return nil
        }
        let word = (FortranBytes.lower(c1), lowered(i + 2), lowered(i + 3), lowered(i + 4))
        guard word.3 == UInt8(ascii: "$") else { return nil }
        if word.0 == UInt8(ascii: "d") && word.1 == UInt8(ascii: "i") && word.2 == UInt8(ascii: "r") { return (5, 5) }
        if word.0 == UInt8(ascii: "d") && word.1 == UInt8(ascii: "e") && word.2 == UInt8(ascii: "c") { return (5, 6) }
        if word.0 == UInt8(ascii: "g") && word.1 == UInt8(ascii: "c") && word.2 == UInt8(ascii: "c") { return (5, 7) }
        return nil
    }

    /// Scans statement text `start..<end` for the end of code: a `!` comment outside a character
    /// literal, or (free form) a continuation `&` followed only by blanks and an optional
    /// comment. Updates ``quote``. Returns where code ends, where the comment starts (or
    /// `end`), and the position of the continuation `&` if any.
    mutating func scanCode(_ start: Int, _ end: Int, ampersand: Bool) -> (codeEnd: Int, comment: Int, amp: Int?) {
        var i = start
        var q = quote
        while i < end {
            // Fast path: skip bytes that cannot change the line-level state.
            if q == 0 {
                while i < end && !FortranBytes.isLineSpecial(b[i]) { i += 1 }
                if i == end { break }
            }
            let c = b[i]
            if q != 0 {
                if c == q {
                    q = 0
                } else if ampersand && c == UInt8(ascii: "&") && restIsBlank(i + 1, end) {
                    quote = q
                    return (i, end, i)
                }
            } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                q = c
            } else if c == UInt8(ascii: "!") {
                quote = 0
                return (i, i, nil)
            } else if ampersand && c == UInt8(ascii: "&") {
                let after = skipBlanks(i + 1, end)
                if after == end || b[after] == UInt8(ascii: "!") {
                    quote = 0
                    return (i, after, i)
                }
            }
            i += 1
        }
        quote = q
        return (end, end, nil)
    }
}

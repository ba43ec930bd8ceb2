/// Fortran's two source forms.
public enum SourceForm: String, Sendable, Hashable, CaseIterable {
    /// Free form (Fortran 90 and later): `!` comments, `&` continuation, significant blanks.
    case free
    /// Fixed form (FORTRAN 77): labels in columns 1–5, continuation in column 6, statement text
    /// in columns 7–72, `C`/`*` comment lines.
    case fixed

    /// The form a file extension implies, or `nil` when the extension says nothing.
    ///
    /// Fixed: `.f .for .ftn .f77 .fpp` (any case). Free: `.f90 .f95 .f03 .f08 .f18 .f23 .fypp`
    /// (any case). Capitalised extensions conventionally mean "preprocess first"; the lexer keeps
    /// preprocessor lines as tokens either way.
    public static func fromExtension(of path: String) -> SourceForm? {
        guard let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let ext = String(path[path.index(after: dot)...]).lowercased()
        switch ext {
        case "f", "for", "ftn", "f77", "fpp": return .fixed
        case "f90", "f95", "f03", "f08", "f18", "f23", "fypp": return .free
        default: return nil
        }
    }

    /// Guesses the form from content: fixed-form comment lines (`C`, `c`, `*` in column 1
    /// followed by a blank or text), labels in columns 1–5 and column-6 continuation marks vote
    /// fixed; trailing `&`, `!` comments starting in columns 1–5 and statements starting before
    /// column 7 vote free. Looks at the first 200 lines at most.
    ///
    /// - Complexity: O(length of the lines examined).
    public static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> SourceForm {
        var fixedVotes = 0, freeVotes = 0
        var lineStart = 0, lines = 0
        let n = bytes.count
        while lineStart < n && lines < 200 {
            var lineEnd = lineStart
            while lineEnd < n && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            while contentEnd > lineStart, FortranBytes.isBlank(bytes[contentEnd - 1]) { contentEnd -= 1 }
            lines += 1
            if contentEnd > lineStart {
                let c0 = bytes[lineStart]
                if c0 == UInt8(ascii: "C") || c0 == UInt8(ascii: "c") || c0 == UInt8(ascii: "*") {
                    let c1 = lineStart + 1 < contentEnd ? bytes[lineStart + 1] : 0x20
                    // `call x` / `character` in column 1 is free-form code; `C ` or `*>` is a comment.
                    if !FortranBytes.isNameChar(c1) || c0 == UInt8(ascii: "*") { fixedVotes += 2 } else { freeVotes += 1 }
                } else if c0 != UInt8(ascii: "#") {
                    var first = lineStart
                    while first < contentEnd && bytes[first] == 0x20 { first += 1 }
                    let column = first - lineStart
                    if bytes[first] == UInt8(ascii: "!") {
                        if column < 5 { freeVotes += 1 }
                    } else if column == 5 {
                        fixedVotes += 3  // a column-6 continuation mark
                    } else if column < 5 {
                        if FortranBytes.isDigit(bytes[first]) && contentEnd - lineStart > 6 { fixedVotes += 1 } else { freeVotes += 2 }
                    }
                    if bytes[contentEnd - 1] == UInt8(ascii: "&") { freeVotes += 3 }
                }
            }
            lineStart = lineEnd + 1
        }
        return fixedVotes > freeVotes ? .fixed : .free
    }

    /// The form for a file: its extension when it says, else its content.
    public static func detect(path: String?, bytes: UnsafeBufferPointer<UInt8>) -> SourceForm {
        if let path, let form = fromExtension(of: path) { return form }
        return detect(bytes)
    }
}

/// Byte classes used throughout the lexer.
@usableFromInline
enum FortranBytes {
    @inlinable @inline(__always)
    static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0C || c == 0x0B || c == 0x0D }
    @inlinable @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inlinable @inline(__always)
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inlinable @inline(__always)
    static func isNameChar(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) || c == 0x5F || c == 0x24 }
    /// Whether `c` matters to the line joiner outside a character literal: quotes, `!`, `&`.
    @inlinable @inline(__always)
    static func isLineSpecial(_ c: UInt8) -> Bool { c == 0x27 || c == 0x22 || c == 0x21 || c == 0x26 }
    @inlinable @inline(__always)
    static func lower(_ c: UInt8) -> UInt8 { isLetter(c) ? c | 0x20 : c }
}

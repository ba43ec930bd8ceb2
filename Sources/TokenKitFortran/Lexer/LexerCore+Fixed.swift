extension LexerCore {
    /// The index just past `columns` characters from `start` (UTF-8 continuation bytes do not
    /// count), or `end`.
    @inline(__always)
    func advance(_ start: Int, columns: Int, _ end: Int) -> Int {
        var i = start, col = 0
        while i < end {
            if b[i] & 0xC0 != 0x80 {
                if col == columns { return i }
                col += 1
            }
            i += 1
        }
        return end
    }

    /// Joins one fixed-form line.
    mutating func fixedLine(_ lineStart: Int, _ contentEnd: Int, _ next: Int) {
        let first = skipBlanks(lineStart, contentEnd)
        if first == contentEnd {
            sideBlanks(lineStart, contentEnd)
            sideToken(.newline, contentEnd, next)
            return
        }
        let c0 = b[lineStart]
        if c0 == UInt8(ascii: "#") {
            preprocessorLine(lineStart, lineStart, contentEnd, next)
            return
        }
        let lower0 = FortranBytes.lower(c0)
        var sentinelMatch: (length: Int, code: UInt8)? = nil
        if c0 == UInt8(ascii: "!") || lower0 == UInt8(ascii: "c") || c0 == UInt8(ascii: "*") {
            sentinelMatch = sentinel(at: lineStart, contentEnd)
            if sentinelMatch == nil {
                commentLine(lineStart, contentEnd, next)
                return
            }
        } else if lower0 == UInt8(ascii: "d") && !options.debugLinesAreCode {
            commentLine(lineStart, contentEnd, next)
            return
        } else if b[first] == UInt8(ascii: "!") && advance(lineStart, columns: 5, contentEnd) != first {
            // `!` anywhere but column 6 starts a comment; a line holding only one is a comment line.
            sideBlanks(lineStart, first)
            commentLine(first, contentEnd, next)
            return
        }

        // Label field (columns 1–5), or a tab that ends it early (DEC tab form).
        var p = lineStart
        let labelEnd = advance(lineStart, columns: 5, contentEnd)
        if let s = sentinelMatch {
            sideToken(.directiveSentinel, lineStart, lineStart + s.length)
            p = lineStart + s.length
        } else if lower0 == UInt8(ascii: "d") {
            sideToken(.ignored, lineStart, lineStart + 1)  // a debug line compiled as code
            p = lineStart + 1
        }
        var tabForm = false
        while p < labelEnd {
            let c = b[p]
            if c == 0x09 {
                tabForm = true
                break
            }
            var q = p + 1
            if FortranBytes.isDigit(c) {
                while q < labelEnd && FortranBytes.isDigit(b[q]) { q += 1 }
                sideToken(.label, p, q)
            } else if FortranBytes.isBlank(c) {
                while q < labelEnd && FortranBytes.isBlank(b[q]) && b[q] != 0x09 { q += 1 }
                sideBlanks(p, q)
            } else {
                while q < labelEnd && b[q] & 0xC0 == 0x80 { q += 1 }
                sideToken(.error, p, q)
            }
            p = q
        }
        if !tabForm && p < contentEnd && b[p] == 0x09 && p == labelEnd { tabForm = true }

        // Column 6: continuation mark.
        var isContinuation = false
        var textStart: Int
        if tabForm {
            sideBlanks(p, p + 1)
            p += 1
            if p < contentEnd && b[p] >= UInt8(ascii: "1") && b[p] <= UInt8(ascii: "9") {
                sideToken(.continuation, p, p + 1)
                isContinuation = true
                p += 1
            }
            textStart = p
        } else if p < contentEnd {
            let c = b[p]
            var q = p + 1
            while q < contentEnd && b[q] & 0xC0 == 0x80 { q += 1 }
            if c == 0x20 {
                sideBlanks(p, q)
            } else if c == UInt8(ascii: "0") {
                sideToken(.ignored, p, q)
            } else {
                sideToken(.continuation, p, q)
                isContinuation = true
            }
            textStart = q
        } else {
            textStart = p
        }

        // Statement start or continuation.
        let code = sentinelMatch?.code ?? 0
        if isContinuation && continuing && directive == code {
            if code == 0 || code == 1 { /* plain text continues */ } else { virtual(0x20) }
        } else {
            if continuing {
                virtual(0x0A)
                endStatement()
                flush()
            }
            directive = code
            if code > 1 { virtual(LexerCore.directiveMarker) }
        }
        continuing = true

        // Statement text up to the line limit; the rest is ignored (sequence numbers).
        let textEnd = max(textStart, min(contentEnd, advance(lineStart, columns: options.fixedLineLength, contentEnd)))
        let (codeEnd, comment, _) = scanCode(textStart, textEnd, ampersand: false)
        copy(textStart, codeEnd)
        if comment < textEnd {
            sideToken(.comment, comment, contentEnd)
        } else {
            sideToken(.ignored, textEnd, contentEnd)
        }
        sideToken(.newline, contentEnd, next)
    }

    /// A whole-line fixed-form comment.
    mutating func commentLine(_ start: Int, _ contentEnd: Int, _ next: Int) {
        sideToken(.comment, start, contentEnd)
        sideToken(.newline, contentEnd, next)
    }
}

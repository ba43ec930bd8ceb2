extension LexerCore {
    /// Joins one free-form line: `lineStart..<contentEnd` is its text, `contentEnd..<next` its
    /// line end.
    mutating func freeLine(_ lineStart: Int, _ contentEnd: Int, _ next: Int) {
        let first = skipBlanks(lineStart, contentEnd)
        if first == contentEnd {
            // Blank line: allowed between continued lines; otherwise a statement of its own.
            sideBlanks(lineStart, contentEnd)
            sideToken(.newline, contentEnd, next)
            return
        }
        let c = b[first]
        if quote == 0 && isPreprocessorStart(first, contentEnd) {
            preprocessorLine(lineStart, first, contentEnd, next)
            return
        }
        if c == UInt8(ascii: "!") {
            if let s = sentinel(at: first, contentEnd) {
                directiveLine(lineStart, first, s, contentEnd, next)
            } else {
                // A comment line, which may sit between continued lines.
                sideBlanks(lineStart, first)
                sideToken(.comment, first, contentEnd)
                sideToken(.newline, contentEnd, next)
            }
            return
        }
        var start = lineStart
        if continuing {
            if directive != 0 {
                // A directive continued by a line without its sentinel: the directive ends here.
                virtual(0x0A)
                endStatement()
                flush()
            } else if c == UInt8(ascii: "&") {
                sideBlanks(lineStart, first)
                sideToken(.continuation, first, first + 1)
                start = first + 1
            } else if quote != 0 {
                // Without a leading `&`, a continued character literal resumes at column 1.
                start = lineStart
            } else {
                sideBlanks(lineStart, first)
                virtual(0x20)
                start = first
            }
        }
        codeText(start, contentEnd, next)
    }

    /// A line whose first non-blank starts with a directive sentinel.
    mutating func directiveLine(_ lineStart: Int, _ first: Int, _ s: (length: Int, code: UInt8), _ contentEnd: Int, _ next: Int) {
        var start = first + s.length
        if continuing && directive == s.code {
            sideBlanks(lineStart, first)
            sideToken(.directiveSentinel, first, start)
            let after = skipBlanks(start, contentEnd)
            if after < contentEnd && b[after] == UInt8(ascii: "&") {
                sideBlanks(start, after)
                sideToken(.continuation, after, after + 1)
                start = after + 1
            } else {
                virtual(0x20)
            }
        } else {
            if continuing {
                virtual(0x0A)
                endStatement()
                flush()
            }
            sideBlanks(lineStart, first)
            sideToken(.directiveSentinel, first, start)
            directive = s.code
            if s.code != 1 { virtual(LexerCore.directiveMarker) }
        }
        codeText(start, contentEnd, next)
    }

    /// The code part of a free-form line from `start`: statement text, then a trailing `&` and
    /// comment, then the line end.
    mutating func codeText(_ start: Int, _ contentEnd: Int, _ next: Int) {
        let (codeEnd, comment, amp) = scanCode(start, contentEnd, ampersand: true)
        copy(start, codeEnd)
        if let amp {
            sideToken(.continuation, amp, amp + 1)
            sideBlanks(amp + 1, comment)
            sideToken(.comment, comment, contentEnd)
            sideToken(.newline, contentEnd, next)
            continuing = true
        } else {
            sideToken(.comment, comment, contentEnd)
            copy(contentEnd, next)
            endStatement()
            flush()
        }
    }
}

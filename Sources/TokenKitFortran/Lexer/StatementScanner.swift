/// Lexes the logical text of one or more statements (continuation already removed) and maps
/// each token back to input offsets, split into pieces where continuation cut it.
struct StatementScanner {
    let form: SourceForm

    // Statement context.
    private var atStatementStart = true
    private var statementWord: StatementWord = .other
    private var inDirective = false
    private var depth = 0
    /// The last significant token's kind and first byte (for Hollerith and label contexts).
    private var previousKind: FortranTokenKind? = nil
    private var previousByte: UInt8 = 0
    /// The position of the `/` in `(/)` (an operator name, not an array constructor).
    private var operatorSlash = -1

    private enum StatementWord { case other, data, format }

    init(form: SourceForm) {
        self.form = form
    }

    typealias Buffer = UnsafeBufferPointer<UInt8>

    mutating func scan(_ t: Buffer, origin: UnsafeBufferPointer<Int>, into out: inout [FortranToken]) {
        let n = t.count
        var i = 0
        // The index in `out` of the last piece of the last significant token of this statement.
        var last = -1
        defer { if last >= 0 { out[last].flags.insert(.endsStatement) } }
        while i < n {
            let c = t[i]
            let start = i
            var kind: FortranTokenKind
            if c == LexerCore.directiveMarker && origin[i] < 0 {
                inDirective = true
                i += 1
                continue
            }
            if c == 0x0A || (c == 0x0D && i + 1 < n && t[i + 1] == 0x0A) {
                i += c == 0x0D ? 2 : 1
                if last >= 0 { out[last].flags.insert(.endsStatement); last = -1 }
                emit(.newline, start, i, t, origin, &out)
                resetStatement()
                inDirective = false
                continue
            }
            if FortranBytes.isBlank(c) {
                i += 1
                while i < n && FortranBytes.isBlank(t[i]) && !(t[i] == 0x0D && i + 1 < n && t[i + 1] == 0x0A) { i += 1 }
                emit(.whitespace, start, i, t, origin, &out)
                continue
            }
            if FortranBytes.isDigit(c) {
                (kind, i) = number(t, i)
                if kind == .integer && atStatementStart && form == .free && !inDirective
                    && (i == n || FortranBytes.isBlank(t[i]) || t[i] == 0x0A) {
                    kind = .label
                    emit(kind, start, i, t, origin, &out)
                    last = out.count - 1
                    continue  // a label keeps the statement start
                }
            } else if FortranBytes.isLetter(c) {
                (kind, i) = name(t, i)
            } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                (kind, i) = string(t, i, kind: .string)
            } else if c == UInt8(ascii: ".") {
                (kind, i) = dot(t, i)
            } else if c < 0x80 {
                (kind, i) = symbol(t, i)
            } else {
                // Non-ASCII outside a literal: one error token per run.
                i += 1
                while i < n && t[i] >= 0x80 { i += 1 }
                kind = .error
            }
            emit(kind, start, i, t, origin, &out)
            last = out.count - 1
            if kind == .punctuation && c == UInt8(ascii: ";") {
                out[last].flags.insert(.endsStatement)
                last = -1
                resetStatement()
            } else {
                atStatementStart = false
                previousKind = kind
                previousByte = c
            }
        }
    }

    private mutating func resetStatement() {
        atStatementStart = true
        statementWord = .other
        depth = 0
        previousKind = nil
        previousByte = 0
    }

    /// Emits logical `start..<end` as one or more pieces at their input offsets.
    private func emit(_ kind: FortranTokenKind, _ start: Int, _ end: Int, _ t: Buffer, _ origin: UnsafeBufferPointer<Int>,
                      _ out: inout [FortranToken]) {
        let flags: FortranToken.Flags = inDirective && !kind.isTrivia ? .inDirective : []
        let a = origin[start], z = origin[end - 1]
        if a >= 0 && z >= 0 && z - a == end - 1 - start {
            out.append(FortranToken(kind: kind, start: a, end: z + 1, flags: flags))
            return
        }
        var i = start
        var firstIndex = -1
        while i < end {
            if origin[i] < 0 { i += 1; continue }
            let s = origin[i]
            var e = s + 1
            i += 1
            while i < end && origin[i] == e { e += 1; i += 1 }
            var f = flags
            if firstIndex >= 0 { f.insert(.continuation) } else { firstIndex = out.count }
            out.append(FortranToken(kind: kind, start: s, end: e, flags: f))
        }
        if firstIndex >= 0 && out.count - firstIndex > 1 && !kind.isTrivia {
            for k in firstIndex..<(out.count - 1) { out[k].flags.insert(.continues) }
        } else if firstIndex >= 0 && kind.isTrivia {
            for k in firstIndex..<out.count { out[k].flags.remove(.continuation) }
        }
    }

    // MARK: Names

    private mutating func name(_ t: Buffer, _ start: Int) -> (FortranTokenKind, Int) {
        let n = t.count
        var i = start + 1
        while i < n && FortranBytes.isNameChar(t[i]) { i += 1 }
        let length = i - start
        if i < n && (t[i] == UInt8(ascii: "'") || t[i] == UInt8(ascii: "\"")) {
            let l0 = FortranBytes.lower(t[start])
            if length == 1 && (l0 == UInt8(ascii: "b") || l0 == UInt8(ascii: "o") || l0 == UInt8(ascii: "z") || l0 == UInt8(ascii: "x")) {
                return string(t, i, kind: .boz)
            }
            if t[i - 1] == UInt8(ascii: "_") {
                return string(t, i, kind: .string)  // kind-prefixed literal: ucs4_'x'
            }
        }
        if atStatementStart && !inDirective {
            if matches(t, start, i, "format") {
                var j = i
                while j < n && FortranBytes.isBlank(t[j]) { j += 1 }
                if j < n && t[j] == UInt8(ascii: "("), let close = formatEnd(t, j) {
                    var k = close
                    while k < n && FortranBytes.isBlank(t[k]) { k += 1 }
                    if k == n || t[k] == 0x0A || t[k] == 0x0D || t[k] == UInt8(ascii: ";") {
                        statementWord = .format
                    }
                }
            } else if matches(t, start, i, "data") {
                statementWord = .data
            } else if matches(t, start, i, "include") {
                var j = i
                while j < n && FortranBytes.isBlank(t[j]) { j += 1 }
                if j < n && (t[j] == UInt8(ascii: "'") || t[j] == UInt8(ascii: "\"")) { return (.include, i) }
            }
        }
        if inDirective && depth == 0 { return (.directiveKeyword, i) }
        return (.name, i)
    }

    private func matches(_ t: Buffer, _ start: Int, _ end: Int, _ word: StaticString) -> Bool {
        guard end - start == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<(end - start) where FortranBytes.lower(t[start + k]) != w[k] { return false }
        return true
    }

    /// The index past the `)` matching the `(` at `open` in a FORMAT spec, skipping literals
    /// and Hollerith; `nil` when unbalanced within the statement.
    private func formatEnd(_ t: Buffer, _ open: Int) -> Int? {
        let n = t.count
        var i = open, level = 0
        while i < n {
            let c = t[i]
            if c == 0x0A { return nil }
            if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                i = stringEnd(t, i).end
                continue
            }
            if FortranBytes.isDigit(c) {
                var j = i, count = 0
                while j < n && FortranBytes.isDigit(t[j]) { count = min(count * 10 + Int(t[j] - 0x30), 1 << 20); j += 1 }
                if j < n && FortranBytes.lower(t[j]) == UInt8(ascii: "h") && (i == 0 || !FortranBytes.isLetter(t[i - 1])) {
                    i = hollerithEnd(t, j + 1, count: count)
                    continue
                }
                i = j
                continue
            }
            if c == UInt8(ascii: "(") { level += 1 }
            if c == UInt8(ascii: ")") {
                level -= 1
                if level == 0 { return i + 1 }
            }
            i += 1
        }
        return nil
    }

    // MARK: Literals

    /// The end of a quoted literal starting at `start`, and whether it was terminated.
    private func stringEnd(_ t: Buffer, _ start: Int) -> (end: Int, closed: Bool) {
        let n = t.count
        let q = t[start]
        var i = start + 1
        while i < n {
            let c = t[i]
            if c == q {
                if i + 1 < n && t[i + 1] == q { i += 2; continue }
                return (i + 1, true)
            }
            if c == 0x0A { return (i, false) }
            i += 1
        }
        return (n, false)
    }

    private func string(_ t: Buffer, _ quoteAt: Int, kind: FortranTokenKind) -> (FortranTokenKind, Int) {
        let (end, closed) = stringEnd(t, quoteAt)
        guard closed else {
            var e = end
            if e > quoteAt && t[e - 1] == 0x0D { e -= 1 }
            return (.error, max(e, quoteAt + 1))
        }
        // Postfix BOZ (extension): 'FF'X.
        if kind == .string && end < t.count {
            let l = FortranBytes.lower(t[end])
            if (l == UInt8(ascii: "x") || l == UInt8(ascii: "z") || l == UInt8(ascii: "b") || l == UInt8(ascii: "o"))
                && !(end + 1 < t.count && FortranBytes.isNameChar(t[end + 1])) && t[quoteAt] == t[end - 1] {
                var hex = true
                for k in (quoteAt + 1)..<(end - 1) where !isHexDigit(t[k]) { hex = false; break }
                if hex && end - quoteAt > 2 { return (.boz, end + 1) }
            }
        }
        return (kind, end)
    }

    private func isHexDigit(_ c: UInt8) -> Bool {
        FortranBytes.isDigit(c) || (FortranBytes.lower(c) >= UInt8(ascii: "a") && FortranBytes.lower(c) <= UInt8(ascii: "f"))
    }

    /// The end of `count` characters of Hollerith text from `start`, stopping at a line end.
    private func hollerithEnd(_ t: Buffer, _ start: Int, count: Int) -> Int {
        var i = start, left = count
        while i < t.count && left > 0 {
            if t[i] == 0x0A || (t[i] == 0x0D && i + 1 < t.count && t[i + 1] == 0x0A) { break }
            i += 1
            while i < t.count && t[i] & 0xC0 == 0x80 { i += 1 }
            left -= 1
        }
        return i
    }

    /// Whether `start..<end` (letters) is an intrinsic dot-operator name.
    private func isIntrinsicOperator(_ t: Buffer, _ start: Int, _ end: Int) -> Bool {
        for word: StaticString in ["eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "eqv", "neqv", "xor"]
        where matches(t, start, end, word) { return true }
        return false
    }

    /// A number at a digit (or at `.` followed by a digit): integer, real, kind-prefixed
    /// string, or Hollerith.
    private mutating func number(_ t: Buffer, _ start: Int) -> (FortranTokenKind, Int) {
        let n = t.count
        var i = start
        var value = 0
        while i < n && FortranBytes.isDigit(t[i]) { value = min(value * 10 + Int(t[i] - 0x30), 1 << 20); i += 1 }
        var isReal = false
        if i < n && t[i] == UInt8(ascii: ".") {
            // `1.eq.2`, `1.and.x`, `1.myop.2`: the dot begins an operator.
            var m = i + 1
            while m < n && FortranBytes.isLetter(t[m]) { m += 1 }
            let isOperator = m > i + 1 && m < n && t[m] == UInt8(ascii: ".")
            if !isOperator {
                isReal = true
                i += 1
                while i < n && FortranBytes.isDigit(t[i]) { i += 1 }
            }
        }
        if i < n && isExponentLetter(t[i]) {
            var m = i + 1
            if m < n && (t[m] == UInt8(ascii: "+") || t[m] == UInt8(ascii: "-")) { m += 1 }
            if m < n && FortranBytes.isDigit(t[m]) {
                while m < n && FortranBytes.isDigit(t[m]) { m += 1 }
                i = m
                isReal = true
            }
        }
        if i + 1 < n && t[i] == UInt8(ascii: "_") {
            if t[i + 1] == UInt8(ascii: "'") || t[i + 1] == UInt8(ascii: "\"") {
                return string(t, i + 1, kind: .string)  // 1_"x"
            }
            if FortranBytes.isNameChar(t[i + 1]) {
                i += 1
                while i < n && FortranBytes.isNameChar(t[i]) { i += 1 }
                return (isReal ? .real : .integer, i)
            }
        }
        if !isReal && i < n && FortranBytes.lower(t[i]) == UInt8(ascii: "h") && value > 0 && hollerithContext() {
            return (.hollerith, hollerithEnd(t, i + 1, count: value))
        }
        return (isReal ? .real : .integer, i)
    }

    private func isExponentLetter(_ c: UInt8) -> Bool {
        let l = FortranBytes.lower(c)
        return l == UInt8(ascii: "e") || l == UInt8(ascii: "d") || l == UInt8(ascii: "q")
    }

    /// Hollerith may follow `(`, `,` or `/`, and `*` in DATA (`3*1H `).
    private func hollerithContext() -> Bool {
        guard previousKind == .punctuation || previousKind == .operator else { return false }
        switch previousByte {
        case UInt8(ascii: "("), UInt8(ascii: ","), UInt8(ascii: "/"): return true
        case UInt8(ascii: "*"): return statementWord == .data
        default: return false
        }
    }

    /// At `.`: a real (`.5`), a dot-operator or logical literal, or a lone `.`.
    private mutating func dot(_ t: Buffer, _ start: Int) -> (FortranTokenKind, Int) {
        let n = t.count
        if start + 1 < n && FortranBytes.isDigit(t[start + 1]) {
            var i = start + 1
            while i < n && FortranBytes.isDigit(t[i]) { i += 1 }
            if i < n && isExponentLetter(t[i]) {
                var m = i + 1
                if m < n && (t[m] == UInt8(ascii: "+") || t[m] == UInt8(ascii: "-")) { m += 1 }
                if m < n && FortranBytes.isDigit(t[m]) {
                    while m < n && FortranBytes.isDigit(t[m]) { m += 1 }
                    i = m
                }
            }
            if i + 1 < n && t[i] == UInt8(ascii: "_") && FortranBytes.isNameChar(t[i + 1]) {
                i += 1
                while i < n && FortranBytes.isNameChar(t[i]) { i += 1 }
            }
            return (.real, i)
        }
        var m = start + 1
        while m < n && FortranBytes.isLetter(t[m]) { m += 1 }
        guard m > start + 1 && m < n && t[m] == UInt8(ascii: ".") else { return (.punctuation, start + 1) }
        if matches(t, start + 1, m, "true") || matches(t, start + 1, m, "false") {
            var i = m + 1
            if i + 1 < n && t[i] == UInt8(ascii: "_") && FortranBytes.isNameChar(t[i + 1]) {
                i += 1
                while i < n && FortranBytes.isNameChar(t[i]) { i += 1 }
            }
            return (.logical, i)
        }
        return (isIntrinsicOperator(t, start + 1, m) ? .operator : .definedOperator, m + 1)
    }

    /// Symbolic operators and punctuation; FORMAT specs; anything else is an error.
    private mutating func symbol(_ t: Buffer, _ i: Int) -> (FortranTokenKind, Int) {
        let n = t.count
        let c = t[i]
        let c1: UInt8 = i + 1 < n ? t[i + 1] : 0
        switch c {
        case UInt8(ascii: "("):
            if statementWord == .format && depth == 0 && !inDirective, let close = formatEnd(t, i) {
                return (.formatSpec, close)
            }
            depth += 1
            if c1 == UInt8(ascii: "/") {
                let c2: UInt8 = i + 2 < n ? t[i + 2] : 0
                let c3: UInt8 = i + 3 < n ? t[i + 3] : 0
                // `operator(/)`, `operator(//)`, `operator(/=)` are not array constructors.
                if c2 != UInt8(ascii: ")") && c2 != UInt8(ascii: "=") && !(c2 == UInt8(ascii: "/") && c3 == UInt8(ascii: ")")) {
                    return (.punctuation, i + 2)
                }
                operatorSlash = i + 1
            }
            return (.punctuation, i + 1)
        case UInt8(ascii: ")"):
            depth = max(0, depth - 1)
            return (.punctuation, i + 1)
        case UInt8(ascii: "["):
            depth += 1
            return (.punctuation, i + 1)
        case UInt8(ascii: "]"):
            depth = max(0, depth - 1)
            return (.punctuation, i + 1)
        case UInt8(ascii: "/"):
            if c1 == UInt8(ascii: "/") || c1 == UInt8(ascii: "=") { return (.operator, i + 2) }
            if c1 == UInt8(ascii: ")") && depth > 0 && i != operatorSlash {
                depth -= 1
                return (.punctuation, i + 2)
            }
            return (.operator, i + 1)
        case UInt8(ascii: "*"):
            return (.operator, c1 == UInt8(ascii: "*") ? i + 2 : i + 1)
        case UInt8(ascii: "="):
            if c1 == UInt8(ascii: "=") { return (.operator, i + 2) }
            return (.punctuation, c1 == UInt8(ascii: ">") ? i + 2 : i + 1)
        case UInt8(ascii: "<"), UInt8(ascii: ">"):
            return (.operator, c1 == UInt8(ascii: "=") ? i + 2 : i + 1)
        case UInt8(ascii: ":"):
            return (.punctuation, c1 == UInt8(ascii: ":") ? i + 2 : i + 1)
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return (.operator, i + 1)
        case UInt8(ascii: ","), UInt8(ascii: "%"), UInt8(ascii: ";"):
            return (.punctuation, i + 1)
        default:
            return (.error, i + 1)
        }
    }
}

/// A light statement recogniser: gives each name of a statement its role (definition name,
/// dummy argument, declared array, call, CALL target, component, keyword, …).
///
/// It is not a parser: it reads the first words of a statement to classify it, then walks the
/// rest with a parenthesis depth. That is enough for Tokompiler's categories and tolerant of
/// anything it does not understand (unknown statements are read as expressions).
struct StatementRecognizer {
    var items: [SourceItem]
    /// Inside `TYPE name … END TYPE`: declared entities are components.
    private var inTypeDefinition = false

    init(items: [SourceItem]) {
        self.items = items
    }

    // MARK: Helpers

    private func isName(_ i: Int, _ end: Int) -> Bool { i >= 0 && i < end && items[i].kind == .name }
    private func word(_ i: Int, _ end: Int) -> String? { isName(i, end) ? items[i].lower : nil }
    private func isPunct(_ i: Int, _ end: Int, _ text: String) -> Bool {
        i >= 0 && i < end && (items[i].kind == .punctuation || items[i].kind == .operator) && items[i].text == text
    }

    /// The index past the group that opens at `i` (`(`, `(/` or `[`), or `end` if unbalanced.
    private func groupEnd(_ i: Int, _ end: Int) -> Int {
        var depth = 0
        var k = i
        while k < end {
            let t = items[k]
            if t.kind == .punctuation {
                switch t.text {
                case "(", "(/", "[": depth += 1
                case ")", "/)", "]":
                    depth -= 1
                    if depth == 0 { return k + 1 }
                default: break
                }
            }
            k += 1
        }
        return end
    }

    private mutating func mark(_ i: Int, _ role: NameRole) { items[i].role = role }

    /// Marks literals by kind; names stay for the caller.
    private mutating func markLiteral(_ i: Int) {
        switch items[i].kind {
        case .integer, .real, .boz: items[i].role = .number
        case .string, .hollerith, .formatSpec: items[i].role = .string
        default: break
        }
    }

    // MARK: Statements

    /// Assigns roles to every statement of the file.
    mutating func run() {
        var start = 0
        while start < items.count {
            var end = start
            while end < items.count {
                let t = items[end]
                if t.kind == .preprocessor { break }
                if t.kind == .directiveSentinel && end > start && !items[end - 1].flags.contains(.inDirective)
                    && items[end - 1].kind != .directiveSentinel { break }
                end += 1
                if t.endsStatement { break }
            }
            if end == start {
                end = start + 1  // a preprocessor line on its own
            } else {
                statement(start, end)
            }
            start = end
        }
    }

    private mutating func statement(_ begin: Int, _ end: Int) {
        var i = begin
        while i < end && items[i].kind == .label { i += 1 }
        guard i < end else { return }
        if items[i].kind == .directiveSentinel {
            if items[i].lower == "!$" || items[i].lower == "c$" || items[i].lower == "*$" {
                statement(i + 1, end)  // conditional compilation: code
                return
            }
            for k in (i + 1)..<end {
                if items[k].kind == .name { mark(k, .directiveName) } else { markLiteral(k) }
            }
            return
        }
        if items[i].kind == .include {
            for k in i..<end { markLiteral(k) }
            return
        }
        if isPunct(end - 1, end, ";") { return statementBody(i, end - 1) }
        statementBody(i, end)
    }

    private mutating func statementBody(_ i: Int, _ end: Int) {
        guard let w = word(i, end) else { return expression(i, end) }
        let next = word(i + 1, end)
        // END statements, also `enddo`, `endif`, `endsubroutine name`.
        if w == "end" || (w.hasPrefix("end") && FortranKeywords.isKeyword(w) && w != "endfile" && !isPunct(i + 1, end, "=")) {
            if w == "endtype" || (w == "end" && next == "type") { inTypeDefinition = false }
            var j = i + 1
            let structural: Set<String> = ["subroutine", "function", "module", "program", "submodule", "type", "interface",
                                           "procedure", "block", "data", "do", "if", "select", "where", "forall",
                                           "associate", "critical", "enum", "team"]
            while let v = word(j, end), structural.contains(v), j == i + 1 || v == "data" { j += 1 }
            for k in j..<end {
                if items[k].kind == .name { mark(k, isPunct(k - 1, end, "(") || isPunct(k - 1, end, "%") ? .keep : .endName) }
            }
            return
        }
        if isPunct(i + 1, end, "=") || isPunct(i + 1, end, "=>") || isPunct(i + 1, end, "%") {
            return expression(i, end)  // an assignment to a variable that happens to be named like a keyword
        }
        switch w {
        case "module" where next != nil && next != "procedure" && next != "function" && next != "subroutine"
            && !FortranKeywords.procedurePrefixes.contains(next ?? "") && !FortranKeywords.typeSpecs.contains(next ?? ""):
            mark(i + 1, .programUnit)
            return
        case "module" where next == "procedure":
            return procedureStatement(i + 1, end)
        case "program":
            if isName(i + 1, end) { mark(i + 1, .programUnit) }
            return
        case "submodule":
            for k in (i + 1)..<end where items[k].kind == .name { mark(k, .programUnit) }
            return
        case "block" where next == "data":
            if isName(i + 2, end) { mark(i + 2, .programUnit) }
            return
        case "blockdata":
            if isName(i + 1, end) { mark(i + 1, .programUnit) }
            return
        case "use":
            return useStatement(i, end)
        case "call":
            if isName(i + 1, end) { mark(i + 1, .callee) }
            return expression(i + 2, end)
        case "implicit", "import", "contains", "sequence", "private", "public", "protected":
            if w == "private" || w == "public" || w == "protected" || w == "import" {
                for k in (i + 1)..<end where items[k].kind == .name && items[k].lower != "operator" && items[k].lower != "assignment" {
                    mark(k, .variable)
                }
            }
            return
        case "interface":
            if isName(i + 1, end) && next != "operator" && next != "assignment" { mark(i + 1, .procedure) }
            return
        case "abstract":
            return
        case "entry":
            if isName(i + 1, end) { mark(i + 1, .procedure) }
            return argumentList(i + 2, end)
        case "type" where !isPunct(i + 1, end, "("):
            if next == "is" { return typeGuard(i + 2, end) }
            return typeDefinition(i, end)
        case "class" where next == "is" || next == "default":
            return typeGuard(i + 2, end)
        case "procedure", "generic", "final":
            return procedureStatement(i, end)
        case "external":
            for k in (i + 1)..<end where items[k].kind == .name { mark(k, .procedure) }
            return
        case "intrinsic":
            return
        case "data", "equivalence", "namelist", "common":
            return expression(i + 1, end, declares: w == "common")
        case "parameter" where isPunct(i + 1, end, "("):
            // PARAMETER (zero = 0.0d0, one = 1.0d0): the names before `=` are declared constants.
            expression(i + 1, end)
            var depth = 0
            for k in (i + 1)..<end {
                if isPunct(k, end, "(") { depth += 1 } else if isPunct(k, end, ")") { depth -= 1 }
                if depth == 1 && items[k].kind == .name && isPunct(k + 1, end, "=") && (isPunct(k - 1, end, "(") || isPunct(k - 1, end, ",")) {
                    mark(k, .declared)
                }
            }
            return
        default:
            break
        }
        if let header = procedureHeader(i, end) {
            mark(header.name, .procedure)
            if header.name > i { typeSpecification(i, header.name - 1) }
            return argumentList(header.name + 1, end)
        }
        if (FortranKeywords.typeSpecs.contains(w) || FortranKeywords.attributes.contains(w)) && !isAssignment(i, end) {
            return declaration(i, end)
        }
        control(i, end)
    }

    /// Whether the statement has `=` at depth 0 before any `::` (an assignment such as
    /// `value(i) = i`, not a declaration).
    private func isAssignment(_ i: Int, _ end: Int) -> Bool {
        var k = i
        while k < end {
            if isPunct(k, end, "::") { return false }
            if isPunct(k, end, "=") { return true }
            if isPunct(k, end, "(") || isPunct(k, end, "(/") || isPunct(k, end, "[") { k = groupEnd(k, end) } else { k += 1 }
        }
        return false
    }

    /// `[prefix…] SUBROUTINE|FUNCTION name`: the index of the name.
    private func procedureHeader(_ i: Int, _ end: Int) -> (name: Int, Void)? {
        var k = i
        while k < end {
            guard let v = word(k, end) else {
                if isPunct(k, end, "(") { k = groupEnd(k, end); continue }
                if isPunct(k, end, "*") { k += 2; continue }
                return nil
            }
            if (v == "subroutine" || v == "function") && isName(k + 1, end) { return (k + 1, ()) }
            if FortranKeywords.procedurePrefixes.contains(v) || FortranKeywords.typeSpecs.contains(v) || v == "precision" {
                k += 1
                continue
            }
            return nil
        }
        return nil
    }

    /// `(a, b, c) [result(r)] [bind(c, name=…)]` after a procedure name.
    private mutating func argumentList(_ i: Int, _ end: Int) {
        var k = i
        if isPunct(k, end, "(") {
            let close = groupEnd(k, end)
            for a in k..<close where items[a].kind == .name { mark(a, .argument) }
            k = close
        }
        while k < end {
            if word(k, end) == "result" && isPunct(k + 1, end, "(") {
                let close = groupEnd(k + 1, end)
                for a in (k + 1)..<close where items[a].kind == .name { mark(a, .variable) }
                k = close
            } else if isPunct(k, end, "(") {
                k = groupEnd(k, end)
            } else {
                k += 1
            }
        }
    }

    private mutating func useStatement(_ i: Int, _ end: Int) {
        var k = i + 1
        var intrinsic = false
        while k < end && (isPunct(k, end, ",") || isPunct(k, end, "::") || word(k, end) == "intrinsic" || word(k, end) == "non_intrinsic") {
            if word(k, end) == "intrinsic" { intrinsic = true }
            k += 1
        }
        guard isName(k, end) else { return }
        let module = items[k].lower
        intrinsic = intrinsic || FortranKeywords.intrinsicModules.contains(module)
        mark(k, intrinsic ? .keep : .usedModule)
        k += 1
        while k < end {
            if items[k].kind == .name {
                let v = items[k].lower
                if (v == "only" && isPunct(k + 1, end, ":")) || ((v == "operator" || v == "assignment") && isPunct(k + 1, end, "(")) {
                    k += 1
                    continue
                }
                // In `local => remote`, the local name is the program's own.
                mark(k, intrinsic && !isPunct(k + 1, end, "=>") ? .intrinsicEntity : .usedEntity)
            }
            k += 1
        }
    }

    private mutating func typeGuard(_ i: Int, _ end: Int) {
        for k in i..<end where items[k].kind == .name && !FortranKeywords.typeSpecs.contains(items[k].lower) { mark(k, .typeName) }
    }

    /// `TYPE [, attrs ::] name [(params)]`.
    private mutating func typeDefinition(_ i: Int, _ end: Int) {
        inTypeDefinition = true
        var k = i + 1
        var nameIndex: Int? = nil
        if let colons = (k..<end).first(where: { isPunct($0, end, "::") }) {
            while k < colons {
                if word(k, end) == "extends" && isPunct(k + 1, end, "(") {
                    let close = groupEnd(k + 1, end)
                    for a in (k + 1)..<close where items[a].kind == .name { mark(a, .typeName) }
                    k = close
                } else if isPunct(k, end, "(") {
                    k = groupEnd(k, end)
                } else {
                    k += 1
                }
            }
            nameIndex = isName(colons + 1, end) ? colons + 1 : nil
        } else if isName(k, end) {
            nameIndex = k
        }
        if let n = nameIndex {
            mark(n, .typeName)
            if isPunct(n + 1, end, "(") {
                let close = groupEnd(n + 1, end)
                for a in (n + 1)..<close where items[a].kind == .name { mark(a, .field) }
            }
        }
    }

    /// `PROCEDURE [(iface)] [, attrs] :: a [=> b], …`, `GENERIC :: g => a, b`, `FINAL :: f`.
    private mutating func procedureStatement(_ i: Int, _ end: Int) {
        var k = i + 1
        if isPunct(k, end, "(") {
            let close = groupEnd(k, end)
            for a in k..<close where items[a].kind == .name && !FortranKeywords.typeSpecs.contains(items[a].lower) { mark(a, .procedure) }
            k = close
        }
        let colons = (k..<end).first(where: { isPunct($0, end, "::") })
        if let colons {
            // `pass(me)` names the passed-object dummy argument.
            for a in k..<colons where items[a].kind == .name && isPunct(a - 1, end, "(") && word(a - 2, end) == "pass" { mark(a, .variable) }
            k = colons + 1
        } else if items[i].lower == "procedure" || items[i].lower == "final" {
            // `module procedure a, b` arrives here without `::`.
            while k < end && word(k, end) == "procedure" { k += 1 }
        }
        var afterArrow = false
        while k < end {
            if isPunct(k, end, "=>") { afterArrow = true } else if isPunct(k, end, ",") && !afterArrow { afterArrow = false }
            if items[k].kind == .name && items[k].lower != "operator" && items[k].lower != "assignment" {
                mark(k, inTypeDefinition && !afterArrow ? .field : .procedure)
            }
            k += 1
        }
    }

    /// A type specification `integer`, `real(dp)`, `character(len=n)`, `type(t)`, `double precision`, `real*8`.
    /// Returns the index past it.
    @discardableResult
    private mutating func typeSpecification(_ i: Int, _ end: Int) -> Int {
        var k = i
        let w = word(k, end) ?? ""
        k += 1
        if w == "double" && word(k, end) == "precision" { k += 1 }
        if isPunct(k, end, "(") {
            let close = groupEnd(k, end)
            var a = k + 1
            while a < close {
                if items[a].kind == .name {
                    if isPunct(a + 1, close, "=") { mark(a, .keywordArgument) }
                    else if w == "type" || w == "class" { if !FortranKeywords.typeSpecs.contains(items[a].lower) { mark(a, .typeName) } }
                    else if isPunct(a + 1, close, "(") { mark(a, .call) }
                    else { mark(a, .variable) }
                } else {
                    markLiteral(a)
                }
                a += 1
            }
            k = close
        } else if isPunct(k, end, "*") {
            k += 1
            if isPunct(k, end, "(") { let close = groupEnd(k, end); expression(k, close); k = close } else if k < end { markLiteral(k); k += 1 }
        }
        return k
    }

    /// A type declaration or attribute statement.
    private mutating func declaration(_ i: Int, _ end: Int) {
        var k = i
        var dimension = false, external = false
        let first = items[i].lower
        if FortranKeywords.typeSpecs.contains(first) {
            k = typeSpecification(i, end)
        }
        // Attributes up to `::` (or, without `::`, the attribute statement's own keyword).
        let colons = (k..<end).first(where: { isPunct($0, end, "::") })
        let attributesEnd = colons ?? (FortranKeywords.attributes.contains(first) && !FortranKeywords.typeSpecs.contains(first) ? i + 1 : k)
        if !FortranKeywords.typeSpecs.contains(first) { k = i }
        while k < attributesEnd {
            if let v = word(k, end) {
                if v == "dimension" || v == "codimension" { dimension = true }
                if v == "external" { external = true }
                if isPunct(k + 1, end, "(") {
                    let close = groupEnd(k + 1, end)
                    if v == "dimension" || v == "codimension" { expression(k + 1, close) }
                    else if v == "extends" { typeGuard(k + 1, close) }
                    k = close
                    continue
                }
            }
            k += 1
        }
        k = max(k, colons.map { $0 + 1 } ?? attributesEnd)
        // Entities: name [(bounds)] [*len] [= init | => init], …
        var expectEntity = true
        while k < end {
            let t = items[k]
            if expectEntity && t.kind == .name {
                if isPunct(k + 1, end, "(") {
                    let close = groupEnd(k + 1, end)
                    mark(k, inTypeDefinition ? .field : external ? .procedure : .declaredArray)
                    expression(k + 1, close)
                    k = close
                } else {
                    mark(k, inTypeDefinition ? .field : external ? .procedure : dimension ? .declaredArray : .declared)
                    k += 1
                }
                expectEntity = false
                continue
            }
            if isPunct(k, end, "=") || isPunct(k, end, "=>") {
                var e = k + 1
                while e < end && !isPunct(e, end, ",") {
                    if isPunct(e, end, "(") || isPunct(e, end, "(/") || isPunct(e, end, "[") { e = groupEnd(e, end) } else { e += 1 }
                }
                expression(k + 1, e)
                k = e
                continue
            }
            if isPunct(k, end, ",") { expectEntity = true } else { markLiteral(k) }
            k += 1
        }
    }

    // MARK: Executable statements

    /// Control statements by their first word; anything else is an expression.
    private mutating func control(_ i: Int, _ end: Int) {
        guard let w = word(i, end) else { return expression(i, end) }
        switch w {
        case "if", "elseif", "where", "forall", "elsewhere", "while":
            var k = i + 1
            if isPunct(k, end, "(") {
                let close = groupEnd(k, end)
                expression(k, close)
                k = close
            }
            if word(k, end) == "then" { k += 1 }
            if k < end { statementBody(k, end) }
        case "else":
            if let v = word(i + 1, end), v == "if" || v == "where" { return control(i + 1, end) }
            expression(i + 1, end, constructNames: true)
        case "do":
            var k = i + 1
            if k < end && items[k].kind == .integer { mark(k, .labelReference); k += 1 }
            if isPunct(k, end, ",") { k += 1 }
            if let v = word(k, end), v == "while" || v == "concurrent" {
                return control(k, end)
            }
            expression(k, end)
        case "select", "case":
            var k = i + 1
            while let v = word(k, end), v == "case" || v == "type" || v == "rank" || v == "default" { k += 1 }
            expression(k, end)
        case "go", "goto":
            var k = i + 1
            if word(k, end) == "to" { k += 1 }
            for a in k..<end {
                if items[a].kind == .integer { mark(a, .labelReference) } else if items[a].kind == .name { mark(a, .variable) }
            }
        case "print", "read", "write", "open", "close", "inquire", "rewind", "backspace", "endfile", "flush", "wait",
             "allocate", "deallocate", "nullify", "stop", "return", "continue", "cycle", "exit", "pause", "format",
             "associate", "block", "critical", "sync", "error", "assign":
            expression(i + 1, end, constructNames: w == "cycle" || w == "exit")
        default:
            expression(i, end)
        }
    }

    /// Names in an expression: calls (`name(`), components (`%name`), keyword arguments
    /// (`name=` inside parentheses), variables.
    private mutating func expression(_ i: Int, _ end: Int, declares: Bool = false, constructNames: Bool = false) {
        // For each open parenthesis: whether it follows a name (a call, an array reference or an
        // I/O control list), where `name=` is a keyword argument; elsewhere `i =` is an implied-DO.
        var callParens: [Bool] = []
        var k = i
        while k < end {
            let t = items[k]
            switch t.kind {
            case .punctuation:
                switch t.text {
                case "(": callParens.append(k > 0 && (items[k - 1].kind == .name || items[k - 1].text == ")"))
                case "(/", "[": callParens.append(false)
                case ")", "/)", "]": if !callParens.isEmpty { callParens.removeLast() }
                default: break
                }
            case .name:
                let depth = callParens.count
                if isPunct(k - 1, end, "%") && k > i {
                    mark(k, .field)
                } else if callParens.last == true && isPunct(k + 1, end, "=") && (isPunct(k - 1, end, "(") || isPunct(k - 1, end, ",")) {
                    mark(k, .keywordArgument)
                } else if isPunct(k + 1, end, "(") {
                    mark(k, declares && depth == 0 ? .declaredArray : .call)
                } else if constructNames {
                    mark(k, .endName)
                } else {
                    mark(k, .variable)
                }
            default:
                markLiteral(k)
            }
            k += 1
        }
    }
}

import Testing
import TokenKit
import TokenKitFortran

/// (kind, text) pairs of the significant tokens, for compact expectations.
private func lexed(_ source: String, _ form: SourceForm = .free) -> [String] {
    FortranFixtures.significant(source, form: form).map { "\($0.0):\($0.1)" }
}

@Suite("Fortran lexer: lexical items")
struct LexerFeatureTests {
    @Test("dot-operators versus reals")
    func dotOperators() {
        #expect(lexed("x = 1.eq.2") == ["name:x", "punctuation:=", "integer:1", "operator:.eq.", "integer:2"])
        #expect(lexed("y = 1.e5 + 1.d0 + 1.E-3") == ["name:y", "punctuation:=", "real:1.e5", "operator:+", "real:1.d0", "operator:+", "real:1.E-3"])
        #expect(lexed("if (x.and.y .or. .not.z) a = 1.AND.b") == [
            "name:if", "punctuation:(", "name:x", "operator:.and.", "name:y", "operator:.or.", "operator:.not.", "name:z",
            "punctuation:)", "name:a", "punctuation:=", "integer:1", "operator:.AND.", "name:b"])
        #expect(lexed("c = a .cross. b .eqv. .true._lk") == [
            "name:c", "punctuation:=", "name:a", "defined-operator:.cross.", "name:b", "operator:.eqv.", "logical:.true._lk"])
        #expect(lexed("z = .5 + 1. + 3.0_dp + 2.5e-3_wp + 1.0q0") == [
            "name:z", "punctuation:=", "real:.5", "operator:+", "real:1.", "operator:+", "real:3.0_dp", "operator:+",
            "real:2.5e-3_wp", "operator:+", "real:1.0q0"])
        #expect(lexed("i = 1.e.2") == ["name:i", "punctuation:=", "integer:1", "defined-operator:.e.", "integer:2"])
    }

    @Test("integer kinds, BOZ, character literals with kinds and doubled delimiters")
    func literals() {
        #expect(lexed("n = 123_int64 + 7_8") == ["name:n", "punctuation:=", "integer:123_int64", "operator:+", "integer:7_8"])
        #expect(lexed("m = B'0101' + o\"17\" + Z'ff' + 'FF'X") == [
            "name:m", "punctuation:=", "boz:B'0101'", "operator:+", "boz:o\"17\"", "operator:+", "boz:Z'ff'", "operator:+", "boz:'FF'X"])
        #expect(lexed("s = 'it''s' // \"say \"\"hi\"\"\" // ucs4_'x' // 1_\"y\"") == [
            "name:s", "punctuation:=", "string:'it''s'", "operator://", "string:\"say \"\"hi\"\"\"", "operator://",
            "string:ucs4_'x'", "operator://", "string:1_\"y\""])
        #expect(lexed("s = 'open") == ["name:s", "punctuation:=", "error:'open"])
    }

    @Test("symbolic operators, array constructors and operator interfaces")
    func symbols() {
        #expect(lexed("a = (/ 1, 2 /) ** 2 /= [3]") == [
            "name:a", "punctuation:=", "punctuation:(/", "integer:1", "punctuation:,", "integer:2", "punctuation:/)",
            "operator:**", "integer:2", "operator:/=", "punctuation:[", "integer:3", "punctuation:]"])
        #expect(lexed("interface operator(/)") == ["name:interface", "name:operator", "punctuation:(", "operator:/", "punctuation:)"])
        #expect(lexed("p => t%f; q(:) = 0") == [
            "name:p", "punctuation:=>", "name:t", "punctuation:%", "name:f", "punctuation:;", "name:q", "punctuation:(",
            "punctuation::", "punctuation:)", "punctuation:=", "integer:0"])
        #expect(lexed("integer :: i") == ["name:integer", "punctuation:::", "name:i"])
    }

    @Test("FORMAT specs are one token; Hollerith in FORMAT and DATA")
    func formatAndHollerith() {
        #expect(lexed("10 format (I5, F10.3, 3X, 'it''s', 5Hab,)c, /)\n") == [
            "label:10", "name:format", "format-spec:(I5, F10.3, 3X, 'it''s', 5Hab,)c, /)"])
        #expect(lexed("      DATA X /5HHELLO, 3*1H /", .fixed) == [
            "name:DATA", "name:X", "operator:/", "hollerith:5HHELLO", "punctuation:,", "integer:3", "operator:*",
            "hollerith:1H ", "operator:/"])
        #expect(lexed("format(1) = 2") == ["name:format", "punctuation:(", "integer:1", "punctuation:)", "punctuation:=", "integer:2"])
        #expect(lexed("x = 2*h") == ["name:x", "punctuation:=", "integer:2", "operator:*", "name:h"])
    }

    @Test("free-form continuation joins split tokens and strings")
    func freeContinuation() {
        let split = "call fo&\n  &o(1, &  ! comment\n\n  ! a comment line\n     2)\n"
        #expect(lexed(split) == ["name:call", "name:foo", "punctuation:(", "integer:1", "punctuation:,", "integer:2", "punctuation:)"])
        let file = FortranLexer().lex(Array(split.utf8), form: .free)
        let foo = file.tokens.filter { $0.kind == .name }.map { ($0.flags.contains(.continues), $0.flags.contains(.continuation)) }
        #expect(foo.map(\.0) == [false, true, false] && foo.map(\.1) == [false, false, true])
        #expect(file.tokens.filter { $0.kind == .continuation }.count == 3)
        #expect(lexed("s = 'abc&\n   &def'\n") == ["name:s", "punctuation:=", "string:'abcdef'"])
        #expect(lexed("s = 'abc &\n   def'\n") == ["name:s", "punctuation:=", "string:'abc    def'"])
        #expect(lexed("x = a &\nb") == ["name:x", "punctuation:=", "name:a", "name:b"])
    }

    @Test("fixed form: columns, comments, labels, continuation, sequence numbers, tabs")
    func fixedForm() {
        func pad(_ s: String, to column: Int) -> String { s + String(repeating: " ", count: max(0, column - s.count)) }
        let source = [
            "C     A comment line",
            "*> doc",
            "      SUBROUTINE DAXPY(N,DA,DX,INCX,",
            "     $                 DY)",
            "   10 CONTINUE",
            pad("      X = 'ABC", to: 69) + "DEF",
            "     +GHI'",
            pad("      GO TO 10", to: 72) + "SEQ00010",
            "\tY = 1",
            "\t1 + 2",
            "! f90-style comment",
            "      Z = 3 ! trailing",
        ].joined(separator: "\n")
        #expect(lexed(source, .fixed) == [
            "name:SUBROUTINE", "name:DAXPY", "punctuation:(", "name:N", "punctuation:,", "name:DA", "punctuation:,",
            "name:DX", "punctuation:,", "name:INCX", "punctuation:,", "name:DY", "punctuation:)",
            "label:10", "name:CONTINUE",
            "name:X", "punctuation:=", "string:'ABC" + String(repeating: " ", count: 55) + "DEFGHI'",
            "name:GO", "name:TO", "integer:10",
            "name:Y", "punctuation:=", "integer:1", "operator:+", "integer:2",
            "name:Z", "punctuation:=", "integer:3"])
        let file = FortranLexer().lex(Array(source.utf8), form: .fixed)
        let kinds = Dictionary(grouping: file.tokens, by: \.kind).mapValues(\.count)
        #expect(kinds[.comment] == 4)
        #expect(kinds[.label] == 1)
        #expect(kinds[.continuation] == 3)
        #expect(kinds[.ignored] == 1)
        #expect(file.tokens.filter { $0.kind == .ignored }.map { file.text(of: $0) } == ["SEQ00010"])
        #expect(FortranFixtures.tiles(file))
    }

    @Test("fixed form: the line length is configurable; D lines by option")
    func fixedOptions() {
        let long = "      X = 1" + String(repeating: " ", count: 61) + "+ 2\nD     PRINT *, X\n"
        #expect(lexed(long, .fixed) == ["name:X", "punctuation:=", "integer:1"])
        let wide = FortranLexer(options: .init(fixedLineLength: 132, debugLinesAreCode: true)).lex(Array(long.utf8), form: .fixed)
        #expect(wide.logicalTokens().map { wide.text(of: $0) } == ["X", "=", "1", "+", "2", "PRINT", "*", ",", "X"])
    }

    @Test("directives are structured tokens, in both forms")
    func directives() {
        #expect(lexed("  !$omp parallel do private(i) &\n  !$omp& reduction(+:s)\n") == [
            "directive-sentinel:!$omp", "directive-keyword:parallel", "directive-keyword:do", "directive-keyword:private", "punctuation:(", "name:i",
            "punctuation:)", "directive-sentinel:!$omp", "directive-keyword:reduction", "punctuation:(", "operator:+", "punctuation::", "name:s", "punctuation:)"])
        let file = FortranLexer().lex(Array("!$acc kernels\n!$ x = omp_get_thread_num()\n!dir$ ivdep\n".utf8), form: .free)
        #expect(file.tokens.filter { $0.kind == .directiveSentinel }.map { file.text(of: $0) } == ["!$acc", "!$", "!dir$"])
        #expect(file.logicalTokens().filter { $0.flags.contains(.inDirective) }.map { file.text(of: $0) } == ["kernels", "ivdep"])
        #expect(lexed("C$OMP PARALLEL DO\nC$OMP&PRIVATE(I)\n      X = 1\n", .fixed) == [
            "directive-sentinel:C$OMP", "directive-keyword:PARALLEL", "directive-keyword:DO", "directive-sentinel:C$OMP", "directive-keyword:PRIVATE", "punctuation:(", "name:I",
            "punctuation:)", "name:X", "punctuation:=", "integer:1"])
        #expect(lexed("! not a directive: !$omp\n") == [])
    }

    @Test("preprocessor lines, fypp lines, INCLUDE, labels")
    func preprocessorAndInclude() {
        let source = "#ifdef MPI\n#define X \\\n  1\n#:for k in KINDS\n  $:k\ninclude 'mpif.h'\n100 continue\n#endif\n"
        let file = FortranLexer().lex(Array(source.utf8), form: .free)
        #expect(file.tokens.filter { $0.kind == .preprocessor }.map { file.text(of: $0) } == ["#ifdef MPI", "#define X \\", "  1", "#:for k in KINDS", "$:k", "#endif"])
        #expect(lexed(source).filter { !$0.hasPrefix("preprocessor:") } == ["include:include", "string:'mpif.h'", "label:100", "name:continue"])
    }

    @Test("CRLF, BOM, tabs, form feeds and invalid UTF-8")
    func bytesAtTheEdges() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("x = 1\r\n\ty = 'é\u{FF}'\u{0C}\r\n".utf8) + [0xFF, 0x0A]
        let file = FortranLexer().lex(bytes, form: .free)
        #expect(FortranFixtures.tiles(file))
        #expect(file.tokens.first?.kind == .byteOrderMark)
        #expect(file.tokens.filter { $0.kind == .newline }.map { file.bytes(of: $0).count } == [2, 2, 1])
        #expect(file.tokens.filter { $0.kind == .error }.map(\.start) == [bytes.count - 2])
        #expect(file.tokens.contains { $0.kind == .string && file.text(of: $0) == "'é\u{FF}'" })
    }

    @Test("form detection by extension and content")
    func formDetection() {
        #expect(SourceForm.fromExtension(of: "a/b.F") == .fixed)
        #expect(SourceForm.fromExtension(of: "a/b.F90") == .free)
        #expect(SourceForm.fromExtension(of: "x.fypp") == .free)
        #expect(SourceForm.fromExtension(of: "x.txt") == nil)
        let fixed = Array("C comment\n      X = 1\n     $  + 2\n".utf8)
        let free = Array("program p\n  x = 1 + &\n      2\nend program\n".utf8)
        #expect(fixed.withUnsafeBufferPointer { SourceForm.detect($0) } == .fixed)
        #expect(free.withUnsafeBufferPointer { SourceForm.detect($0) } == .free)
        #expect(free.withUnsafeBufferPointer { SourceForm.detect(path: "p.f", bytes: $0) } == .fixed)
    }
}

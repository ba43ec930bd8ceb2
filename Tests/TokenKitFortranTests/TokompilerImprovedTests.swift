import Testing
import TokenKit
import TokenKitFortran
import TokenKitTestSupport

/// Words the improved stream may show as they are: keywords, intrinsics, category words.
private func isAllowedWord(_ token: String) -> Bool {
    FortranKeywords.keywords.contains(token) || FortranKeywords.intrinsics.contains(token)
        || FortranKeywords.intrinsicModules.contains(token) || FortranKeywords.intrinsicModuleEntities.contains(token)
        || AnonymizationCategory(rawValue: token) != nil
}

/// The names of `source` (lower case) that survive into the improved stream outside directives.
private func leakedNames(_ bytes: [UInt8], form: SourceForm) throws -> Set<String> {
    let out = try Tokompiler(options: .init(mode: .improved, form: form)).run(bytes)
    var leaks = Set<String>()
    for (k, (token, range)) in zip(out.tokens, out.ranges).enumerated() {
        // Keyword arguments (`iostat=`, `dim=`, `bind(c, name=…)`) are kept by design.
        if k + 1 < out.tokens.count && out.tokens[k + 1] == "=" && k > 0 && (out.tokens[k - 1] == "(" || out.tokens[k - 1] == ",") { continue }
        if token == "c" && k > 1 && out.tokens[k - 2] == "bind" { continue }
        guard let first = token.unicodeScalars.first, first.properties.isAlphabetic, !isAllowedWord(token) else { continue }
        // Directive words (`parallel`, `private`) and preprocessor text pass through by design.
        let line = bytes[..<range.lowerBound].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let head = bytes[line..<range.lowerBound].drop { $0 == 0x20 || $0 == 0x09 }
        if let c = head.first, c == UInt8(ascii: "!") || c == UInt8(ascii: "#") || ((c | 0x20) == UInt8(ascii: "c") && head.dropFirst().first == UInt8(ascii: "$")) { continue }
        leaks.insert(token)
    }
    return leaks
}

@Suite("Tokompiler: improved mode")
struct TokompilerImprovedTests {
    @Test("axpy: arguments, definition and END name anonymized, numbering by first occurrence")
    func axpyImproved() throws {
        let out = try Tokompiler(mode: .improved).run(Array(axpy.utf8))
        #expect(out.lexicalized == """
            subroutine func 0 ( arg 0 , arg 1 , arg 2 , arg 3 ) integer , intent ( in ) :: arg 0 real , intent ( in ) :: \
            arg 1 , arg 2 ( arg 0 ) real , intent ( inout ) :: arg 3 ( arg 0 ) integer :: var 0 do var 0 = num 0 , arg 0 \
            arg 3 ( var 0 ) = arg 3 ( var 0 ) + arg 1 * arg 2 ( var 0 ) end do end subroutine func 0
            """)
        #expect(out.restore(out.tokens).joined(separator: " ").hasSuffix("end subroutine axpy"))
    }

    @Test("heat: arrays as arr, intrinsics kept, CALL target func, module and END names, directive clauses")
    func heatImproved() throws {
        let out = try Tokompiler(mode: .improved).run(Array(heat.utf8))
        var categories: [String: AnonymizationCategory] = [:]
        for name in out.names { categories[name.original] = name.category }
        #expect(categories["tmp"] == .arr && categories["report"] == .func && categories["heat"] == .func)
        #expect(categories["kind"] == nil && out.tokens.contains("kind"))
        #expect(out.lexicalized.contains("!$omp parallel do private ( var 1 )"))
        #expect(out.lexicalized.hasSuffix("end subroutine func 1 end module func 0"))
        #expect(!out.tokens.contains("update"), "comments are dropped in improved mode")
    }

    @Test("anonymized source and mapping")
    func anonymizedSource() throws {
        let source = Array("x = y + 1 ! note\ncall f(x, 'a')\n".utf8)
        let out = try Tokompiler(mode: .improved).run(source)
        #expect(String(decoding: out.anonymizedSource(source), as: UTF8.self) == "var_0 = var_1 + num_0 ! note\ncall func_0(var_0, str_0)\n")
        #expect(out.names.map(\.replacement) == ["var_0", "var_1", "num_0", "func_0", "str_0"])
        #expect(out.restore(out.tokens) == ["x", "=", "y", "+", "1", "call", "f", "(", "x", ",", "'a'", ")"])
    }

    @Test("faithful numbering is random in 0…1000, seeded, and distinct per category")
    func faithfulNumbering() throws {
        let source = Array((0..<50).map { "v\($0) = w\($0) + \($0)\n" }.joined().utf8)
        let a = try Tokompiler(options: .init(mode: .faithful, seed: 5)).run(source)
        let b = try Tokompiler(options: .init(mode: .faithful, seed: 5)).run(source)
        let c = try Tokompiler(options: .init(mode: .faithful, seed: 6)).run(source)
        #expect(a == b && a.tokens != c.tokens)
        let vars = a.names.filter { $0.category == .var }.map(\.number)
        #expect(vars.count == 100 && Set(vars).count == 100 && vars.allSatisfy { (0...1000).contains($0) })
        let many = Array((0...1001).map { "v\($0) = 0\n" }.joined().utf8)
        #expect(throws: TokenizerError.self) { try Tokompiler(options: .init(mode: .faithful)).run(many) }
    }

    @Test("SOS/EOS framing, padding, decode", arguments: [TokompilerMode.faithful, .improved])
    func framingAndDecode(mode: TokompilerMode) throws {
        let tk = Tokompiler(options: .init(mode: mode, addSOS: true, addEOS: true))
        let ids = try tk.encode("x = 1\n", options: .default).ids
        #expect(ids.first == TokompilerVocabulary.sos && ids.last == TokompilerVocabulary.eos && ids.count == 7)
        #expect(try tk.encode("x = 1\n", options: .plain).ids.count == 5)
        let padded = try tk.encodePadded(Array("x = 1\n".utf8), length: 10)
        #expect(padded.ids.count == 10 && padded.ids.suffix(3).allSatisfy { $0 == TokompilerVocabulary.pad })
        #expect(padded.mask == [1, 1, 1, 1, 1, 1, 1, 0, 0, 0])
        #expect(String(decoding: try tk.decode(ids, options: .init(skipSpecialTokens: true)), as: UTF8.self).hasPrefix("var "))
        #expect(String(decoding: try tk.decode([2, 1157, 3], options: .default), as: UTF8.self) == "[SOS] subroutine [EOS]")
        #expect(throws: TokenizerError.self) { try tk.decode([0], options: .default) }
        #expect(throws: TokenizerError.self) { try tk.decode([1185], options: .default) }
    }

    @Test("fuzzer findings: invalid UTF-8 inside comments and directives", arguments: [TokompilerMode.faithful, .improved])
    func fuzzFindings(mode: TokompilerMode) throws {
        // libFuzzer crash (byte ranges of whitespace-split comment text were computed on repaired text).
        let crash: [UInt8] = [0x70, 0x72, 0x6f, 0x67, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x2, 0xcb, 0x64, 0x6c, 0x27, 0x62, 0x5f, 0x65,
                              0x24, 0x0, 0x26, 0xb, 0x0, 0x0, 0x0, 0xc9, 0xc9, 0x20, 0x69, 0x6e, 0xa, 0x1, 0x0]
        for input in [crash, Array("! \u{FF}\u{FE} x\n".utf8) + [0xFF, 0xC2, 0x0A], [0x21, 0xC2, 0xA0, 0xFF, 0x61, 0x0A]] {
            let out = try Tokompiler(options: .init(mode: mode, form: .free)).run(input)
            #expect(out.ranges.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= input.count })
        }
    }

    @Test("Tokenizer laws", arguments: [TokompilerMode.faithful, .improved])
    func laws(mode: TokompilerMode) async {
        await TokenizerLaws.checkAll(Tokompiler(options: .init(mode: mode, form: .free)), seed: 9, count: 150, checkOffsetsTile: false,
                                     knownIssues: [.tokenBytesMatchDecode], knownIssueReason: TokenizerLaws.tokompilerDecodeReason)
    }

    @Test("fixed-form LAPACK files give sensible improved streams", SharedData.requires("corpora/code/fortran_fixed.txt"))
    func lapackImproved() throws {
        var leaks: [String: Set<String>] = [:]
        var unknown = 0, total = 0
        let vocabulary = TokompilerVocabulary.reference
        for (name, bytes) in FortranFixtures.corpusFiles("fortran_fixed.txt") {
            let out = try Tokompiler(options: .init(mode: .improved, form: .fixed)).run(bytes)
            total += out.tokens.count
            unknown += out.tokens.filter { vocabulary.id(of: $0) == nil }.count
            // The unit's own name is anonymized.
            #expect(out.tokens.first.map { ["subroutine", "function", "program", "double", "real", "integer", "logical", "complex", "character", "block", "recursive", "pure", "elemental"].contains($0) } ?? true, "\(name) starts with \(out.tokens.prefix(3))")
            let l = try leakedNames(bytes, form: .fixed)
            if !l.isEmpty { leaks[name] = l }
        }
        #expect(leaks.isEmpty, "names left in improved streams: \(leaks)")
        #expect(Double(unknown) < 0.05 * Double(total), "\(unknown) of \(total) tokens are [UNK]")
    }

    @Test("free-form corpus: improved streams anonymize every user name", SharedData.requires("corpora/code/fortran_free.txt"))
    func freeImproved() throws {
        var leaks: [String: Set<String>] = [:]
        for (name, bytes) in FortranFixtures.corpusFiles("fortran_free.txt") {
            let l = try leakedNames(bytes, form: .free)
            if !l.isEmpty { leaks[name] = l }
        }
        #expect(leaks.isEmpty, "names left in improved streams: \(leaks)")
    }
}

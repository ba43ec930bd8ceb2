import Testing
import TokenKit
import TokenKitFortran
import TokenKitTestSupport

/// Checks `actual` against a template whose single capital letters stand for numbers: each
/// letter must stand for one number throughout, and letters that follow the same category word
/// must stand for different numbers (a per-category bijection).
private func matchesModuloRenaming(_ actual: [String], _ template: [String]) -> Bool {
    guard actual.count == template.count else { return false }
    var binding: [String: String] = [:]
    var used: [String: [String: String]] = [:]  // category → number → letter
    for (k, (a, t)) in zip(actual, template).enumerated() {
        if t.count == 1, let c = t.first, c.isUppercase {
            guard Int(a) != nil, (0...1000).contains(Int(a) ?? -1), k > 0 else { return false }
            let category = template[k - 1]
            if let bound = binding[t], bound != a { return false }
            if let other = used[category]?[a], other != t { return false }
            binding[t] = a
            used[category, default: [:]][a] = t
        } else if a != t {
            return false
        }
    }
    return true
}

let axpy = """
    subroutine axpy(n, a, x, y)
      integer, intent(in) :: n
      real, intent(in) :: a, x(n)
      real, intent(inout) :: y(n)
      integer :: i
      do i = 1, n
        y(i) = y(i) + a * x(i)
      end do
    end subroutine axpy

    """

/// Oracle C's fixture, rebuilt from the spec's description (§4.5 C): the reference's exact file
/// is not in the shared data, so only its categories and unknown words are checked.
let heat = """
    module heat
      implicit none
      integer, parameter :: dp = kind(1.0d0)
    contains
      subroutine step(u, n, alpha)
        integer, intent(in) :: n
        real(dp), intent(inout) :: u(n)
        real(dp), intent(in) :: alpha
        real(dp) :: tmp(n)
        integer :: i
        ! update interior points
        !$omp parallel do private(i)
        do i = 2, n - 1
          tmp(i) = u(i) + alpha * (u(i-1) - 2.0_dp * u(i) + u(i+1))
        end do
        !$omp end parallel do
        if (n .gt. 2 .and. alpha .ne. 0.0d0) then
          u(2:n-1) = tmp(2:n-1)
        end if
        call report(n, 'done', 3.5e-3)
        print *, "n = ", n, 'it''s'
      end subroutine step
    end module heat

    """

@Suite("Tokompiler: oracles A–D (spec §4.5)")
struct TokompilerOracleTests {
    @Test("A: vocabulary ids of a lexicalized stream, exactly")
    func oracleA() {
        let v = TokompilerVocabulary.reference
        #expect(v.encode(lexicalized: "subroutine func 7 ( arg 1 , arg 2 ) end subroutine axpy")
                == [1157, 1106, 716, 22, 1070, 49, 28, 1070, 161, 23, 1094, 1157, 4])
        #expect(v.id(of: "var") == 1173 && v.id(of: "end") == 1094 && v.id(of: "0") == 48 && v.id(of: "1000") == 52)
        #expect(v.id(of: "[PAD]") == 1 && v.id(of: "[CLS]") == 7 && v.id(of: "!=") == 8 && v.count == 1185)
    }

    @Test("A: the built-in vocabulary equals vocab.txt loaded at run time",
          SharedData.requires("vocabularies/tokompiler/vocab.txt"))
    func vocabularyFromPath() throws {
        let loaded = try TokompilerVocabulary(path: try #require(SharedData.path("vocabularies/tokompiler/vocab.txt")))
        #expect(loaded == TokompilerVocabulary.reference)
        #expect(loaded.count == 1185)
    }

    @Test("malformed vocabularies are rejected with a located error")
    func vocabularyErrors() {
        #expect(throws: FormatError.self) { try TokompilerVocabulary(lines: []) }
        #expect(throws: FormatError.self) { try TokompilerVocabulary(lines: ["a", "b", "a"]) }
        #expect(throws: FormatError.self) { try TokompilerVocabulary(lines: ["a", ""]) }
        do {
            _ = try TokompilerVocabulary(lines: ["a", "b", "a"])
        } catch {
            #expect(error.code == .duplicate && error.location.line == 3)
        }
        #expect(throws: LoadError.self) { try TokompilerVocabulary(path: "/nonexistent/vocab.txt") }
        let v = try? TokompilerVocabulary(lines: ["x", "y"])
        #expect(v?.id(of: "x") == 8 && v?.id(of: "y") == 9 && v?.count == 10 && v?.text(of: 0) == nil)
    }

    @Test("B: axpy, faithful, equals the reference up to consistent renaming", arguments: [UInt64(0), 1, 42])
    func oracleB(seed: UInt64) throws {
        let tk = Tokompiler(options: .init(mode: .faithful, seed: seed))
        let out = try tk.run(Array(axpy.utf8))
        let template = """
            subroutine func F ( arg N , arg A , arg X , arg Y ) integer , intent ( in ) :: arg N real , intent ( in ) :: \
            arg A , arg X ( arg N ) real , intent ( inout ) :: arg Y ( arg N ) integer :: var I do var I = num K , arg N \
            arg Y ( var I ) = arg Y ( var I ) + arg A * arg X ( var I ) end do end subroutine axpy
            """.split(separator: " ").map(String.init)
        #expect(template.count == 95)
        #expect(matchesModuloRenaming(out.tokens, template), "got \(out.lexicalized)")
        let ids = try tk.encode(axpy, options: .plain).ids
        #expect(ids.count == 95 && ids.filter { $0 == TokompilerVocabulary.unk }.count == 1)
        let mapping = Dictionary(out.names.map { ($0.original, $0.category) }, uniquingKeysWith: { a, _ in a })
        #expect(mapping == ["axpy": .func, "n": .arg, "a": .arg, "x": .arg, "y": .arg, "i": .var, "1": .num])
    }

    @Test("C: the quirk fixture, faithful: the reference's categories and leaks")
    func oracleC() throws {
        let out = try Tokompiler(options: .init(mode: .faithful, seed: 7)).run(Array(heat.utf8))
        var categories: [String: AnonymizationCategory] = [:]
        for name in out.names { categories[name.original] = name.category }
        #expect(categories == [
            "dp": .var, "kind": .func, "1.0d0": .num, "step": .func, "u": .arg, "n": .arg, "alpha": .arg, "tmp": .func,
            "i": .var, "2": .num, "1": .num, "2.0_dp": .num, "0.0d0": .num, "3.5e-3": .num, "report": .var,
            "'done'": .str, "\"n = \"": .str, "'it''s'": .str,
        ])
        let v = TokompilerVocabulary.reference
        let unknown = out.tokens.filter { v.id(of: $0) == nil }
        #expect(unknown == ["module", "heat", "contains", "!", "update", "interior", "points", "!$omp", "parallel",
                            "private(i)", "!$omp", "parallel", "step", "module", "heat"])
        #expect(out.tokens.suffix(6) == ["end", "subroutine", "step", "end", "module", "heat"])
    }

    @Test("D: fixed form is rejected in faithful mode and handled in improved mode")
    func oracleDFixedForm() throws {
        let source = Array("      SUBROUTINE S(N)\n      INTEGER N\n      N = N +\n     $    1\n      END\n".utf8)
        #expect(throws: TokenizerError.self) { try Tokompiler(options: .init(mode: .faithful, form: .fixed)).run(source) }
        let out = try Tokompiler(options: .init(mode: .improved)).run(source)
        #expect(out.lexicalized == "subroutine func 0 ( arg 0 ) integer arg 0 arg 0 = arg 0 + num 0 end")
    }

    @Test("D: leading blanks do not corrupt the output (the reference's offset bug is not reproduced)")
    func oracleDLeadingWhitespace() throws {
        let tk = Tokompiler(options: .init(mode: .faithful, seed: 3))
        let plain = try tk.run(Array("x = 1\n".utf8)).tokens
        #expect(try tk.run(Array("   x = 1\n".utf8)).tokens == plain)
        #expect(try tk.run(Array("\n\nx = 1\n".utf8)).tokens == plain)
        #expect(plain.count == 5 && plain[0] == "var" && plain[2] == "=" && plain[3] == "num")
    }
}

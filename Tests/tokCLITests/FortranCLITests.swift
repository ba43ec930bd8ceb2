import Foundation
import Testing
import TokenKit
import TokenKitTestSupport

/// Runs the built `tok` with `arguments` and `stdin`; returns (status, stdout, stderr).
private func runTok(_ arguments: [String], stdin: String = "") throws -> (Int32, String, String) {
    let r = try TokRunner.run(arguments, stdin: Array(stdin.utf8))
    return (r.status, r.text, r.stderr)
}

@Suite("tok fortran and -t tokompiler")
struct FortranCLITests {
    @Test("lex --json covers every byte in order, with error tokens for junk")
    func lexJSON() throws {
        let source = "x = 1.eq.2 ! c\n\tcall f(&\n  'a''b')\n?\n"
        let (status, out, _) = try runTok(["fortran", "lex", "--json", "--form", "free", "-"], stdin: source)
        #expect(status == 0)
        let value = try JSONParser.parse(Array(out.utf8))
        guard case .array(let tokens) = value else { Issue.record("not a JSON array"); return }
        var position = 0
        var rebuilt = ""
        var kinds: [String] = []
        for token in tokens {
            let start = token["start"]?.intValue ?? -1, end = token["end"]?.intValue ?? -1
            #expect(start == position && end > start)
            position = end
            rebuilt += token["text"]?.stringValue ?? ""
            kinds.append(token["kind"]?.stringValue ?? "")
        }
        #expect(position == source.utf8.count && rebuilt == source)
        #expect(kinds.contains("error") && kinds.contains("continuation") && kinds.contains("comment") && kinds.contains("operator"))
    }

    @Test("encode -t tokompiler:faithful gives the reference ids for a lexicalized oracle stream")
    func encodeFaithful() throws {
        let (status, out, _) = try runTok(["encode", "-t", "tokompiler:faithful", "-"], stdin: "subroutine s(n)\n  n = 1\nend subroutine s\n")
        #expect(status == 0)
        let ids = out.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        // subroutine func N ( arg N ) arg N = num N end subroutine s([UNK])
        #expect(ids.count == 15 && ids[0] == 1157 && ids[1] == 1106 && ids[3] == 22 && ids[4] == 1070 && ids.last == 4)
    }

    @Test("anonymize prints the source with names replaced and the mapping; fixed form needs improved mode")
    func anonymize() throws {
        let (status, out, _) = try runTok(["fortran", "anonymize", "-"], stdin: "x = y + 1\n")
        #expect(status == 0)
        #expect(out == "var_0 = var_1 + num_0\n! tokompiler mapping\n! var_0 = x\n! var_1 = y\n! num_0 = 1\n")
        let (bad, _, err) = try runTok(["fortran", "anonymize", "--mode", "faithful", "--form", "fixed", "-"], stdin: "      X = 1\n")
        #expect(bad != 0 && err.contains("improved"))
    }
}

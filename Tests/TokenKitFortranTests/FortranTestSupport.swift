import TokenKit
import TokenKitFortran
import TokenKitTestSupport

/// Helpers shared by the Fortran tests.
enum FortranFixtures {
    /// The files of a shared corpus (`fortran_free.txt`, `fortran_fixed.txt`), split at their
    /// `==== FILE: name ====` lines.
    static func corpusFiles(_ name: String) -> [(name: String, bytes: [UInt8])] {
        guard let path = SharedData.path("corpora/code/\(name)"), let all = try? FileIO.readAll(path: path) else { return [] }
        var files: [(String, [UInt8])] = []
        var currentName: String? = nil
        var current: [UInt8] = []
        let marker = Array("==== FILE: ".utf8)
        var lineStart = 0
        while lineStart < all.count {
            var lineEnd = lineStart
            while lineEnd < all.count && all[lineEnd] != 0x0A { lineEnd += 1 }
            let next = min(lineEnd + 1, all.count)
            if lineEnd - lineStart >= marker.count && Array(all[lineStart..<(lineStart + marker.count)]) == marker {
                if let currentName { files.append((currentName, current)) }
                var title = String(decoding: all[(lineStart + marker.count)..<lineEnd], as: UTF8.self)
                if title.hasSuffix(" ====") { title.removeLast(5) }
                currentName = title
                current = []
            } else {
                current.append(contentsOf: all[lineStart..<next])
            }
            lineStart = next
        }
        if let currentName { files.append((currentName, current)) }
        return files
    }

    /// Lexes text and returns (kind, text) of the non-trivia logical tokens.
    static func significant(_ source: String, form: SourceForm) -> [(FortranTokenKind, String)] {
        let file = FortranLexer().lex(Array(source.utf8), form: form)
        return file.logicalTokens().map { ($0.kind, file.text(of: $0)) }
    }

    /// The concatenated bytes of all tokens.
    static func rebuilt(_ file: FortranLexedFile) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(file.bytes.count)
        for t in file.tokens { out.append(contentsOf: file.bytes[t.start..<t.end]) }
        return out
    }

    /// Whether the tokens tile the input: contiguous, non-empty, in order, covering all of it.
    static func tiles(_ file: FortranLexedFile) -> Bool {
        var position = 0
        for t in file.tokens {
            if t.start != position || t.end <= t.start { return false }
            position = t.end
        }
        return position == file.bytes.count
    }
}

import Testing
import TokenKit
import TokenKitTestSupport
@testable import TokenKitLiB

@Suite struct LexiconFileTests {
    @Test func roundTripsAwkwardEntries() throws {
        let entries = ["the ", " a", "\\", "tab\there", "line\nbreak", "cr\r", "\u{0}", "\u{85}x", "e\u{301}", "\u{E9}",
                       "#hash", "---", "@", "\u{1F600}", "\u{2028}", "  ", "\\s"]
        let file = LexiconFile(lexicon: entries, mode: .faithful,
                               specials: [.init(role: "eos", text: "<|end of text|> ")],
                               parameters: [.init(name: "alpha", value: "0.25")])
        let bytes = file.serialized()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("tokenkit-lib-lexicon 1\nmode faithful\n"))
        #expect(text.contains("\nthe\\s\n"))
        let back = try LexiconFile.parse(bytes)
        #expect(back == file)
        let t = try back.tokenizer(source: "x")
        #expect(t.mode == .faithful && t.lexicon == entries && t.specialTokens.first(.eos)?.text == "<|end of text|> ")
    }

    @Test func acceptsCRLFCommentsAndNoFinalNewline() throws {
        let text = "tokenkit-lib-lexicon 1\r\n# made by hand\r\n\r\nmode production\r\n---\r\nab\r\nb"
        let file = try LexiconFile.parse(Array(text.utf8))
        #expect(file.lexicon == ["ab", "b"] && file.mode == .production)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var text: String
        var code: FormatError.Code
        var line: Int?
        var testDescription: String { code.rawValue + ": " + text.debugDescription }
    }

    static let bad: [Bad] = [
        Bad(text: "", code: .empty, line: nil),
        Bad(text: "hello\n---\na\n", code: .syntax, line: 1),
        Bad(text: "tokenkit-lib-lexicon 1\nmode fast\n---\na\n", code: .invalidValue, line: 2),
        Bad(text: "tokenkit-lib-lexicon 1\nvocab 3\n---\na\n", code: .syntax, line: 2),
        Bad(text: "tokenkit-lib-lexicon 1\nmode production\n", code: .truncated, line: 3),
        Bad(text: "tokenkit-lib-lexicon 1\n---\n", code: .empty, line: 3),
        Bad(text: "tokenkit-lib-lexicon 1\n---\na\n\nb\n", code: .syntax, line: 4),
        Bad(text: "tokenkit-lib-lexicon 1\n---\na\nb\\q\n", code: .syntax, line: 4),
        Bad(text: "tokenkit-lib-lexicon 1\n---\na\\u{110000}\n", code: .syntax, line: 3),
        Bad(text: "tokenkit-lib-lexicon 1\n---\na\\\n", code: .syntax, line: 3),
        Bad(text: "tokenkit-lib-lexicon 1\n---\na\nb\na\n", code: .duplicate, line: 5),
        Bad(text: "tokenkit-lib-lexicon 1\nspecial eos\n---\na\n", code: .syntax, line: 2),
    ]

    @Test(arguments: bad)
    func rejectsMalformedFiles(_ bad: Bad) {
        do {
            _ = try LexiconFile.parse(Array(bad.text.utf8))
            Issue.record("accepted a malformed file")
        } catch {
            #expect(error.code == bad.code)
            if let line = bad.line { #expect(error.location.line == line) }
        }
    }

    @Test func rejectsInvalidUTF8WithItsLine() {
        let bytes = Array("tokenkit-lib-lexicon 1\n---\na\n".utf8) + [0xFF, 0x0A]
        #expect(throws: FormatError.self) { try LexiconFile.parse(bytes) }
        #expect((try? LexiconFile.parse(bytes)) == nil)
        do { _ = try LexiconFile.parse(bytes) } catch { #expect(error.code == .invalidUTF8 && error.location.line == 4) }
    }

    @Test func writesLoadsAndIsRecognizedByTheCatalog() throws {
        let path = "/tmp/tokenkit-lib-test-\(UInt32.random(in: 0...UInt32.max)).lib.txt"
        let file = LexiconFile(lexicon: ["the ", "t", "h", "e", " "], mode: .production)
        try file.write(to: path)
        defer { TestSystem.removeFile(path) }
        let catalog = TokenizerCatalog(loaders: [ByteTokenizerLoader(), LiBTokenizerLoader()])
        let tokenizer = try catalog.resolve(path)
        #expect(tokenizer.family == .lib && tokenizer.source == path)
        #expect(try tokenizer.encode("the the", options: .plain).ids == [0, 1, 2, 3])
        #expect(throws: LoadError.self) { try LexiconFile.load(path: path + ".missing") }
    }
}

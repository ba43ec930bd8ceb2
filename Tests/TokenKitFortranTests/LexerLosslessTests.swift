import Testing
import TokenKit
import TokenKitFortran
import TokenKitTestSupport

@Suite("Fortran lexer: lossless on any bytes and on the corpora")
struct LexerLosslessTests {
    @Test("random bytes tile the input in both forms", arguments: [SourceForm.free, .fixed])
    func randomBytes(form: SourceForm) {
        // Bytes biased towards Fortran's special characters, so continuation, strings and
        // directives are hit often.
        let alphabet = Array("  \t\n\n\r&&!!''\"\"()/*=.:;,_$#@cC0123456789eEdDhHxXzZbBaAiIoOmMpP\u{00}".utf8) + [0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]
        var rng = SplitMix64(seed: form == .free ? 11 : 12)
        for _ in 0..<3000 {
            let length = Int(rng.next() % 120)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                bytes.append(rng.next() % 4 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : alphabet[Int(rng.next() % UInt64(alphabet.count))])
            }
            let file = FortranLexer().lex(bytes, form: form)
            #expect(FortranFixtures.tiles(file), "tokens do not tile \(bytes)")
            #expect(FortranFixtures.rebuilt(file) == bytes)
        }
        for random in RandomInputs.bytes(count: 300, maxLength: 200, seed: 3) {
            let file = FortranLexer().lex(random, form: form)
            #expect(FortranFixtures.tiles(file), "tokens do not tile \(random)")
        }
    }

    @Test("every corpus file round-trips and lexes without error tokens",
          .serialized, SharedData.required, arguments: [("fortran_free.txt", SourceForm.free), ("fortran_fixed.txt", .fixed)])
    func corpus(name: String, form: SourceForm) throws {
        let files = FortranFixtures.corpusFiles(name)
        #expect(files.count > 50)
        for (fileName, bytes) in files {
            let detected = bytes.withUnsafeBufferPointer { SourceForm.detect(path: fileName, bytes: $0) }
            let file = FortranLexer().lex(bytes, form: detected)
            #expect(detected == form || fileName.hasSuffix(".fpp"), "\(fileName) detected as \(detected)")
            #expect(FortranFixtures.tiles(file), "\(fileName) does not tile")
            let errors = file.tokens.filter { $0.kind == .error }.prefix(3).map { file.text(of: $0) + "@\($0.start)" }
            #expect(errors.isEmpty, "\(fileName): error tokens \(errors)")
        }
    }

    @Test("content detection agrees with the extension on the corpora",
          SharedData.required, arguments: [("fortran_free.txt", SourceForm.free), ("fortran_fixed.txt", .fixed)])
    func detection(name: String, form: SourceForm) {
        let files = FortranFixtures.corpusFiles(name)
        var wrong: [String] = []
        var judged = 0
        for (fileName, bytes) in files where bytes.count > 200 {
            judged += 1
            let guess = bytes.withUnsafeBufferPointer { SourceForm.detect($0) }
            if guess != form { wrong.append(fileName) }
        }
        // The corpora hold 166 free-form and 77 fixed-form files: an empty or unreadable corpus
        // must fail here, not pass with nothing judged.
        #expect(judged >= 50, "only \(judged) files of \(name) were judged")
        #expect(wrong.count * 20 <= judged, "content detection wrong for \(wrong)")
    }
}

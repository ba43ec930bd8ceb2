import Foundation
import Testing
import TokenKitTestSupport

@Suite("tok decode", .serialized)
struct DecodeCommandTests {
    @Test("Ids back to exact bytes, nothing added")
    func decode() throws {
        let r = try TokRunner.run(["decode", "-t", "byt5", "--skip-special", TokRunner.fixture("byt5-ids.txt")])
        #expect(r.status == 0)
        #expect(r.text == "Unicode €.")
        let framingDropped = try TokRunner.run(["decode", "-t", "byt5", TokRunner.fixture("byt5-ids.txt")])
        #expect(framingDropped.text == "Unicode €.", "the EOS that encode appends is dropped")
        let withEOS = try TokRunner.run(["decode", "-t", "byt5", "--keep-framing", TokRunner.fixture("byt5-ids.txt")])
        #expect(withEOS.text == "Unicode €.</s>")
    }

    @Test("encode | decode is the identity on any bytes")
    func roundTrip() throws {
        let input: [UInt8] = [0, 255, 0xE2, 0x82, 10, 13, 0x41] + Array("naïve 😀".utf8)
        let encoded = try TokRunner.run(["encode", "-t", "bytes", "--invalid-utf8", "bytes"], stdin: input)
        let decoded = try TokRunner.run(["decode", "-t", "bytes"], stdin: encoded.stdout)
        #expect(decoded.status == 0)
        #expect(decoded.stdout == input)
    }

    @Test("--jsonl decodes each line to one JSON line with the text")
    func jsonl() throws {
        let r = try TokRunner.run(["decode", "-t", "byt5", "--jsonl", "--skip-special", TokRunner.fixture("byt5-ids.jsonl")])
        #expect(r.status == 0)
        #expect(r.text == #"{"text":"Hi"}"# + "\n" + #"{"text":""}"# + "\n" + #"{"text":" €"}"# + "\n")
    }

    @Test("Bad ids are errors naming the place", arguments: [
        ("bad-ids.txt", "'abc' at byte 7 is not a token id"),
        ("unknown-ids.txt", "token id 999 at position 1 is outside the vocabulary"),
    ])
    func badIDs(file: String, message: String) throws {
        let r = try TokRunner.run(["decode", "-t", "byt5", TokRunner.fixture(file)])
        #expect(r.status == 1)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}

@Suite("tok count", .serialized)
struct CountCommandTests {
    @Test("One line per file, then the total")
    func count() throws {
        let r = try TokRunner.run(["count", "-t", "byt5", TokRunner.fixture("hello.txt"), TokRunner.fixture("empty.txt")])
        #expect(r.status == 0)
        #expect(r.text == "15\t\(TokRunner.fixture("hello.txt"))\n1\t\(TokRunner.fixture("empty.txt"))\nTOTAL\t16\n")
    }

    @Test("Standard input counts as -")
    func stdin() throws {
        let r = try TokRunner.run(["count", "-t", "bytes"], stdin: Array("abc".utf8))
        #expect(r.text == "3\t-\nTOTAL\t3\n")
    }

    @Test("A large file counts in chunks to the same total", .enabled(if: FileManager.default.isWritableFile(atPath: NSTemporaryDirectory())))
    func large() throws {
        let path = NSTemporaryDirectory() + "tokenkit-count-\(getpid()).txt"
        let size = 9 << 20
        try Data(repeating: 0x61, count: size).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try TokRunner.run(["count", "-t", "bytes", path])
        #expect(r.text == "\(size)\t\(path)\nTOTAL\t\(size)\n")
        #expect(r.stderr.isEmpty, "no progress bar when stderr is not a terminal")
    }

    @Test("A failing file is reported and the run goes on to the total")
    func failure() throws {
        let r = try TokRunner.run(["count", "-t", "bytes", "--invalid-utf8", "error", TokRunner.fixture("hello.txt"), TokRunner.fixture("invalid-utf8.bin")])
        #expect(r.status == 1)
        #expect(r.text == "14\t\(TokRunner.fixture("hello.txt"))\nTOTAL\t14\n")
        #expect(r.stderr.contains("invalid UTF-8 at byte 3"))
    }
}

@Suite("tok info and list", .serialized)
struct InfoCommandTests {
    @Test("info describes family, size, specials and source")
    func info() throws {
        let r = try TokRunner.run(["info", "-t", "byt5"])
        #expect(r.status == 0)
        #expect(r.text.contains("family:          byte-level"))
        #expect(r.text.contains("vocabulary size: 384"))
        #expect(r.text.contains("source:          byt5"))
        #expect(r.text.contains("1\t\"</s>\"\teos"))
    }

    @Test("info --json is machine-readable")
    func json() throws {
        let r = try TokRunner.run(["info", "-t", "bytes", "--json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        #expect(object["vocabulary_size"] as? Int == 256)
        #expect(object["family"] as? String == "byte-level")
        #expect((object["special_tokens"] as? [Any])?.isEmpty == true)
    }

    @Test("list names the built-ins and marks the default")
    func list() throws {
        let r = try TokRunner.run(["list"])
        #expect(r.text.contains("bytes"))
        #expect(r.text.contains("byt5"))
        #expect(r.text.contains("(default)"))
    }
}

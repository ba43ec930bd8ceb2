import Foundation
import Testing
import TokenKitTestSupport

@Suite("tok encode", .serialized)
struct EncodeCommandTests {
    @Test("A file gives one line of ids (ByT5 appends EOS)")
    func file() throws {
        let r = try TokRunner.run(["encode", "-t", "byt5", TokRunner.fixture("unicode-euro.txt")])
        #expect(r.status == 0)
        #expect(r.text == "88 113 108 102 114 103 104 35 229 133 175 49 1\n")
    }

    @Test("Several files give one line each, in order")
    func files() throws {
        let r = try TokRunner.run(["encode", "-t", "bytes", TokRunner.fixture("hello.txt"), TokRunner.fixture("empty.txt"),
                                   TokRunner.fixture("unicode-euro.txt")])
        #expect(r.status == 0)
        let expected = line(Array("Hello, world!\n".utf8).map(Int.init)) + "\n" + line(Array("Unicode €.".utf8).map(Int.init))
        #expect(r.text == expected)
    }

    @Test("Standard input")
    func stdin() throws {
        let r = try TokRunner.run(["encode", "-t", "bytes"], stdin: Array("hi".utf8))
        #expect(r.text == "104 105\n")
    }

    @Test("Without -t, tok uses the embedded tokenkit-32k")
    func defaultTokenizer() throws {
        let text = Array("Hello, world! The default vocabulary is byte-level BPE.".utf8)
        let implicit = try TokRunner.run(["encode"], stdin: text)
        let explicit = try TokRunner.run(["encode", "-t", "tokenkit-32k"], stdin: text)
        #expect(implicit.status == 0)
        #expect(implicit.text == explicit.text)
        #expect(implicit.text.split(separator: " ").count < text.count / 2, "BPE merges most bytes")
        let info = try TokRunner.run(["info"])
        #expect(info.text.contains("family:          bpe"))
        #expect(info.text.contains("vocabulary size: 32000"))
    }

    @Test("--lines encodes each line without its newline")
    func lines() throws {
        let r = try TokRunner.run(["encode", "-t", "byt5", "--framing", "none", "--lines", TokRunner.fixture("lines.txt")])
        #expect(r.status == 0)
        let expected = ["first line", "second — línea", "", "last without newline"].map { line(byt5($0)) }.joined()
        #expect(r.text == expected)
    }

    @Test("--jsonl reads text members and writes ids (and tokens), skipping blank lines")
    func jsonl() throws {
        let r = try TokRunner.run(["encode", "-t", "bytes", "--jsonl", "--tokens", TokRunner.fixture("requests.jsonl")])
        #expect(r.status == 0)
        let lines = r.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)  // three records and the final newline
        #expect(lines[0] == #"{"ids":[72,101,108,108,111],"tokens":["H","e","l","l","o"]}"#)
        let second = try #require(JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["ids"] as? [Int] == Array("é€😀".utf8).map(Int.init))
        let tokens = try #require(second["tokens"] as? [String])
        #expect(tokens.first == "\\xC3", "a lone lead byte is shown as an escape")
        #expect(tokens.count == Array("é€😀".utf8).count)
        #expect(lines[2] == #"{"ids":[],"tokens":[]}"#)
    }

    @Test("Malformed JSONL stops with the line number; earlier lines stay valid", arguments: [
        ("malformed-type.jsonl", 3, "\"text\" must be a string"),
        ("malformed-syntax.jsonl", 2, "malformed JSON line"),
    ])
    func malformedJSONL(file: String, lineNumber: Int, message: String) throws {
        let r = try TokRunner.run(["encode", "-t", "bytes", "--jsonl", TokRunner.fixture(file)])
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(TokRunner.fixture(file)):\(lineNumber)"))
        #expect(r.stderr.contains(message))
        #expect(r.stderr.split(separator: "\n").count == 1, "one clear line: \(r.stderr)")
        let printed = r.text.split(separator: "\n")
        #expect(printed.count == lineNumber - 1)
        #expect(printed.first == #"{"ids":[103,111,111,100]}"#)
    }

    @Test("Invalid UTF-8: raw bytes by default for byte tokenizers, error on request, or replace")
    func invalidUTF8() throws {
        let path = TokRunner.fixture("invalid-utf8.bin")
        let failed = try TokRunner.run(["encode", "-t", "bytes", "--invalid-utf8", "error", path])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("invalid UTF-8 at byte 3"))
        #expect(failed.text.isEmpty)

        let raw = try TokRunner.run(["encode", "-t", "bytes", "--invalid-utf8", "bytes", path])
        #expect(raw.status == 0)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: SharedData.repositoryRoot + "/" + path)))
        #expect(raw.text == line(bytes.map(Int.init)))
        #expect(try TokRunner.run(["encode", "-t", "bytes", path]).text == raw.text, "bytes is the default for -t bytes")
        let text = try TokRunner.run(["encode", "-t", "tokompiler", path])
        #expect(text.status == 1, "a tokenizer without a bytes round trip refuses invalid UTF-8 by default")
        #expect(text.stderr.contains("invalid UTF-8 at byte 3"))

        let replaced = try TokRunner.run(["encode", "-t", "bytes", "--invalid-utf8", "replace", path])
        #expect(replaced.status == 0)
        #expect(replaced.text == line(Array(String(decoding: bytes, as: UTF8.self).utf8).map(Int.init)))
    }

    @Test("--format tokens and json are for people")
    func formats() throws {
        let tokens = try TokRunner.run(["encode", "-t", "byt5", "--format", "tokens"], stdin: Array("a€".utf8))
        #expect(tokens.text == #""a" "\\xE2" "\\x82" "\\xAC" "</s>""# + "\n")
        let json = try TokRunner.run(["encode", "-t", "byt5", "--format", "json"], stdin: Array("ab".utf8))
        #expect(json.text == #"{"ids":[100,101,1],"tokens":["a","b","</s>"],"offsets":[[0,1],[1,2],[2,2]]}"# + "\n")
    }

    @Test("--special decides what special-token text means")
    func specials() throws {
        let text = Array("a</s>".utf8)
        #expect(try TokRunner.run(["encode", "-t", "byt5", "--framing", "none", "--special", "match"], stdin: text).text == "100 1\n")
        #expect(try TokRunner.run(["encode", "-t", "byt5", "--framing", "none"], stdin: text).text == line(byt5("a</s>")))
        let refused = try TokRunner.run(["encode", "-t", "byt5", "--special", "error"], stdin: text)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("</s> at byte 1"))
    }

    @Test("Usage errors exit with a usage status", arguments: [
        ["encode", "--bogus"],
        ["encode", "--lines", "--jsonl"],
        ["encode", "--tokens"],
        ["encode", "--invalid-utf8", "maybe"],
    ])
    func usage(arguments: [String]) throws {
        let r = try TokRunner.run(arguments)
        #expect(r.status == 64)
        #expect(!r.stderr.isEmpty)
    }

    @Test("Missing files and unknown tokenizers exit 1 with one line", arguments: [
        (["encode", "no-such-file.txt"], "no-such-file.txt: no such file"),
        (["encode", "-t", "no-such-tokenizer", "Fixtures/cli/hello.txt"], "unknown tokenizer 'no-such-tokenizer'"),
        (["encode", "-t", "Fixtures/cli/hello.txt"], "not a tokenizer format"),
        (["encode", "Fixtures/cli"], "is a directory"),
    ])
    func failures(arguments: [String], message: String) throws {
        let r = try TokRunner.run(arguments)
        #expect(r.status == 1)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test("Output for earlier files survives a later failure")
    func partialOutput() throws {
        let r = try TokRunner.run(["encode", "-t", "bytes", TokRunner.fixture("hello.txt"), "no-such-file.txt"])
        #expect(r.status == 1)
        #expect(r.text == line(Array("Hello, world!\n".utf8).map(Int.init)))
    }
}

import Foundation
import Testing
import TokenKitTestSupport

/// What a user relies on without reading the docs: failed writes are errors, `count` goes on
/// like `wc`, JSON lines keep their records, `encode | decode` gives the input back, and usage
/// errors exit 64 everywhere.
@Suite("tok CLI behaviour", .serialized)
struct CLIBehaviourTests {
    /// A scratch folder for this process's files.
    static let scratch: String = {
        let dir = NSTemporaryDirectory() + "tokenkit-cli-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    static func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = scratch + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    // MARK: Checked writes

    @Test("A failed write (ENOSPC on /dev/full) is one line naming the output and exit 1", .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")), arguments: [
        ["encode", "-t", "bytes", "Fixtures/cli/hello.txt"],
        ["encode", "-t", "bytes", "--jsonl", "Fixtures/cli/requests.jsonl"],
        ["count", "-t", "bytes", "Fixtures/cli/hello.txt"],
        ["decode", "-t", "bytes", "Fixtures/cli/byt5-ids.txt"],
        ["info", "-t", "byt5"],
        ["list"],
    ])
    func fullDisk(arguments: [String]) throws {
        let r = try TokRunner.run(arguments, stdoutPath: "/dev/full")
        #expect(r.status == 1, "\(arguments): \(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one clear line: \(r.stderr)")
        #expect(r.stderr.contains("write error: standard output: No space left on device"), "\(r.stderr)")
    }

    @Test("A large encode to /dev/full stops at the first failed write")
    func fullDiskLarge() throws {
        let path = try Self.write("large.txt", [UInt8](repeating: 0x61, count: 1 << 20))
        let r = try TokRunner.run(["encode", "-t", "bytes", path], stdoutPath: "/dev/full")
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }

    @Test("With SIGPIPE ignored, a reader that went away is one line (Broken pipe) and exit 1", .enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/sh")))
    func closedPipe() throws {
        let path = try Self.write("pipe.txt", [UInt8](repeating: 0x61, count: 1 << 20))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // An ignored signal stays ignored across exec, so tok's writes fail with EPIPE instead.
        process.arguments = ["-c", "trap '' PIPE; exec timeout 60 \"$0\" encode -t bytes \"$1\"", TokRunner.binary, path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        try out.fileHandleForReading.close()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: message, as: UTF8.self)
        #expect(process.terminationStatus == 1, "\(text)")
        #expect(text.split(separator: "\n").count == 1)
        #expect(text.contains("write error: standard output: Broken pipe"), "\(text)")
    }

    // MARK: count goes on like wc

    @Test("count reports each bad file on stderr, counts the rest, totals what it counted, exits 1")
    func countGoesOn() throws {
        let hello = TokRunner.fixture("hello.txt"), empty = TokRunner.fixture("empty.txt")
        let binary = TokRunner.fixture("invalid-utf8.bin")
        let r = try TokRunner.run(["count", "-t", "byt5", "--invalid-utf8", "error", hello, "no-such-file.txt", binary, "Fixtures/cli", empty])
        #expect(r.status == 1)
        #expect(r.text == "15\t\(hello)\n1\t\(empty)\nTOTAL\t16\n")
        let errors = r.stderr.split(separator: "\n")
        #expect(errors.count == 3, "\(r.stderr)")
        #expect(errors.count == 3 && errors[0].contains("no-such-file.txt"))
        #expect(errors.count == 3 && errors[1].contains("\(binary): invalid UTF-8 at byte 3"))
        #expect(errors.count == 3 && errors[2].contains("Fixtures/cli"))
    }

    @Test("count with only good files exits 0")
    func countAllGood() throws {
        let r = try TokRunner.run(["count", "-t", "bytes", TokRunner.fixture("hello.txt"), TokRunner.fixture("invalid-utf8.bin")])
        #expect(r.status == 0, "bytes reads binary input by default: \(r.stderr)")
        #expect(r.text.hasSuffix("TOTAL\t\(14 + (try Data(contentsOf: URL(fileURLWithPath: SharedData.repositoryRoot + "/Fixtures/cli/invalid-utf8.bin")).count))\n"))
    }

    // MARK: JSON lines

    static func jsonObject(_ line: Substring) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("--jsonl copies the other members through, output keys replace input keys in place")
    func jsonlCopiesFields() throws {
        let input = #"""
            {"id":7,"text":"hi"}
            {"ids":"old","meta":{"a":[1,2.50,null]},"text":"ab","z":true}

            {"text":"é","tokens":0,"id":"x"}
            """#
        let r = try TokRunner.run(["encode", "-t", "bytes", "--jsonl", "--tokens"], stdin: Array(input.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.text == #"""
            {"id":7,"ids":[104,105],"tokens":["h","i"]}
            {"ids":[97,98],"meta":{"a":[1,2.50,null]},"z":true,"tokens":["a","b"]}
            {"tokens":["\\xC3","\\xA9"],"id":"x","ids":[195,169]}

            """#)
    }

    @Test("--jsonl --offsets adds byte ranges with the key and shape of --format json")
    func jsonlOffsets() throws {
        let r = try TokRunner.run(["encode", "-t", "byt5", "--jsonl", "--offsets"], stdin: Array(#"{"text":"ab","n":1}"#.utf8))
        let json = try TokRunner.run(["encode", "-t", "byt5", "--format", "json"], stdin: Array("ab".utf8))
        #expect(r.text == #"{"n":1,"ids":[100,101,1],"offsets":[[0,1],[1,2],[2,2]]}"# + "\n")
        let plain = try Self.jsonObject(json.text.split(separator: "\n")[0])
        let record = try Self.jsonObject(r.text.split(separator: "\n")[0])
        #expect((record["offsets"] as? [[Int]]) == (plain["offsets"] as? [[Int]]))
    }

    @Test("--on-error skip gives one line per record: {\"error\": …} for broken JSON, binary, wrong types")
    func jsonlSkip() throws {
        var input = Array(#"{"text":"a","id":1}"#.utf8) + [0x0A]
        input += Array(#"{"text": "b"#.utf8) + [0x0A]                    // broken JSON
        input += [0x7B, 0x22, 0x74, 0x22, 0x3A, 0xFF, 0x00, 0x0A]         // binary garbage
        input += Array(#"{"id":3}"#.utf8) + [0x0A]                        // no text
        input += Array(#"[1,2]"#.utf8) + [0x0A]                           // not an object
        input += Array(#"{"text":"ok\u00e9"}"#.utf8) + [0x0A]
        let r = try TokRunner.run(["encode", "-t", "bytes", "--jsonl", "--on-error", "skip"], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 7, "six records and the final newline: \(r.text)")
        guard lines.count == 7 else { return }
        #expect(lines[0] == #"{"id":1,"ids":[97]}"#)
        for k in 1...4 {
            let error = try Self.jsonObject(lines[k])
            #expect(error.keys.sorted() == ["error"])
            #expect((error["error"] as? String)?.contains("<stdin>:\(k + 1)") == true, "\(lines[k])")
        }
        #expect(lines[5] == #"{"ids":[111,107,195,169]}"#)
    }

    @Test("--on-error stop (the default) names the line and exits 1; earlier output stays valid")
    func jsonlStop() throws {
        let input = Array(#"{"text":"a"}"#.utf8) + [0x0A] + Array("not json\n".utf8) + Array(#"{"text":"c"}"#.utf8) + [0x0A]
        let r = try TokRunner.run(["encode", "-t", "bytes", "--jsonl"], stdin: input)
        #expect(r.status == 1)
        #expect(r.text == #"{"ids":[97]}"# + "\n")
        #expect(r.stderr.contains("<stdin>:2"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test("A binary file fed to --jsonl stops with its line, or gives an error line per record with skip")
    func jsonlBinaryFile() throws {
        var binary: [UInt8] = []
        for k in 0..<2000 { binary.append(UInt8(truncatingIfNeeded: k &* 7919 &+ 13)) }
        let path = try Self.write("binary.bin", binary)
        let stop = try TokRunner.run(["encode", "-t", "bytes", "--jsonl", path])
        #expect(stop.status == 1)
        #expect(stop.stderr.contains("\(path):1"), "\(stop.stderr)")
        let skip = try TokRunner.run(["encode", "-t", "bytes", "--jsonl", "--on-error", "skip", path])
        #expect(skip.status == 0)
        let nonBlank = binary.split(separator: 0x0A, omittingEmptySubsequences: false)
            .filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
        let lines = skip.text.split(separator: "\n")
        #expect(lines.count == nonBlank.count)
        #expect(lines.allSatisfy { $0.hasPrefix(#"{"error":"#) })
    }

    @Test("--invalid-utf8 applies to the text of a JSONL record")
    func jsonlInvalidUTF8() throws {
        // {"id":1,"text":"a<FF>b\u00e9"}
        let input: [UInt8] = Array(#"{"id":1,"text":"a"#.utf8) + [0xFF] + Array(#"b\u00e9"}"#.utf8) + [0x0A]
        let error = try TokRunner.run(["encode", "-t", "bytes", "--jsonl", "--invalid-utf8", "error"], stdin: input)
        #expect(error.status == 1)
        #expect(error.stderr.contains("invalid UTF-8"), "\(error.stderr)")
        let replaced = try TokRunner.run(["encode", "-t", "bytes", "--jsonl", "--invalid-utf8", "replace"], stdin: input)
        #expect(replaced.text == #"{"id":1,"ids":[97,239,191,189,98,195,169]}"# + "\n", "\(replaced.stderr)")
        let raw = try TokRunner.run(["encode", "-t", "bytes", "--jsonl", "--invalid-utf8", "bytes"], stdin: input)
        #expect(raw.text == #"{"id":1,"ids":[97,255,98,195,169]}"# + "\n", "\(raw.stderr)")
        #expect(try TokRunner.run(["encode", "-t", "bytes", "--jsonl"], stdin: input).text == raw.text,
                "bytes is the default for -t bytes")
    }

    @Test("Word-pooled and dynamic tokenizers keep the records and --on-error too", arguments: ["pooled:bytes", "dynamic:bytes"])
    func jsonlHierarchical(spec: String) throws {
        let input = Array("{\"id\":1,\"text\":\"hi there\"}\n{\"id\":2}\n\n{\"text\":\"a b\",\"id\":3}\n".utf8)
        let r = try TokRunner.run(["encode", "-t", spec, "--jsonl", "--on-error", "skip"], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.text.split(separator: "\n")
        #expect(lines.count == 3)
        guard lines.count == 3 else { return }
        #expect(lines[0].hasPrefix(#"{"id":1,"#))
        #expect(lines[1].hasPrefix(#"{"error":"<stdin>:2: "#))
        #expect(lines[2].hasPrefix(#"{"id":3,"#))
        #expect(!lines[0].contains(#""text""#), "the text is replaced by the encoding")
        let stop = try TokRunner.run(["encode", "-t", spec, "--jsonl"], stdin: input)
        #expect(stop.status == 1)
        #expect(stop.stderr.contains("<stdin>:2"))
    }

    @Test("decode --jsonl gives one JSON line per record with the other members, the inverse of encode --jsonl")
    func decodeJSONL() throws {
        let input = #"""
            {"id":7,"text":"line one\nline two"}
            {"text":"","id":8}
            """#
        let encoded = try TokRunner.run(["encode", "-t", "byt5", "--jsonl"], stdin: Array(input.utf8))
        let decoded = try TokRunner.run(["decode", "-t", "byt5", "--jsonl"], stdin: encoded.stdout)
        #expect(decoded.status == 0, "\(decoded.stderr)")
        #expect(decoded.text == #"{"id":7,"text":"line one\nline two"}"# + "\n" + #"{"id":8,"text":""}"# + "\n")
        let bad = try TokRunner.run(["decode", "-t", "bytes", "--jsonl", "--on-error", "skip"],
                                    stdin: Array("{\"ids\":[255]}\n{\"ids\":\"x\"}\n{\"ids\":[104]}\n".utf8))
        let lines = bad.text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix(#"{"error":"#) == true, "invalid UTF-8 is a bad line under error")
        #expect(lines.dropFirst().first?.hasPrefix(#"{"error":"#) == true)
        #expect(lines.last == #"{"text":"h"}"#)
        let replaced = try TokRunner.run(["decode", "-t", "bytes", "--jsonl", "--invalid-utf8", "replace"], stdin: Array("{\"ids\":[255]}\n".utf8))
        #expect(replaced.text == "{\"text\":\"\u{FFFD}\"}\n")
    }

    // MARK: Round trips

    /// Where the named vocabularies are (shared data), so those built-ins are tested too.
    static var environment: [String: String] {
        SharedData.path("vocabularies").map { ["TOKENKIT_VOCABULARIES": $0] } ?? [:]
    }

    /// The built-in names `tok list` prints, without the families whose encode output is a
    /// layout rather than ids (pooled:, dynamic:; they have their own tests) and the SPEC forms.
    static func builtins() throws -> [String] {
        let list = try TokRunner.run(["list"])
        var names: [String] = []
        for line in list.text.split(separator: "\n") {
            if line.hasPrefix("Files") { break }
            guard line.hasPrefix("  ") else { continue }
            guard let name = line.split(separator: " ").first.map(String.init) else { continue }
            if name.hasPrefix("pooled:") || name.hasPrefix("dynamic:") { continue }
            names.append(name)
        }
        return names
    }

    /// The round trip `tok info` states for a tokenizer ("bytes", "text", …).
    static func roundTrip(_ name: String) throws -> String? {
        let info = try TokRunner.run(["info", "-t", name], environment: environment)
        guard let line = info.text.split(separator: "\n").first(where: { $0.hasPrefix("round trip:") }) else { return nil }
        return line.dropFirst("round trip:".count).split(separator: " ").first.map(String.init)
    }

    @Test("encode -t T f | decode -t T gives back f for every built-in whose round trip is bytes or text")
    func roundTrips() throws {
        let names = try Self.builtins()
        #expect(names.count >= 3, "tok list names the built-ins")
        let text = Array("Hello, world! naïve café — 😀 日本語\n\ttabs  and  spaces\n0123456789 </s> <s> <pad>\n".utf8)
        var binary = text
        for k in 0..<512 { binary.append(UInt8(truncatingIfNeeded: k &* 31 &+ 7)) }
        let textFile = try Self.write("roundtrip.txt", text)
        let binaryFile = try Self.write("roundtrip.bin", binary)
        var tested = 0
        for name in names {
            guard let promise = try Self.roundTrip(name), promise == "bytes" || promise == "text" else { continue }
            let (file, expected) = promise == "bytes" ? (binaryFile, binary) : (textFile, text)
            let encoded = try TokRunner.run(["encode", "-t", name, file], environment: Self.environment)
            #expect(encoded.status == 0, "\(name): \(encoded.stderr)")
            let decoded = try TokRunner.run(["decode", "-t", name], stdin: encoded.stdout, environment: Self.environment)
            #expect(decoded.status == 0, "\(name): \(decoded.stderr)")
            #expect(decoded.stdout == expected, "\(name) (\(promise)) does not round-trip: \(decoded.text.prefix(200))")
            tested += 1
        }
        #expect(tested >= 2, "bytes and byt5 at least")
    }

    @Test("--skip-special drops special tokens anywhere; --keep-framing keeps the framing")
    func decodeSpecials() throws {
        let ids = Array("1 75 108 1 1".utf8)  // </s> H i </s> </s> in ByT5
        #expect(try TokRunner.run(["decode", "-t", "byt5"], stdin: ids).text == "</s>Hi</s>")
        #expect(try TokRunner.run(["decode", "-t", "byt5", "--skip-special"], stdin: ids).text == "Hi")
        #expect(try TokRunner.run(["decode", "-t", "byt5", "--keep-framing"], stdin: ids).text == "</s>Hi</s></s>")
    }

    // MARK: Binary input

    @Test("Exactly the tokenizers whose round trip is bytes read binary input by default")
    func binaryDefault() throws {
        let binaryFile = TokRunner.fixture("invalid-utf8.bin")
        for name in try Self.builtins() {
            guard let promise = try Self.roundTrip(name) else { continue }  // a named vocabulary not on this machine
            let r = try TokRunner.run(["encode", "-t", name, binaryFile], environment: Self.environment)
            if promise == "bytes" {
                #expect(r.status == 0, "\(name) reads binary input: \(r.stderr)")
                let strict = try TokRunner.run(["encode", "-t", name, "--invalid-utf8", "error", binaryFile], environment: Self.environment)
                #expect(strict.status == 1, "\(name): --invalid-utf8 error stays available")
            } else {
                #expect(r.status == 1, "\(name) (\(promise)) refuses binary input by default")
                #expect(r.stderr.contains("invalid UTF-8 at byte 3"), "\(name): \(r.stderr)")
            }
        }
    }

    // MARK: Usage errors

    /// Every leaf subcommand, with arguments that are otherwise enough to get past parsing.
    static let subcommands: [[String]] = [
        ["encode"], ["decode"], ["count"], ["info"], ["list"],
        ["lm", "generate", "--model", "m", "-t", "t"], ["lm", "score", "--model", "m", "-t", "t"],
        ["lm", "next", "--model", "m", "-t", "t"],
        ["bytes", "next", "--model", "m", "-t", "t", "--prompt", "p"],
        ["bytes", "generate", "--model", "m", "-t", "t"], ["bytes", "fim", "--model", "m", "-t", "t", "--prefix", "a", "--suffix", "b"],
        ["fortran", "lex"], ["fortran", "anonymize"],
        ["train", "bpe", "--vocab-size", "300", "--out", "o", "f"], ["train", "lib", "--out", "o", "f"],
        ["mixture", "-t", "x", "--category", "a=b"],
        ["probe", "arithmetic", "generate", "--out", "o"], ["probe", "arithmetic", "run", "--manifest", "m", "--out", "o"],
        ["probe", "arithmetic", "analyze", "--results", "r"],
        ["stats", "deletion"], ["stats", "reduction", "f"],
    ]

    /// A bad enum value and an out-of-range number for each subcommand (nil: it has none).
    static let badValues: [String: (enumValue: [String]?, number: [String]?)] = [
        "encode": (["--format", "nosuch"], ["--width", "0"]),
        "decode": (["--invalid-utf8", "nosuch"], nil),
        "count": (["--framing", "nosuch"], nil),
        "info": (nil, nil),
        "list": (nil, nil),
        "lm generate": (["--backend", "nosuch"], ["--top-p", "2"]),
        "lm score": (["--backend", "nosuch"], nil),
        "lm next": (["--backend", "nosuch"], ["--top", "0"]),
        "bytes next": (["--baseline", "nosuch"], ["--top", "-1"]),
        "bytes generate": (["--mode", "nosuch"], ["--bytes", "-1"]),
        "bytes fim": (["--backend", "nosuch"], ["--temperature", "-1"]),
        "fortran lex": (["--form", "nosuch"], ["--fixed-line-length", "0"]),
        "fortran anonymize": (["--mode", "nosuch"], ["--fixed-line-length", "-3"]),
        "train bpe": (["--digits", "nosuch"], ["--min-frequency", "-1"]),
        "train lib": (["--mode", "nosuch"], ["--alpha", "7"]),
        "mixture": (["--formulation", "nosuch"], ["--max-rounds", "0"]),
        "probe arithmetic generate": (["--formats", "nosuch"], ["--problems", "0"]),
        "probe arithmetic run": (["--api", "nosuch"], ["--concurrency", "0"]),
        "probe arithmetic analyze": (nil, nil),
        "stats deletion": (nil, ["--fixed", "2"]),
        "stats reduction": (["--pre", "nosuch"], ["--batches", "0"]),
    ]

    @Test("Usage errors exit 64 in every subcommand: an unknown option, a value that is not a number, a bad enum, an out-of-range number", arguments: subcommands)
    func usageErrors(command: [String]) throws {
        let path = command.prefix { !$0.hasPrefix("-") && $0 != "f" }
        let name = path.joined(separator: " ")
        var cases: [[String]] = [command + ["--no-such-option"]]
        if let numeric = Self.numericOption[name] { cases.append(command + [numeric, "many"]) }
        if let bad = Self.badValues[name] {
            if let e = bad.enumValue { cases.append(command + e) }
            if let n = bad.number { cases.append(command + n) }
        }
        for arguments in cases {
            let r = try TokRunner.run(arguments)
            #expect(r.status == 64, "\(arguments) exits \(r.status): \(r.stderr)")
            #expect(!r.stderr.isEmpty)
        }
    }

    /// A numeric option of each subcommand, given a word instead of a number.
    static let numericOption: [String: String] = [
        "encode": "--merges", "lm generate": "--steps", "lm next": "--top", "bytes next": "--top",
        "bytes generate": "--bytes", "bytes fim": "--seed", "fortran lex": "--fixed-line-length",
        "fortran anonymize": "--seed", "train bpe": "--vocab-size", "train lib": "--steps", "mixture": "--merges",
        "probe arithmetic generate": "--seed", "probe arithmetic run": "--timeout", "stats deletion": "--threshold",
        "stats reduction": "--merges",
    ]
}

import Foundation
import Testing
import TokenKitTestSupport

/// `tok probe arithmetic …`: the CLI contract of the arithmetic probes.
@Suite("tok probe arithmetic", .serialized)
struct ProbeCommandTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "tok-probe-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("generate → run --responses → analyze --results --json --report")
    func roundTrip() throws {
        let dir = try Self.temporaryDirectory()
        let manifest = dir + "/m.jsonl"
        var r = try TokRunner.run(["probe", "arithmetic", "generate", "--experiment", "B", "--signatures", "7+7=8,8+8=8",
                                   "--problems", "3", "--formats", "nosep,comma_r2l", "-t", "bytes", "--out", manifest])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: manifest, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 12)
        let first = try Self.json(String(lines[0]))
        #expect(first["signature"] as? String == "7+7=8")
        #expect((first["question_tokens"] as? [String: Any])?["offsets"] != nil)
        // Stored responses: the right sum for every problem, by id.
        var responses = ""
        for l in lines {
            let o = try Self.json(String(l))
            let a = try #require(o["a"] as? Int), b = try #require(o["b"] as? Int)
            responses += "{\"id\":\"\(o["id"] as? String ?? "")\",\"response\":\"\(a + b)\",\"model\":\"oracle\"}\n"
        }
        try responses.write(toFile: dir + "/responses.jsonl", atomically: true, encoding: .utf8)
        r = try TokRunner.run(["probe", "arithmetic", "run", "--manifest", manifest, "--responses", dir + "/responses.jsonl",
                               "--out", dir + "/results.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try TokRunner.run(["probe", "arithmetic", "analyze", "--results", dir + "/results.jsonl", "--json", "--report", dir + "/report"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try Self.json(r.text)
        let groups = try #require(doc["groups"] as? [[String: Any]])
        let keys: Set<String> = ["model", "system_prompt", "problem_format", "answer_format", "shots", "spaces", "signature", "n", "correct", "accuracy"]
        for g in groups { #expect(keys.isSubset(of: Set(g.keys))) }
        let pooled = groups.filter { $0["signature"] is NSNull }
        #expect(pooled.count == 2)
        #expect(pooled.allSatisfy { $0["n"] as? Int == 6 && $0["correct"] as? Int == 6 && $0["shots"] as? Int == 8 && $0["model"] as? String == "oracle" })
        #expect(groups.contains { $0["signature"] as? String == "7+7=8" && $0["n"] as? Int == 3 })
        #expect((doc["error_signatures"] as? [Any])?.isEmpty == true)
        for f in ["report.md", "accuracy_vs_shots.svg", "signatures.svg", "digit_errors.svg", "problems.html"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/report/" + f))
        }
        // Rerunning skips what is done.
        r = try TokRunner.run(["probe", "arithmetic", "run", "--manifest", manifest, "--responses", dir + "/responses.jsonl",
                               "--out", dir + "/results.jsonl"])
        #expect(r.stderr.contains("0 answered, 12 already in"))
    }

    @Test("analyze --csv on the released experiment-B CSV: the contract JSON carries the paper's numbers",
          SharedData.requires("data/tokenization-counts/20240125_gpt35_0301_answer_length_effects.csv"))
    func releasedCSV() throws {
        let path = try #require(SharedData.path("data/tokenization-counts/20240125_gpt35_0301_answer_length_effects.csv"))
        let r = try TokRunner.run(["probe", "arithmetic", "analyze", "--csv", path, "--json"])
        #expect(r.status == 0)
        let doc = try Self.json(r.text)
        let groups = try #require(doc["groups"] as? [[String: Any]])
        let nosep78 = groups.first { $0["signature"] as? String == "7+7=8" && $0["problem_format"] as? String == "nosep" }
        #expect(nosep78?["correct"] as? Int == 5 && nosep78?["n"] as? Int == 100 && nosep78?["spaces"] as? Int == 0)
        let sigs = try #require(doc["error_signatures"] as? [[String: Any]])
        let top = sigs.first { $0["problem_format"] as? String == "nosep" && $0["length_match"] as? Bool == false }
        #expect(top?["wrong_digits"] as? [Int] == [4])
        #expect(top?["count"] as? Int == 361)
    }

    @Test("Malformed CSV rows are skipped with a count and their line numbers")
    func malformedCSV() throws {
        let r = try TokRunner.run(["probe", "arithmetic", "analyze", "--csv", "Fixtures/probes/malformed.csv", "--json"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("skipped 3 malformed row(s)"))
        for line in [3, 4, 6] { #expect(r.stderr.contains("malformed.csv:\(line):")) }
        let doc = try Self.json(r.text)
        #expect(doc["observations"] as? Int == 2)
        let skipped = try #require(doc["skipped"] as? [String: Any])
        #expect(skipped["count"] as? Int == 3)
    }

    @Test("Clear errors: impossible signature, no runner, unreachable endpoint (partial results kept)")
    func errors() throws {
        let dir = try Self.temporaryDirectory()
        var r = try TokRunner.run(["probe", "arithmetic", "generate", "--experiment", "B", "--signatures", "7+7=9", "--out", dir + "/x.jsonl"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("7+7=9 is impossible"))
        r = try TokRunner.run(["probe", "arithmetic", "generate", "--experiment", "B", "--signatures", "7+7=8", "--problems", "2",
                               "--formats", "nosep", "--out", dir + "/m.jsonl"])
        #expect(r.status == 0)
        r = try TokRunner.run(["probe", "arithmetic", "run", "--manifest", dir + "/m.jsonl", "--out", dir + "/r.jsonl"])
        #expect(r.status != 0 && r.stderr.contains("choose exactly one runner"))
        r = try TokRunner.run(["probe", "arithmetic", "run", "--manifest", dir + "/m.jsonl", "--endpoint", "http://127.0.0.1:9",
                               "--model-name", "x", "--attempts", "1", "--out", dir + "/r.jsonl"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("127.0.0.1:9") && r.stderr.contains("rerun the same command to resume"))
    }

    @Test("Token boundaries under cl100k: plain digits split left to right, commas force right-to-left chunks",
          SharedData.requires("vocabularies/openai-tiktoken/cl100k_base.tiktoken"))
    func cl100kBoundaries() throws {
        let vocabulary = try #require(SharedData.path("vocabularies/openai-tiktoken/cl100k_base.tiktoken"))
        let dir = try Self.temporaryDirectory()
        let r = try TokRunner.run(["probe", "arithmetic", "generate", "--experiment", "B", "--signatures", "7+7=8", "--problems", "1",
                                   "--formats", "nosep,comma_r2l", "--shots", "0", "-t", vocabulary, "--out", dir + "/m.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: dir + "/m.jsonl", encoding: .utf8).split(separator: "\n").map { try Self.json(String($0)) }
        #expect(lines.count == 2)
        for o in lines {
            let a = try #require(o["a"] as? Int), b = try #require(o["b"] as? Int)
            let pieces = try #require((o["question_tokens"] as? [String: Any])?["pieces"] as? [String])
            let answer = try #require((o["answer_tokens"] as? [String: Any])?["pieces"] as? [String])
            let sum = String(a + b)
            if o["problem_format"] as? String == "nosep" {
                // 7 digits: 3|3|1 from the left; the 8-digit answer: 3|3|2.
                #expect(pieces == chunks(String(a), fromLeft: true) + ["+"] + chunks(String(b), fromLeft: true) + ["="])
                #expect(answer == chunks(sum, fromLeft: true))
            } else {
                #expect(answer == chunks(sum, fromLeft: false).flatMap { [$0, ","] }.dropLast())
                #expect(pieces.first?.count == 1 && pieces[1] == ",")
            }
        }
    }

    func chunks(_ digits: String, fromLeft: Bool) -> [String] {
        let chars = Array(digits)
        let lead = fromLeft || chars.count % 3 == 0 ? 3 : chars.count % 3
        var out: [String] = [String(chars.prefix(lead))]
        var i = lead
        while i < chars.count { out.append(String(chars[i..<min(i + 3, chars.count)])); i += 3 }
        return out
    }

    @Test("run --model with the built-in runtime (stories260K): every problem gets a response",
          SharedData.requires("models/stories260K/stories260K.bin"))
    func builtinRun() throws {
        let folder = try #require(SharedData.path("models/stories260K"))
        let dir = try Self.temporaryDirectory()
        var r = try TokRunner.run(["probe", "arithmetic", "generate", "--experiment", "B", "--signatures", "7+7=8", "--problems", "2",
                                   "--shots", "1", "-t", folder + "/tok512.bin", "--out", dir + "/m.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try TokRunner.run(["probe", "arithmetic", "run", "--manifest", dir + "/m.jsonl", "--model", folder + "/stories260K.bin",
                               "-t", folder + "/tok512.bin", "--out", dir + "/r.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("4 answered"))
        r = try TokRunner.run(["probe", "arithmetic", "analyze", "--results", dir + "/r.jsonl", "--json"])
        let groups = try #require(try Self.json(r.text)["groups"] as? [[String: Any]])
        #expect(groups.contains { $0["model"] as? String == "stories260K.bin" && $0["n"] as? Int == 2 })
    }
}

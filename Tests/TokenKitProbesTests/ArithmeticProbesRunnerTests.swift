import Foundation
import Testing
import TokenKit
import TokenKitProbes
import TokenKitTestSupport

@Suite("Arithmetic probes: manifest, runners, round trips", .serialized)
struct ArithmeticProbesRunnerTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "tokenkit-probes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static let smallSweep = ProbeSweep(
        design: .signatures([try! LengthSignature(parsing: "7+7=8"), try! LengthSignature(parsing: "8+7=8")], problems: 20),
        formats: [.nosep, .commaR2L], shots: [2], seed: 11)

    @Test("Manifest lines carry operands, prompt, expected answer, carries and token boundaries; they read back")
    func manifestRoundTrip() throws {
        let dir = try Self.temporaryDirectory()
        let problems = try ProblemGenerator.generate(Self.smallSweep)
        let path = dir + "/m.jsonl"
        try ProbeManifest.write(problems, tokenizer: ByteTokenizer.raw, to: path)
        let (back, skipped) = try ProbeManifest.read(path: path)
        #expect(skipped.count == 0)
        #expect(back == problems)
        let first = try JSONParser.parse(Array(try Self.lines(path)[0].utf8))
        let p = problems[0]
        #expect(first["question"]?.stringValue == p.question)
        #expect(first["expected"]?.stringValue == String(p.a + p.b))
        #expect(first["carries"]?.arrayValue?.count == max(String(p.a).count, String(p.b).count))
        #expect(first["num_carries"]?.intValue == p.carries.count)
        let tokens = try #require(first["question_tokens"])
        #expect(tokens["ids"]?.arrayValue?.count == p.question.utf8.count, "raw bytes: one token per byte")
        #expect(tokens["offsets"]?.arrayValue?.first?.arrayValue?.map { $0.intValue } == [0, 1])
        #expect(first["answer_tokens"]?["pieces"]?.arrayValue?.count == p.expectedAnswer.utf8.count)
        #expect(first["messages"]?.arrayValue?.count == 1 + 2 * 2 + 1)
    }

    @Test("Malformed manifest and results lines are skipped with their line numbers")
    func malformedJSONL() throws {
        let dir = try Self.temporaryDirectory()
        let problems = try ProblemGenerator.generate(Self.smallSweep)
        let good = String(decoding: JSONWriter.serialize(try ProbeManifest.resultJSON(problems[0], model: "m", runner: "file", response: "1")), as: UTF8.self)
        let text = [good, "{not json", #"{"id":"x","a":"12","b":3,"problem_format":"nosep","response":"1"}"#,
                    #"{"id":"y","a":12,"b":3,"problem_format":"wat","response":"1"}"#, "", good.replacingOccurrences(of: "\"response\":\"1\"", with: "\"error\":\"timeout\"")]
            .joined(separator: "\n")
        let path = dir + "/r.jsonl"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (obs, skipped) = try ProbeManifest.readResults(path: path)
        #expect(obs.count == 1)
        #expect(skipped.rows.map(\.line) == [2, 3, 4, 6])
        #expect(skipped.rows[1].reason.contains("\"a\""))
        #expect(skipped.rows[3].reason.contains("timeout"))
        #expect(throws: ProbeError.self) { try ProbeManifest.read(path: dir + "/missing.jsonl") }
    }

    @Test("Built-in runner: generate → run → analyze with a scripted model over raw bytes reproduces the digit-4 pattern")
    func builtinRoundTrip() async throws {
        let dir = try Self.temporaryDirectory()
        let problems = try ProblemGenerator.generate(Self.smallSweep)
        let out = dir + "/results.jsonl"
        let responder = BuiltinResponder(tokenizer: ByteTokenizer.raw, model: ScriptedByteModel(faultyL2R: true))
        let summary = try await ProbeRunner.run(problems: problems, responder: responder, output: out, concurrency: 3)
        #expect(summary.completed == problems.count && summary.alreadyDone == 0)
        let (obs, skipped) = try ProbeManifest.readResults(path: out)
        #expect(skipped.count == 0 && obs.count == problems.count)
        let analysis = ProbeAnalysis(obs)
        let mismatch = try #require(analysis.conditions[.init(model: "scripted-l2r-faulty", problemFormat: "nosep", lengthMatch: false)])
        #expect(mismatch.n == 10 && mismatch.wrong == 10 && mismatch.signatures[[4]] == 10)
        let r2l = try #require(analysis.conditions[.init(model: "scripted-l2r-faulty", problemFormat: "comma_r2l", lengthMatch: false)])
        #expect(r2l.wrong == 0)
        let match = analysis.pooled { $0.signature?.lengthMatch == true }
        #expect(match.correct == match.n && match.n == 20)
        // Rerunning skips everything already answered.
        let again = try await ProbeRunner.run(problems: problems, responder: responder, output: out)
        #expect(again.completed == 0 && again.alreadyDone == problems.count)
        #expect(try Self.lines(out).count == problems.count)
    }

    @Test("HTTP runner: chat and completions against a local server, with retries on 503")
    func httpRoundTrip() async throws {
        let server = try ProbeTestServer { path, body, n in
            if n <= 5 { return (503, #"{"error":"busy"}"#) }  // the first requests fail: retried with backoff
            return (200, ScriptedAdder.reply(to: body, faultyL2R: true))
        }
        defer { server.stop() }
        let dir = try Self.temporaryDirectory()
        let problems = try ProblemGenerator.generate(Self.smallSweep)
        for api in OpenAIEndpointResponder.API.allCases {
            let out = dir + "/\(api.rawValue).jsonl"
            let responder = try OpenAIEndpointResponder(endpoint: server.url, modelName: "local-\(api.rawValue)", api: api,
                                                        attempts: 4, backoff: 0.01, timeout: 10)
            let summary = try await ProbeRunner.run(problems: problems, responder: responder, output: out, concurrency: 4)
            #expect(summary.completed == problems.count)
            #expect(try Self.lines(out).count == problems.count)
            let (obs, _) = try ProbeManifest.readResults(path: out)
            let analysis = ProbeAnalysis(obs)
            let c = try #require(analysis.conditions[.init(model: "local-\(api.rawValue)", problemFormat: "nosep", lengthMatch: false)])
            #expect(c.signatures[[4]] == 10)
            let json = try JSONParser.parse(JSONWriter.serialize(analysis.json()))
            let groups = try #require(json["groups"]?.arrayValue)
            #expect(groups.contains { $0["signature"]?.stringValue == "7+7=8" && $0["problem_format"]?.stringValue == "nosep" && $0["correct"]?.intValue == 0 })
        }
        #expect(server.paths.contains("/v1/chat/completions") && server.paths.contains("/v1/completions"))
        #expect(server.requestCount == 2 * 40 + 5)
    }

    @Test("HTTP runner: an unreachable endpoint is a clear error; a server that dies mid-run keeps partial results and the rerun resumes")
    func httpFailures() async throws {
        let dir = try Self.temporaryDirectory()
        let problems = try ProblemGenerator.generate(Self.smallSweep)
        let dead = try OpenAIEndpointResponder(endpoint: "http://127.0.0.1:\(ProbeTestServer.deadPort())", modelName: "x",
                                               attempts: 2, backoff: 0.01, timeout: 5)
        await #expect(throws: ProbeError.self) {
            try await ProbeRunner.run(problems: problems, responder: dead, output: dir + "/dead.jsonl")
        }
        // A server that answers 15 requests, then refuses with HTTP 400 (not retried).
        let flaky = try ProbeTestServer { _, body, n in
            n <= 15 ? (200, ScriptedAdder.reply(to: body, faultyL2R: false)) : (400, #"{"error":"quota"}"#)
        }
        let out = dir + "/partial.jsonl"
        let responder = try OpenAIEndpointResponder(endpoint: flaky.url + "/v1", modelName: "flaky", attempts: 3, backoff: 0.01)
        do {
            _ = try await ProbeRunner.run(problems: problems, responder: responder, output: out, concurrency: 1)
            Issue.record("expected the run to stop")
        } catch {
            #expect(error.message.contains("HTTP 400"))
            #expect(error.message.contains("15 of 40"))
        }
        flaky.stop()
        #expect(try Self.lines(out).count == 15)
        let good = try ProbeTestServer { _, body, _ in (200, ScriptedAdder.reply(to: body, faultyL2R: false)) }
        defer { good.stop() }
        let resumed = try await ProbeRunner.run(
            problems: problems, responder: try OpenAIEndpointResponder(endpoint: good.url, modelName: "flaky"), output: out)
        #expect(resumed.alreadyDone == 15 && resumed.completed == 25)
        #expect(good.requestCount == 25)
        let (obs, _) = try ProbeManifest.readResults(path: out)
        #expect(Set(obs.compactMap(\.problemID)).count == 40)
        #expect(ProbeAnalysis(obs).pooled { $0.signature != nil }.correct == 40)
    }

    @Test("A results file cut mid-line (a crash) resumes: the broken line is reported, the problem answered again")
    func truncatedResults() async throws {
        let dir = try Self.temporaryDirectory()
        let problems = try ProblemGenerator.generate(Self.smallSweep)
        let responder = BuiltinResponder(tokenizer: ByteTokenizer.raw, model: ScriptedByteModel(faultyL2R: false))
        let out = dir + "/r.jsonl"
        _ = try await ProbeRunner.run(problems: Array(problems.prefix(5)), responder: responder, output: out)
        // Cut the last line in half, as a killed process would leave it.
        var text = try String(contentsOfFile: out, encoding: .utf8)
        text.removeLast(40)
        try text.write(toFile: out, atomically: true, encoding: .utf8)
        let resumed = try await ProbeRunner.run(problems: problems, responder: responder, output: out)
        #expect(resumed.alreadyDone == 4 && resumed.completed == problems.count - 4)
        let (obs, skipped) = try ProbeManifest.readResults(path: out)
        #expect(obs.count == problems.count)
        #expect(skipped.rows.map(\.line) == [5])
        #expect(skipped.rows.first?.reason.contains("malformed JSON") == true)
    }

    @Test("File runner: responses by id (JSONL) and by question (the paper's CSV columns)")
    func fileRunner() async throws {
        let dir = try Self.temporaryDirectory()
        let problems = try ProblemGenerator.generate(Self.smallSweep)
        let jsonl = problems.map { #"{"id":"\#($0.id)","response":"\#($0.a + $0.b)","model":"stored"}"# }.joined(separator: "\n")
        try jsonl.write(toFile: dir + "/resp.jsonl", atomically: true, encoding: .utf8)
        let r1 = try FileResponder(path: dir + "/resp.jsonl")
        #expect(r1.modelName == "stored")
        _ = try await ProbeRunner.run(problems: problems, responder: r1, output: dir + "/out1.jsonl")
        #expect(ProbeAnalysis(try ProbeManifest.readResults(path: dir + "/out1.jsonl").observations).pooled { $0.signature == nil }.correct == 40)
        var csv = ",problem_msg,response,num_shots,system_prompt,model\n"
        for (i, p) in problems.enumerated() { csv += "\(i),\(p.question.contains(",") ? "\"\(p.question)\"" : p.question),\"\(p.expectedAnswer)\",2,\(p.systemPrompt),gpt\n" }
        try csv.write(toFile: dir + "/resp.csv", atomically: true, encoding: .utf8)
        let r2 = try FileResponder(path: dir + "/resp.csv")
        _ = try await ProbeRunner.run(problems: problems, responder: r2, output: dir + "/out2.jsonl")
        let (obs, _) = try ProbeManifest.readResults(path: dir + "/out2.jsonl")
        #expect(obs.count == 40 && obs.allSatisfy { $0.model == "gpt" })
        let t = ProbeAnalysis(obs).pooled { $0.signature == nil }
        #expect(t.correct == 40 && t.formattedCorrect == 40)
        // A response file that lacks a problem stops the run with a clear error.
        try "{\"id\":\"nope\",\"response\":\"1\"}\n".write(toFile: dir + "/few.jsonl", atomically: true, encoding: .utf8)
        await #expect(throws: ProbeError.self) {
            try await ProbeRunner.run(problems: problems, responder: try FileResponder(path: dir + "/few.jsonl"), output: dir + "/out3.jsonl")
        }
    }

    @Test("Report: Markdown, three SVG plots and the problem view are written")
    func report() throws {
        let obs = [
            ProbeObservation(model: "m", systemPrompt: "", problemFormat: .nosep, answerFormat: .nosep, shots: 1, spaces: 0,
                             a: 7718526, b: 31386286, response: "39004812"),
            ProbeObservation(model: "m", systemPrompt: "", problemFormat: .commaR2L, answerFormat: .commaR2L, shots: 1, spaces: 0,
                             a: 7718526, b: 31386286, response: "39,104,812"),
        ]
        let dir = try Self.temporaryDirectory() + "/nested/report"
        try ProbeReport.write(ProbeAnalysis(obs), to: dir)
        for f in ProbeReport.files { #expect(FileManager.default.fileExists(atPath: dir + "/" + f), "\(f)") }
        let svg = try String(contentsOfFile: dir + "/digit_errors.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && !svg.contains("http://fonts") && !svg.contains("@import"))
        let html = try String(contentsOfFile: dir + "/problems.html", encoding: .utf8)
        #expect(html.contains("39004812"))
        #expect(html.contains("class=\"t0 w\""))  // the wrong digit 0 in the first L2R token
        #expect(!html.contains("<td class=\"t1\">9</td>"), "3-digit chunks: the answer's second digit is in token 1")
        // With a tokenizer the real boundaries are marked: raw bytes make every digit a token.
        try ProbeReport.write(ProbeAnalysis(obs), to: dir, tokenizer: ByteTokenizer.raw)
        let byBytes = try String(contentsOfFile: dir + "/problems.html", encoding: .utf8)
        #expect(byBytes.contains("<td class=\"t1\">9</td>"))
    }
}

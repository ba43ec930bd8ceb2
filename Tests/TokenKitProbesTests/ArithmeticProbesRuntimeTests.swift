import Foundation
import Testing
import TokenKit
import TokenKitProbes
import TokenKitLM
import TokenKitSentencePiece
import TokenKitTestSupport

/// The built-in runner on the real LM runtime with the shared stories260K model.
@Suite("Arithmetic probes: built-in runtime (stories260K)", .serialized,
       SharedData.requires("models/stories260K/stories260K.bin"))
struct ArithmeticProbesRuntimeTests {
    static func load() throws -> (LlamaModel, LlamaTokenizer) {
        let folder = try #require(SharedData.path("models/stories260K"))
        let model = try LlamaModel.load(path: folder + "/stories260K.bin")
        let tokenizer = try LlamaTokenizer.load(path: folder + "/tok512.bin", vocabularySize: model.vocabularySize)
        return (model, tokenizer)
    }

    @Test("Greedy continuation equals the LM runtime's own greedy generator (up to the stop token)")
    func greedyMatchesGenerator() throws {
        let (model, tokenizer) = try Self.load()
        let runtime = RuntimeLanguageModel(model, name: "stories260K")
        let generator = try Generator(model: model, tokenizer: tokenizer)
        for prompt in ["Once upon a time", "You are a helpful assistant.\n\n12+30=42\n7+8=", "1,234+5,678="] {
            let ids = try tokenizer.encode(prompt).ids
            let mine = try runtime.greedyContinuation(of: ids, maxTokens: 24) { _ in false }
            let reference = try generator.generate(prompt: Array(prompt.utf8), steps: ids.count - 1 + 24, sampling: .greedy)
            #expect(mine.count == 24 || reference.stop != .steps)
            #expect(Array(mine.prefix(reference.ids.count)) == reference.ids, "\(prompt)")
        }
    }

    @Test("The answer's log-probability in the results equals the runtime's own scoring of prompt + answer")
    func answerLogProbability() async throws {
        let (model, tokenizer) = try Self.load()
        let problems = try ProblemGenerator.generate(ProbeSweep(design: .signatures([try LengthSignature(parsing: "7+7=8")], problems: 2),
                                                                formats: [.nosep, .commaR2L], shots: [1], seed: 3))
        let responder = BuiltinResponder(tokenizer: tokenizer, model: RuntimeLanguageModel(model, name: "stories260K"))
        for p in problems {
            let details = try await responder.details(for: p)
            let value = try #require(details.first { $0.key == "answer_logprob" }?.value.doubleValue)
            let prompt = try tokenizer.encode(p.completionPrompt).ids
            let full = try tokenizer.encode(p.completionPrompt + p.expectedAnswer).ids
            #expect(Array(full.prefix(prompt.count)) == prompt)
            let reference = try model.score(full).suffix(full.count - prompt.count).reduce(0, +)
            // float32 runtime: batched scoring (sgemm) and token-by-token steps agree to ~1e-4 per token.
            #expect(abs(value - reference) < 1e-3, "\(p.question)")
            #expect(value < 0)
        }
        // Through the runner and the analysis: the group mean is recorded.
        let dir = NSTemporaryDirectory() + "tokenkit-probes-lp-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = try await ProbeRunner.run(problems: problems, responder: responder, output: dir + "/r.jsonl")
        let (obs, _) = try ProbeManifest.readResults(path: dir + "/r.jsonl")
        #expect(obs.allSatisfy { $0.answerLogProbability != nil })
        let t = ProbeAnalysis(obs).pooled { $0.signature == nil && $0.problemFormat == "nosep" }
        #expect(t.answerLogProbabilityCount == 2 && (t.meanAnswerLogProbability ?? 0) < 0)
    }

    @Test("generate → run (built-in) → analyze round trip; rerun resumes; too-long prompts are clear errors")
    func roundTrip() async throws {
        let (model, tokenizer) = try Self.load()
        let sweep = ProbeSweep(design: .signatures([try LengthSignature(parsing: "7+7=8")], problems: 3),
                               formats: [.nosep, .commaR2L], shots: [2], seed: 1)
        let problems = try ProblemGenerator.generate(sweep)
        let dir = NSTemporaryDirectory() + "tokenkit-probes-lm-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let responder = BuiltinResponder(tokenizer: tokenizer, model: RuntimeLanguageModel(model, name: "stories260K"))
        let out = dir + "/results.jsonl"
        let summary = try await ProbeRunner.run(problems: problems, responder: responder, output: out, concurrency: 2)
        #expect(summary.completed == 6)
        let (obs, skipped) = try ProbeManifest.readResults(path: out)
        #expect(skipped.count == 0 && obs.count == 6)
        #expect(obs.allSatisfy { $0.model == "stories260K" && !$0.response.contains("\n") })
        // Greedy decoding is deterministic: the same problem gives the same response twice.
        let again = try await responder.respond(to: problems[0])
        #expect(obs.first { $0.problemID == problems[0].id }?.response == again)
        let analysis = ProbeAnalysis(obs)
        #expect(analysis.pooled { $0.signature != nil }.n == 6)
        #expect(try await ProbeRunner.run(problems: problems, responder: responder, output: out).alreadyDone == 6)
        // 40 shots of 9-digit sums do not fit the 512-token context: a clear error, nothing written.
        let long = try ProblemGenerator.generate(ProbeSweep(design: .experimentA, formats: [.nosep], shots: [40],
                                                            systemPrompts: [SystemPrompts.mathGPT]))
        await #expect(throws: ProbeError.self) {
            try await ProbeRunner.run(problems: Array(long.prefix(1)), responder: responder, output: dir + "/long.jsonl")
        }
    }
}

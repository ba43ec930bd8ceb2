import ArgumentParser
import TokenKit
import TokenKitCatalog
import TokenKitProbes

/// `tok probe arithmetic run`.
struct ArithmeticRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Answer a manifest's problems with a model; write results (JSON lines).",
        discussion: """
            Choose one runner: the built-in runtime (--model CHECKPOINT --tokenizer T), an \
            OpenAI-compatible endpoint (--endpoint URL --model-name NAME; temperature 0, retries \
            with backoff, --concurrency requests at once), or stored responses (--responses FILE: \
            JSON lines with id/question and response, or a CSV with the paper's problem_msg and \
            response columns). Results are appended as they arrive; rerunning the same command \
            skips problems that already have a response, so an interrupted run resumes.
            """)

    @Option(help: ArgumentHelp("The manifest from `generate`.", valueName: "file"))
    var manifest: String

    @Option(help: ArgumentHelp("Built-in runner: a llama2.c checkpoint.", valueName: "path"))
    var model: String?

    @Option(name: [.customShort("t"), .customLong("tokenizer")],
            help: ArgumentHelp("Built-in runner: the model's tokenizer (a built-in name or a path).", valueName: "spec"))
    var tokenizer: String?

    @Option(help: ArgumentHelp("HTTP runner: the server's base URL or full endpoint URL.", valueName: "url"))
    var endpoint: String?

    @Option(help: ArgumentHelp("HTTP runner: the model name to request.", valueName: "name"))
    var modelName: String?

    @Option(help: ArgumentHelp("HTTP runner: chat (/v1/chat/completions) or completions (/v1/completions).", valueName: "api"))
    var api: String = "chat"

    @Option(help: ArgumentHelp("HTTP runner: read a bearer token from this environment variable.", valueName: "name"))
    var apiKeyEnv: String?

    @Option(help: ArgumentHelp("File runner: stored responses.", valueName: "file"))
    var responses: String?

    @Option(help: ArgumentHelp("The results file (appended; existing answers are kept and skipped).", valueName: "file"))
    var out: String

    @Option(help: "Problems in flight at once.")
    var concurrency: Int = 4

    @Option(help: "Attempts per problem for the HTTP runner.")
    var attempts: Int = 5

    @Option(help: "Seconds before the first retry (doubling after each).")
    var backoff: Double = 0.5

    @Option(help: "Seconds before an HTTP request times out.")
    var timeout: Double = 60

    @Option(help: "Tokens to generate at most.")
    var maxTokens: Int = 20

    func validate() throws {
        if OpenAIEndpointResponder.API(rawValue: api) == nil { throw ValidationError("--api must be chat or completions, not '\(api)'") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1, not \(concurrency)") }
        if attempts < 1 { throw ValidationError("--attempts must be at least 1, not \(attempts)") }
        if !(backoff >= 0) { throw ValidationError("--backoff must be 0 or more, not \(backoff)") }
        if !(timeout > 0) { throw ValidationError("--timeout must be more than 0, not \(timeout)") }
        if maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1, not \(maxTokens)") }
    }

    func run() async throws {
        let chosen = [model != nil, endpoint != nil, responses != nil].filter { $0 }.count
        guard chosen == 1 else {
            throw CLIError.usage("choose exactly one runner: --model (with --tokenizer), --endpoint (with --model-name) or --responses")
        }
        let (problems, skipped) = try probeStep { () throws(ProbeError) in try ProbeManifest.read(path: manifest) }
        reportSkipped(skipped, in: manifest)
        let responder: any ProbeResponder
        if let endpoint {
            guard let modelName else { throw CLIError.usage("--endpoint needs --model-name") }
            guard let kind = OpenAIEndpointResponder.API(rawValue: api) else { throw CLIError.usage("--api must be chat or completions") }
            var key: String?
            if let name = apiKeyEnv {
                guard let value = Environment.value(name) else { throw CLIError("--api-key-env: \(name) is not set") }
                key = value
            }
            responder = try probeStep { () throws(ProbeError) in
                try OpenAIEndpointResponder(endpoint: endpoint, modelName: modelName, api: kind, maxTokens: maxTokens,
                                            attempts: attempts, backoff: backoff, timeout: timeout, apiKey: key)
            }
        } else if let responses {
            let file = try probeStep { () throws(ProbeError) in try FileResponder(path: responses, modelName: modelName) }
            reportSkipped(file.skipped, in: responses)
            responder = file
        } else {
            responder = try builtinResponder()
        }
        let summary = try await runProbes(problems, responder)
        printError("\(summary.completed) answered, \(summary.alreadyDone) already in \(out), \(summary.total) in the manifest")
    }

    func runProbes(_ problems: [ArithmeticProblem], _ responder: any ProbeResponder) async throws(CLIError) -> ProbeRunner.Summary {
        do throws(ProbeError) {
            return try await ProbeRunner.run(problems: problems, responder: responder, output: out, concurrency: concurrency)
        } catch {
            throw CLIError(error.description)
        }
    }

    func builtinResponder() throws -> any ProbeResponder {
        guard let model, let tokenizer else { throw CLIError.usage("--model needs --tokenizer") }
        let tok: any Tokenizer
        do throws(LoadError) { tok = try TokenizerCatalog.standard.resolve(tokenizer) } catch { throw CLIError(error.description) }
        let lm = try probeStep { () throws(ProbeError) in try BuiltinModels.load(path: model) }
        return BuiltinResponder(tokenizer: tok, model: lm, maxTokens: maxTokens)
    }
}

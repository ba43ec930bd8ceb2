import ArgumentParser
import TokenKit
import TokenKitLM
import TokenKitSentencePiece

/// `tok lm`: run a llama2.c model (generate, score).
struct LMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lm",
        abstract: "Run a small Llama-2-architecture model from a llama2.c checkpoint.",
        discussion: """
            Models are llama2.c "legacy" checkpoints (.bin) with their llama2.c tokenizer \
            (tokenizer.bin, tok512.bin). Computation is float32 on one thread, with OpenBLAS \
            when libopenblas.so.0 loads (--backend auto) or vectorized Swift.

            Examples:
              tok lm generate --model stories260K.bin --tokenizer tok512.bin --temperature 0
              tok lm generate --model stories260K.bin --tokenizer tok512.bin --prompt 'Lily' --json
              tok lm score --model stories260K.bin --tokenizer tok512.bin story.txt
              tok lm next --model stories260K.bin --tokenizer tok512.bin --prompt 'Once upon a' --top 5
            """,
        subcommands: [LMGenerateCommand.self, LMScoreCommand.self, LMNextCommand.self])
}

/// The model, tokenizer and backend options the `lm` subcommands share.
struct LMModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The llama2.c checkpoint.", valueName: "path"))
    var model: String

    @Option(name: [.customShort("t"), .customLong("tokenizer")], help: ArgumentHelp("The llama2.c tokenizer file.", valueName: "path"))
    var tokenizer: String

    @Option(help: ArgumentHelp("Matrix backend: auto (OpenBLAS if it loads), openblas or swift.", valueName: "name"))
    var backend: String = "auto"

    func validate() throws {
        if !["auto", "openblas", "swift"].contains(backend) { throw ValidationError("--backend must be auto, openblas or swift, not '\(backend)'") }
    }

    /// Loads and pairs the model and tokenizer.
    func load() throws(CLIError) -> (LlamaModel, LlamaTokenizer) {
        try Self.load(model: model, tokenizer: tokenizer, backend: Self.matmul(named: backend))
    }

    /// The matrix backend called `name`, or a one-line error.
    static func matmul(named name: String) throws(CLIError) -> any MatmulBackend {
        guard let matmul = MatmulBackends.named(name) else {
            if name == "openblas" { throw CLIError("OpenBLAS could not be loaded (libopenblas.so.0); use --backend swift") }
            throw CLIError.usage("unknown backend '\(name)' (auto, openblas, swift)")
        }
        return matmul
    }

    /// Loads a checkpoint and its tokenizer (checked against the model's vocabulary size).
    static func load(model: String, tokenizer: String, backend: any MatmulBackend) throws(CLIError) -> (LlamaModel, LlamaTokenizer) {
        let lm: LlamaModel
        do throws(LMLoadError) { lm = try LlamaModel.load(path: model, backend: backend) } catch { throw CLIError(error.description) }
        do throws(LoadError) {
            return (lm, try LlamaTokenizer.load(path: tokenizer, vocabularySize: lm.vocabularySize))
        } catch {
            throw CLIError(error.description)
        }
    }
}

/// `tok lm generate`.
struct LMGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate text after a prompt.",
        discussion: """
            The prompt is encoded with BOS first, as llama2.c does; an empty prompt is BOS alone. \
            --steps counts positions as llama2.c's run.c does (the prompt's tokens after BOS \
            count too). Generation stops at the step limit, at the model's sequence length, or \
            when BOS or EOS is sampled. Output: the prompt and the generated text; with --json, \
            {"prompt_ids":[...],"ids":[...],"text":"..."} where ids and text are the generated \
            part only. Temperature 0 is greedy decoding.
            """)

    @OptionGroup var options: LMModelOptions

    @Option(help: "The prompt text.")
    var prompt: String = ""

    @Option(help: "Positions to run, prompt included (run.c's -n).")
    var steps: Int = 256

    @Option(help: "Sampling temperature; 0 is greedy.")
    var temperature: Float = 1.0

    @Option(name: .customLong("top-p"), help: "Nucleus sampling mass (1 disables).")
    var topP: Float = 0.9

    @Option(name: .customLong("top-k"), help: "Keep only the k most likely tokens (0 disables).")
    var topK: Int = 0

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Flag(help: "Print JSON: {\"prompt_ids\":[...],\"ids\":[...],\"text\":\"...\"}.")
    var json = false

    @Flag(help: "Print tokens/s to standard error.")
    var stats = false

    /// CPU time of this thread (insensitive to other processes on a shared machine).
    static func cpuSeconds() -> Double { Timing.threadCPUSeconds() }

    func validate() throws {
        if steps < 1 { throw ValidationError("--steps must be at least 1, not \(steps)") }
        if !(temperature >= 0) { throw ValidationError("--temperature must be 0 or more, not \(temperature)") }
        if !(topP > 0 && topP <= 1) { throw ValidationError("--top-p must be in (0, 1], not \(topP)") }
        if topK < 0 { throw ValidationError("--top-k must be 0 (off) or more, not \(topK)") }
    }

    func run() throws {
        let (model, tokenizer) = try options.load()
        let generator: Generator
        do throws(LMError) { generator = try Generator(model: model, tokenizer: tokenizer) } catch { throw CLIError(error.description) }
        let sampling = SamplingOptions(temperature: temperature, topK: topK, topP: topP, seed: seed)
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = Self.cpuSeconds()
        let result: Generation
        do throws(LMError) {
            result = try generator.generate(prompt: Array(prompt.utf8), steps: steps, sampling: sampling)
        } catch {
            throw CLIError(error.description)
        }
        let elapsed = clock.now - start
        let cpu = Self.cpuSeconds() - cpuStart
        var out = OutputStream.standardOutput()
        if json {
            var line: [UInt8] = Array("{\"prompt_ids\":".utf8)
            JSONWriter.appendIntegers(result.promptIDs, to: &line)
            line += Array(",\"ids\":".utf8)
            JSONWriter.appendIntegers(result.ids, to: &line)
            line += Array(",\"text\":".utf8)
            JSONWriter.appendString(String(decoding: result.text, as: UTF8.self), to: &line)
            line += Array("}\n".utf8)
            try out.write(line)
        } else {
            let promptText = (try? tokenizer.decode(result.promptIDs, options: DecodeOptions(skipSpecialTokens: true))) ?? []
            try out.write(promptText + result.text)
            try out.write("\n")
        }
        if stats {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            // Forward passes: every prompt token, then every generated token but the last.
            let positions = result.promptIDs.count + max(0, result.ids.count - 1)
            printError("\(positions) forward passes in \(seconds) s: \(Double(positions) / max(seconds, 1e-9)) tok/s; "
                + "CPU \(cpu) s: \(Double(positions) / max(cpu, 1e-9)) tok/s per CPU second (backend \(model.backend.name), stop: \(result.stop.rawValue))")
        }
        try out.flush()
    }
}

/// `tok lm score`.
struct LMScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Log-probability of each token of a text, with total and perplexity.",
        discussion: """
            Encodes FILE (or standard input) with BOS first and prints, per token after BOS, its \
            position, id, text and natural-log probability; then the total, the token count and \
            the perplexity exp(-total / count). With --json: {"ids":[...],"logprobs":[...],\
            "total":...,"tokens":N,"perplexity":...}. The text must fit the model's sequence length.
            """)

    @OptionGroup var options: LMModelOptions

    @Flag(help: "Print one JSON object.")
    var json = false

    @Argument(help: ArgumentHelp("The text to score; - or none reads standard input.", valueName: "file"))
    var file: String = "-"

    func run() throws {
        let (model, tokenizer) = try options.load()
        let input = try InputFiles.open(file)
        let name = InputFiles.displayName(file)
        let ids: [TokenID]
        do throws(TokenizerError) {
            ids = try tokenizer.encode(input.bytes, options: .default).ids
        } catch {
            throw CLIError(error, in: name)
        }
        let result: SequenceScore
        do throws(LMError) { result = try model.scoreSequence(ids) } catch { throw CLIError("\(name): \(error.description)") }
        let scores = result.logProbabilities
        let total = result.total
        let perplexity = result.perplexity
        var out = OutputStream.standardOutput()
        if json {
            var line: [UInt8] = Array("{\"ids\":".utf8)
            JSONWriter.appendIntegers(ids, to: &line)
            line += Array(",\"logprobs\":[".utf8)
            line += Array(scores.map { "\($0)" }.joined(separator: ",").utf8)
            line += Array("],\"total\":\(total),\"tokens\":\(scores.count),\"perplexity\":\(perplexity)}\n".utf8)
            try out.write(line)
            try out.flush()
            return
        }
        for (k, lp) in scores.enumerated() {
            let id = ids[k + 1]
            try out.write("\(k + 1)\t\(id)\t\(Self.quoted(tokenizer.displayString(id) ?? "?"))\t\(lp)\n")
        }
        try out.write("total\t\(total)\ntokens\t\(scores.count)\nperplexity\t\(perplexity)\n")
        try out.flush()
    }

    /// The token text as a JSON string literal, so tabs and newlines stay on one line.
    static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONWriter.appendString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// `tok lm next`.
struct LMNextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "The most likely next tokens after a prompt, with log-probabilities.",
        discussion: """
            Encodes the prompt with BOS first (an empty prompt is BOS alone) and prints the TOP \
            most likely next tokens: id, text and natural-log probability, most likely first. \
            With --json: {"prompt_ids":[...],"next":[{"id":..,"token":"..","logprob":..},...]}.
            """)

    @OptionGroup var options: LMModelOptions

    @Option(help: "The prompt text.")
    var prompt: String = ""

    @Option(help: "How many tokens to list.")
    var top: Int = 10

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1, not \(top)") }
    }

    func run() throws {
        let (model, tokenizer) = try options.load()
        let ids: [TokenID]
        do throws(TokenizerError) { ids = try tokenizer.encode(prompt).ids } catch { throw CLIError(error, in: "--prompt") }
        let logProbs: [Float]
        do throws(LMError) { logProbs = try model.nextTokenLogProbabilities(after: ids) } catch { throw CLIError(error.description) }
        let order = logProbs.indices.sorted { logProbs[$0] != logProbs[$1] ? logProbs[$0] > logProbs[$1] : $0 < $1 }
            .prefix(max(0, top))
        var out = OutputStream.standardOutput()
        if json {
            var line: [UInt8] = Array("{\"prompt_ids\":".utf8)
            JSONWriter.appendIntegers(ids, to: &line)
            line += Array(",\"next\":[".utf8)
            for (k, i) in order.enumerated() {
                if k > 0 { line.append(0x2C) }
                line += Array("{\"id\":\(i),\"token\":".utf8)
                JSONWriter.appendString(tokenizer.displayString(TokenID(i)) ?? "", to: &line)
                line += Array(",\"logprob\":\(Double(logProbs[i]))}".utf8)
            }
            line += Array("]}\n".utf8)
            try out.write(line)
            try out.flush()
            return
        }
        for i in order {
            try out.write("\(i)\t\(LMScoreCommand.quoted(tokenizer.displayString(TokenID(i)) ?? "?"))\t\(Double(logProbs[i]))\n")
        }
        try out.flush()
    }
}

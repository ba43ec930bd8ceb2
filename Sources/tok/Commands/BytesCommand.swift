import ArgumentParser
import TokenKit
import TokenKitByteProbabilities
import TokenKitLM
import TokenKitSentencePiece

/// `tok bytes`: exact byte-level probabilities from a token-level LM (Phan et al.).
struct BytesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bytes",
        abstract: "Exact next-byte probabilities, byte sampling and fill-in-the-middle from a token-level LM.",
        discussion: """
            The byte stream is the tokenizer's dummy-prefix space (SentencePiece, tok512) followed \
            by --prompt; the LM context starts with BOS. Outcomes are bytes 0-255 (as decimal \
            strings) and END (BOS or EOS at a token boundary). Give --model/--tokenizer several \
            times (with --weight) for an ensemble that averages the models' next-byte distributions.

            Examples:
              tok bytes next --model stories260K.bin --tokenizer tok512.bin --prompt 'Once upon a ti' --top 5
              tok bytes next --model stories260K.bin --tokenizer tok512.bin --prompt 'Once upon a ti' --json
              tok bytes next ... --prompt 'Once upon a ti' --baseline naive --json
              tok bytes generate --model stories260K.bin --tokenizer tok512.bin --prompt 'Once upon a ti' --bytes 40 --temperature 0
              tok bytes fim --model M --tokenizer T --prefix 'def f(' --suffix ')' --bytes 20
            """,
        subcommands: [BytesNextCommand.self, BytesGenerateCommand.self, BytesFIMCommand.self])
}

/// Models, tokenizers and weights shared by the `bytes` subcommands.
struct BytesModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A llama2.c checkpoint (repeat for an ensemble).", valueName: "path"))
    var model: [String]

    @Option(name: [.customShort("t"), .customLong("tokenizer")],
            help: ArgumentHelp("The model's llama2.c tokenizer (one per --model).", valueName: "path"))
    var tokenizer: [String]

    @Option(help: ArgumentHelp("Ensemble weight per model (default equal).", valueName: "w"))
    var weight: [Double] = []

    @Option(help: ArgumentHelp("canonical (valid encodings only) or all-paths.", valueName: "mode"))
    var mode: String = "canonical"

    @Option(help: ArgumentHelp("Matrix backend: auto, openblas or swift.", valueName: "name"))
    var backend: String = "auto"

    func validate() throws {
        if CoverMode(rawValue: mode) == nil { throw ValidationError("--mode must be canonical or all-paths, not '\(mode)'") }
        if !["auto", "openblas", "swift"].contains(backend) { throw ValidationError("--backend must be auto, openblas or swift, not '\(backend)'") }
        if weight.contains(where: { !($0 >= 0) }) { throw ValidationError("--weight values must be 0 or more") }
        if model.count != tokenizer.count {
            throw ValidationError("\(model.count) --model but \(tokenizer.count) --tokenizer options (one tokenizer per model)")
        }
        if !weight.isEmpty && weight.count != model.count { throw ValidationError("\(model.count) --model but \(weight.count) --weight options") }
    }

    typealias Model = ByteLevelModel<LlamaTokenizer, LanguageModelSource<LlamaModel>>

    func coverMode() throws(CLIError) -> CoverMode {
        guard let m = CoverMode(rawValue: mode) else { throw CLIError.usage("unknown --mode '\(mode)' (canonical, all-paths)") }
        return m
    }

    /// Loads every (model, tokenizer) pair (their counts were checked in ``validate()``).
    func load() throws(CLIError) -> [(LlamaModel, LlamaTokenizer)] {
        guard !model.isEmpty else { throw CLIError.usage("give --model") }
        let matmul = try LMModelOptions.matmul(named: backend)
        var out: [(LlamaModel, LlamaTokenizer)] = []
        for (m, t) in zip(model, tokenizer) {
            out.append(try LMModelOptions.load(model: m, tokenizer: t, backend: matmul))
        }
        return out
    }

    /// One byte-level model, or an ensemble of them, after `prompt`.
    func byteModel(prompt: [UInt8]) throws(CLIError) -> any ByteDistributionModel {
        let mode = try coverMode()
        var members: [any ByteDistributionModel] = []
        for (m, t) in try load() {
            do throws(ByteProbabilityError) {
                members.append(try ByteProbabilities.model(model: m, tokenizer: t, prompt: prompt, mode: mode))
            } catch {
                throw CLIError(error.description)
            }
        }
        if members.count == 1 { return members[0] }
        do throws(ByteProbabilityError) {
            return try ByteEnsemble(members, weights: weight.isEmpty ? nil : weight)
        } catch {
            throw CLIError(error.description)
        }
    }
}

/// JSON and text rendering of distributions.
enum BytesOutput {
    /// `{"<outcome>": p, ...}`: all outcomes in index order, or the `top` most likely.
    static func appendDistribution(_ d: NextByteDistribution, top: Int?, to line: inout [UInt8]) {
        let entries: [(Int, Double)] = top.map { d.top($0).map { ($0.outcome, $0.probability) } }
            ?? d.probabilities.enumerated().map { ($0.offset, $0.element) }
        line.append(UInt8(ascii: "{"))
        for (k, (i, p)) in entries.enumerated() {
            if k > 0 { line.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(d.name(i), to: &line)
            line += Array(":\(p)".utf8)
        }
        line.append(UInt8(ascii: "}"))
    }

    /// A readable label for an outcome: the character for printable ASCII, else hex.
    static func label(_ d: NextByteDistribution, _ i: Int) -> String {
        if i >= 256 { return d.name(i) }
        if i >= 0x21 && i <= 0x7E { return "'" + String(UnicodeScalar(UInt8(i))) + "'" }
        if i == 0x20 { return "' '" }
        let hex = Array("0123456789ABCDEF")
        return "0x" + String(hex[i >> 4]) + String(hex[i & 15])
    }
}

/// `tok bytes next`.
struct BytesNextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "The exact next-byte distribution after a prompt (or a baseline's).",
        discussion: """
            With --json prints {"prompt": S, "distribution": {"<byte 0-255 or END>": p, ...}, \
            "lm_calls": n}: every outcome, or the --top K most likely. --baseline naive|healing \
            prints that baseline's distribution instead (in text mode next to the exact one, with \
            the total-variation distance).
            """)

    @OptionGroup var options: BytesModelOptions

    @Option(help: "The prompt text.")
    var prompt: String

    @Option(help: ArgumentHelp("naive (prompt with enc(x)) or healing (1-token healing).", valueName: "kind"))
    var baseline: String?

    @Option(help: "Show only the K most likely outcomes.")
    var top: Int?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        if let top, top < 0 { throw ValidationError("--top must be 0 or more, not \(top)") }
        if let baseline, Baselines.Kind(rawValue: baseline) == nil { throw ValidationError("--baseline must be naive or healing, not '\(baseline)'") }
    }

    func run() throws {
        let bytes = Array(prompt.utf8)
        if let top, top < 0 { throw CLIError.usage("--top must be >= 0") }
        var kind: Baselines.Kind?
        if let baseline {
            guard let k = Baselines.Kind(rawValue: baseline) else { throw CLIError.usage("unknown --baseline '\(baseline)' (naive, healing)") }
            kind = k
        }
        let model = try options.byteModel(prompt: bytes)
        let exact: NextByteDistribution
        do throws(ByteProbabilityError) { exact = try model.nextByte() } catch { throw CLIError(error.description) }
        var shown = exact
        var calls = model.lmCalls
        if let kind {
            let pairs = try options.load()
            guard pairs.count == 1 else { throw CLIError.usage("--baseline takes one --model") }
            do throws(ByteProbabilityError) {
                (shown, calls) = try ByteProbabilities.baseline(kind, model: pairs[0].0, tokenizer: pairs[0].1, prompt: bytes)
            } catch {
                throw CLIError(error.description)
            }
        }
        var out = OutputStream.standardOutput()
        if json {
            var line: [UInt8] = Array("{\"prompt\":".utf8)
            JSONWriter.appendString(prompt, to: &line)
            line += Array(",\"distribution\":".utf8)
            BytesOutput.appendDistribution(shown, top: top, to: &line)
            line += Array(",\"lm_calls\":\(calls)}\n".utf8)
            try out.write(line)
            try out.flush()
            return
        }
        let order = exact.top(top ?? 10)
        try out.write(kind == nil ? "outcome\texact\n" : "outcome\texact\t\(baseline ?? "")\n")
        for (i, p) in order {
            try out.write(BytesOutput.label(exact, i) + "\t\(p)" + (kind == nil ? "" : "\t\(shown.probabilities[i])") + "\n")
        }
        if kind != nil { try out.write("tv\t\(exact.totalVariation(to: shown))\n") }
        try out.write("lm_calls\t\(model.lmCalls)\n")
        try out.flush()
    }
}

/// `tok bytes generate`.
struct BytesGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Sample bytes from the exact byte-level model.",
        discussion: """
            Temperature and top-p apply to the byte distribution (temperature 0 = greedy). \
            Generation stops after --bytes bytes or when END is drawn. Output: the prompt and \
            the generated text; with --json {"prompt": S, "text": T, "bytes": [...], \
            "stopped_by": "END"|null, "lm_calls": n}.
            """)

    @OptionGroup var options: BytesModelOptions

    @Option(help: "The prompt text.")
    var prompt: String = ""

    @Option(help: "The most bytes to generate.")
    var bytes: Int = 64

    @Option(help: "Byte-level temperature; 0 is greedy.")
    var temperature: Double = 1

    @Option(name: .customLong("top-p"), help: "Nucleus mass over bytes (1 disables).")
    var topP: Double = 1

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Flag(help: "Print one JSON object.")
    var json = false

    @Flag(help: "Print LM calls per byte and bytes/s (wall and per CPU second) to standard error.")
    var stats = false

    func validate() throws {
        if bytes < 0 { throw ValidationError("--bytes must be 0 or more, not \(bytes)") }
        if !(temperature >= 0) { throw ValidationError("--temperature must be 0 or more, not \(temperature)") }
        if !(topP > 0 && topP <= 1) { throw ValidationError("--top-p must be in (0, 1], not \(topP)") }
    }

    func run() throws {
        let model = try options.byteModel(prompt: Array(prompt.utf8))
        let g: ByteGeneration
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = LMGenerateCommand.cpuSeconds()
        let stepsStart = model.forwardSteps
        do throws(ByteProbabilityError) {
            g = try model.generate(bytes: bytes, options: ByteSamplingOptions(temperature: temperature, topP: topP, seed: seed))
        } catch {
            throw CLIError(error.description)
        }
        if stats {
            let cpu = LMGenerateCommand.cpuSeconds() - cpuStart
            let d = clock.now - start
            let wall = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            let n = Double(max(g.bytes.count, 1))
            printError("bytes \(g.bytes.count)  lm_calls \(g.lmCalls)  calls/byte \(Double(g.lmCalls) / n)  forward-steps/byte \(Double(model.forwardSteps - stepsStart) / n)  bytes/s \(n / wall) (wall)  \(n / cpu) (per CPU second)")
        }
        try BytesGenerateCommand.print(prompt: prompt, g, calls: model.lmCalls, json: json)
    }

    static func print(prompt: String, _ g: ByteGeneration, calls: Int, json: Bool) throws(CLIError) {
        var out = OutputStream.standardOutput()
        if json {
            var line: [UInt8] = Array("{\"prompt\":".utf8)
            JSONWriter.appendString(prompt, to: &line)
            line += Array(",\"text\":".utf8)
            JSONWriter.appendString(String(decoding: g.bytes, as: UTF8.self), to: &line)
            line += Array(",\"bytes\":".utf8)
            JSONWriter.appendIntegers(g.bytes, to: &line)
            line += Array(",\"stopped_by\":".utf8)
            if let s = g.stoppedBy { JSONWriter.appendString(s, to: &line) } else { line += Array("null".utf8) }
            line += Array(",\"lm_calls\":\(calls)}\n".utf8)
            try out.write(line)
            try out.flush()
            return
        }
        try out.write(Array(prompt.utf8) + g.bytes)
        try out.write("\n")
        try out.flush()
    }
}

/// `tok bytes fim`.
struct BytesFIMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fim",
        abstract: "Fill in the middle between a prefix and a suffix, byte by byte.",
        discussion: """
            Needs a tokenizer with prefix/suffix/middle sentinels (<PRE> <SUF> <MID>, \
            <fim_prefix> …); the context is BOS <PRE> prefix <SUF> suffix <MID>, the byte stream \
            the middle (--middle: bytes already written, possibly ending inside a token). Stops \
            at the end-of-middle token, END, or after --bytes bytes.
            """)

    @OptionGroup var options: BytesModelOptions

    @Option(help: "The text before the gap.")
    var prefix: String

    @Option(help: "The text after the gap.")
    var suffix: String

    @Option(help: "The start of the middle, already written.")
    var middle: String = ""

    @Option(help: "The most bytes to generate.")
    var bytes: Int = 64

    @Option(help: "Byte-level temperature; 0 is greedy.")
    var temperature: Double = 0

    @Option(name: .customLong("top-p"), help: "Nucleus mass over bytes (1 disables).")
    var topP: Double = 1

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Flag(help: "Print one JSON object (as `generate`, with the middle as prompt).")
    var json = false

    func validate() throws {
        if bytes < 0 { throw ValidationError("--bytes must be 0 or more, not \(bytes)") }
        if !(temperature >= 0) { throw ValidationError("--temperature must be 0 or more, not \(temperature)") }
        if !(topP > 0 && topP <= 1) { throw ValidationError("--top-p must be in (0, 1], not \(topP)") }
    }

    func run() throws {
        let pairs = try options.load()
        guard pairs.count == 1 else { throw CLIError("fim takes one --model") }
        let mode = try options.coverMode()
        let g: ByteGeneration
        let calls: Int
        do throws(ByteProbabilityError) {
            let model = try FillInTheMiddle.model(
                model: pairs[0].0, tokenizer: pairs[0].1, prefix: Array(prefix.utf8), suffix: Array(suffix.utf8),
                middle: Array(middle.utf8), mode: mode)
            g = try model.generate(bytes: bytes, options: ByteSamplingOptions(temperature: temperature, topP: topP, seed: seed))
            calls = model.lmCalls
        } catch {
            throw CLIError(error.description)
        }
        try BytesGenerateCommand.print(prompt: middle, g, calls: calls, json: json)
    }
}

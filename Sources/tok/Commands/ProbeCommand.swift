import ArgumentParser
import TokenKit
import TokenKitCatalog
import TokenKitProbes

/// `tok probe`: behavioural probes of models and tokenizers.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Probe how tokenization shapes model behaviour.",
        subcommands: [ArithmeticProbeCommand.self])
}

/// `tok probe arithmetic`: Singh & Strouse's digit-direction addition probes.
struct ArithmeticProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arithmetic",
        abstract: "Digit-direction addition probes (Singh & Strouse): generate, run, analyze.",
        discussion: """
            Examples:
              tok probe arithmetic generate --experiment B --formats nosep,comma_r2l -t bytes --out problems.jsonl
              tok probe arithmetic run --manifest problems.jsonl --endpoint http://127.0.0.1:8080 --model-name local --out results.jsonl
              tok probe arithmetic analyze --results results.jsonl --report report/
              tok probe arithmetic analyze --csv 20240125_gpt35_0301_answer_length_effects.csv --json
            """,
        subcommands: [ArithmeticGenerateCommand.self, ArithmeticRunCommand.self, ArithmeticAnalyzeCommand.self])
}

/// Turns probe errors into one-line CLI errors.
func probeStep<T>(_ body: () throws(ProbeError) -> T) throws(CLIError) -> T {
    do throws(ProbeError) { return try body() } catch { throw CLIError(error.description) }
}

/// Reports skipped rows on stderr (never silently).
func reportSkipped(_ skipped: SkippedRows, in path: String) {
    guard skipped.count > 0 else { return }
    let lines = skipped.rows.prefix(10).map { "\(path):\($0.line): \($0.reason)" }.joined(separator: "\n")
    printError("warning: skipped \(skipped.count) malformed row(s) in \(path):\n\(lines)\(skipped.count > 10 ? "\n…" : "")")
}

func splitList(_ text: String) -> [String] {
    text.split(separator: ",").map { String($0.trimmingCharacters(in: " ")) }.filter { !$0.isEmpty }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> Substring {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return s
    }
}

/// `tok probe arithmetic generate`.
struct ArithmeticGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a problem manifest (JSON lines).",
        discussion: """
            Experiment A cycles addend lengths through every pair of --lengths (default 7-9: \
            7+7, 7+8, …, 9+9), numbers uniform within their length; shots share the problem's \
            addend lengths. Experiment B samples --problems problems per length signature \
            (default: the paper's 13, 7+7=7 … 9+9=9) as the paper's code does; shots share the \
            signature. Every cell (system prompt × format × spacing × shots) gets the same problems.
            With -t, each line also holds the token ids and byte boundaries of the question and \
            of the expected answer under that tokenizer.
            """)

    @Option(help: "A (length pairs) or B (length signatures).")
    var experiment: String = "A"

    @Option(help: ArgumentHelp("Problem formats, comma-separated: nosep, comma_r2l, comma_l2r, space_r2l, space_l2r, dec_*, hashtag_*, dollar_*, foo_*, underscore_*.", valueName: "list"))
    var formats: String = "nosep,comma_r2l"

    @Option(help: ArgumentHelp("One answer format for all cells (default: the problem format).", valueName: "format"))
    var answerFormat: String?

    @Option(help: ArgumentHelp("Shot counts, comma-separated (default: 1,2,4,8 for A, 8 for B).", valueName: "list"))
    var shots: String?

    @Option(help: ArgumentHelp("System prompts, comma-separated: helpful, mathgpt, none, or a text (default: helpful,mathgpt for A, helpful for B).", valueName: "list"))
    var systemPrompts: String?

    @Option(help: ArgumentHelp("Spaces around + and =, comma-separated.", valueName: "list"))
    var spaces: String = "0"

    @Option(help: ArgumentHelp("Experiment A: addend lengths MIN-MAX.", valueName: "range"))
    var lengths: String = "7-9"

    @Option(help: ArgumentHelp("Experiment B: length signatures, comma-separated (8+7=9,…).", valueName: "list"))
    var signatures: String?

    @Option(help: ArgumentHelp("Problems per cell (A, default 90) or per signature (B, default 100).", valueName: "n"))
    var problems: Int?

    @Option(help: "The random seed.")
    var seed: UInt64 = 0

    @Option(name: [.customShort("t"), .customLong("tokenizer")],
            help: ArgumentHelp("Record token boundaries under this tokenizer (a built-in name or a path).", valueName: "spec"))
    var tokenizer: String?

    @Option(help: ArgumentHelp("The manifest file to write.", valueName: "file"))
    var out: String

    func validate() throws {
        if !["A", "B"].contains(experiment.uppercased()) { throw ValidationError("--experiment must be A or B, not '\(experiment)'") }
        if let problems, problems < 1 { throw ValidationError("--problems must be at least 1, not \(problems)") }
        // Formats, shots, spaces, signatures and lengths are all read from the options alone:
        // a bad one is a usage error, found before anything is written.
        do { _ = try makeSweep() } catch { throw ValidationError(String(describing: error)) }
    }

    func run() throws {
        let sweep = try makeSweep()
        let problems = try probeStep { () throws(ProbeError) in try ProblemGenerator.generate(sweep) }
        let tok: (any Tokenizer)?
        if let tokenizer {
            do throws(LoadError) { tok = try TokenizerCatalog.standard.resolve(tokenizer) } catch { throw CLIError(error.description) }
        } else {
            tok = nil
        }
        try probeStep { () throws(ProbeError) in try ProbeManifest.write(problems, tokenizer: tok, to: out) }
        printError("wrote \(problems.count) problems to \(out)")
    }

    func makeSweep() throws -> ProbeSweep {
        let isB: Bool
        switch experiment.uppercased() {
        case "A": isB = false
        case "B": isB = true
        default: throw CLIError.usage("--experiment must be A or B, not '\(experiment)'")
        }
        func ints(_ text: String, _ name: String) throws(CLIError) -> [Int] {
            var out: [Int] = []
            for part in splitList(text) {
                guard let v = Int(part) else { throw CLIError("\(name): '\(part)' is not an integer") }
                out.append(v)
            }
            return out
        }
        let formatList = try probeStep { () throws(ProbeError) in try splitList(formats).map { (s: String) throws(ProbeError) in try NumberFormat(parsing: s) } }
        let answer = try answerFormat.map { text throws(CLIError) in try probeStep { () throws(ProbeError) in try NumberFormat(parsing: text) } }
        let shotList = try ints(shots ?? (isB ? "8" : "1,2,4,8"), "--shots")
        let prompts = splitList(systemPrompts ?? (isB ? "helpful" : "helpful,mathgpt")).map(SystemPrompts.resolve)
        let design: ProbeDesign
        if isB {
            let sigs = try probeStep { () throws(ProbeError) -> [LengthSignature] in
                guard let signatures else { return LengthSignature.experimentB }
                var out: [LengthSignature] = []
                for s in splitList(signatures) { out.append(try LengthSignature(parsing: s)) }
                return out
            }
            let per = problems ?? 100
            guard per >= 1 else { throw CLIError.usage("--problems must be at least 1") }
            design = .signatures(sigs, problems: per * sigs.count)
        } else {
            let parts = lengths.split(separator: "-").map { Int($0) }
            guard parts.count == 2 || parts.count == 1, let low = parts.first ?? nil, let high = parts.last ?? nil, low <= high else {
                throw CLIError.usage("--lengths must be MIN-MAX (like 7-9), not '\(lengths)'")
            }
            design = .lengthPairs(lengths: low...high, problems: problems ?? 90)
        }
        return ProbeSweep(design: design, formats: formatList, answerFormat: answer, shots: shotList,
                          systemPrompts: prompts, spaces: try ints(spaces, "--spaces"), seed: seed)
    }
}

/// `tok probe arithmetic analyze`.
struct ArithmeticAnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Score responses and tabulate accuracy and error patterns.",
        discussion: """
            Reads results written by `run` (--results) or the paper's released CSVs as they are \
            (--csv). Scoring follows the paper: the single digit-and-separator run of the \
            response, separators stripped, compared as an integer; format match is reported \
            separately. Malformed rows are skipped and listed on stderr (and under "skipped" in \
            the JSON).
            """)

    @Option(help: ArgumentHelp("A results file from `run` (repeatable).", valueName: "file"))
    var results: [String] = []

    @Option(help: ArgumentHelp("A CSV with the paper's columns (repeatable).", valueName: "file"))
    var csv: [String] = []

    @Flag(help: "Print the analysis as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Write a report (Markdown, SVG plots, problem view) into this folder.", valueName: "dir"))
    var report: String?

    @Option(name: [.customShort("t"), .customLong("tokenizer")],
            help: ArgumentHelp("Mark this tokenizer's token boundaries in the report's problem view (default: 3-digit chunks).", valueName: "spec"))
    var tokenizer: String?

    func run() throws {
        if results.isEmpty && csv.isEmpty { throw CLIError.usage("give --results FILE or --csv FILE") }
        var observations: [ProbeObservation] = []
        var skipped = SkippedRows()
        for path in results {
            let (o, s) = try probeStep { () throws(ProbeError) in try ProbeManifest.readResults(path: path) }
            reportSkipped(s, in: path)
            observations += o
            skipped.append(s)
        }
        for path in csv {
            let (o, s) = try probeStep { () throws(ProbeError) in try PaperCSVSource.read(path: path) }
            reportSkipped(s, in: path)
            observations += o
            skipped.append(s)
        }
        var analysis = ProbeAnalysis(observations)
        analysis.skipped = skipped
        if let report {
            var tok: (any Tokenizer)?
            if let tokenizer {
                do throws(LoadError) { tok = try TokenizerCatalog.standard.resolve(tokenizer) } catch { throw CLIError(error.description) }
            }
            try probeStep { () throws(ProbeError) in try ProbeReport.write(analysis, to: report, tokenizer: tok) }
        }
        var out = OutputStream.standardOutput()
        if json {
            try out.write(JSONWriter.serialize(analysis.json()))
            try out.write("\n")
        } else {
            try out.write(analysis.markdownTables())
        }
        try out.flush()
    }
}

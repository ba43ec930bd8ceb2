import ArgumentParser
import TokenKit
import TokenKitBPE
import TokenKitMixture

/// `tok mixture`: infer a BPE tokenizer's training-data mixture from its merge list.
struct MixtureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mixture",
        abstract: "Infer which share of a BPE tokenizer's training data came from each category (Hayase et al. 2024).",
        discussion: """
            Replays the tokenizer's merges over a sample of each category (with the tokenizer's \
            own normalizer and split pattern), then solves the linear program whose optimum is the \
            mixture that best explains the merge order, with lazy row and column generation on \
            HiGHS (default) or COIN-OR CLP (--solver clp). Shares are byte shares summing to 1.

            Trajectories are cached in --cache (default .tokenkit-cache/mixture) keyed by the \
            merge list, the sample files' contents and the settings.

            Example:
              tok mixture -t run/tokenizer.json --category en=corpus/en.txt --category fr=corpus/fr/ --json
            """)

    @Option(name: [.customShort("t"), .long], help: ArgumentHelp("Tokenizer: tokenizer.json, merges.txt, a tiktoken rank file, a folder, or a built-in rank-file name.", valueName: "tokenizer"))
    var tokenizer: String

    @Option(name: .customLong("category"), help: ArgumentHelp("A candidate category and its sample: a file or a folder of files (repeatable).", valueName: "NAME=PATH"))
    var categories: [String] = []

    @Option(help: ArgumentHelp("Use the first T merges (default: all).", valueName: "T"))
    var merges: Int?

    @Option(help: ArgumentHelp("Replay the first K merges without constraints (e.g. 100000 for Llama 3's GPT-4 prefix).", valueName: "K"))
    var skipMerges: Int = 0

    @Option(help: ArgumentHelp("How LP rows are formed: intervals (a row per pair and range of merge steps) or pair-steps (the paper's row per step and pair). Same optimum.", valueName: "intervals|pair-steps"))
    var formulation: String = MixtureInference.Formulation.intervals.rawValue

    @Option(help: ArgumentHelp("New LP rows per check pass at most, the most violated (default: 10000 for intervals, 100000 for pair-steps).", valueName: "N"))
    var rowsPerRound: Int?

    @Option(help: ArgumentHelp("New LP rows per merge step per check pass, its most violated pairs (pair-steps).", valueName: "N"))
    var rowsPerStep: Int = 1

    @Option(help: ArgumentHelp("New LP rows per competitor pair per check pass, where it is violated most (default: 1 for intervals, 3 for pair-steps; 0 with pair-steps: the reference's classic policy, rows in step order).", valueName: "N"))
    var rowsPerPair: Int?

    @Option(help: ArgumentHelp("Intervals: solve on the first 1/N of the merges first, then on all (1: all at once).", valueName: "N"))
    var warmUp: Int = 4

    @Option(help: ArgumentHelp("Delete LP rows that have not bound in N solves since they were added (0: keep all; the optimum is the same).", valueName: "N"))
    var dropAfter: Int = 2

    @Option(help: ArgumentHelp("Stop with an error after N lazy rounds without an optimum.", valueName: "N"))
    var maxRounds: Int = 500

    @Option(help: ArgumentHelp("Read at most about B bytes of each category.", valueName: "B"))
    var sampleBytes: Int?

    @OptionGroup var split: SplitPatternOptions

    @Option(help: ArgumentHelp("Trajectory cache folder ('none' to disable).", valueName: "dir"))
    var cache: String = ".tokenkit-cache/mixture"

    @Option(help: ArgumentHelp("LP backend: highs (default when libhighs loads; $TOKENKIT_HIGHS_LIBRARY names it) or clp.", valueName: "highs|clp"))
    var solver: String?

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    @Option(help: ArgumentHelp("Write a Markdown report with an SVG bar chart into this folder.", valueName: "dir"))
    var report: String?

    func validate() throws {
        if categories.isEmpty { throw ValidationError("give at least one --category NAME=PATH") }
        if let merges, merges < 1 { throw ValidationError("--merges must be at least 1") }
        if skipMerges < 0 { throw ValidationError("--skip-merges cannot be negative") }
        if (rowsPerRound ?? 1) < 1 || rowsPerStep < 1 { throw ValidationError("--rows-per-round and --rows-per-step must be at least 1") }
        if warmUp < 1 { throw ValidationError("--warm-up must be at least 1") }
        if let sampleBytes, sampleBytes < 1 { throw ValidationError("--sample-bytes must be at least 1") }
        if (rowsPerPair ?? 0) < 0 { throw ValidationError("--rows-per-pair cannot be negative") }
        if maxRounds < 1 { throw ValidationError("--max-rounds must be at least 1") }
        if MixtureInference.Formulation(rawValue: formulation) == nil {
            throw ValidationError("--formulation must be one of: \(MixtureInference.Formulation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if dropAfter < 0 { throw ValidationError("--drop-after cannot be negative") }
        if let solver, LinearProgramBackend(rawValue: solver) == nil {
            throw ValidationError("--solver must be one of: \(LinearProgramBackend.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        var printed = ""
        let pattern = try split.pattern()
        do throws(MixtureError) {
            var list: [MixtureInference.Category] = []
            for spec in categories {
                guard let eq = spec.firstIndex(of: "=") else { throw MixtureError(.emptyCategory, "--category \(spec): expected NAME=PATH") }
                list.append(try .at(name: String(spec[..<eq]), path: String(spec[spec.index(after: eq)...])))
            }
            let mergeList = try MergeList.load(tokenizer, pattern: pattern)
            if !mergeList.unreachable.isEmpty {
                printError("note: \(mergeList.unreachable.count) token(s) are unreachable by any merge of lower rank (no constraint from them)")
            }
            if !mergeList.dropped.isEmpty {
                printError("note: dropped \(mergeList.dropped.count) redundant or broken merge(s) from the list")
            }
            var settings = MixtureInference.Settings()
            settings.merges = merges
            settings.skipMerges = skipMerges
            settings.rowsPerRound = rowsPerRound
            settings.rowsPerStep = rowsPerStep
            settings.dropAfter = dropAfter
            settings.formulation = MixtureInference.Formulation(rawValue: formulation) ?? .intervals
            settings.maxRounds = maxRounds
            settings.rowsPerPair = rowsPerPair
            settings.warmUp = warmUp
            settings.sampleBytes = sampleBytes
            settings.cacheDirectory = cache == "none" ? nil : cache
            if let dir = settings.cacheDirectory { try makeDirectories(dir) }
            let inference = MixtureInference(mergeList: mergeList, settings: settings)
            let lp = try solver.flatMap(LinearProgramBackend.init(rawValue:)).map { b throws(MixtureError) in try b.makeSolver() }
            let result = try inference.run(categories: list, solver: lp) { p in
                switch p {
                case .trajectory(let name, let cached): printError("trajectory \(name)\(cached ? " (cached)" : "")")
                case .round(let r):
                    printError("round \(r.number): +\(r.added) rows (steps \(r.firstStep)–\(r.lastStep))\(r.dropped > 0 ? ", −\(r.dropped) slack" : ""), \(r.rows) in the LP, objective \(r.objective) (check \(oneDecimal(r.checkSeconds)) s, solve \(oneDecimal(r.solveSeconds)) s)")
                }
            }
            printed = (json ? result.json() : result.table()) + "\n"
            if let report {
                try makeDirectories(report)
                try write(report + "/mixture.md", result.markdown(source: tokenizer, dropped: mergeList.dropped.count, unreachable: mergeList.unreachable.count))
                try write(report + "/mixture.svg", result.svg())
            }
        } catch {
            throw CLIError(error.message)
        }
        var out = OutputStream.standardOutput()
        try out.write(printed)
        try out.flush()
    }

    /// Creates a folder and its parents, as a mixture error naming it.
    private func makeDirectories(_ path: String) throws(MixtureError) {
        do throws(Errno) { try tok.makeDirectories(path) } catch {
            throw MixtureError(.unreadableInput, "cannot create \(path): \(error)")
        }
    }

    /// Writes a report file, every byte checked.
    private func write(_ path: String, _ text: String) throws(MixtureError) {
        do throws(Errno) {
            let fd = try FileDescriptor.create(path)
            do throws(Errno) { try fd.writeAll(Array(text.utf8)) } catch {
                _ = try? fd.close()  // the write error is the one reported
                throw error
            }
            try fd.close()
        } catch {
            throw MixtureError(.unreadableInput, "cannot write \(path): \(error)")
        }
    }
}

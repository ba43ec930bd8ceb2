import ArgumentParser
import TokenKit
import TokenKitLiB

/// `tok train lib`: learn a LiB (Less-is-Better) lexicon and save it as a `.lib.txt` file.
struct TrainLiBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lib",
        abstract: "Train a LiB (Less-is-Better) lexicon.",
        discussion: """
            Each CORPUS line is one sentence with tokens separated by single spaces (use \
            --remove-divider for text without spaces, such as Chinese). Every step reads the next \
            --article-length sentences, wrapping around at the end of the corpus. The defaults are \
            the reference code's (alpha 0.25, omega 0.0001, life 10, delta 0.1, 500 sentences per \
            step, seed 0). After training, chunks still on probation are removed, and the lexicon \
            is written to --out; use it with `tok encode -t FILE`.

            --mode production (default) pins every single symbol so none is forgotten and saves a \
            lexicon for production segmentation (byte fallback); --mode faithful runs the \
            reference learner unchanged and saves a lexicon for faithful segmentation.

            Example:
              tok train lib --omega 0.01 --life 3 --article-length 200 --steps 201 \\
                --out en.lib.txt english.txt
            """)

    @Option(help: "α: probability of memorizing previous+current chunk.") var alpha: Double = 0.25
    @Option(help: "ω: fraction of the lexicon tail put on probation after each step.") var omega: Double = 0.0001
    @Option(help: "τ0: steps a new chunk stays on probation.") var life: Int = 10
    @Option(help: "Δ: re-rank rate; a chunk at rank r moves ⌊r·Δ⌋+1 places.") var delta: Double = 0.1
    @Option(help: "Training steps (articles).") var steps: Int = 200
    @Option(help: "Sentences per step.") var articleLength: Int = 500
    @Option(help: "Seed of the CPython-compatible random generator.") var seed: Int = 0
    @Option(help: "Longest chunk to memorize, in Unicode scalars (default: no limit).") var maxChunkLength: Int?
    @Flag(help: "Join a line's tokens without the space divider (Chinese).") var removeDivider = false
    @Flag(help: "Keep chunks still on probation (skip the clean-up).") var noClean = false
    @Option(help: "production (pinned symbols, byte fallback) or faithful (the reference).") var mode: Mode = .production
    @Option(help: ArgumentHelp("A special token, ROLE=TEXT (e.g. eos=<|endoftext|>); repeatable.", valueName: "role=text"))
    var special: [String] = []
    @Option(help: "Where to write the lexicon.") var out: String
    @Argument(help: ArgumentHelp("Corpus files, one sentence per line.", valueName: "corpus")) var corpora: [String]

    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case production, faithful
        var tokenizerMode: LiBTokenizer.Mode { self == .production ? .production : .faithful }
    }

    func validate() throws {
        let parameters = LiBParameters(alpha: alpha, omega: omega, life: life, delta: delta, maxChunkLength: maxChunkLength,
                                       inspectContext: true, seed: seed, articleLength: articleLength)
        do throws(LiBError) { try parameters.validate() } catch { throw ValidationError(error.message) }
        if steps < 1 { throw ValidationError("--steps must be at least 1, not \(steps)") }
        if corpora.isEmpty { throw ValidationError("name at least one corpus file") }
        for s in special where !s.contains("=") || s.hasPrefix("=") || s.hasSuffix("=") {
            throw ValidationError("--special takes ROLE=TEXT, got '\(s)'")
        }
    }

    func run() throws {
        let parameters = LiBParameters(alpha: alpha, omega: omega, life: life, delta: delta, maxChunkLength: maxChunkLength,
                                       inspectContext: true, seed: seed, articleLength: articleLength)
        let showProgress = FileDescriptor.standardError.isTerminal
        let start = Self.now()
        let learner: LiBLearner
        do throws(LiBError) {
            try parameters.validate()
            let corpus = try LiBTraining.corpus(paths: corpora, removeDivider: removeDivider)
            learner = try LiBTraining.train(corpus: corpus, parameters: parameters, steps: steps,
                                            mode: mode.tokenizerMode, clean: !noClean) { done, read in
                guard showProgress else { return }
                let elapsed = max(Self.now() - start, 1e-9)
                Self.stderr("\rstep \(done)/\(steps)  sentences \(read)  \(Int(Double(read) / elapsed)) sentences/s  ")
            }
        } catch {
            throw CLIError(error.message)
        }
        if showProgress { Self.stderr("\r" + String(repeating: " ", count: 70) + "\r") }
        var file = LexiconFile(learner: learner, mode: mode.tokenizerMode, corpora: corpora)
        for s in special {
            let parts = s.split(separator: "=", maxSplits: 1)
            file.specials.append(.init(role: String(parts[0]), text: String(parts[1])))
        }
        do throws(FormatError) { _ = try file.tokenizer(source: out) } catch { throw CLIError(error.description) }
        do throws(InputError) { try file.write(to: out) } catch { throw CLIError(error.description) }
        let seconds = Self.now() - start
        Self.stderr("wrote \(out): \(learner.lexicon.count) entries after \(learner.stepsDone) steps in \(Int(seconds * 10) / 10).\(Int(seconds * 10) % 10) s\n")
    }

    static func now() -> Double { Timing.monotonicSeconds() }

    static func stderr(_ text: String) {
        // Progress and the closing summary: best effort, like every report on stderr.
        _ = try? FileDescriptor.standardError.writeAll(Array(text.utf8))
    }
}

import ArgumentParser
import Synchronization
import TokenKit
import TokenKitBPE

/// `tok train bpe`: learn a byte-level BPE vocabulary.
struct TrainBPECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bpe",
        abstract: "Train a byte-level BPE tokenizer (the same merges as Hugging Face's BpeTrainer).",
        discussion: """
            Reads FILE... line by line (each line keeps its newline, as Hugging Face reads files), \
            normalizes, splits with the pattern, counts pretokens on all cores and learns merges \
            until the vocabulary (special tokens + 256 bytes + merges) reaches --vocab-size.
            Ties between equally frequent pairs go to the pair with the smaller (left, right) ids.

            Writes into --out: tokenizer.json (loadable by Hugging Face tokenizers and by tok -t), \
            vocab.json + merges.txt, and tokenizer.tiktoken (a rank file). Files are written under \
            temporary names and renamed, so a failed run leaves nothing half-written.

            Example:
              tok train bpe --vocab-size 32000 --pattern cl100k --out my-bpe corpus/*.txt
              tok encode -t my-bpe/tokenizer.json notes.txt
            """)

    @Option(help: "Target vocabulary size: special tokens + 256 bytes + merges.")
    var vocabSize: Int

    @Option(help: ArgumentHelp("Split pattern: gpt2, cl100k, o200k, llama3, or a regular expression.", valueName: "name|regex"))
    var pattern: String = "gpt2"

    @Option(help: ArgumentHelp("Normalizer applied to each line: nfc, nfkc or none.", valueName: "form"))
    var normalizer: String = "none"

    @Option(help: ArgumentHelp("Digits: grouped (as the pattern splits them) or individual (every digit its own pretoken).", valueName: "mode"))
    var digits: String = "grouped"

    @Option(help: "Smallest pair count that still makes a merge (0: no limit).")
    var minFrequency: Int64 = 0

    @Option(name: .customLong("special"), help: ArgumentHelp("A special token, given the first ids in order (repeatable).", valueName: "token"))
    var specials: [String] = []

    @Option(help: ArgumentHelp("Output folder (created if needed).", valueName: "dir"))
    var out: String

    @Argument(help: ArgumentHelp("Corpus files (UTF-8 text).", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one corpus file") }
        if !["nfc", "nfkc", "none"].contains(normalizer) { throw ValidationError("--normalizer must be nfc, nfkc or none") }
        if !["grouped", "individual"].contains(digits) { throw ValidationError("--digits must be grouped or individual") }
        if minFrequency < 0 { throw ValidationError("--min-frequency cannot be negative") }
        if vocabSize < 1 { throw ValidationError("--vocab-size must be at least 1, not \(vocabSize)") }
    }

    func run() throws {
        let normalization: NormalizationForm? = normalizer == "nfc" ? .nfc : normalizer == "nfkc" ? .nfkc : nil
        let split: SplitPattern
        do throws(TrainingError) { split = try TrainingPreTokenizer.pattern(named: pattern) } catch { throw CLIError.usage(error.description) }
        let configuration = BPETrainer.Configuration(
            vocabularySize: vocabSize, minFrequency: minFrequency, specialTokens: specials,
            preTokenizer: TrainingPreTokenizer(pattern: split, normalization: normalization,
                                               individualDigits: digits == "individual"))
        let bar = TrainingProgress()
        let trainer = BPETrainer(configuration)
        let trained: TrainedBPE
        let start = cpuSeconds()
        var counted = start
        do throws(TrainingError) {
            let counts = try PretokenCounts.count(files: files, preTokenizer: configuration.preTokenizer) { done, total in
                bar.report(.counting(done: done, total: total))
            }
            counted = cpuSeconds()
            trained = try trainer.train(counts) { bar.report($0) }
            bar.finish()
            try trained.write(to: out)
        } catch {
            bar.finish()
            throw CLIError(error.description)
        }
        let end = cpuSeconds()
        printError("""
            trained \(trained.merges.count) merges, vocabulary \(trained.vocabularySize) \
            (CPU: counting \(oneDecimal(counted - start)) s, merging \(oneDecimal(end - counted)) s); \
            wrote \(TrainedBPE.outputFiles.joined(separator: ", ")) to \(out)
            """)
    }
}

/// CPU time of the whole process (all threads), the figure that stays honest on a busy machine.
private func cpuSeconds() -> Double { Timing.processCPUSeconds() }

/// Draws training progress on stderr (a terminal only); the counting threads report too.
final class TrainingProgress: Sendable {
    private struct Bars {
        var counting = ProgressBar(total: 0, label: "counting")
        var merging = ProgressBar(total: 0, label: "merging")
        var phase = 0
    }

    private let bars = Mutex(Bars())

    func report(_ progress: BPETrainer.Progress) {
        bars.withLock { b in
            switch progress {
            case .counting(let done, let total):
                if b.phase == 0 { b.counting = ProgressBar(total: total, label: "counting"); b.phase = 1 }
                b.counting.update(done: done)
            case .merging(let done, let total):
                if b.phase < 2 { b.counting.finish(); b.merging = ProgressBar(total: max(total, 1), label: "merging", always: true); b.phase = 2 }
                b.merging.update(done: done)
            }
        }
    }

    func finish() {
        bars.withLock { b in
            b.counting.finish()
            b.merging.finish()
        }
    }
}

import ArgumentParser
import TokenKit
import TokenKitDynamic

/// `tok stats reduction`: how much dynamic batch-merging shortens sequences, per file.
struct StatsReductionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reduction",
        abstract: "Sequence-length reduction of dynamic batch-merging, per input file.",
        discussion: """
            Each FILE holds one sentence per line. Its first --batches × --batch-size lines are \
            cut into batches, encoded with the base tokenizer -t and merged to the plateau; tok \
            reports the average length before merging (L0), after --merges merges (Lm) and at the \
            plateau (Lmin), the reduction towards the plateau 100·(L0−Lm)/(L0−Lmin) and the plain \
            length reductions 100·(L0−Lm)/L0 and 100·(L0−Lmin)/L0.

            Example:
              tok stats reduction -t gpt2 --mode pretokens --merges 20 --markdown corpora/lang/*.txt
            """)

    @OptionGroup var tokenizer: TokenizerOptions

    @Option(help: ArgumentHelp("Boundary mode: sentence, pretokens, word or word_hyphen.", valueName: "mode"))
    var mode: BoundaryMode = .pretokens

    @Option(help: ArgumentHelp("Piece rule for pretokens mode: gpt2, metaspace or whitespace (default: the base's own split pattern for a BPE base, else gpt2).", valueName: "name"))
    var pre: String?

    @Option(help: ArgumentHelp("Merges per batch to report.", valueName: "m"))
    var merges: Int = 20

    @Option(help: ArgumentHelp("Sentences per batch.", valueName: "n"))
    var batchSize: Int = 32

    @Option(help: ArgumentHelp("Batches per file.", valueName: "n"))
    var batches: Int = 10

    @Flag(help: "Print a Markdown table instead of JSON lines.")
    var markdown = false

    @Argument(help: ArgumentHelp("Sentence files (one sentence per line).", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        if merges < 0 { throw ValidationError("--merges must be 0 or more") }
        if batchSize < 1 || batches < 1 { throw ValidationError("--batch-size and --batches must be at least 1") }
        if let pre, DynamicTokenizerLoader.pieceCounter(named: pre) == nil { throw ValidationError("--pre must be gpt2, metaspace or whitespace") }
        if files.isEmpty { throw ValidationError("give at least one sentence file") }
    }

    func run() throws {
        let base = try tokenizer.load()
        let merger: DynamicBatchMerger
        do throws(DynamicMergeError) {
            merger = try DynamicBatchMerger(base: base, mode: mode, preTokenizer: pre.flatMap(DynamicTokenizerLoader.pieceCounter(named:)))
        } catch {
            throw CLIError(error.message)
        }
        var out = OutputStream.standardOutput()
        if markdown {
            try out.write("| file | sentences | L0 | L\(merges) | Lmin | plateau merges | towards plateau at \(merges) | length reduction at \(merges) | length reduction at plateau |\n")
            try out.write("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
        }
        for path in files {
            let name = InputFiles.displayName(path)
            var reader = try InputFiles.lines(path)
            var ids: [[TokenID]] = []
            while ids.count < batches * batchSize {
                let line: [UInt8]?
                do throws(InputError) { line = try reader.nextLine() } catch { throw CLIError(error.description) }
                guard let line else { break }
                do throws(TokenizerError) {
                    ids.append(try base.encode(line, options: .plain).ids)
                } catch {
                    throw CLIError(error, in: "\(name):\(reader.lineNumber)")
                }
            }
            let grouped = stride(from: 0, to: ids.count, by: batchSize).map { Array(ids[$0..<min($0 + batchSize, ids.count)]) }
            let study: ReductionStudy
            do throws(DynamicMergeError) { study = try ReductionStudy.run(merger, batches: grouped, merges: merges) } catch {
                throw CLIError("\(name): \(error.message)")
            }
            let label = path.split(separator: "/").last.map(String.init) ?? path
            if markdown {
                try out.write("| \(label) | \(study.sequences) | \(Self.f(study.initialLength)) | \(Self.f(study.lengthAtMerges)) | \(Self.f(study.plateauLength)) | \(Self.f(study.averagePlateauMerges, 0)) | \(Self.f(study.reductionTowardsPlateau, 1))% | \(Self.f(study.lengthReduction, 1))% | \(Self.f(study.plateauLengthReduction, 1))% |\n")
            } else {
                var json: [UInt8] = Array(#"{"file":"#.utf8)
                JSONWriter.appendString(label, to: &json)
                json.append(contentsOf: ",\"sentences\":\(study.sequences),\"L0\":\(Self.f(study.initialLength)),\"Lm\":\(Self.f(study.lengthAtMerges)),\"Lmin\":\(Self.f(study.plateauLength)),\"plateau_merges\":\(Self.f(study.averagePlateauMerges, 1)),\"reduction_towards_plateau\":\(Self.f(study.reductionTowardsPlateau, 2)),\"length_reduction\":\(Self.f(study.lengthReduction, 2)),\"plateau_length_reduction\":\(Self.f(study.plateauLengthReduction, 2))}\n".utf8)
                try out.write(json)
            }
            try out.flush()
        }
        try out.flush()
    }

    /// A number with `digits` decimals.
    static func f(_ x: Double, _ digits: Int = 2) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (x * scale).rounded() / scale
        if digits == 0 { return String(Int(r)) }
        var s = String(r)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < digits { s += String(repeating: "0", count: digits - decimals) }
        }
        return s
    }
}

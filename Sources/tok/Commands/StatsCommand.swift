import ArgumentParser
import TokenKit

/// `tok stats`: statistics over token sequences.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Statistics over token sequences.",
        subcommands: [StatsDeletionCommand.self, StatsReductionCommand.self])
}

/// `tok stats deletion`: MrT5-style deletion statistics from gate values, or of the
/// model-free fixed-deletion baseline over ByT5 ids.
struct StatsDeletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deletion",
        abstract: "MrT5 deletion statistics: kept positions and deleted % of non-padding bytes.",
        discussion: """
            With --gates, each input line is a JSON object {"gate": [...], "ids": [...], "lang": "xx"} \
            (lang optional): one gate value per ByT5 id. Positions with gate > threshold are kept; \
            the deleted share is 100 · #(gate < threshold, not padding) / #(not padding), as MrT5's \
            trainer reports it.

            With --fixed D, each line of each FILE is encoded to ByT5 ids (with EOS) and the \
            fixed-deletion baseline keeps the first ceil((1 − D) · length) positions of every \
            segment starting at a separator (whitespace, ASCII punctuation, EOS). The label is the \
            file name.

            Output: one JSON line per sequence ({"kept": [...], "kept_count": n, \
            "deleted_percent": p}) unless --summary-only, then one summary line per label and \
            one for all ({"label": ..., "sequences": n, "non_pad": n, "deleted": n, "deleted_percent": p}).

            Examples:
              tok stats deletion --gates gates.jsonl
              tok stats deletion --fixed 0.5 --summary-only corpora/lang/*.txt
            """)

    @Flag(help: "Read JSON lines with gate values and ids.")
    var gates = false

    @Option(help: ArgumentHelp("Use the fixed-deletion baseline with deletion rate D (0…1) over the lines of text files.", valueName: "D"))
    var fixed: Double?

    @Option(help: ArgumentHelp("The deletion threshold τ (MrT5 default −15).", valueName: "tau"))
    var threshold: Float = -15

    @Option(help: ArgumentHelp("The padding id (ByT5: 0).", valueName: "id"))
    var padID: UInt32 = 0

    @Flag(help: "Print only the per-label summaries.")
    var summaryOnly = false

    @Argument(help: ArgumentHelp("Input files; - or none reads standard input.", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        if gates == (fixed != nil) { throw ValidationError("give exactly one of --gates and --fixed D") }
        if let fixed, !(fixed >= 0 && fixed <= 1) { throw ValidationError("--fixed must be a deletion rate in 0…1, not \(fixed)") }
    }

    func run() throws {
        var report = DeletionReport()
        var out = OutputStream.standardOutput()
        let baseline: FixedDeletionBaseline?
        if let d = fixed {
            do throws(DeletionStatisticsError) { baseline = try FixedDeletionBaseline(rate: d) } catch { throw CLIError(error.message) }
        } else {
            baseline = nil
        }
        for path in InputFiles.paths(files) {
            let name = InputFiles.displayName(path)
            var reader = try InputFiles.lines(path)
            while true {
                let line: [UInt8]?
                do throws(InputError) { line = try reader.nextLine() } catch { throw CLIError(error.description) }
                guard let line else { break }
                let origin = "\(name):\(reader.lineNumber)"
                let stats: DeletionStatistics
                let label: String
                if let baseline {
                    let ids: [TokenID]
                    do throws(TokenizerError) { ids = try ByteTokenizer.byt5.encode(line).ids } catch { throw CLIError(error, in: origin) }
                    stats = baseline.statistics(ids, padID: padID)
                    label = name
                } else {
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                    (stats, label) = try gateLine(line, origin: origin)
                }
                report.add(stats, label: label)
                if !summaryOnly {
                    var json: [UInt8] = Array(#"{"kept":"#.utf8)
                    JSONWriter.appendIntegers(stats.keptIndices, to: &json)
                    json.append(contentsOf: #","kept_count":"#.utf8)
                    JSONWriter.appendDecimal(stats.keptCount, to: &json)
                    json.append(contentsOf: #","deleted_percent":"#.utf8)
                    json.append(contentsOf: Self.number(stats.deletedPercent).utf8)
                    json.append(contentsOf: "}\n".utf8)
                    try out.write(json)
                }
            }
        }
        for row in report.rows + [report.total] {
            var json: [UInt8] = Array(#"{"label":"#.utf8)
            JSONWriter.appendString(row.label, to: &json)
            json.append(contentsOf: #","sequences":"#.utf8)
            JSONWriter.appendDecimal(row.sequences, to: &json)
            json.append(contentsOf: #","non_pad":"#.utf8)
            JSONWriter.appendDecimal(row.nonPaddingCount, to: &json)
            json.append(contentsOf: #","deleted":"#.utf8)
            JSONWriter.appendDecimal(row.deletedCount, to: &json)
            json.append(contentsOf: #","deleted_percent":"#.utf8)
            json.append(contentsOf: Self.number(row.deletedPercent).utf8)
            json.append(contentsOf: "}\n".utf8)
            try out.write(json)
        }
        try out.flush()
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "null" }
        return String((value * 10_000).rounded() / 10_000)
    }

    private func gateLine(_ line: [UInt8], origin: String) throws(CLIError) -> (DeletionStatistics, String) {
        let value: JSONValue
        do throws(FormatError) { value = try JSONParser.parse(line) } catch {
            let column = error.location.column.map { ":\($0)" } ?? ""
            throw CLIError("\(origin)\(column): malformed JSON line: \(error.message)")
        }
        guard let gateArray = value["gate"]?.arrayValue else { throw CLIError("\(origin): expected a \"gate\" array of numbers") }
        guard let idArray = value["ids"]?.arrayValue else { throw CLIError("\(origin): expected an \"ids\" array of integers") }
        var gate: [Float] = []
        for (k, g) in gateArray.enumerated() {
            guard let d = g.doubleValue else { throw CLIError("\(origin): gate[\(k)] is not a number") }
            gate.append(Float(d))
        }
        var ids: [TokenID] = []
        for (k, i) in idArray.enumerated() {
            guard let n = i.intValue, n >= 0, n <= Int(UInt32.max) else { throw CLIError("\(origin): ids[\(k)] is not a non-negative integer") }
            ids.append(TokenID(n))
        }
        let label = value["lang"]?.stringValue ?? value["label"]?.stringValue ?? "all"
        do throws(DeletionStatisticsError) {
            return (try DeletionStatistics(gate: gate, ids: ids, threshold: threshold, padID: padID), label)
        } catch {
            throw CLIError("\(origin): \(error.message)")
        }
    }
}

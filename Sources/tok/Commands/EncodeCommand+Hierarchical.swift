import ArgumentParser
import TokenKit
import TokenKitDynamic
import TokenKitPooled

/// `tok encode` options for the word-pooled and dynamic batch-merge tokenizers.
struct HierarchicalEncodeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Dynamic tokenizers: merges per batch (overrides the spec's merges=).", valueName: "m"))
    var merges: Int?

    @Option(help: ArgumentHelp(
        "Dynamic tokenizers: target reduction in percent of the way to the plateau; the merge count comes from the batch's own calibration curve.",
        valueName: "percent"))
    var reduction: Double?

    @Option(help: ArgumentHelp("Dynamic tokenizers: which pairs may merge.", valueName: "mode"))
    var mode: BoundaryMode?

    @Flag(help: "Dynamic tokenizers with --jsonl: input lines are {\"tokens\": [...]} holding base tokens in byte-level form (Ġ for space).")
    var pretokenized = false

    @Flag(help: "Dynamic tokenizers with --jsonl: end with a line {\"merge_log\": [[left, right, count], ...]}.")
    var mergeLog = false

    @Option(help: ArgumentHelp("Word-pooled tokenizers: row width in units (default: the longest word).", valueName: "n"))
    var width: Int?

    func validate() throws {
        if let merges, merges < 0 { throw ValidationError("--merges must be 0 or more, not \(merges)") }
        if let width, width < 1 { throw ValidationError("--width must be at least 1, not \(width)") }
        if let reduction, !(reduction > 0 && reduction < 1) { throw ValidationError("--reduction must be between 0 and 1, not \(reduction)") }
        if merges != nil && reduction != nil { throw ValidationError("give --merges or --reduction, not both") }
    }

    var usesDynamicOptions: Bool { merges != nil || reduction != nil || mode != nil || pretokenized || mergeLog }
}

extension BoundaryMode: ExpressibleByArgument {}

extension EncodeCommand {
    /// Handles tokenizers with their own output shape; returns `false` for the others.
    func runHierarchical(_ tokenizer: any Tokenizer) throws(CLIError) -> Bool {
        if let dynamic = tokenizer as? DynamicMergeTokenizer {
            try runDynamic(dynamic)
            return true
        }
        if hierarchical.usesDynamicOptions {
            throw CLIError.usage("--merges, --reduction, --mode, --pretokenized and --merge-log apply to dynamic tokenizers (-t dynamic:BASE)")
        }
        if let pooled = tokenizer as? WordPooledTokenizer {
            try runPooled(pooled)
            return true
        }
        return false
    }

    // MARK: Dynamic

    /// Reads every input as ONE batch, merges, writes one line per input.
    private func runDynamic(_ loaded: DynamicMergeTokenizer) throws(CLIError) {
        let options = hierarchical
        if options.merges != nil && options.reduction != nil { throw CLIError.usage("give --merges or --reduction, not both") }
        if options.pretokenized && !jsonl { throw CLIError.usage("--pretokenized reads JSON lines {\"tokens\": [...]}: add --jsonl") }
        if let m = options.merges, m < 0 { throw CLIError.usage("--merges must be 0 or more, not \(m)") }
        let merger = options.mode.map { DynamicBatchMerger(vocabulary: loaded.merger.vocabulary, mode: $0, preTokenizer: loaded.merger.preTokenizer) }
            ?? loaded.merger

        // Read the batch. With --jsonl every non-blank line keeps its record (copied through to
        // its output line) or, under --on-error skip, the error that takes its place.
        var texts: [[UInt8]] = []
        var pretokens: [[String]] = []
        var entries: [JSONLEntry] = []
        for path in InputFiles.paths(files) {
            let name = InputFiles.displayName(path)
            if jsonl {
                var reader = try InputFiles.lines(path)
                while true {
                    let line: [UInt8]?
                    do throws(InputError) { line = try reader.nextLine() } catch { throw CLIError(error.description) }
                    guard let line else { break }
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                    let origin = "\(name):\(reader.lineNumber)"
                    do throws(CLIError) {
                        let record = try JSONRecord.parse(line, origin: origin, expecting: options.pretokenized ? "tokens" : "text",
                                                          of: options.pretokenized ? "an array" : "a string")
                        if options.pretokenized {
                            pretokens.append(try Self.tokensMember(record, origin: origin))
                        } else {
                            texts.append(try Self.textMember(record, origin: origin))
                        }
                        entries.append(.record(record))
                    } catch {
                        guard records.onError == .skip else { throw error }
                        entries.append(.error(RecordErrorOptions.errorLine(error)))
                    }
                }
            } else if lines {
                var reader = try InputFiles.lines(path)
                while true {
                    let line: [UInt8]?
                    do throws(InputError) { line = try reader.nextLine() } catch { throw CLIError(error.description) }
                    guard let line else { break }
                    texts.append(line)
                }
            } else {
                let file = try InputFiles.open(path)
                texts.append(Array(file.bytes))
            }
        }
        for (k, text) in texts.enumerated() {
            if let bad = UTF8Validation.firstInvalidOffset(in: text) {
                throw CLIError("input \(k + 1): invalid UTF-8 at byte \(bad)")
            }
        }
        if texts.isEmpty && pretokens.isEmpty {
            if !entries.isEmpty {  // every record was bad and skipped: their error lines are the output
                var out = OutputStream.standardOutput()
                for case .error(let line) in entries { try out.write(line) }
                try out.flush()
                return
            }
            throw CLIError("the batch is empty: dynamic merging needs at least one input")
        }

        // Base tokens as ids (text) or strings (pretokenized).
        func run(_ merges: Int) throws(CLIError) -> DynamicMergeResult {
            do throws(DynamicMergeError) {
                if options.pretokenized { return try merger.merge(byteLevelTokens: pretokens, merges: merges) }
                return try merger.merge(ids: baseIDs, offsets: baseOffsets, merges: merges)
            } catch {
                throw CLIError(error.message)
            }
        }
        var baseIDs: [[TokenID]] = []
        var baseOffsets: [[Range<Int>]] = []
        if !options.pretokenized {
            for (k, text) in texts.enumerated() {
                do throws(TokenizerError) {
                    let e = try loaded.base.encode(text, options: encoding.encodeOptions)
                    baseIDs.append(e.ids)
                    baseOffsets.append(e.offsets)
                } catch {
                    throw CLIError(error, in: "input \(k + 1)")
                }
            }
        }
        let result: DynamicMergeResult
        if let r = options.reduction {
            let full = try run(100_000)
            let sequences = Double(max(1, full.ids.count))
            let curve = MergeCalibration(averageLength: full.totalTokensAfterMerge.map { Double($0) / sequences })
            let m: Int
            do throws(DynamicMergeError) { m = try curve.merges(forReduction: r) } catch { throw CLIError(error.message) }
            result = try run(m)
        } else {
            let m: Int
            if let fixed = options.merges {
                m = fixed
            } else {
                do throws(DynamicMergeError) { m = try loaded.budget.mergeCount() } catch { throw CLIError(error.message) }
            }
            result = try run(m)
        }

        var out = OutputStream.standardOutput()
        if jsonl {
            var s = 0
            for entry in entries {
                guard case .record(let record) = entry else {
                    if case .error(let line) = entry { try out.write(line) }
                    continue
                }
                var tokens: [UInt8] = [UInt8(ascii: "[")]
                for (k, token) in result.byteLevelTokens(s).enumerated() {
                    if k > 0 { tokens.append(UInt8(ascii: ",")) }
                    JSONWriter.appendString(token, to: &tokens)
                }
                tokens.append(UInt8(ascii: "]"))
                var ids: [UInt8] = []
                JSONWriter.appendIntegers(result.ids[s], to: &ids)
                var json: [UInt8] = []
                record.appendLine(consumed: options.pretokenized ? "" : "text", outputs: [("tokens", tokens), ("ids", ids)], to: &json)
                try out.write(json)
                s += 1
            }
        }
        for s in result.ids.indices where !jsonl {
            try out.writeIDs(result.ids[s])
            try out.write([0x0A])
        }
        if options.mergeLog {
            var json: [UInt8] = Array(#"{"merge_log":["#.utf8)
            for (k, entry) in result.mergeLog.enumerated() {
                if k > 0 { json.append(UInt8(ascii: ",")) }
                json.append(UInt8(ascii: "["))
                JSONWriter.appendString(ByteLevelText.encode(entry.left), to: &json)
                json.append(UInt8(ascii: ","))
                JSONWriter.appendString(ByteLevelText.encode(entry.right), to: &json)
                json.append(UInt8(ascii: ","))
                JSONWriter.appendDecimal(entry.count, to: &json)
                json.append(UInt8(ascii: "]"))
            }
            json.append(contentsOf: "]}\n".utf8)
            try out.write(json)
        }
        try out.flush()
    }

    /// A JSONL line of a batch: its record, or the error line that takes its place.
    enum JSONLEntry {
        case record(JSONRecord)
        case error([UInt8])
    }

    static func textMember(_ record: JSONRecord, origin: String) throws(CLIError) -> [UInt8] {
        let member = try record.member("text", origin: origin)
        guard let text = member.stringValue else { throw CLIError("\(origin): \"text\" must be a string, found a \(member.typeName)") }
        return Array(text.utf8)
    }

    static func tokensMember(_ record: JSONRecord, origin: String) throws(CLIError) -> [String] {
        let member = try record.member("tokens", origin: origin)
        guard let array = member.arrayValue else { throw CLIError("\(origin): \"tokens\" must be an array, found a \(member.typeName)") }
        var out: [String] = []
        for (k, item) in array.enumerated() {
            guard let s = item.stringValue else { throw CLIError("\(origin): tokens[\(k)] must be a string, found a \(item.typeName)") }
            out.append(s)
        }
        return out
    }

    // MARK: Word-pooled

    /// One JSON object per input (file, line or JSONL record): words, the padded words × units
    /// matrix, lengths, CLS ids and each word's byte range.
    private func runPooled(_ tokenizer: WordPooledTokenizer) throws(CLIError) {
        let width: PooledWidth
        if let w = hierarchical.width {
            guard w >= 1 else { throw CLIError.usage("--width must be at least 1, not \(w)") }
            width = .fixed(w)
        } else {
            width = .longestWord
        }
        var out = OutputStream.standardOutput()
        func layout(_ bytes: [UInt8], origin: String) throws(CLIError) -> [(key: String, json: [UInt8])] {
            let r = bytes.withUnsafeBufferPointer { b in
                Result { () throws(TokenizerError) -> PooledLayout in try tokenizer.layout(b, width: width) }
            }
            do throws(TokenizerError) { return Self.pooledMembers(try r.get(), tokenizer: tokenizer, input: bytes) } catch {
                throw CLIError(error, in: origin)
            }
        }
        func emit(_ bytes: [UInt8], origin: String) throws(CLIError) {
            try out.write(Self.object(try layout(bytes, origin: origin)))
            try out.write([0x0A])
            try out.flush()
        }
        for path in InputFiles.paths(files) {
            let name = InputFiles.displayName(path)
            if jsonl || lines {
                var reader = try InputFiles.lines(path)
                while true {
                    let line: [UInt8]?
                    do throws(InputError) { line = try reader.nextLine() } catch { throw CLIError(error.description) }
                    guard let line else { break }
                    let origin = "\(name):\(reader.lineNumber)"
                    if jsonl {
                        if InputFiles.isBlank(line) { continue }
                        try out.write(try records.line { () throws(CLIError) -> [UInt8] in
                            let record = try JSONRecord.parse(line, origin: origin, expecting: "text", of: "a string")
                            var json: [UInt8] = []
                            record.appendLine(consumed: "text", outputs: try layout(try Self.textMember(record, origin: origin), origin: origin),
                                              to: &json)
                            return json
                        })
                        try out.flush()
                    } else {
                        try emit(line, origin: origin)
                    }
                }
            } else {
                let file = try InputFiles.open(path)
                try emit(Array(file.bytes), origin: name)
            }
        }
        try out.flush()
    }

    /// `{"k":v,...}` from serialized members.
    static func object(_ members: [(key: String, json: [UInt8])]) -> [UInt8] {
        var json: [UInt8] = [UInt8(ascii: "{")]
        for (k, member) in members.enumerated() {
            if k > 0 { json.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(member.key, to: &json)
            json.append(UInt8(ascii: ":"))
            json.append(contentsOf: member.json)
        }
        json.append(UInt8(ascii: "}"))
        return json
    }

    /// The members of a pooled layout's JSON: words, units, lengths, cls, width, offsets.
    static func pooledMembers(_ layout: PooledLayout, tokenizer: WordPooledTokenizer, input: [UInt8]) -> [(key: String, json: [UInt8])] {
        var words: [UInt8] = [UInt8(ascii: "[")]
        for (k, w) in layout.words.enumerated() {
            if k > 0 { words.append(UInt8(ascii: ",")) }
            let bytes = w.replacement ?? Array(input[w.range])
            JSONWriter.appendString(String(decoding: bytes, as: UTF8.self), to: &words)
        }
        words.append(UInt8(ascii: "]"))
        var json: [UInt8] = [UInt8(ascii: "[")]
        json.reserveCapacity(layout.units.count * 4 + 64)
        layout.units.withUnsafeBufferPointer { units in
            for w in 0..<layout.wordCount {
                if w > 0 { json.append(UInt8(ascii: ",")) }
                json.append(UInt8(ascii: "["))
                for k in 0..<layout.width {
                    if k > 0 { json.append(UInt8(ascii: ",")) }
                    appendDecimal(UInt(units[w * layout.width + k]), to: &json)
                }
                json.append(UInt8(ascii: "]"))
            }
        }
        json.append(UInt8(ascii: "]"))
        var lengths: [UInt8] = [], cls: [UInt8] = [], width: [UInt8] = []
        JSONWriter.appendIntegers(layout.lengths, to: &lengths)
        JSONWriter.appendIntegers(layout.clsIDs, to: &cls)
        JSONWriter.appendDecimal(layout.width, to: &width)
        return [("words", words), ("units", json), ("lengths", lengths), ("cls", cls), ("width", width),
                ("offsets", EncodeCommand.offsetPairs(layout.words.map(\.range)))]
    }

    /// Decimal digits of `value`, without going through a generic writer (the matrix is big).
    @inline(__always)
    static func appendDecimal(_ value: UInt, to out: inout [UInt8]) {
        if value < 10 { out.append(UInt8(truncatingIfNeeded: value) &+ 0x30); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { buf in
            while v > 0 { buf[n] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30; v /= 10; n += 1 }
            for k in stride(from: n - 1, through: 0, by: -1) { out.append(buf[k]) }
        }
    }
}

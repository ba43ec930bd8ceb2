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

        // Read the batch.
        var texts: [[UInt8]] = []
        var pretokens: [[String]] = []
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
                    if options.pretokenized {
                        pretokens.append(try Self.tokensMember(line, origin: origin))
                    } else {
                        texts.append(try Self.textMember(line, origin: origin))
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
        if texts.isEmpty && pretokens.isEmpty { throw CLIError("the batch is empty: dynamic merging needs at least one input") }

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
        for s in result.ids.indices {
            if jsonl {
                var json: [UInt8] = Array(#"{"tokens":["#.utf8)
                for (k, token) in result.byteLevelTokens(s).enumerated() {
                    if k > 0 { json.append(UInt8(ascii: ",")) }
                    JSONWriter.appendString(token, to: &json)
                }
                json.append(contentsOf: #"],"ids":"#.utf8)
                JSONWriter.appendIntegers(result.ids[s], to: &json)
                json.append(contentsOf: "}\n".utf8)
                try out.write(json)
            } else {
                try out.writeIDs(result.ids[s])
                try out.write([0x0A])
            }
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

    static func parseObject(_ line: [UInt8], origin: String) throws(CLIError) -> JSONValue {
        do throws(FormatError) {
            let value = try JSONParser.parse(line)
            guard case .object = value else {
                throw FormatError(.wrongType, "expected a JSON object, found a \(value.typeName)")
            }
            return value
        } catch {
            let column = error.location.column.map { ":\($0)" } ?? ""
            throw CLIError("\(origin)\(column): malformed JSON line: \(error.message)")
        }
    }

    static func textMember(_ line: [UInt8], origin: String) throws(CLIError) -> [UInt8] {
        let value = try parseObject(line, origin: origin)
        guard let member = value["text"] else { throw CLIError("\(origin): the JSON object has no \"text\" member") }
        guard let text = member.stringValue else { throw CLIError("\(origin): \"text\" must be a string, found a \(member.typeName)") }
        return Array(text.utf8)
    }

    static func tokensMember(_ line: [UInt8], origin: String) throws(CLIError) -> [String] {
        let value = try parseObject(line, origin: origin)
        guard let member = value["tokens"] else { throw CLIError("\(origin): the JSON object has no \"tokens\" member") }
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
        func emit(_ bytes: [UInt8], origin: String) throws(CLIError) {
            let r = bytes.withUnsafeBufferPointer { b in
                Result { () throws(TokenizerError) -> PooledLayout in try tokenizer.layout(b, width: width) }
            }
            let layout: PooledLayout
            do throws(TokenizerError) { layout = try r.get() } catch { throw CLIError(error, in: origin) }
            try out.write(Self.pooledJSON(layout, tokenizer: tokenizer, input: bytes))
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
                        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                        try emit(try Self.textMember(line, origin: origin), origin: origin)
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

    static func pooledJSON(_ layout: PooledLayout, tokenizer: WordPooledTokenizer, input: [UInt8]) -> [UInt8] {
        var json: [UInt8] = Array(#"{"words":["#.utf8)
        json.reserveCapacity(layout.units.count * 4 + input.count * 2 + 64)
        for (k, w) in layout.words.enumerated() {
            if k > 0 { json.append(UInt8(ascii: ",")) }
            let bytes = w.replacement ?? Array(input[w.range])
            JSONWriter.appendString(String(decoding: bytes, as: UTF8.self), to: &json)
        }
        json.append(contentsOf: #"],"units":["#.utf8)
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
        json.append(contentsOf: #"],"lengths":"#.utf8)
        JSONWriter.appendIntegers(layout.lengths, to: &json)
        json.append(contentsOf: #","cls":"#.utf8)
        JSONWriter.appendIntegers(layout.clsIDs, to: &json)
        json.append(contentsOf: #","width":"#.utf8)
        JSONWriter.appendDecimal(layout.width, to: &json)
        json.append(contentsOf: #","offsets":["#.utf8)
        for (k, w) in layout.words.enumerated() {
            if k > 0 { json.append(UInt8(ascii: ",")) }
            JSONWriter.appendIntegers([w.range.lowerBound, w.range.upperBound], to: &json)
        }
        json.append(contentsOf: "]}".utf8)
        return json
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

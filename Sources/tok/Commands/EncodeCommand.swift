import ArgumentParser
import TokenKit

/// `tok encode`: text to token ids.
struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Encode text to token ids.",
        discussion: """
            Reads each FILE (or standard input) and prints one line of space-separated ids per \
            input; with --lines, one line per input line.

            With --jsonl, every non-blank input line is a JSON object whose "text" member is \
            encoded, and gives exactly one output line, in order, written as soon as it is ready: \
            the input object without "text", with "ids":[...] (and "tokens":[...] under --tokens, \
            "offsets":[[start,end],...] byte ranges under --offsets). Other members are copied \
            through, so {"id":7,"text":"hi"} gives {"id":7,"ids":[...]}; an output key replaces \
            an input member of the same name in its place, new keys are appended. A bad line \
            (broken JSON, no "text" string, invalid UTF-8 under --invalid-utf8 error) stops the \
            run with its line number, or with --on-error skip gives {"error":"..."} and the run \
            goes on.

            Tokenizers whose round trip is any bytes (`tok info` says so: -t bytes, byt5, \
            byte-level BPE without a normalizer) read binary input as it is; the others (qwen2, \
            which normalizes, say) stop at invalid UTF-8 unless --invalid-utf8 says otherwise.

            Token text in --tokens and --format tokens shows bytes that are not valid UTF-8 on \
            their own as \\xNN escapes.

            Examples:
              tok encode -t byt5 notes.txt
              printf 'a\\nb\\n' | tok encode --lines
              tok encode --jsonl --tokens < in.jsonl
              tok encode --jsonl --on-error skip docs.jsonl > ids.jsonl
            """)

    @OptionGroup var tokenizer: TokenizerOptions
    @OptionGroup var encoding: EncodingOptions
    @OptionGroup(title: "Word-pooled and dynamic tokenizers") var hierarchical: HierarchicalEncodeOptions

    @Flag(help: "Encode each line separately (the newline is not encoded) and print one line per input line.")
    var lines = false

    @Flag(help: "Read JSON lines {\"text\": ...} and write JSON lines {\"ids\": [...]}, other members copied through.")
    var jsonl = false

    @Flag(help: "With --jsonl, add each token's text as \"tokens\".")
    var tokens = false

    @Flag(help: "With --jsonl, add each token's byte range in the text as \"offsets\" ([[start,end],...], as --format json).")
    var offsets = false

    @OptionGroup var records: RecordErrorOptions

    @Option(help: ArgumentHelp("Output for people: ids, tokens (quoted token texts) or json (ids, tokens, byte offsets).", valueName: "format"))
    var format: OutputFormat = .ids

    @Argument(help: ArgumentHelp("Files to encode; - or none reads standard input.", valueName: "file"))
    var files: [String] = []

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case ids, tokens, json
    }

    func validate() throws {
        if lines && jsonl { throw ValidationError("--lines and --jsonl cannot be combined: JSONL input is already one item per line.") }
        if tokens && !jsonl { throw ValidationError("--tokens goes with --jsonl; for plain input use --format tokens or --format json.") }
        if offsets && !jsonl { throw ValidationError("--offsets goes with --jsonl; for plain input use --format json.") }
        if jsonl && format != .ids { throw ValidationError("--format does not apply to --jsonl output; use --tokens or --offsets to add fields.") }
        if records.onError == .skip && !jsonl { throw ValidationError("--on-error applies to --jsonl input.") }
    }

    func run() throws {
        let tokenizer = try tokenizer.load()
        if try runHierarchical(tokenizer) { return }
        let mode = encoding.utf8Mode(for: tokenizer)
        var out = OutputStream.standardOutput()
        for path in InputFiles.paths(files) {
            let name = InputFiles.displayName(path)
            if jsonl {
                try encodeJSONLines(tokenizer, path: path, mode: mode, out: &out)
            } else if lines {
                try InputFiles.forEachLine(path) { line, origin throws(CLIError) in
                    let encoded = try line.withUnsafeBufferPointer { raw throws(CLIError) in
                        try encodeChecked(tokenizer, raw, mode: mode, origin: origin, chunked: false)
                    }
                    try write(encoded, tokenizer: tokenizer, to: &out)
                }
                try out.flush()
            } else {
                let file = try InputFiles.open(path)
                try write(try encodeChecked(tokenizer, file.bytes, mode: mode, origin: name, chunked: true), tokenizer: tokenizer, to: &out)
                try out.flush()
            }
        }
        try out.flush()
    }

    /// Applies the UTF-8 policy and encodes; whole files go in chunks (with progress) when the
    /// tokenizer has safe cut points.
    private func encodeChecked(_ tokenizer: any Tokenizer, _ raw: UnsafeBufferPointer<UInt8>, mode: InvalidUTF8Mode,
                               origin: String, chunked: Bool) throws(CLIError) -> Encoding {
        let prepared = try EncodingOptions.prepare(raw, mode: mode, origin: origin)
        return try prepared.with(raw) { bytes throws(CLIError) in
            do throws(TokenizerError) {
                return chunked
                    ? try ChunkedWork.encode(tokenizer, bytes, options: encoding.encodeOptions, label: origin)
                    : try tokenizer.encode(bytes, options: encoding.encodeOptions)
            } catch {
                throw CLIError(error, in: origin)
            }
        }
    }

    private func encodeJSONLines(_ tokenizer: any Tokenizer, path: String, mode: InvalidUTF8Mode,
                                 out: inout OutputStream) throws(CLIError) {
        try InputFiles.forEachLine(path) { line, origin throws(CLIError) in
            if InputFiles.isBlank(line) { return }
            try out.write(try records.line { () throws(CLIError) in
                try encodeRecord(tokenizer, line, mode: mode, origin: origin)
            })
            try out.flush()
        }
    }

    /// One JSONL record to its output line. `--invalid-utf8` applies to the text: a line that is
    /// not valid UTF-8 is an error, or parsed repaired (replace), or parsed repaired for its
    /// structure with the text's own bytes taken from the original (bytes).
    private func encodeRecord(_ tokenizer: any Tokenizer, _ line: [UInt8], mode: InvalidUTF8Mode,
                              origin: String) throws(CLIError) -> [UInt8] {
        let badByte = UTF8Validation.firstInvalidOffset(in: line)
        if let badByte, mode == .error {
            throw CLIError("\(origin): invalid UTF-8 at byte \(badByte) of the line (use --invalid-utf8 replace or --invalid-utf8 bytes)")
        }
        let repaired = badByte == nil ? line : line.withUnsafeBufferPointer { UTF8Validation.replacingInvalid($0) }
        let record = try JSONRecord.parse(repaired, origin: origin, expecting: "text", of: "a string")
        let member = try record.member("text", origin: origin)
        guard let string = member.stringValue else {
            throw CLIError("\(origin): \"text\" must be a string, found a \(member.typeName)")
        }
        var text = Array(string.utf8)
        if badByte != nil, mode == .bytes, let raw = RawJSONString.member("text", in: line) { text = raw }
        let encoded: Encoding
        do throws(TokenizerError) {
            encoded = try tokenizer.encode(text, options: encoding.encodeOptions)
        } catch {
            throw CLIError(error, in: origin)
        }
        var outputs: [(key: String, json: [UInt8])] = []
        var ids: [UInt8] = []
        JSONWriter.appendIntegers(encoded.ids, to: &ids)
        outputs.append(("ids", ids))
        if tokens { outputs.append(("tokens", Self.tokenTexts(encoded.ids, tokenizer))) }
        if offsets { outputs.append(("offsets", Self.offsetPairs(encoded.offsets))) }
        var json: [UInt8] = []
        json.reserveCapacity(ids.count + 64)
        record.appendLine(consumed: "text", outputs: outputs, to: &json)
        return json
    }

    /// `["tok","en",...]`: the display text of each id.
    static func tokenTexts(_ ids: [TokenID], _ tokenizer: any Tokenizer) -> [UInt8] {
        var json: [UInt8] = [UInt8(ascii: "[")]
        for (k, id) in ids.enumerated() {
            if k > 0 { json.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(tokenizer.displayString(id) ?? "", to: &json)
        }
        json.append(UInt8(ascii: "]"))
        return json
    }

    /// `[[start,end],...]`: byte ranges, the shape of `--format json`'s "offsets".
    static func offsetPairs(_ offsets: [Range<Int>]) -> [UInt8] {
        var json: [UInt8] = [UInt8(ascii: "[")]
        for (k, r) in offsets.enumerated() {
            if k > 0 { json.append(UInt8(ascii: ",")) }
            JSONWriter.appendIntegers([r.lowerBound, r.upperBound], to: &json)
        }
        json.append(UInt8(ascii: "]"))
        return json
    }

    private func write(_ encoded: Encoding, tokenizer: any Tokenizer, to out: inout OutputStream) throws(CLIError) {
        switch format {
        case .ids:
            try out.writeIDs(encoded.ids)
        case .tokens:
            var line: [UInt8] = []
            for (k, id) in encoded.ids.enumerated() {
                if k > 0 { line.append(0x20) }
                JSONWriter.appendString(tokenizer.displayString(id) ?? "", to: &line)
            }
            try out.write(line)
        case .json:
            var json: [UInt8] = Array(#"{"ids":"#.utf8)
            JSONWriter.appendIntegers(encoded.ids, to: &json)
            json.append(contentsOf: #","tokens":"#.utf8)
            json.append(contentsOf: Self.tokenTexts(encoded.ids, tokenizer))
            json.append(contentsOf: #","offsets":"#.utf8)
            json.append(contentsOf: Self.offsetPairs(encoded.offsets))
            json.append(UInt8(ascii: "}"))
            try out.write(json)
        }
        try out.write([0x0A])
    }
}

import ArgumentParser
import TokenKit

/// `tok encode`: text to token ids.
struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Encode text to token ids.",
        discussion: """
            Reads each FILE (or standard input) and prints one line of space-separated ids per \
            input; with --lines, one line per input line. With --jsonl, every input line is a JSON \
            object whose "text" member is encoded, and every output line is {"ids":[...]} (with \
            "tokens":[...] under --tokens), written as soon as it is ready. Blank JSONL lines are \
            skipped.

            Token text in --tokens and --format tokens shows bytes that are not valid UTF-8 on \
            their own as \\xNN escapes.

            Examples:
              tok encode -t byt5 notes.txt
              printf 'a\\nb\\n' | tok encode --lines
              tok encode --jsonl --tokens < in.jsonl
            """)

    @OptionGroup var tokenizer: TokenizerOptions
    @OptionGroup var encoding: EncodingOptions
    @OptionGroup(title: "Word-pooled and dynamic tokenizers") var hierarchical: HierarchicalEncodeOptions

    @Flag(help: "Encode each line separately (the newline is not encoded) and print one line per input line.")
    var lines = false

    @Flag(help: "Read JSON lines {\"text\": ...} and write JSON lines {\"ids\": [...]}.")
    var jsonl = false

    @Flag(help: "With --jsonl, add each token's text as \"tokens\".")
    var tokens = false

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
        if jsonl && format != .ids { throw ValidationError("--format does not apply to --jsonl output; use --tokens to add token texts.") }
    }

    func run() throws {
        let tokenizer = try tokenizer.load()
        if try runHierarchical(tokenizer) { return }
        var out = OutputStream.standardOutput()
        defer { out.flush() }
        for path in InputFiles.paths(files) {
            let name = InputFiles.displayName(path)
            if jsonl {
                try encodeJSONLines(tokenizer, path: path, out: &out)
            } else if lines {
                try InputFiles.forEachLine(path) { line, origin throws(CLIError) in
                    let encoded = try line.withUnsafeBufferPointer { raw throws(CLIError) in
                        try encodeChecked(tokenizer, raw, origin: origin, chunked: false)
                    }
                    write(encoded, tokenizer: tokenizer, to: &out)
                }
                out.flush()
            } else {
                let file = try InputFiles.open(path)
                write(try encodeChecked(tokenizer, file.bytes, origin: name, chunked: true), tokenizer: tokenizer, to: &out)
                out.flush()
            }
        }
    }

    /// Applies the UTF-8 policy and encodes; whole files go in chunks (with progress) when the
    /// tokenizer has safe cut points.
    private func encodeChecked(_ tokenizer: any Tokenizer, _ raw: UnsafeBufferPointer<UInt8>, origin: String,
                               chunked: Bool) throws(CLIError) -> Encoding {
        let prepared = try encoding.prepare(raw, origin: origin)
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

    private func encodeJSONLines(_ tokenizer: any Tokenizer, path: String, out: inout OutputStream) throws(CLIError) {
        try InputFiles.forEachLine(path) { line, origin throws(CLIError) in
            if InputFiles.isBlank(line) { return }
            let text: String
            do throws(FormatError) {
                let value = try JSONParser.parse(line)
                guard case .object = value else {
                    throw FormatError(.wrongType, "expected a JSON object with a \"text\" string, found a \(value.typeName)")
                }
                guard let member = value["text"] else {
                    throw FormatError(.missingField, "the JSON object has no \"text\" member")
                }
                guard let string = member.stringValue else {
                    throw FormatError(.wrongType, "\"text\" must be a string, found a \(member.typeName)")
                }
                text = string
            } catch {
                let column = error.location.column.map { ":\($0)" } ?? ""
                throw CLIError("\(origin)\(column): malformed JSON line: \(error.message)")
            }
            let encoded: Encoding
            do throws(TokenizerError) {
                encoded = try tokenizer.encode(text, options: encoding.encodeOptions)
            } catch {
                throw CLIError(error, in: origin)
            }
            var json: [UInt8] = Array(#"{"ids":"#.utf8)
            JSONWriter.appendIntegers(encoded.ids, to: &json)
            if tokens {
                json.append(contentsOf: #","tokens":["#.utf8)
                for (k, id) in encoded.ids.enumerated() {
                    if k > 0 { json.append(UInt8(ascii: ",")) }
                    JSONWriter.appendString(tokenizer.displayString(id) ?? "", to: &json)
                }
                json.append(UInt8(ascii: "]"))
            }
            json.append(contentsOf: "}\n".utf8)
            out.write(json)
            out.flush()
        }
    }

    private func write(_ encoded: Encoding, tokenizer: any Tokenizer, to out: inout OutputStream) {
        switch format {
        case .ids:
            out.writeIDs(encoded.ids)
        case .tokens:
            var line: [UInt8] = []
            for (k, id) in encoded.ids.enumerated() {
                if k > 0 { line.append(0x20) }
                JSONWriter.appendString(tokenizer.displayString(id) ?? "", to: &line)
            }
            out.write(line)
        case .json:
            var json: [UInt8] = Array(#"{"ids":"#.utf8)
            JSONWriter.appendIntegers(encoded.ids, to: &json)
            json.append(contentsOf: #","tokens":["#.utf8)
            for (k, id) in encoded.ids.enumerated() {
                if k > 0 { json.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(tokenizer.displayString(id) ?? "", to: &json)
            }
            json.append(contentsOf: #"],"offsets":["#.utf8)
            for (k, r) in encoded.offsets.enumerated() {
                if k > 0 { json.append(UInt8(ascii: ",")) }
                JSONWriter.appendIntegers([r.lowerBound, r.upperBound], to: &json)
            }
            json.append(contentsOf: "]}".utf8)
            out.write(json)
        }
        out.write([0x0A])
    }
}

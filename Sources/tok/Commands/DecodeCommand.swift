import ArgumentParser
import TokenKit

/// `tok decode`: token ids back to bytes.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode token ids to text.",
        discussion: """
            Reads whitespace-separated ids from FILE (or standard input) as one sequence and writes \
            the bytes they stand for to standard output, exactly: nothing is added, and bytes that \
            are not valid UTF-8 are written as they are. With --lines, each input line is its own \
            sequence and is followed by a newline.

            The framing tokens that encode adds by default (BOS first, EOS last, a template's \
            ends) are dropped where encode puts them, so `tok encode -t T f | tok decode -t T` \
            gives back f whenever T's round trip is bytes or text (see `tok info`); \
            --keep-framing keeps them. --skip-special drops every special token, wherever it is \
            (Hugging Face's skip_special_tokens).

            With --jsonl, every non-blank input line is a JSON object with an "ids" array and \
            gives exactly one output line, in order: the object without "ids", with the decoded \
            "text" (replacing an input "text" in its place). Other members are copied through, \
            so encode --jsonl | decode --jsonl gives the records back. Decoded bytes that are \
            not valid UTF-8 are a bad line unless --invalid-utf8 replace; a bad line stops the \
            run, or with --on-error skip gives {"error":"..."}.

            Examples:
              tok encode -t byt5 notes.txt | tok decode -t byt5
              tok decode --jsonl -t byt5 ids.jsonl
            """)

    @OptionGroup var tokenizer: TokenizerOptions

    @Flag(help: "Decode each input line as its own sequence and end each with a newline.")
    var lines = false

    @Flag(help: "Read JSON lines {\"ids\": [...]} and write JSON lines {\"text\": ...}, other members copied through.")
    var jsonl = false

    @OptionGroup var records: RecordErrorOptions

    @Flag(help: "Leave every special token (BOS, EOS, padding, …) out of the output, wherever it is.")
    var skipSpecial = false

    @Flag(help: "Keep the framing tokens encode adds by default (dropped at the start and end otherwise).")
    var keepFraming = false

    @Option(help: ArgumentHelp(
        "With --jsonl, decoded text that is not valid UTF-8: error (a bad line) or replace (with U+FFFD).",
        valueName: "mode"))
    var invalidUTF8: InvalidTextMode = .error

    /// `--invalid-utf8` of decode: JSON text cannot hold raw bytes, so there is no `bytes`.
    enum InvalidTextMode: String, ExpressibleByArgument, CaseIterable {
        case error, replace
    }

    @Argument(help: ArgumentHelp("A file of ids; - or none reads standard input.", valueName: "file"))
    var file: String?

    func validate() throws {
        if lines && jsonl { throw ValidationError("--lines and --jsonl cannot be combined.") }
        if invalidUTF8 != .error && !jsonl { throw ValidationError("--invalid-utf8 applies to --jsonl output; plain decode writes the bytes as they are.") }
        if records.onError == .skip && !jsonl { throw ValidationError("--on-error applies to --jsonl input.") }
    }

    func run() throws {
        let tokenizer = try tokenizer.load()
        let path = file ?? "-"
        let name = InputFiles.displayName(path)
        var out = OutputStream.standardOutput()
        let options = DecodeOptions(skipSpecialTokens: skipSpecial)
        let framing = keepFraming ? FramingTokens() : FramingTokens(of: tokenizer)
        if !lines && !jsonl {
            let input = try InputFiles.open(path)
            let ids = try Self.parseIDs(input.bytes, origin: name)
            try out.write(try Self.decode(tokenizer, framing.strip(ids), options: options, origin: name))
            try out.flush()
            return
        }
        try InputFiles.forEachLine(path) { line, origin throws(CLIError) in
            if jsonl {
                if InputFiles.isBlank(line) { return }
                try out.write(try records.line { () throws(CLIError) in
                    try decodeRecord(tokenizer, line, framing: framing, options: options, origin: origin)
                })
                try out.flush()
            } else {
                let ids = try line.withUnsafeBufferPointer { buffer throws(CLIError) in try Self.parseIDs(buffer, origin: origin) }
                try out.write(try Self.decode(tokenizer, framing.strip(ids), options: options, origin: origin))
                try out.write([0x0A])
            }
        }
        try out.flush()
    }

    /// One JSONL record to its output line: `"ids"` out, `"text"` in.
    private func decodeRecord(_ tokenizer: any Tokenizer, _ line: [UInt8], framing: FramingTokens,
                              options: DecodeOptions, origin: String) throws(CLIError) -> [UInt8] {
        let record = try JSONRecord.parse(line, origin: origin, expecting: "ids", of: "an array")
        let ids = try Self.ids(of: record.member("ids", origin: origin), origin: origin)
        var bytes = try Self.decode(tokenizer, framing.strip(ids), options: options, origin: origin)
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
            guard invalidUTF8 == .replace else {
                throw CLIError("\(origin): the decoded text is not valid UTF-8 at byte \(bad) (use --invalid-utf8 replace)")
            }
            bytes = bytes.withUnsafeBufferPointer { UTF8Validation.replacingInvalid($0) }
        }
        var text: [UInt8] = []
        JSONWriter.appendString(String(decoding: bytes, as: UTF8.self), to: &text)
        var json: [UInt8] = []
        record.appendLine(consumed: "ids", outputs: [("text", text)], to: &json)
        return json
    }

    static func decode(_ tokenizer: any Tokenizer, _ ids: some Collection<TokenID>, options: DecodeOptions,
                       origin: String) throws(CLIError) -> [UInt8] {
        do throws(TokenizerError) {
            return try tokenizer.decode(Array(ids), options: options)
        } catch {
            throw CLIError(error, in: origin)
        }
    }

    /// Parses whitespace-separated decimal ids.
    static func parseIDs(_ bytes: UnsafeBufferPointer<UInt8>, origin: String) throws(CLIError) -> [TokenID] {
        var ids: [TokenID] = []
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C { i += 1; continue }
            let start = i
            var value: UInt64 = 0
            var ok = true
            while i < n, !(bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0B || bytes[i] == 0x0C) {
                let d = bytes[i] &- 0x30
                if d > 9 { ok = false } else { value = value &* 10 &+ UInt64(d) }
                if value > UInt64(TokenID.max) { ok = false }
                i += 1
            }
            guard ok else {
                let word = String(decoding: bytes[start..<min(i, start + 40)], as: UTF8.self)
                throw CLIError("\(origin): '\(word)' at byte \(start) is not a token id (expected a non-negative integer below 2^32)")
            }
            ids.append(TokenID(value))
        }
        return ids
    }

    /// The ids of an `"ids"` member: non-negative integers below 2^32.
    static func ids(of member: JSONValue, origin: String) throws(CLIError) -> [TokenID] {
        guard let array = member.arrayValue else {
            throw CLIError("\(origin): \"ids\" must be an array, found a \(member.typeName)")
        }
        var ids: [TokenID] = []
        ids.reserveCapacity(array.count)
        for (k, element) in array.enumerated() {
            guard let v = element.intValue, v >= 0, v <= Int(TokenID.max) else {
                let found = element.typeName == "number" ? "a number out of range" : "a \(element.typeName)"
                throw CLIError("\(origin): \"ids\"[\(k)] must be a non-negative integer, found \(found)")
            }
            ids.append(TokenID(v))
        }
        return ids
    }
}

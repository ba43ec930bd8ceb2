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
            sequence and is followed by a newline; with --jsonl, each line is {"ids":[...]} and is \
            likewise followed by a newline.

            Examples:
              tok encode -t byt5 notes.txt | tok decode -t byt5
              tok decode --jsonl -t byt5 ids.jsonl
            """)

    @OptionGroup var tokenizer: TokenizerOptions

    @Flag(help: "Decode each input line as its own sequence and end each with a newline.")
    var lines = false

    @Flag(help: "Read JSON lines {\"ids\": [...]}; write each decoded line followed by a newline.")
    var jsonl = false

    @Flag(help: "Leave special tokens (BOS, EOS, padding, …) out of the output.")
    var skipSpecial = false

    @Argument(help: ArgumentHelp("A file of ids; - or none reads standard input.", valueName: "file"))
    var file: String?

    func validate() throws {
        if lines && jsonl { throw ValidationError("--lines and --jsonl cannot be combined.") }
    }

    func run() throws {
        let tokenizer = try tokenizer.load()
        let path = file ?? "-"
        let name = InputFiles.displayName(path)
        var out = OutputStream.standardOutput()
        defer { out.flush() }
        let options = DecodeOptions(skipSpecialTokens: skipSpecial)
        if !lines && !jsonl {
            let input = try InputFiles.open(path)
            let ids = try Self.parseIDs(input.bytes, origin: name)
            out.write(try Self.decode(tokenizer, ids, options: options, origin: name))
            return
        }
        try InputFiles.forEachLine(path) { line, origin throws(CLIError) in
            let ids: [TokenID]
            if jsonl {
                if InputFiles.isBlank(line) { return }
                ids = try Self.parseJSONIDs(line, origin: origin)
            } else {
                ids = try line.withUnsafeBufferPointer { buffer throws(CLIError) in try Self.parseIDs(buffer, origin: origin) }
            }
            out.write(try Self.decode(tokenizer, ids, options: options, origin: origin))
            out.write([0x0A])
            if jsonl { out.flush() }
        }
    }

    static func decode(_ tokenizer: any Tokenizer, _ ids: [TokenID], options: DecodeOptions, origin: String) throws(CLIError) -> [UInt8] {
        do throws(TokenizerError) {
            return try tokenizer.decode(ids, options: options)
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

    /// Parses one `{"ids": [...]}` line.
    static func parseJSONIDs(_ line: [UInt8], origin: String) throws(CLIError) -> [TokenID] {
        do throws(FormatError) {
            let value = try JSONParser.parse(line)
            guard case .object = value else {
                throw FormatError(.wrongType, "expected a JSON object with an \"ids\" array, found a \(value.typeName)")
            }
            guard let member = value["ids"] else { throw FormatError(.missingField, "the JSON object has no \"ids\" member") }
            guard let array = member.arrayValue else {
                throw FormatError(.wrongType, "\"ids\" must be an array, found a \(member.typeName)")
            }
            var ids: [TokenID] = []
            ids.reserveCapacity(array.count)
            for (k, element) in array.enumerated() {
                guard let v = element.intValue, v >= 0, v <= Int(TokenID.max) else {
                    throw FormatError(.wrongType, "\"ids\"[\(k)] must be a non-negative integer, found \(element.typeName == "number" ? "a number out of range" : "a \(element.typeName)")")
                }
                ids.append(TokenID(v))
            }
            return ids
        } catch {
            let column = error.location.column.map { ":\($0)" } ?? ""
            throw CLIError("\(origin)\(column): malformed JSON line: \(error.message)")
        }
    }
}

import ArgumentParser
import TokenKit

/// What a bad record does in commands that read records (JSON lines).
enum OnErrorMode: String, ExpressibleByArgument, CaseIterable {
    /// Print the error with its line number and exit 1; the lines written before stay valid.
    case stop
    /// Write `{"error": "…"}` in the bad record's place and go on.
    case skip
}

/// The `--on-error` option shared by every command that reads records, so they all treat a bad
/// record the same way.
struct RecordErrorOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "What a bad input line does: stop (print the error with its line number, exit 1) or skip (write {\"error\": \"…\"} in its place and go on).",
        valueName: "mode"))
    var onError: OnErrorMode = .stop

    /// Makes one output line from one record, or under `skip` an `{"error": …}` line in its
    /// place, so every record gives exactly one line, in order.
    func line(_ body: () throws(CLIError) -> [UInt8]) throws(CLIError) -> [UInt8] {
        do throws(CLIError) {
            return try body()
        } catch {
            guard onError == .skip else { throw error }
            return Self.errorLine(error)
        }
    }

    /// `{"error":"…"}` and a newline: what a bad record gives under `--on-error skip`.
    static func errorLine(_ error: CLIError) -> [UInt8] {
        var json: [UInt8] = Array(#"{"error":"#.utf8)
        JSONWriter.appendString(error.description, to: &json)
        json.append(contentsOf: "}\n".utf8)
        return json
    }
}

/// One JSON-lines record: an object whose members are copied through to the output line.
///
/// Output keys replace input keys of the same name in the input's place; new ones are appended
/// in the order given; the input member the command consumed (`"text"` for encode, `"ids"` for
/// decode) is left out. So `{"id":7,"text":"hi"}` encodes to `{"id":7,"ids":[…]}`.
struct JSONRecord {
    /// The members, in input order.
    var members: [(key: String, value: JSONValue)]

    /// Parses one line as a JSON object, with errors naming `origin` (`file:line`) and the column.
    static func parse(_ line: [UInt8], origin: String, expecting field: String, of kind: String) throws(CLIError) -> JSONRecord {
        do throws(FormatError) {
            let value = try JSONParser.parse(line)
            guard let members = value.objectValue else {
                throw FormatError(.wrongType, "expected a JSON object with \(kind) \"\(field)\", found a \(value.typeName)")
            }
            return JSONRecord(members: members)
        } catch {
            let column = error.location.column.map { ":\($0)" } ?? ""
            throw CLIError("\(origin)\(column): malformed JSON line: \(error.message)")
        }
    }

    /// The member named `key` (the last if repeated, as JSON parsers usually do), or an error.
    func member(_ key: String, origin: String) throws(CLIError) -> JSONValue {
        guard let value = members.last(where: { $0.key == key })?.value else {
            throw CLIError("\(origin): the JSON object has no \"\(key)\" member")
        }
        return value
    }

    /// Appends the output line: the input members except `consumed`, with `outputs` (serialized
    /// values) replacing members of the same name in place or appended, and a newline.
    ///
    /// - Complexity: O(*m* × *k*) for *m* input members and *k* outputs (*k* ≤ 3).
    func appendLine(consumed: String, outputs: [(key: String, json: [UInt8])], to out: inout [UInt8]) {
        var written = [Bool](repeating: false, count: outputs.count)
        var first = true
        func separator() {
            out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            first = false
        }
        for (key, value) in members where key != consumed {
            if let k = outputs.firstIndex(where: { $0.key == key }) {
                if written[k] { continue }  // a repeated key: the output value appears once
                written[k] = true
                separator()
                JSONWriter.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: outputs[k].json)
            } else {
                separator()
                JSONWriter.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                JSONWriter.append(value, to: &out)
            }
        }
        for (k, output) in outputs.enumerated() where !written[k] {
            separator()
            JSONWriter.appendString(output.key, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: output.json)
        }
        if first { out.append(UInt8(ascii: "{")) }
        out.append(contentsOf: "}\n".utf8)
    }
}

/// Reading a string member's raw bytes from a JSON line that is not valid UTF-8, for
/// `--invalid-utf8 bytes`: the JSON parser (rightly) refuses such strings, so the line is parsed
/// once repaired, for its structure, and the member's bytes are taken from the original here.
enum RawJSONString {
    /// The unescaped bytes of the top-level string member `key` of the object on `line` (the
    /// last if repeated), invalid UTF-8 kept as it is; nil if there is none.
    ///
    /// The line must be well-formed JSON apart from its invalid bytes (its repaired copy parsed).
    ///
    /// - Complexity: O(*n*).
    static func member(_ key: String, in line: [UInt8]) -> [UInt8]? {
        let name = Array(key.utf8)
        var i = 0
        var found: [UInt8]?
        func skipSpace() { while i < line.count, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0D || line[i] == 0x0A { i += 1 } }
        skipSpace()
        guard i < line.count, line[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        while true {
            skipSpace()
            guard i < line.count, line[i] == UInt8(ascii: "\"") else { return found }
            let memberKey = unescape(line[stringLiteral(line, &i)])
            skipSpace()
            i += 1  // ':'
            skipSpace()
            if memberKey == name, i < line.count, line[i] == UInt8(ascii: "\"") {
                found = unescape(line[stringLiteral(line, &i)])
            } else {
                skipValue(line, &i)
            }
            skipSpace()
            guard i < line.count, line[i] == UInt8(ascii: ",") else { return found }
            i += 1
        }
    }

    /// The content range of the string literal at `i` (on its opening quote); moves past it.
    private static func stringLiteral(_ line: [UInt8], _ i: inout Int) -> Range<Int> {
        let start = i + 1
        i = start
        while i < line.count, line[i] != UInt8(ascii: "\"") {
            i += line[i] == UInt8(ascii: "\\") ? 2 : 1
        }
        let end = min(i, line.count)
        i += 1
        return start..<end
    }

    /// Unescapes a string literal's content, keeping invalid UTF-8 bytes as they are.
    ///
    /// An escape is ASCII and never holds an invalid byte, so the content is cut at the invalid
    /// bytes and each valid run is unescaped by ``JSONParser`` itself.
    ///
    /// - Complexity: O(*n*): each validation pass stops at the next invalid byte.
    private static func unescape(_ content: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var rest = content
        while !rest.isEmpty {
            let bad = rest.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) } ?? rest.count
            if bad > 0 {
                let literal = [UInt8(ascii: "\"")] + rest.prefix(bad) + [UInt8(ascii: "\"")]
                do throws(FormatError) {
                    out.append(contentsOf: Array((try JSONParser.parse(literal).stringValue ?? "").utf8))
                } catch {
                    out.append(contentsOf: rest.prefix(bad))  // cannot happen: the repaired line parsed
                }
            }
            rest = rest.dropFirst(bad)
            if let invalid = rest.first {
                out.append(invalid)
                rest = rest.dropFirst()
            }
        }
        return out
    }

    /// Moves `i` past one JSON value (strings, nesting and scalars).
    private static func skipValue(_ line: [UInt8], _ i: inout Int) {
        var depth = 0
        while i < line.count {
            let b = line[i]
            if b == UInt8(ascii: "\"") {
                _ = stringLiteral(line, &i)
                if depth == 0 { return }
                continue
            }
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { depth += 1 }
            if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                if depth == 0 { return }
                depth -= 1
                i += 1
                if depth == 0 { return }
                continue
            }
            if depth == 0, b == UInt8(ascii: ",") { return }
            i += 1
        }
    }
}

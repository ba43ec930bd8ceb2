import TokenKit

/// The probe's JSON-lines files: the problem manifest (`generate`) and the results (`run`).
///
/// A manifest line holds the problem (operands, formats, shots, system prompt), everything
/// derived from it for inspection (question, expected answer, chat messages, completion prompt,
/// signature, carries per column) and, when a tokenizer is given, the token ids and byte
/// boundaries of the question and of the expected answer. A results line is a manifest line
/// plus `model`, `runner` and `response`.
public enum ProbeManifest {
    /// The JSON object for a problem.
    ///
    /// - Parameters:
    ///   - p: The problem.
    ///   - tokenizer: When given, adds `question_tokens` and `answer_tokens`
    ///     (`{"ids": [...], "offsets": [[start, end], ...], "pieces": [...]}`).
    /// - Throws: ``ProbeError`` when the tokenizer rejects the text.
    public static func json(_ p: ArithmeticProblem, tokenizer: (any Tokenizer)? = nil) throws(ProbeError) -> JSONValue {
        let signature = p.signature
        let carries = p.carries
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(p.id)), ("experiment", .string(p.experiment)), ("index", JSON.int(p.index)),
            ("seed", JSON.int(p.seed)), ("a", JSON.int(p.a)), ("b", JSON.int(p.b)), ("answer", JSON.int(p.answer)),
            ("signature", .string(signature.description)), ("length_match", .bool(signature.lengthMatch)),
            ("problem_format", .string(p.problemFormat.name)), ("answer_format", .string(p.answerFormat.name)),
            ("spaces", JSON.int(p.spaces)), ("shots", JSON.int(p.shots.count)),
            ("system_prompt", .string(p.systemPrompt)),
            ("shot_problems", .array(p.shots.map { .array([JSON.int($0.0), JSON.int($0.1)]) })),
            ("question", .string(p.question)), ("expected", .string(p.expectedAnswer)),
            ("messages", .array(p.messages.map { .object([("role", .string($0.role.rawValue)), ("content", .string($0.content))]) })),
            ("completion_prompt", .string(p.completionPrompt)),
            ("carries", JSON.ints(carries.carriesOut.map { $0 ? 1 : 0 })),
            ("num_carries", JSON.int(carries.count)), ("max_carry_chain", JSON.int(carries.longestChain)),
        ]
        if let tokenizer {
            members.append(("tokenizer", .string(tokenizer.source)))
            members.append(("question_tokens", try tokens(p.question, tokenizer)))
            members.append(("answer_tokens", try tokens(p.expectedAnswer, tokenizer)))
        }
        return .object(members)
    }

    static func tokens(_ text: String, _ tokenizer: any Tokenizer) throws(ProbeError) -> JSONValue {
        let encoding: Encoding
        do throws(TokenizerError) {
            encoding = try tokenizer.encode(text, options: EncodeOptions(framing: .none, specials: .ordinary))
        } catch {
            throw ProbeError(.model, "the tokenizer cannot encode \"\(text)\": \(error.message)")
        }
        let bytes = Array(text.utf8)
        return .object([
            ("ids", JSON.ints(encoding.ids)),
            ("offsets", .array(encoding.offsets.map { .array([JSON.int($0.lowerBound), JSON.int($0.upperBound)]) })),
            ("pieces", .array(encoding.offsets.map {
                .string(String(decoding: bytes[max(0, $0.lowerBound)..<min(bytes.count, $0.upperBound)], as: UTF8.self))
            })),
        ])
    }

    /// Reads a problem back from a manifest or results object.
    ///
    /// - Throws: ``ProbeError`` naming the missing or mistyped member.
    public static func problem(from value: JSONValue) throws(ProbeError) -> ArithmeticProblem {
        let o = try JSONObjectReader(value)
        let pf = try NumberFormat(parsing: o.string("problem_format"))
        let af = try o.optionalString("answer_format").map { (s: String) throws(ProbeError) in try NumberFormat(parsing: s) } ?? pf
        var shots: [(UInt64, UInt64)] = []
        if let list = value["shot_problems"], !list.isNull {
            guard let items = list.arrayValue else { throw .invalidParameter("\"shot_problems\" must be an array") }
            for item in items {
                guard let pair = item.arrayValue, pair.count == 2 else {
                    throw .invalidParameter("each of \"shot_problems\" must be a pair [a, b]")
                }
                shots.append((try JSONObjectReader.operand(pair[0], name: "shot_problems"),
                              try JSONObjectReader.operand(pair[1], name: "shot_problems")))
            }
        }
        let spaces = try o.int("spaces", default: 0)
        guard (0...16).contains(spaces) else { throw .invalidParameter("\"spaces\" must be 0…16") }
        let problem = ArithmeticProblem(
            id: try o.string("id"), experiment: try o.optionalString("experiment") ?? "", index: try o.int("index", default: 0),
            seed: try o.unsigned("seed", default: 0), a: try o.operand("a"), b: try o.operand("b"), shots: shots,
            problemFormat: pf, answerFormat: af, spaces: spaces,
            systemPrompt: try o.optionalString("system_prompt") ?? "")
        return problem
    }

    /// Reads a manifest file.
    ///
    /// - Returns: The problems and the malformed lines that were skipped.
    /// - Throws: ``ProbeError`` when the file cannot be read or holds duplicate ids.
    public static func read(path: String) throws(ProbeError) -> (problems: [ArithmeticProblem], skipped: SkippedRows) {
        var problems: [ArithmeticProblem] = []
        var seen = Set<String>()
        let skipped = try forEachObject(path: path) { (value, line) throws(ProbeError) in
            let p = try problem(from: value)
            if !seen.insert(p.id).inserted { throw ProbeError(.format, "\(path):\(line): duplicate problem id \"\(p.id)\"") }
            problems.append(p)
        }
        return (problems, skipped)
    }

    /// Calls `body` for each JSON object line of a file; blank lines are ignored, lines that are
    /// not JSON or that `body` rejects with ``ProbeError/Code/invalidParameter`` or
    /// ``ProbeError/Code/unknownFormat`` are skipped and reported; other errors stop the read.
    static func forEachObject(path: String, _ body: (JSONValue, Int) throws(ProbeError) -> Void) throws(ProbeError) -> SkippedRows {
        var skipped = SkippedRows()
        var reader: LineReader
        do throws(InputError) { reader = try LineReader(path: path) } catch { throw .io(error) }
        while true {
            let next: [UInt8]?
            do throws(InputError) { next = try reader.nextLine() } catch { throw .io(error) }
            guard var line = next else { break }
            if line.last == 0x0D { line.removeLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let number = reader.lineNumber
            let value: JSONValue
            do throws(FormatError) { value = try JSONParser.parse(line) } catch {
                skipped.add(line: number, "malformed JSON: \(error.message)")
                continue
            }
            do throws(ProbeError) { try body(value, number) } catch {
                if error.code == .invalidParameter || error.code == .unknownFormat {
                    skipped.add(line: number, error.message)
                } else {
                    throw error
                }
            }
        }
        return skipped
    }

    /// Reads a results file into observations (`model` and `response` are required per line;
    /// lines with an `error` member and no response are skipped and reported).
    public static func readResults(path: String) throws(ProbeError) -> (observations: [ProbeObservation], skipped: SkippedRows) {
        var out: [ProbeObservation] = []
        let skipped = try forEachObject(path: path) { (value, line) throws(ProbeError) in
            let p = try problem(from: value)
            let o = try JSONObjectReader(value)
            guard let response = try o.optionalString("response") else {
                let why = try o.optionalString("error").map { "no response (\($0))" } ?? "missing \"response\""
                throw .invalidParameter(why)
            }
            out.append(ProbeObservation(
                model: try o.optionalString("model") ?? "", systemPrompt: p.systemPrompt, problemFormat: p.problemFormat,
                answerFormat: p.answerFormat, shots: p.shots.count == 0 ? try o.int("shots", default: 0) : p.shots.count,
                spaces: p.spaces, a: p.a, b: p.b, response: response, origin: "\(path):\(line)", problemID: p.id,
                answerLogProbability: value["answer_logprob"]?.doubleValue))
        }
        return (out, skipped)
    }

    /// The JSON line for a result: the problem's manifest object plus model, runner and response.
    public static func resultJSON(_ p: ArithmeticProblem, model: String, runner: String, response: String,
                                  extra: [(key: String, value: JSONValue)] = []) throws(ProbeError) -> JSONValue {
        guard case .object(var members) = try json(p) else { return .null }
        members.append(("model", .string(model)))
        members.append(("runner", .string(runner)))
        members.append(("response", .string(response)))
        members.append(contentsOf: extra)
        return .object(members)
    }
}

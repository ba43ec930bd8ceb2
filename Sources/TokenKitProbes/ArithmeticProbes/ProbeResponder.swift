import TokenKit

/// Something that answers probe problems: the built-in runtime, an HTTP endpoint, a file.
public protocol ProbeResponder: Sendable {
    /// The model name recorded in results.
    var modelName: String { get }
    /// The runner kind recorded in results (`builtin`, `http-chat`, `http-completions`, `file`).
    var runnerName: String { get }

    /// The raw response to one problem.
    ///
    /// - Throws: ``ProbeError``; the run stops, keeping the results written so far.
    func respond(to problem: ArithmeticProblem) async throws(ProbeError) -> String

    /// Extra members for the problem's results line (the built-in runner adds the expected
    /// answer's log-probability); the default adds none.
    func details(for problem: ArithmeticProblem) async throws(ProbeError) -> [(key: String, value: JSONValue)]
}

extension ProbeResponder {
    /// No extra members.
    public func details(for problem: ArithmeticProblem) async throws(ProbeError) -> [(key: String, value: JSONValue)] { [] }
}

/// Responses read from a file: JSON lines with `id` and `response`, or a CSV with the paper's
/// columns (`problem_msg`, `response`, and `num_shots`, `system_prompt` when present), matched
/// to problems by id, or by question text, shot count and system prompt.
public struct FileResponder: ProbeResponder {
    /// The model name (from the file's `model` members, else the file name).
    public let modelName: String
    /// `file`.
    public var runnerName: String { "file" }
    private let byID: [String: String]
    private let byQuestion: [String: String]
    /// Malformed rows of the responses file.
    public let skipped: SkippedRows

    /// Reads a responses file (`.csv` by extension, JSON lines otherwise).
    ///
    /// - Throws: ``ProbeError`` when the file cannot be read or lacks the needed columns.
    public init(path: String, modelName: String? = nil) throws(ProbeError) {
        var ids: [String: String] = [:], questions: [String: String] = [:]
        var models = Set<String>()
        var skipped = SkippedRows()
        if path.lowercased().hasSuffix(".csv") {
            let bytes: [UInt8]
            do throws(InputError) { bytes = try FileIO.readAll(path: path) } catch { throw .io(error) }
            var reader = CSVReader(bytes: bytes)
            guard let header = reader.next() else { throw ProbeError(.format, "\(path): the CSV file is empty") }
            var column: [String: Int] = [:]
            for (k, h) in header.fields.enumerated() where column[h] == nil { column[h] = k }
            guard let responseColumn = column["response"], column["problem_msg"] != nil || column["id"] != nil else {
                throw ProbeError(.format, "\(path): a responses CSV needs a response column and problem_msg or id")
            }
            while let row = reader.next() {
                if let problem = row.problem { skipped.add(line: row.line, problem); continue }
                guard row.fields.count == header.fields.count else {
                    skipped.add(line: row.line, "\(row.fields.count) fields where the header has \(header.fields.count)")
                    continue
                }
                let response = row.fields[responseColumn]
                if let c = column["model"] { models.insert(row.fields[c]) }
                if let c = column["id"] { ids[row.fields[c]] = response }
                if let c = column["problem_msg"] {
                    let shots = column["num_shots"].map { row.fields[$0] } ?? ""
                    let prompt = column["system_prompt"].map { row.fields[$0] } ?? ""
                    questions[Self.key(row.fields[c], shots, prompt)] = response
                }
            }
        } else {
            skipped = try ProbeManifest.forEachObject(path: path) { (value, _) throws(ProbeError) in
                let o = try JSONObjectReader(value)
                let response = try o.string("response")
                if let m = try o.optionalString("model") { models.insert(m) }
                if let id = try o.optionalString("id") { ids[id] = response }
                if let q = try o.optionalString("question") {
                    let shots = value["shots"]?.intValue.map(String.init) ?? ""
                    questions[Self.key(q, shots, try o.optionalString("system_prompt") ?? "")] = response
                }
                if value["id"] == nil && value["question"] == nil { throw .invalidParameter("a response needs \"id\" or \"question\"") }
            }
        }
        self.byID = ids
        self.byQuestion = questions
        self.skipped = skipped
        self.modelName = modelName ?? (models.count == 1 ? models.first ?? path : path)
    }

    static func key(_ question: String, _ shots: String, _ prompt: String) -> String {
        question + "\u{1}" + shots + "\u{1}" + prompt
    }

    /// The stored response for the problem.
    ///
    /// - Throws: ``ProbeError/Code/model`` when the file has no response for it.
    public func respond(to problem: ArithmeticProblem) async throws(ProbeError) -> String {
        if let r = byID[problem.id] { return r }
        if let r = byQuestion[Self.key(problem.question, String(problem.shots.count), problem.systemPrompt)]
            ?? byQuestion[Self.key(problem.question, "", "")] {
            return r
        }
        throw ProbeError(.model, "the responses file has no response for problem \(problem.id) (\(problem.question))")
    }
}

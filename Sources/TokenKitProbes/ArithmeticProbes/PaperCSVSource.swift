import TokenKit

/// Reads the released result CSVs of Singh & Strouse ("Tokenization counts", GitHub
/// `aadityasingh/TokenizationCounts`, folder `results/`) as they are.
///
/// Columns used: `num1`, `num2`, `response`, `model`, `system_prompt`, `problem_number_format`,
/// `answer_number_format`, `num_spaces`, `num_shots`, and when present `flip_problem` (the
/// shown problem is `num2+num1`; signatures are counted as shown) and `repeat_style` /
/// `repeat_problem_number_format` (the model repeats the problem: score after the last `=`).
/// Other columns are ignored. Rows that cannot be read are skipped and reported with their line.
public enum PaperCSVSource {
    /// The columns that must be present.
    public static let requiredColumns = [
        "num1", "num2", "response", "model", "system_prompt", "problem_number_format", "answer_number_format",
        "num_spaces", "num_shots",
    ]

    /// Reads a CSV file.
    ///
    /// - Throws: ``ProbeError`` when the file cannot be read, is empty or lacks a required column.
    public static func read(path: String) throws(ProbeError) -> (observations: [ProbeObservation], skipped: SkippedRows) {
        let bytes: [UInt8]
        do throws(InputError) { bytes = try FileIO.readAll(path: path) } catch { throw .io(error) }
        return try parse(bytes: bytes, name: path)
    }

    /// Parses CSV bytes; `name` labels origins and errors.
    public static func parse(bytes: [UInt8], name: String) throws(ProbeError) -> (observations: [ProbeObservation], skipped: SkippedRows) {
        var reader = CSVReader(bytes: bytes)
        guard let header = reader.next() else { throw ProbeError(.format, "\(name): the CSV file is empty") }
        var column: [String: Int] = [:]
        for (k, h) in header.fields.enumerated() where column[h] == nil { column[h] = k }
        let missing = requiredColumns.filter { column[$0] == nil }
        if !missing.isEmpty {
            throw ProbeError(.format, "\(name):\(header.line): missing column(s) \(missing.joined(separator: ", ")) (the paper's CSV columns are expected)")
        }
        var observations: [ProbeObservation] = []
        var skipped = SkippedRows()
        var formats: [String: NumberFormat] = [:]
        func format(_ text: String) throws(ProbeError) -> NumberFormat {
            if let f = formats[text] { return f }
            let f = try NumberFormat(parsing: text)
            formats[text] = f
            return f
        }
        while let row = reader.next() {
            if let problem = row.problem { skipped.add(line: row.line, problem); continue }
            guard row.fields.count == header.fields.count else {
                skipped.add(line: row.line, "\(row.fields.count) fields where the header has \(header.fields.count)")
                continue
            }
            func field(_ name: String) -> String? { column[name].map { row.fields[$0] } }
            do throws(ProbeError) {
                guard let n1 = field("num1").flatMap(parseOperand), let n2 = field("num2").flatMap(parseOperand) else {
                    throw .invalidParameter("num1/num2 must be non-negative integers of at most \(LengthSignature.maximumLength) digits")
                }
                guard let shots = field("num_shots").flatMap(parseCount), let spaces = field("num_spaces").flatMap(parseCount) else {
                    throw .invalidParameter("num_shots/num_spaces must be non-negative integers")
                }
                let pf = try format(field("problem_number_format") ?? "")
                let af = try format(field("answer_number_format") ?? "")
                let flip = field("flip_problem").map { $0 == "True" || $0 == "true" || $0 == "1" } ?? false
                let repeatStyle = (field("repeat_style") ?? "") + (field("repeat_problem_number_format") ?? "")
                observations.append(ProbeObservation(
                    model: field("model") ?? "", systemPrompt: field("system_prompt") ?? "", problemFormat: pf,
                    answerFormat: af, shots: shots, spaces: spaces, a: flip ? n2 : n1, b: flip ? n1 : n2,
                    response: field("response") ?? "", repeatsProblem: !repeatStyle.isEmpty && repeatStyle != "None",
                    origin: "\(name):\(row.line)"))
            } catch {
                skipped.add(line: row.line, error.message)
            }
        }
        return (observations, skipped)
    }

    /// An operand: 1–18 ASCII digits (pandas may write `123.0`; that is accepted too).
    static func parseOperand(_ text: String) -> UInt64? {
        var t = Substring(text).trimmingSpaces
        if t.hasSuffix(".0") { t = t.dropLast(2) }
        guard !t.isEmpty, t.utf8.count <= LengthSignature.maximumLength, t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        return UInt64(t)
    }

    static func parseCount(_ text: String) -> Int? {
        var t = Substring(text).trimmingSpaces
        if t.hasSuffix(".0") { t = t.dropLast(2) }
        guard let v = Int(t), v >= 0, v <= 1_000_000 else { return nil }
        return v
    }
}

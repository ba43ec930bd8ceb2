import TokenKit

extension ProbeAnalysis {
    /// The analysis as the CLI's JSON document.
    ///
    /// `groups` has one entry per distinct (model, system_prompt, problem_format, answer_format,
    /// shots, spaces, signature) — `signature: null` pools all signatures — with `n`, `correct`,
    /// `accuracy`, the Wilson 95 % bounds `ci_low`/`ci_high`, `format_correct` and `invalid`.
    /// `error_signatures` counts the sets of wrong digit positions (1-based from the left) of
    /// length-correct wrong answers per (model, problem_format, length_match). Further members
    /// hold the digit-position, token-position, error-type and carry tables, and the skipped rows.
    public func json() -> JSONValue {
        var groupItems: [JSONValue] = []
        for g in groups.keys.sorted() {
            guard let t = groups[g] else { continue }
            let ci = t.interval
            groupItems.append(.object([
                ("model", .string(g.model)), ("system_prompt", .string(g.systemPrompt)),
                ("problem_format", .string(g.problemFormat)), ("answer_format", .string(g.answerFormat)),
                ("shots", JSON.int(g.shots)), ("spaces", JSON.int(g.spaces)),
                ("signature", g.signature.map { .string($0.description) } ?? .null),
                ("n", JSON.int(t.n)), ("correct", JSON.int(t.correct)), ("accuracy", JSON.double(t.accuracy)),
                ("ci_low", JSON.double(ci.lower)), ("ci_high", JSON.double(ci.upper)),
                ("format_correct", JSON.int(t.formattedCorrect)), ("invalid", JSON.int(t.invalid)),
                ("mean_answer_logprob", t.meanAnswerLogProbability.map { JSON.double($0) } ?? .null),
            ]))
        }
        var signatureItems: [JSONValue] = []
        var digitItems: [JSONValue] = []
        var tokenItems: [JSONValue] = []
        var typeItems: [JSONValue] = []
        for key in conditions.keys.sorted() {
            guard let c = conditions[key] else { continue }
            let head: [(key: String, value: JSONValue)] = [
                ("model", .string(key.model)), ("problem_format", .string(key.problemFormat)),
                ("length_match", .bool(key.lengthMatch)),
            ]
            let sorted = c.signatures.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }
            for (digits, count) in sorted {
                signatureItems.append(.object(head + [("wrong_digits", JSON.ints(digits)), ("count", JSON.int(count))]))
            }
            func table(_ d: [Int: Int]) -> JSONValue {
                .object(d.keys.sorted().map { (key: String($0), value: JSON.int(d[$0] ?? 0)) })
            }
            digitItems.append(.object(head + [
                ("length_correct", JSON.int(c.lengthCorrect)), ("wrong_from_left", table(c.wrongAtDigit)),
                ("wrong_from_right", table(c.wrongAtDigitFromRight)),
            ]))
            tokenItems.append(.object(head + [("length_correct", JSON.int(c.lengthCorrect)), ("wrong_tokens", table(c.wrongAtToken))]))
            typeItems.append(.object(head + [
                ("n", JSON.int(c.n)), ("wrong", JSON.int(c.wrong)), ("invalid", JSON.int(c.invalid)),
                ("wrong_length", JSON.int(c.wrongLength)), ("length_correct_wrong", JSON.int(c.lengthCorrectWrong)),
                ("off_by_power_of_ten", JSON.int(c.offByOne)), ("off_by_power_of_ten_at_digit", table(c.offByOneAtDigit)),
                ("carry_in", JSON.int(c.carryIn)), ("carry_out", JSON.int(c.carryOut)),
                ("dropped_digit", JSON.int(c.droppedDigit)), ("left_alignment", JSON.int(c.leftAlignment)),
                ("chunk_wise", JSON.int(c.chunked)),
            ]))
        }
        var carryItems: [JSONValue] = []
        for k in carries.keys.sorted() {
            guard let t = carries[k] else { continue }
            carryItems.append(.object([
                ("model", .string(k.model)), ("problem_format", .string(k.problemFormat)), ("measure", .string(k.measure)),
                ("value", JSON.int(k.value)), ("n", JSON.int(t.n)), ("correct", JSON.int(t.correct)),
                ("accuracy", JSON.double(t.accuracy)),
            ]))
        }
        return .object([
            ("groups", .array(groupItems)), ("error_signatures", .array(signatureItems)),
            ("digit_errors", .array(digitItems)), ("token_errors", .array(tokenItems)),
            ("error_types", .array(typeItems)), ("carries", .array(carryItems)),
            ("observations", JSON.int(count)),
            ("skipped", .object([
                ("count", JSON.int(skipped.count)),
                ("rows", .array(skipped.rows.map { .object([("line", JSON.int($0.line)), ("reason", .string($0.reason))]) })),
            ])),
        ])
    }

    /// Human-readable tables (Markdown): accuracy by format × shots per model and prompt, by
    /// signature, error signatures and error types.
    public func markdownTables() -> String {
        var out = "## Accuracy by format and shots\n\n"
        let pooledKeys = groups.keys.filter { $0.signature == nil }
        let shotValues = Set(pooledKeys.map(\.shots)).sorted()
        var rows: [String: [Int: Tally]] = [:]
        var rowKeys: [(String, Group)] = []
        for g in pooledKeys.sorted() {
            let label = "\(g.model) | \(SystemPrompts.shortName(g.systemPrompt)) | \(g.problemFormat)"
                + (g.answerFormat == g.problemFormat ? "" : "→\(g.answerFormat)") + " | \(g.spaces)"
            if rows[label] == nil { rowKeys.append((label, g)) }
            rows[label, default: [:]][g.shots] = groups[g]
        }
        out += "| model | prompt | format | spaces | " + shotValues.map { "\($0) shots" }.joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " --- |", count: 4 + shotValues.count) + "\n"
        for (label, _) in rowKeys {
            let cells = shotValues.map { k in rows[label]?[k].map(Self.cell) ?? "" }
            out += "| \(label) | " + cells.joined(separator: " | ") + " |\n"
        }
        let signatures = Set(groups.keys.compactMap(\.signature)).sorted()
        if signatures.count > 1 {
            out += "\n## Accuracy by length signature (all shots and prompts pooled)\n\n"
            let keys = Set(groups.keys.map { "\($0.model) · \($0.problemFormat)" }).sorted()
            out += "| signature | " + keys.joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: keys.count + 1) + "\n"
            for s in signatures {
                let cells = keys.map { k in
                    let t = pooled(s: s, key: k)
                    return t.n == 0 ? "" : Self.cell(t)
                }
                out += "| \(s)\(s.lengthMatch ? "" : " (longer)") | " + cells.joined(separator: " | ") + " |\n"
            }
        }
        out += "\n## Errors by condition\n\n"
        out += "| model | format | answer length | n | wrong | invalid | wrong length | power of ten | carry in | carry out | dropped digit | left-aligned | chunk-wise | top error signatures |\n"
        out += "|" + String(repeating: " --- |", count: 14) + "\n"
        for key in conditions.keys.sorted() {
            guard let c = conditions[key] else { continue }
            let top = c.signatures.sorted { $0.value > $1.value }.prefix(3)
                .map { "{\($0.key.map(String.init).joined(separator: ","))}: \($0.value)" }.joined(separator: ", ")
            out += "| \(key.model) | \(key.problemFormat) | \(key.lengthMatch ? "= longer addend" : "longer") | \(c.n) | \(c.wrong) | \(c.invalid) | \(c.wrongLength) | \(c.offByOne) | \(c.carryIn) | \(c.carryOut) | \(c.droppedDigit) | \(c.leftAlignment) | \(c.chunked) | \(top) |\n"
        }
        if skipped.count > 0 {
            out += "\n\(skipped.count) malformed row(s) skipped, at line(s) "
                + skipped.rows.prefix(20).map { String($0.line) }.joined(separator: ", ") + (skipped.count > 20 ? ", …" : "") + "\n"
        }
        return out
    }

    func pooled(s: LengthSignature, key: String) -> Tally {
        pooled { g in g.signature == s && "\(g.model) · \(g.problemFormat)" == key }
    }

    static func cell(_ t: Tally) -> String {
        let ci = t.interval
        return String(format1(t.accuracy * 100)) + " % [\(format1(ci.lower * 100))–\(format1(ci.upper * 100))] n=\(t.n)"
    }
}

/// One decimal, without Foundation.
func format1(_ v: Double) -> String {
    guard v.isFinite else { return "–" }
    let tenths = Int((v * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
}

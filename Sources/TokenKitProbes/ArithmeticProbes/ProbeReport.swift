import TokenKit

/// Writes a report folder: `report.md` (tables and plots), `accuracy_vs_shots.svg`,
/// `signatures.svg` (per-signature accuracy, L2R vs R2L), `digit_errors.svg` (heatmap of wrong
/// digits among length-correct answers) and `problems.html` (wrong answers with their 3-digit
/// output tokens marked and the carry row, after the paper's `pretty_print`).
///
/// SVG and HTML use generic font families only (no network fonts).
public enum ProbeReport {
    /// The files ``write(_:to:tokenizer:)`` creates.
    public static let files = ["report.md", "accuracy_vs_shots.svg", "signatures.svg", "digit_errors.svg", "problems.html"]

    /// Writes the report into `directory` (created if needed).
    ///
    /// - Throws: ``ProbeError/Code/io``.
    /// - Parameters:
    ///   - analysis: The analysis to report.
    ///   - directory: The report folder.
    ///   - tokenizer: When given, the problem view marks this tokenizer's real token
    ///     boundaries (each number encoded as written in its format); otherwise 3-digit chunks in
    ///     the format's direction, as cl100k splits digits.
    public static func write(_ analysis: ProbeAnalysis, to directory: String, tokenizer: (any Tokenizer)? = nil) throws(ProbeError) {
        try TextFile.makeDirectory(directory)
        try TextFile.write(accuracyVsShots(analysis), to: directory + "/accuracy_vs_shots.svg")
        try TextFile.write(signatureBars(analysis), to: directory + "/signatures.svg")
        try TextFile.write(digitHeatmap(analysis), to: directory + "/digit_errors.svg")
        try TextFile.write(problemView(analysis, tokenizer: tokenizer), to: directory + "/problems.html")
        var md = "# Arithmetic probe report\n\n\(analysis.count) responses analyzed"
        md += analysis.skipped.count > 0 ? "; \(analysis.skipped.count) malformed row(s) skipped.\n\n" : ".\n\n"
        md += "Accuracy is the paper's answer match (digits after stripping separators, any format), with Wilson 95 % intervals.\n\n"
        md += "![Accuracy vs shots](accuracy_vs_shots.svg)\n\n![Accuracy by length signature](signatures.svg)\n\n"
        md += "![Wrong digits among length-correct answers](digit_errors.svg)\n\n"
        md += "Wrong answers with output tokens marked: [problems.html](problems.html)\n\n"
        md += analysis.markdownTables()
        try TextFile.write(md, to: directory + "/report.md")
    }

    static let palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
                          "#1f78b4", "#b2df8a"]

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    static func svgHeader(_ width: Int, _ height: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    }

    static func fmt(_ v: Double) -> String { format1(v) }

    /// One panel per model: accuracy (%) vs shots, one line per prompt × format × spacing.
    static func accuracyVsShots(_ a: ProbeAnalysis) -> String {
        let keys = a.groups.keys.filter { $0.signature == nil }
        let models = Set(keys.map(\.model)).sorted()
        let shots = Set(keys.map(\.shots)).sorted()
        let panelW = 520, panelH = 300, left = 50, top = 30, plotW = 300, plotH = 220
        var svg = svgHeader(panelW, max(1, models.count) * panelH)
        for (m, model) in models.enumerated() {
            let y0 = m * panelH
            svg += "<text x=\"\(left)\" y=\"\(y0 + 18)\" font-size=\"13\">\(escape(model))</text>\n"
            svg += axes(x: left, y: y0 + top, w: plotW, h: plotH)
            func px(_ k: Int) -> Double {
                let i = shots.firstIndex(of: k) ?? 0
                return Double(left) + (shots.count <= 1 ? Double(plotW) / 2 : Double(i) * Double(plotW) / Double(shots.count - 1))
            }
            func py(_ acc: Double) -> Double { Double(y0 + top) + Double(plotH) * (1 - acc) }
            for (i, k) in shots.enumerated() {
                svg += "<text x=\"\(fmt(px(k)))\" y=\"\(y0 + top + plotH + 14)\" text-anchor=\"middle\">\(k)</text>\n"
                _ = i
            }
            svg += "<text x=\"\(left + plotW / 2)\" y=\"\(y0 + top + plotH + 28)\" text-anchor=\"middle\">shots</text>\n"
            var series: [String: [(Int, ProbeAnalysis.Tally)]] = [:]
            for g in keys where g.model == model {
                let name = "\(g.problemFormat)\(g.answerFormat == g.problemFormat ? "" : "→" + g.answerFormat) · \(SystemPrompts.shortName(g.systemPrompt))\(g.spaces > 0 ? " · \(g.spaces) sp" : "")"
                if let t = a.groups[g] { series[name, default: []].append((g.shots, t)) }
            }
            for (s, name) in series.keys.sorted().enumerated() {
                let color = palette[s % palette.count]
                let points = (series[name] ?? []).sorted { $0.0 < $1.0 }
                let path = points.map { "\(fmt(px($0.0))),\(fmt(py($0.1.accuracy)))" }.joined(separator: " ")
                svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" points=\"\(path)\"/>\n"
                for (k, t) in points {
                    let ci = t.interval
                    svg += "<line x1=\"\(fmt(px(k)))\" x2=\"\(fmt(px(k)))\" y1=\"\(fmt(py(ci.lower)))\" y2=\"\(fmt(py(ci.upper)))\" stroke=\"\(color)\" stroke-opacity=\"0.5\"/>\n"
                    svg += "<circle cx=\"\(fmt(px(k)))\" cy=\"\(fmt(py(t.accuracy)))\" r=\"2.5\" fill=\"\(color)\"><title>\(escape(name)), \(k) shots: \(fmt(t.accuracy * 100)) % (n=\(t.n))</title></circle>\n"
                }
                let ly = y0 + top + 10 + s * 14
                svg += "<rect x=\"\(left + plotW + 12)\" y=\"\(ly - 8)\" width=\"10\" height=\"10\" fill=\"\(color)\"/>"
                svg += "<text x=\"\(left + plotW + 26)\" y=\"\(ly + 1)\">\(escape(name))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    static func axes(x: Int, y: Int, w: Int, h: Int) -> String {
        var s = "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(h)\" fill=\"none\" stroke=\"#999\"/>\n"
        for pct in stride(from: 0, through: 100, by: 25) {
            let yy = Double(y) + Double(h) * (1 - Double(pct) / 100)
            s += "<line x1=\"\(x)\" x2=\"\(x + w)\" y1=\"\(fmt(yy))\" y2=\"\(fmt(yy))\" stroke=\"#eee\"/>"
            s += "<text x=\"\(x - 4)\" y=\"\(fmt(yy + 4))\" text-anchor=\"end\">\(pct)%</text>\n"
        }
        return s
    }

    /// Accuracy per length signature, bars per problem format (all shots and prompts pooled), one panel per model.
    static func signatureBars(_ a: ProbeAnalysis) -> String {
        let keys = a.groups.keys.filter { $0.signature != nil }
        let models = Set(keys.map(\.model)).sorted()
        let signatures = Set(keys.compactMap(\.signature)).sorted()
        let formats = Set(keys.map(\.problemFormat)).sorted { formatOrder($0) < formatOrder($1) }
        let left = 50, top = 30, plotH = 200
        let groupW = max(44, formats.count * 12 + 12)
        let plotW = max(200, signatures.count * groupW)
        let panelH = plotH + 80, width = left + plotW + 160
        var svg = svgHeader(width, max(1, models.count) * panelH)
        for (m, model) in models.enumerated() {
            let y0 = m * panelH
            svg += "<text x=\"\(left)\" y=\"\(y0 + 18)\" font-size=\"13\">\(escape(model))</text>\n"
            svg += axes(x: left, y: y0 + top, w: plotW, h: plotH)
            for (i, s) in signatures.enumerated() {
                let gx = left + i * groupW + 4
                for (f, format) in formats.enumerated() {
                    let t = a.pooled { $0.model == model && $0.signature == s && $0.problemFormat == format }
                    guard t.n > 0 else { continue }
                    let h = Double(plotH) * t.accuracy
                    let x = gx + f * 12
                    svg += "<rect x=\"\(x)\" y=\"\(fmt(Double(y0 + top) + Double(plotH) - h))\" width=\"10\" height=\"\(fmt(h))\" fill=\"\(palette[f % palette.count])\"><title>\(s) \(escape(format)): \(fmt(t.accuracy * 100)) % (n=\(t.n))</title></rect>\n"
                }
                let label = s.description + (s.lengthMatch ? "" : "*")
                svg += "<text x=\"\(gx + groupW / 2 - 4)\" y=\"\(y0 + top + plotH + 14)\" text-anchor=\"middle\" font-size=\"9\">\(label)</text>\n"
            }
            for (f, format) in formats.enumerated() {
                let ly = y0 + top + 10 + f * 14
                svg += "<rect x=\"\(left + plotW + 12)\" y=\"\(ly - 8)\" width=\"10\" height=\"10\" fill=\"\(palette[f % palette.count])\"/>"
                svg += "<text x=\"\(left + plotW + 26)\" y=\"\(ly + 1)\">\(escape(format))</text>\n"
            }
            svg += "<text x=\"\(left)\" y=\"\(y0 + top + plotH + 30)\" font-size=\"10\">* answer longer than both addends</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Rows: model × format × length match; columns: digit 1…L from the left; value: share of
    /// length-correct answers wrong at that digit.
    static func digitHeatmap(_ a: ProbeAnalysis) -> String {
        let keys = a.conditions.keys.sorted()
        let maxDigit = a.conditions.values.map(\.maximumLength).max() ?? 1
        let columns = max(maxDigit, 1)
        let labelW = 330, cell = 34, top = 40
        var svg = svgHeader(labelW + columns * cell + 20, top + max(1, keys.count) * cell + 20)
        svg += "<text x=\"10\" y=\"16\" font-size=\"13\">Share of length-correct answers wrong at each digit (from the left)</text>\n"
        for d in 1...columns {
            svg += "<text x=\"\(labelW + (d - 1) * cell + cell / 2)\" y=\"\(top - 6)\" text-anchor=\"middle\">\(d)</text>\n"
        }
        for (r, key) in keys.enumerated() {
            guard let c = a.conditions[key] else { continue }
            let y = top + r * cell
            let label = "\(key.model) · \(key.problemFormat) · \(key.lengthMatch ? "length match" : "answer longer") (n=\(c.lengthCorrect))"
            svg += "<text x=\"\(labelW - 6)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"end\">\(escape(label))</text>\n"
            for d in 1...columns {
                let wrong = c.wrongAtDigit[d] ?? 0
                let share = c.lengthCorrect == 0 ? 0 : Double(wrong) / Double(c.lengthCorrect)
                // White → red with the share (scaled so 25 % is already strong).
                let intensity = min(1, share * 4)
                let gb = Int((1 - intensity) * 255)
                let fill = "rgb(255,\(gb),\(gb))"
                svg += "<rect x=\"\(labelW + (d - 1) * cell)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(fill)\" stroke=\"#ddd\"><title>digit \(d): \(wrong) of \(c.lengthCorrect)</title></rect>"
                if wrong > 0 {
                    svg += "<text x=\"\(labelW + (d - 1) * cell + cell / 2 - 1)\" y=\"\(y + cell / 2 + 3)\" text-anchor=\"middle\" font-size=\"9\">\(wrong)</text>"
                }
                svg += "\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// Wrong answers per condition, digits grouped into 3-digit tokens in the answer format's
    /// direction (alternating backgrounds), wrong digits in red, the carry row on top.
    static func problemView(_ a: ProbeAnalysis, tokenizer: (any Tokenizer)? = nil) -> String {
        var html = """
            <!doctype html><html><head><meta charset="utf-8"><title>Arithmetic probe problems</title>
            <style>body{font-family:sans-serif}table.p{font-family:monospace;font-size:15px;border-collapse:collapse;margin:8px 0 18px}
            td{width:1.3em;text-align:center;padding:1px}.t0{background:#d9f0d3}.t1{background:#e7d4e8}.c{color:#888;font-size:11px}
            .w{color:#c00;font-weight:bold}.sum{border-top:1px solid #333}</style></head><body>
            <h1>Wrong answers, output tokens marked</h1>
            <p>Background alternates per 3-digit token (as cl100k splits plain digits left to right, or as separators force).
            Red digits differ from the true sum. The top row is the carry into each column.</p>

            """
        for key in a.conditions.keys.sorted() {
            guard let examples = a.examples[key], !examples.isEmpty else { continue }
            html += "<h2>\(escape(key.model)) · \(escape(key.problemFormat)) · \(key.lengthMatch ? "length match" : "answer longer than addends")</h2>\n"
            for o in examples {
                let e = ErrorAnalysis(o)
                let truth = String(o.truth)
                let answer = e.score.digits ?? "—"
                let width = max(truth.count, answer.count, String(o.a).count, String(o.b).count)
                let carries = CarryAnalysis(o.a, o.b)
                var carryRow = [String](repeating: "", count: width)
                for j in 1..<width where carries.carryIn(rightPosition: j) { carryRow[width - 1 - j] = "1" }
                html += "<div>\(escape(o.origin)) · response <code>\(escape(o.response))</code></div>\n<table class=\"p\">"
                html += "<tr>" + carryRow.map { "<td class=\"c\">\($0)</td>" }.joined() + "</tr>\n"
                func chunks(_ digits: String, _ format: NumberFormat) -> [Int] {
                    tokenizer.flatMap { tokenChunks(digits, format: format, tokenizer: $0) }
                        ?? ErrorAnalysis.tokenIndices(length: digits.utf8.count, direction: format.tokenDirection)
                }
                html += row(String(o.a), width: width, tokens: chunks(String(o.a), o.problemFormat), wrong: [])
                html += row(String(o.b), width: width, tokens: chunks(String(o.b), o.problemFormat), wrong: [])
                html += row(truth, width: width, tokens: chunks(truth, o.answerFormat), wrong: [], extraClass: "sum")
                html += row(answer, width: width, tokens: chunks(answer, o.answerFormat), wrong: Set(e.wrongDigits))
                html += "</table>\n"
            }
        }
        return html + "</body></html>\n"
    }

    /// For each digit, the 1-based index of the token that holds it when the number is written
    /// in `format` and encoded by `tokenizer` (`nil` if the tokenizer fails or the digits are not
    /// all ASCII digits).
    static func tokenChunks(_ digits: String, format: NumberFormat, tokenizer: any Tokenizer) -> [Int]? {
        guard digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let written = Array(format.format(digits: digits).utf8)
        guard let encoding = try? tokenizer.encode(written, options: EncodeOptions(framing: .none, specials: .ordinary)) else { return nil }
        var out: [Int] = []
        for (i, b) in written.enumerated() where b >= 0x30 && b <= 0x39 {
            let t = encoding.offsets.firstIndex { $0.contains(i) } ?? 0
            out.append(t + 1)
        }
        return out.count == digits.utf8.count ? out : nil
    }

    static func row(_ digits: String, width: Int, tokens: [Int], wrong: Set<Int>, extraClass: String = "") -> String {
        let chars = Array(digits)
        var cells = [String](repeating: "<td class=\"\(extraClass)\"></td>", count: max(0, width - chars.count))
        for (i, c) in chars.enumerated() {
            var classes = ["t\(((i < tokens.count ? tokens[i] : 1) - 1) % 2)"]
            if wrong.contains(i + 1) { classes.append("w") }
            if !extraClass.isEmpty { classes.append(extraClass) }
            cells.append("<td class=\"\(classes.joined(separator: " "))\">\(escape(String(c)))</td>")
        }
        return "<tr>" + cells.joined() + "</tr>\n"
    }
}

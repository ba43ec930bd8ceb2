import TokenKit

extension MixtureInference.Category {
    /// A category from a file or a folder of files (regular files directly inside, sorted).
    ///
    /// - Throws: ``MixtureError`` when the path does not exist or holds no non-empty file.
    public static func at(name: String, path: String) throws(MixtureError) -> Self {
        if name.isEmpty { throw MixtureError(.emptyCategory, "a category needs a name (NAME=PATH)") }
        guard FileIO.exists(path) else { throw MixtureError(.unreadableInput, "category '\(name)': \(path) does not exist") }
        var files: [String] = []
        if FileIO.isDirectory(path) {
            for entry in FileIO.contentsOfDirectory(path) where !entry.hasPrefix(".") {
                let full = path + "/" + entry
                if !FileIO.isDirectory(full) { files.append(full) }
            }
        } else {
            files = [path]
        }
        files = files.filter { ((try? MappedFile(path: $0))?.count ?? 0) > 0 }
        if files.isEmpty { throw MixtureError(.emptyCategory, "category '\(name)': \(path) holds no non-empty file") }
        return Self(name: name, files: files)
    }
}

extension MixtureInference.Result {
    /// The `--json` contract: `{"proportions": {NAME: share, …}, "objective", "merges_used",
    /// "merges_skipped", "rounds", "rows", "seconds", …}`.
    public func json() -> String {
        var out: [UInt8] = Array("{\"proportions\": {".utf8)
        for (k, name) in names.enumerated() {
            if k > 0 { out += Array(", ".utf8) }
            JSONWriter.appendString(name, to: &out)
            out += Array(": \(proportions[k])".utf8)
        }
        out += Array("}, \"objective\": \(objective), \"merges_used\": \(mergesUsed), \"merges_skipped\": \(mergesSkipped)".utf8)
        out += Array(", \"rounds\": \(rounds), \"rows\": \(rows), \"seconds\": \(seconds)".utf8)
        out += Array(", \"columns\": \(columns), \"missing_merges\": \(missingMerges), \"solver\": \"\(solver)\"".utf8)
        out += Array(", \"seconds_split\": \(Self.json(wall)), \"cpu_seconds\": \(cpu.total), \"cpu_split\": \(Self.json(cpu))}".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// A split as a JSON object: `trajectories` (counting + replay + LP tables) and each phase.
    static func json(_ t: TimeSplit) -> String {
        "{\"trajectories\": \(t.counting + t.replay + t.setup), \"counting\": \(t.counting), \"replay\": \(t.replay), " +
            "\"lp_setup\": \(t.setup), \"checks\": \(t.check), \"solves\": \(t.solve)}"
    }

    /// Category indices by share, largest first.
    public var order: [Int] { names.indices.sorted { proportions[$0] != proportions[$1] ? proportions[$0] > proportions[$1] : $0 < $1 } }

    /// A readable table sorted by share.
    public func table() -> String {
        let width = max(8, names.map(\.count).max() ?? 0)
        var lines = ["category".padding(width) + "   share   (pair units)"]
        for k in order {
            lines.append(names[k].padding(width) + "  " + percent(proportions[k]) + "   " + percent(pairProportions[k]))
        }
        lines.append("")
        lines.append("merges used \(mergesUsed), skipped \(mergesSkipped), missing in all samples \(missingMerges)")
        lines.append("LP: objective \(objective), \(rounds) rounds, \(rows) rows × \(columns) columns (\(solver))")
        lines.append("wall seconds: counting \(fixed(wall.counting)), replay \(fixed(wall.replay)), LP tables \(fixed(wall.setup)), checks \(fixed(wall.check)), solves \(fixed(wall.solve)); CPU \(fixed(cpu.total))")
        return lines.joined(separator: "\n")
    }

    /// A Markdown report with an SVG bar chart (written by `--report DIR` as `mixture.md` + `mixture.svg`).
    public func markdown(source: String, dropped: Int, unreachable: Int) -> String {
        var md = "# Mixture inference: \(source)\n\n![proportions](mixture.svg)\n\n| category | byte share | pair-unit share | sample bytes | sample pairs |\n|---|---:|---:|---:|---:|\n"
        for k in order {
            md += "| \(names[k]) | \(percent(proportions[k])) | \(percent(pairProportions[k])) | \(sampleBytes[k]) | \(samplePairs[k]) |\n"
        }
        md += "\n## LP\n\n- solver: \(solver)\n- objective: \(objective)\n- rounds: \(rounds)\n- rows: \(rows), columns: \(columns)\n"
        md += "- merges used: \(mergesUsed); skipped without constraints: \(mergesSkipped); in no sample: \(missingMerges)\n"
        md += "- merges dropped while preparing the list (redundant/broken): \(dropped); tokens unreachable by any merge: \(unreachable)\n"
        md += "- wall seconds: counting \(fixed(wall.counting)), replay \(fixed(wall.replay)), LP tables \(fixed(wall.setup)), checks \(fixed(wall.check)), solves \(fixed(wall.solve))\n"
        md += "- CPU seconds: counting \(fixed(cpu.counting)), replay \(fixed(cpu.replay)), LP tables \(fixed(cpu.setup)), checks \(fixed(cpu.check)), solves \(fixed(cpu.solve))\n"
        return md
    }

    /// A horizontal bar chart of the byte shares.
    public func svg() -> String {
        let rowHeight = 22, labelWidth = 160, barWidth = 400
        let height = rowHeight * names.count + 10
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 80)\" height=\"\(height)\" font-family=\"sans-serif\" font-size=\"12\">\n"
        for (row, k) in order.enumerated() {
            let y = 5 + row * rowHeight
            let w = Int((proportions[k] * Double(barWidth)).rounded())
            s += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(escape(names[k]))</text>"
            s += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(rowHeight - 6)\" fill=\"#4477aa\"/>"
            s += "<text x=\"\(labelWidth + w + 4)\" y=\"\(y + 15)\">\(percent(proportions[k]))</text>\n"
        }
        return s + "</svg>\n"
    }

    private func escape(_ s: String) -> String {
        s.replacingAll("&", "&amp;").replacingAll("<", "&lt;").replacingAll(">", "&gt;")
    }
    private func percent(_ x: Double) -> String { fixed(x * 100, digits: 3) + "%" }
}

func fixed(_ x: Double, digits: Int = 2) -> String {
    var p = 1.0
    for _ in 0..<digits { p *= 10 }
    let v = (abs(x) * p).rounded()
    let whole = Int(v / p), frac = Int(v.truncatingRemainder(dividingBy: p))
    var f = String(frac)
    while f.count < digits { f = "0" + f }
    return (x < 0 && v > 0 ? "-" : "") + "\(whole)" + (digits > 0 ? "." + f : "")
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func replacingAll(_ a: Character, _ b: String) -> String {
        var out = ""
        for c in self { if c == a { out += b } else { out.append(c) } }
        return out
    }
}

import TokenKit

extension LexiconFile {
    /// Reads a lexicon file.
    ///
    /// - Throws: `LoadError`: `.input` when the file cannot be read, `.format` (with line and
    ///   column) when it is malformed.
    public static func load(path: String) throws(LoadError) -> LexiconFile {
        let bytes: [UInt8]
        do throws(InputError) { bytes = try FileIO.readAll(path: path) } catch { throw .input(error) }
        do throws(FormatError) { return try parse(bytes) } catch { throw .format(error.inFile(path)) }
    }

    /// Parses a lexicon file's bytes.
    ///
    /// - Throws: `FormatError` naming the line (and column for a bad escape): empty input,
    ///   invalid UTF-8, a wrong magic line, an unknown header line or mode, a missing `---`,
    ///   an empty entry line, a bad escape, a duplicate entry, no entries.
    /// - Complexity: O(*n*).
    public static func parse(_ bytes: [UInt8]) throws(FormatError) -> LexiconFile {
        if bytes.isEmpty { throw FormatError(.empty, "the lexicon file is empty") }
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
            let line = bytes[..<bad].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw FormatError(.invalidUTF8, "invalid UTF-8 at byte \(bad)", at: InputLocation(line: line, byteOffset: bad))
        }
        // Split bytes, not Characters: Swift treats CR LF as one Character.
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { Substring(String(decoding: $0, as: UTF8.self)) }
        if lines.last == "" { lines.removeLast() }
        func at(_ k: Int, _ column: Int? = nil) -> InputLocation { InputLocation(line: k + 1, column: column) }

        guard let first = lines.first, first.trimmingCR == magic else {
            throw FormatError(.syntax, "not a LiB lexicon file: the first line must be '\(magic)'", at: at(0))
        }
        var file = LexiconFile(lexicon: [], mode: .production)
        var k = 1
        var sawSeparator = false
        while k < lines.count {
            let line = lines[k].trimmingCR
            k += 1
            if line == "---" { sawSeparator = true; break }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            switch parts[0] {
            case "mode":
                guard parts.count == 2, let mode = LiBTokenizer.Mode(rawValue: String(parts[1])) else {
                    throw FormatError(.invalidValue, "expected 'mode faithful' or 'mode production'", at: at(k - 1))
                }
                file.mode = mode
            case "special":
                guard parts.count == 3, !parts[1].isEmpty, !parts[2].isEmpty else {
                    throw FormatError(.syntax, "expected 'special ROLE TEXT'", at: at(k - 1))
                }
                let text = try unescape(parts[2], line: k - 1, column: parts[0].count + parts[1].count + 3)
                file.specials.append(Special(role: String(parts[1]), text: text))
            case "param":
                guard parts.count == 3, !parts[1].isEmpty else {
                    throw FormatError(.syntax, "expected 'param NAME VALUE'", at: at(k - 1))
                }
                let value = try unescape(parts[2], line: k - 1, column: parts[0].count + parts[1].count + 3)
                file.parameters.append(Parameter(name: String(parts[1]), value: value))
            default:
                throw FormatError(.syntax, "unknown header line (expected mode, special, param, # comment or ---)", at: at(k - 1))
            }
        }
        guard sawSeparator else {
            throw FormatError(.truncated, "the header has no '---' line, so the file has no lexicon", at: at(lines.count))
        }
        var seen: [[Unicode.Scalar]: Int] = [:]
        while k < lines.count {
            let line = lines[k].trimmingCR
            if line.isEmpty { throw FormatError(.syntax, "empty lexicon entry (entries cannot be empty)", at: at(k)) }
            let entry = try unescape(line, line: k, column: 1)
            let key = Array(entry.unicodeScalars)
            if let earlier = seen[key] {
                throw FormatError(.duplicate, "this entry repeats the entry on line \(earlier + 1)", at: at(k))
            }
            seen[key] = k
            file.lexicon.append(entry)
            k += 1
        }
        if file.lexicon.isEmpty { throw FormatError(.empty, "the lexicon has no entries", at: at(lines.count)) }
        return file
    }

    /// Undoes ``escape(_:trailingSpace:)``.
    static func unescape(_ text: Substring, line: Int, column: Int) throws(FormatError) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func fail(_ message: String) -> FormatError {
            FormatError(.syntax, message, at: InputLocation(line: line + 1, column: column + i))
        }
        while i < scalars.count {
            let s = scalars[i]
            guard s == "\\" else { out.append(s); i += 1; continue }
            guard i + 1 < scalars.count else { throw fail("a lone backslash ends the line (write \\\\ for a backslash)") }
            switch scalars[i + 1] {
            case "\\": out.append("\\"); i += 2
            case "n": out.append("\n"); i += 2
            case "r": out.append("\r"); i += 2
            case "t": out.append("\t"); i += 2
            case "s": out.append(" "); i += 2
            case "u":
                guard i + 2 < scalars.count, scalars[i + 2] == "{",
                      let close = scalars[(i + 3)...].firstIndex(of: "}") else {
                    throw fail("expected \\u{HEX}")
                }
                let hex = String(String.UnicodeScalarView(scalars[(i + 3)..<close]))
                guard (1...6).contains(hex.count), let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else {
                    throw fail("\\u{\(hex)} is not a Unicode scalar")
                }
                out.append(scalar)
                i = close + 1
            default:
                throw fail("unknown escape \\\(scalars[i + 1]) (known: \\\\ \\n \\r \\t \\s \\u{HEX})")
            }
        }
        return String(out)
    }
}

extension Substring {
    /// The line without a trailing CR (files edited on Windows).
    var trimmingCR: Substring { last == "\r" ? dropLast() : self }
}

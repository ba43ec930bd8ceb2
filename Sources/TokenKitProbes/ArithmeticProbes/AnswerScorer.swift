/// Singh & Strouse's scoring of a model response.
///
/// 1. If the model was asked to repeat the problem, only the text after the last `=` counts.
/// 2. The text is trimmed; the *single* run of digits joined by separators (`,` ` ` `.` `#`
///    `$` `foo` `_`) is extracted — if there is none or more than one, the answer is invalid.
/// 3. Separators are stripped and the digits compared with the true sum as integers
///    (`answerMatch`); whether the run is written exactly in the expected format is reported
///    separately (`formatMatch`).
public enum AnswerScorer {
    /// The outcome of scoring one response.
    public struct Score: Hashable, Sendable {
        /// The extracted digit-and-separator run, or `nil` when there was not exactly one.
        public var extracted: String?
        /// The answer's digits without leading zeros (`"0"` for zero), or `nil` when invalid.
        public var digits: String?
        /// Whether the answer equals the true sum.
        public var answerMatch: Bool
        /// Whether the extracted run is the answer written in the expected format.
        public var formatMatch: Bool
        /// Whether anything other than the answer surrounds it.
        public var extraneous: Bool

        /// Whether a number was found.
        public var isValid: Bool { digits != nil }
    }

    /// Scores `response` against `truth` written in `format`.
    ///
    /// - Complexity: O(length of the response × separators).
    public static func score(response: String, truth: UInt64, format: NumberFormat,
                             afterLastEquals: Bool = false) -> Score {
        var raw = Substring(response)
        if afterLastEquals, let eq = raw.lastIndex(of: "=") { raw = raw[raw.index(after: eq)...] }
        let trimmed = trimPythonWhitespace(raw)
        let runs = digitRuns(in: Array(trimmed.utf8))
        guard runs.count == 1, let run = runs.first else {
            return Score(extracted: nil, digits: nil, answerMatch: false, formatMatch: false, extraneous: !trimmed.isEmpty)
        }
        let extracted = String(decoding: run, as: UTF8.self)
        let digits = normalizeDigits(run.filter { $0 >= 0x30 && $0 <= 0x39 })
        let answerMatch = digits == String(truth)
        let formatMatch = format.format(digits: digits) == extracted
        return Score(extracted: extracted, digits: digits, answerMatch: answerMatch, formatMatch: formatMatch,
                     extraneous: extracted.utf8.count != trimmed.utf8.count)
    }

    /// The maximal runs `[0-9](SEP*[0-9])*`, left to right, non-overlapping (as `re.findall`).
    static func digitRuns(in bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        let seps = NumberFormat.separatorTexts.map { Array($0.utf8) }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var runs: [ArraySlice<UInt8>] = []
        var i = 0
        while i < bytes.count {
            guard isDigit(bytes[i]) else { i += 1; continue }
            let start = i
            var end = i + 1
            // Extend: separators (any number, first alternative that matches) then a digit.
            while true {
                var j = end
                matchSeparators: while j < bytes.count {
                    for sep in seps where j + sep.count <= bytes.count && bytes[j..<(j + sep.count)].elementsEqual(sep) {
                        j += sep.count
                        continue matchSeparators
                    }
                    break
                }
                if j < bytes.count && isDigit(bytes[j]) { end = j + 1 } else { break }
            }
            runs.append(bytes[start..<end])
            i = end
        }
        return runs
    }

    /// Strips leading zeros (keeping one digit).
    static func normalizeDigits(_ digits: [UInt8]) -> String {
        var k = 0
        while k < digits.count - 1 && digits[k] == 0x30 { k += 1 }
        return String(decoding: digits[k...], as: UTF8.self)
    }

    /// Python's `str.strip()` for the ASCII and common Unicode white space.
    static func trimPythonWhitespace(_ s: Substring) -> Substring {
        var s = s
        while let f = s.unicodeScalars.first, f.properties.isWhitespace { s = s.dropFirst() }
        while let l = s.unicodeScalars.last, l.properties.isWhitespace { s = s.dropLast() }
        return s
    }
}

import Testing
import TokenKit
import TokenKitTestSupport
@testable import TokenKitBPE

/// Each hand-written scanner against ICU running the published regex (the differential
/// oracle): identical pieces on random nasty strings and on the shared corpora.
/// `TOKENKIT_LONG_TESTS=1` runs the full corpora and 20000 random strings per pattern.
let longTests: Bool = TestSystem.longTests

@Suite("Scanners vs ICU")
struct ScannerOracleTests {
    static let patterns: [SplitPattern] = [.gpt2, .cl100k, .llama3, .o200k, .qwen2]

    /// Scalars that exercise every branch: contractions (with ſ and upper case), letters of
    /// each category, marks, digits of each kind, whitespace incl. NEL/NBSP/U+2028, CR/LF, `/`.
    static let alphabet: [Unicode.Scalar] = [
        " ", " ", " ", "\n", "\r", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2028}", "\u{3000}",
        "'", "'", "s", "S", "\u{17F}", "t", "T", "m", "d", "l", "L", "e", "r", "v", "V", "a", "Z",
        "1", "2", "\u{663}", "\u{B2}", "\u{2167}", "\u{301}", "\u{903}", "\u{20DD}", "\u{1C5}", "\u{2B0}", "\u{4E2D}",
        "\u{E9}", "\u{130}", "!", "/", ".", "(", "\u{1F600}", "\u{200D}", "\u{FE0F}", "\u{1F1FA}", "_", "\u{0}", "\u{7F}",
        "\u{10400}", "\u{10428}", "\u{1D7CE}", "\u{FFFD}", "\u{2029}", "\u{1680}",
    ]

    static func randomStrings(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let n = Int(rng.next() % 24)
            var s = String.UnicodeScalarView()
            for _ in 0..<n { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            return String(s)
        }
    }

    static func compare(_ pattern: SplitPattern, _ text: String) throws -> (scanner: [Range<Int>], icu: [Range<Int>]) {
        var text = text
        let oracle = try #require(try pattern.icuOracle())
        return try text.withUTF8 { b in
            (try pattern.pieces(b), try oracle.matches(in: b))
        }
    }

    @Test("random strings", arguments: patterns)
    func randomStrings(pattern: SplitPattern) throws {
        var failures = 0
        for text in Self.randomStrings(count: longTests ? 20000 : 600, seed: 0xB9E + UInt64(pattern.name.utf8.count)) {
            let (s, i) = try Self.compare(pattern, text)
            if s != i {
                failures += 1
                if failures <= 5 {
                    Issue.record("\(pattern.name): \(text.debugDescription) scalars \(text.unicodeScalars.map { String($0.value, radix: 16) }): scanner \(s) icu \(i)")
                }
            }
        }
        #expect(failures == 0)
    }

    @Test("pitfalls", arguments: patterns)
    func pitfalls(pattern: SplitPattern) throws {
        for text in ["'\u{17F}", "'S'T'RE'Ve", "a\n  ", "a \n\n b", "  \r\n", "x   ", "x \t\ny", "12345 678",
                     "HELLOworld", "helloWORLD's", "\u{301}\u{301}a", " \u{2B0}A", "a//b\n/", "\u{A0}\u{A0}x",
                     "word\u{85}\u{85}", "\u{2028}\n", "   "] {
            let (s, i) = try Self.compare(pattern, text)
            #expect(s == i, "\(pattern.name): \(text.debugDescription)")
        }
    }

    @Test("shared corpora", SharedData.required, arguments: patterns)
    func corpora(pattern: SplitPattern) throws {
        let files = ["corpora/prose/tinyshakespeare.txt", "corpora/unicode/adversarial.txt", "corpora/lang/vietnamese.txt",
                     "corpora/lang/hindi.txt", "corpora/code/python.txt", "corpora/lang/japanese.txt", "corpora/lang/thai.txt"]
        for file in files {
            let path = try #require(SharedData.path(file))
            var bytes = try FileIO.readAll(path: path)
            let cap = longTests ? Int.max : 40_000
            if bytes.count > cap { bytes = Array(bytes.prefix(cap)) }
            // Cut at a character boundary.
            while let last = bytes.last, last & 0xC0 == 0x80 || last >= 0xC0 { bytes.removeLast() }
            let oracle = try #require(try pattern.icuOracle())
            let (s, i) = try bytes.withUnsafeBufferPointer { b in (try pattern.pieces(b), try oracle.matches(in: b)) }
            if s != i {
                let k = (0..<min(s.count, i.count)).first { s[$0] != i[$0] } ?? min(s.count, i.count)
                let at = k < s.count ? s[k] : (k < i.count ? i[k] : 0..<0)
                let context = String(decoding: bytes[max(0, at.lowerBound - 10)..<min(bytes.count, at.upperBound + 10)], as: UTF8.self)
                Issue.record("\(pattern.name) \(file): first difference at piece \(k) \(k < s.count ? "\(s[k])" : "-") vs \(k < i.count ? "\(i[k])" : "-") near \(context.debugDescription)")
            }
        }
    }
}

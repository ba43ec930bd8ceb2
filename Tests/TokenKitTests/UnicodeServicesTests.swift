import Testing
import TokenKit
import TokenKitTestSupport

@Suite("Unicode services")
struct UnicodeServicesTests {
    @Test("Normalization forms", arguments: [
        ("e\u{301}", NormalizationForm.nfc, "\u{E9}"),
        ("\u{E9}", .nfd, "e\u{301}"),
        ("\u{FB01}", .nfkc, "fi"),
        ("\u{FB01}", .nfc, "\u{FB01}"),
        ("\u{2460}", .nfkd, "1"),
        ("Stra\u{DF}e", .nfkcCasefold, "strasse"),
        ("plain ascii", .nfc, "plain ascii"),
    ])
    func normalize(input: String, form: NormalizationForm, expected: String) {
        #expect(UnicodeText.normalize(input, to: form).unicodeScalars.elementsEqual(expected.unicodeScalars))
    }

    @Test("Normalizing invalid UTF-8 reports the offset")
    func normalizeInvalid() {
        let bytes: [UInt8] = [0x61, 0xC3, 0x28]
        #expect(throws: TokenizerError.invalidUTF8(at: 1)) {
            try bytes.withUnsafeBufferPointer { b throws(TokenizerError) in try UnicodeText.normalize(b, to: .nfc) }
        }
    }

    @Test("General categories agree with the standard library on stable scalars")
    func categories() {
        // Scalars assigned since Unicode 6 in both tables; the stdlib is the oracle.
        let samples: [Unicode.Scalar] = ["A", "z", "\u{1C5}", "\u{2B0}", "\u{4E2D}", "\u{301}", "\u{903}", "\u{20DD}",
                                         "7", "\u{2167}", "\u{BD}", "_", "-", "(", ")", "\u{AB}", "\u{BB}", "!",
                                         "+", "$", "^", "\u{A9}", " ", "\u{2028}", "\u{2029}", "\u{0}", "\u{AD}",
                                         "\u{E000}", "\u{1F600}", "\u{10FFFF}"]
        for s in samples {
            let ours = GeneralCategory(s)
            let stdlib = s.properties.generalCategory
            #expect(ours.abbreviation == Self.abbreviation(stdlib), "U+\(String(s.value, radix: 16))")
        }
        #expect(GeneralCategory("\u{4E2D}").isLetter)
        #expect(GeneralCategory("\u{661}").isNumber)
        #expect(!GeneralCategory(" ").isLetter)
    }

    @Test("White_Space matches the property list")
    func whiteSpace() {
        for v in UInt32(0)...0x3000 {
            guard let s = Unicode.Scalar(v) else { continue }
            #expect(s.isUnicodeWhiteSpace == s.properties.isWhitespace, "U+\(String(v, radix: 16))")
        }
    }

    @Test("ICU word boundaries", arguments: [
        ("Hello, world! It's 2024.", ["Hello", "world", "It's", "2024"]),
        ("สวัสดีครับ", ["สวัสดี", "ครับ"]),
        ("你好世界", ["你好", "世界"]),
    ])
    func words(text: String, expected: [String]) throws {
        let utf8 = Array(text.utf8)
        let segments = try WordBreaker.segments(in: text)
        let words = segments.filter(\.isWordLike).map { String(decoding: utf8[$0.range], as: UTF8.self) }
        #expect(words == expected)
        #expect(segments.first?.range.lowerBound == 0)
        #expect(segments.last?.range.upperBound == utf8.count)
    }

    @Test("ICU regex gives byte ranges over UTF-8")
    func regex() throws {
        let re = try ICURegex(#"\p{L}+|\p{N}+"#)
        let text = "añb 12 €x"
        let utf8 = Array(text.utf8)
        let ranges = utf8.withUnsafeBufferPointer { try? re.matches(in: $0) } ?? []
        #expect(ranges.map { String(decoding: utf8[$0], as: UTF8.self) } == ["añb", "12", "x"])
    }

    @Test("A bad pattern is an error with its offset")
    func badPattern() {
        #expect(throws: ICUError.self) { try ICURegex("(unclosed") }
    }

    static func abbreviation(_ c: Unicode.GeneralCategory) -> String {
        switch c {
        case .uppercaseLetter: "Lu"
        case .lowercaseLetter: "Ll"
        case .titlecaseLetter: "Lt"
        case .modifierLetter: "Lm"
        case .otherLetter: "Lo"
        case .nonspacingMark: "Mn"
        case .spacingMark: "Mc"
        case .enclosingMark: "Me"
        case .decimalNumber: "Nd"
        case .letterNumber: "Nl"
        case .otherNumber: "No"
        case .connectorPunctuation: "Pc"
        case .dashPunctuation: "Pd"
        case .openPunctuation: "Ps"
        case .closePunctuation: "Pe"
        case .initialPunctuation: "Pi"
        case .finalPunctuation: "Pf"
        case .otherPunctuation: "Po"
        case .mathSymbol: "Sm"
        case .currencySymbol: "Sc"
        case .modifierSymbol: "Sk"
        case .otherSymbol: "So"
        case .spaceSeparator: "Zs"
        case .lineSeparator: "Zl"
        case .paragraphSeparator: "Zp"
        case .control: "Cc"
        case .format: "Cf"
        case .surrogate: "Cs"
        case .privateUse: "Co"
        case .unassigned: "Cn"
        @unknown default: "?"
        }
    }
}

import PropertyBased
import Testing
import TokenKit
import TokenKitTestSupport

@Suite("JSON")
struct JSONTests {
    @Test("Parses every kind of value, keeping member order")
    func values() throws {
        let v = try JSONParser.parse(#" {"b": [1, -2.5e3, true, false, null], "a": "x\n\u00e9\ud83d\ude00"} "#)
        #expect(v.objectValue?.map(\.key) == ["b", "a"])
        #expect(v["a"]?.stringValue == "x\né😀")
        let array = try #require(v["b"]?.arrayValue)
        #expect(array[0].intValue == 1)
        #expect(array[1].doubleValue == -2500)
        #expect(array[2].boolValue == true)
        #expect(array[4].isNull)
    }

    @Test("Big integers keep their digits")
    func bigIntegers() throws {
        #expect(try JSONParser.parse("9007199254740993").intValue == 9_007_199_254_740_993)
    }

    @Test("Errors carry line and column", arguments: [
        ("{\n  \"a\": tru\n}", FormatError.Code.syntax, 2, 8),
        ("[1, 2", .truncated, 1, 6),
        ("{\"a\" 1}", .syntax, 1, 6),
        ("\"\\ud800\"", .invalidValue, 1, 2),
        ("", .empty, 1, 1),
        ("[1] x", .syntax, 1, 5),
        ("\"a\u{01}\"", .syntax, 1, 3),
    ] as [(String, FormatError.Code, Int, Int)])
    func errors(text: String, code: FormatError.Code, line: Int, column: Int) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.code == code)
            #expect(error.location.line == line)
            #expect(error.location.column == column)
        }
    }

    @Test("Invalid UTF-8 inside a string is an error, not a crash")
    func invalidUTF8() {
        #expect(throws: FormatError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test("Deep nesting is refused, not a stack overflow")
    func depth() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: FormatError.self) { try JSONParser.parse(deep) }
    }

    @Test("Writer output parses back to the same strings (property)")
    func writerRoundTrip() {
        for s in RandomInputs.strings(count: 500, maxScalars: 30, seed: 3) {
            var out: [UInt8] = []
            JSONWriter.appendString(s, to: &out)
            #expect((try? JSONParser.parse(out))?.stringValue == s, "\(s.unicodeScalars.map { $0.value })")
        }
    }

    @Test("Random bytes and fragments give a value that serializes back, or a FormatError inside the input")
    func garbage() {
        var values = 0, errors = 0
        func check(_ input: [UInt8]) {
            let result = Result { () throws(FormatError) -> JSONValue in try JSONParser.parse(input) }
            switch result {
            case .success(let value):
                values += 1
                let again = Result { () throws(FormatError) -> JSONValue in try JSONParser.parse(JSONWriter.serialize(value)) }
                #expect(again == .success(value), "\(input) parsed to \(value), which does not serialize back: \(again)")
            case .failure(let error):
                errors += 1
                #expect(!error.message.isEmpty, "an error without a message for \(input)")
                #expect(error.location.byteOffset.map { (0...input.count).contains($0) } ?? true,
                        "error offset \(String(describing: error.location.byteOffset)) is outside the \(input.count)-byte input")
            }
        }
        for input in RandomInputs.bytes(count: 3000, maxLength: 30, seed: 11) { check(input) }
        let fragments = ["{", "}", "[", "]", "\"", ":", ",", "1", "-", "e", "\\u", "true", "null", " "]
        var rng = SplitMix64(seed: 5)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in fragments[Int.random(in: 0..<fragments.count, using: &rng)] }.joined()
            check(Array(text.utf8))
        }
        // Both outcomes occur, so the loop exercised the parser's success and failure paths.
        #expect(values >= 40 && errors >= 5000, "\(values) values, \(errors) errors")
    }

    @Test("Decimal writer matches String(describing:)")
    func decimals() async {
        await propertyCheck(input: Gen.int64()) { v in
            var out: [UInt8] = []
            JSONWriter.appendDecimal(v, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(v))
        }
    }
}

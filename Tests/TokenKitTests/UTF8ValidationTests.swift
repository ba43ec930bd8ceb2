import PropertyBased
import Testing
import TokenKit
import TokenKitTestSupport

@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    @Test("Known sequences", arguments: [
        ([0x41], nil as Int?),
        ([0xC3, 0xA9], nil),
        ([0xE2, 0x82, 0xAC], nil),
        ([0xF0, 0x9F, 0x98, 0x80], nil),
        ([0xC0, 0x80], 0),            // overlong NUL
        ([0xE0, 0x80, 0x80], 0),      // overlong
        ([0xED, 0xA0, 0x80], 0),      // surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
        ([0x41, 0x80], 1),            // stray continuation
        ([0x41, 0xE2, 0x82], 1),      // truncated
        ([0xFF], 0),
    ] as [([UInt8], Int?)])
    func known(bytes: [UInt8], firstInvalid: Int?) {
        #expect(UTF8Validation.firstInvalidOffset(in: bytes) == firstInvalid)
    }

    @Test("Agrees with the standard library on random bytes")
    func agreesWithStdlib() {
        for input in RandomInputs.bytes(count: 2000, maxLength: 40, seed: 7) {
            let ours = UTF8Validation.firstInvalidOffset(in: input) == nil
            let stdlib = String(validating: input, as: UTF8.self) != nil
            #expect(ours == stdlib, "disagree on \(input)")
        }
    }

    @Test("Replacement equals Swift's maximal-subpart rule; dropping keeps only valid sequences")
    func repair() {
        for input in RandomInputs.bytes(count: 500, maxLength: 40, seed: 8) {
            let replaced = input.withUnsafeBufferPointer { UTF8Validation.replacingInvalid($0) }
            #expect(replaced == Array(String(decoding: input, as: UTF8.self).utf8))
            let dropped = UTF8Validation.droppingInvalid(input)
            #expect(UTF8Validation.firstInvalidOffset(in: dropped) == nil)
            #expect(dropped.count <= input.count)
        }
    }

    @Test("Escaped token text keeps valid UTF-8 and escapes the rest")
    func escaped() {
        #expect(TokenText.escaped(Array("é€".utf8)) == "é€")
        #expect(TokenText.escaped([0x61, 0xE2, 0x82]) == "a\\xE2\\x82")
        #expect(TokenText.escaped([0xFF]) == "\\xFF")
    }
}

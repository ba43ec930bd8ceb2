// libFuzzer harness for the core's byte parsers: the JSON parser, UTF-8 validation and the
// special-token matcher must never crash on any input. Build and run with scripts/fuzz.sh.
// In a normal build this file compiles to an empty program.
import TokenKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if let value = try? JSONParser.parse(bytes) {
        // Whatever parses must serialize and parse back to the same value.
        let again = try? JSONParser.parse(JSONWriter.serialize(value))
        if again != value { preconditionFailure("JSON writer/parser round trip failed") }
    }
    let invalid = UTF8Validation.firstInvalidOffset(in: bytes)
    if (invalid == nil) != (String(validating: bytes, as: UTF8.self) != nil) {
        preconditionFailure("UTF-8 validation disagrees with the standard library")
    }
    _ = try? ByteTokenizer.byt5.encode(bytes, options: EncodeOptions(specials: .matchAll))
    return 0
}

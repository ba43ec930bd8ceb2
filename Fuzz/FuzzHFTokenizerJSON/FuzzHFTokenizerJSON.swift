// libFuzzer target: the Hugging Face tokenizer.json loader, then a short encode/decode with
// whatever loaded. Build and run with scripts/fuzz-hf.sh. Without -DFUZZING this is a replayer:
// `FuzzHFTokenizerJSON file...` runs each file through the same function.
import TokenKit
import TokenKitBPE

let probe = Array("Hello  world! <|endoftext|> 123 ünïcödé 日本 \u{1F44D}\n\t".utf8)

func fuzzOne(_ bytes: [UInt8]) {
    guard let tokenizer = try? HFTokenizer(json: bytes, path: "fuzz.json") else { return }
    for options in [EncodeOptions(framing: .tokenizerDefault, specials: .matchAll), .plain] {
        guard let encoding = try? tokenizer.encode(probe, options: options) else { continue }
        _ = try? tokenizer.decode(encoding.ids)
    }
    _ = try? tokenizer.encode(bytes, options: .plain)
    for id in 0..<min(tokenizer.vocabularySize, 64) { _ = tokenizer.tokenBytes(TokenID(id)) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzOne(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

#if FUZZING
// SwiftPM links executables with `main` aliased to `<module>_main`; libFuzzer's own `main` is
// therefore replaced by this one, which hands over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("FuzzHFTokenizerJSON_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv) { data, size in fuzzerTestOneInput(data, size) }
}
#else
/// The replayer: runs each file given as an argument through the fuzz function.
@main
struct Replayer {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            if let bytes = try? FileIO.readAll(path: path) { fuzzOne(bytes) }
        }
    }
}
#endif

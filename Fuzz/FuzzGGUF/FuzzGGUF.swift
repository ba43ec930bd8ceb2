// libFuzzer target: the GGUF metadata reader and the vocabulary mapping. Build and run with
// scripts/fuzz-hf.sh. Without -DFUZZING this is a replayer: `FuzzGGUF file...`.
import TokenKit
import TokenKitBPE

func fuzzOne(_ bytes: [UInt8]) {
    let file = bytes.withUnsafeBufferPointer { buf in
        Result { () throws(FormatError) -> GGUFFile in try GGUFFile(bytes: buf, path: "fuzz.gguf") }
    }
    guard case .success(let gguf) = file, let tokenizer = try? GGUFVocabulary.tokenizer(from: gguf, path: "fuzz.gguf") else { return }
    if let encoding = try? tokenizer.encode("Hello  world 123 ü", options: .plain) { _ = try? tokenizer.decode(encoding.ids) }
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

@_cdecl("FuzzGGUF_main")
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

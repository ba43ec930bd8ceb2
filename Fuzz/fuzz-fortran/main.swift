// libFuzzer harness for the Fortran lexer and the Tokompiler (see docs/fortran.md).
//
// Build and run (a separate scratch path keeps the normal build intact):
//   swift build --scratch-path .build-fuzz-fortran -c release --product fuzz-fortran \
//     --sanitize=fuzzer -Xswiftc -parse-as-library
//   SWIFT_BACKTRACE=enable=no .build-fuzz-fortran/release/fuzz-fortran -max_total_time=600 -max_len=4096
//
// Besides "no crash", it checks the lexer's contract on every input: the tokens tile the
// input (contiguous, non-empty, in order, complete) in both source forms.
import TokenKitFortran

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFortran(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    for form in [SourceForm.free, .fixed] {
        let tokens = FortranLexer().tokens(bytes, form: form)
        var position = 0
        for t in tokens {
            if t.start != position || t.end <= t.start { fatalError("tokens do not tile the input at \(position)") }
            position = t.end
        }
        if position != size { fatalError("tokens cover \(position) of \(size) bytes") }
    }
    _ = SourceForm.detect(bytes)
    FuzzHooks.extra(bytes)
    return 0
}

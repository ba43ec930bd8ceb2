// libFuzzer target: a hand-written split scanner against ICU running the published regex.
// FUZZ_PATTERN = gpt2 | cl100k | llama3 | o200k | qwen2 picks the scanner (one run per scanner).
// Invalid UTF-8 inputs check only that the scanner covers the input without gaps.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TokenKit
import TokenKitBPE

let fuzzPattern: SplitPattern = {
    let name = getenv("FUZZ_PATTERN").map { String(cString: $0) } ?? "cl100k"
    guard let p = try? SplitPattern.named(name), p.isScanner else { fatalError("FUZZ_PATTERN must name a scanner") }
    return p
}()
let fuzzOracle: ICURegex? = try? fuzzPattern.icuOracle()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScanner(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let pieces = try? fuzzPattern.pieces(bytes) else { fatalError("scanner threw") }
    var position = 0
    for p in pieces {
        if p.lowerBound != position || p.isEmpty { fatalError("pieces do not tile the input") }
        position = p.upperBound
    }
    if position != size { fatalError("pieces do not cover the input") }
    guard UTF8Validation.isValid(bytes), let oracle = fuzzOracle else { return 0 }
    guard let expected = try? oracle.matches(in: bytes) else { return 0 }
    if expected != pieces { fatalError("scanner differs from ICU") }
    return 0
}

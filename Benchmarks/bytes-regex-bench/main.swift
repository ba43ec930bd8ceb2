// Cost of exact next-byte distributions under regex-pre-tokenized BPE (r50k, cl100k, o200k):
// a source that gives every token mass (so every token is a candidate at every frontier, as with
// a real model), nextByte + append over a text with words, whitespace runs, digits and a
// contraction; prefix-validity (exact) vs plain validity (the old, inexact behaviour).
// Usage: bytes-regex-bench VOCAB.tiktoken... (prints one line per vocabulary and notion).
import TokenKit
import TokenKitBPE
import TokenKitByteProbabilities

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

final class Uniform: TokenProbabilitySource {
    let vocabularySize: Int
    init(_ n: Int) { vocabularySize = n }
    func logProbabilities(after context: [TokenID]) throws(ByteProbabilityError) -> [Double] {
        [Double](repeating: -log(Double(vocabularySize)), count: vocabularySize)
    }
}

func fmt(_ x: Double) -> String {
    let r = (x * 100).rounded() / 100
    return String(r)
}

/// CPU seconds of this process (the machine is shared; wall time would measure the neighbours).
func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

let text = Array("Hello world,  it's 2024.\n\n  Done\tnow".utf8)
for path in CommandLine.arguments.dropFirst() {
    guard let tokenizer = try? BPEFiles.load(path: path) else {
        print("\(path): cannot load")
        continue
    }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    for notion in ["prefix", "canonical"] {
        let t0 = now()
        let codec = notion == "prefix" ? ByteStreamCodec(tokenizer: tokenizer) : ByteStreamCodec(tokenizer: tokenizer, notion: .canonical)
        let t1 = now()
        do {
            let lm = try ByteLevelModel(codec: codec, source: Uniform(tokenizer.vocabularySize), stream: [text[0]])
            var frontiers = 0
            for b in text.dropFirst() {
                _ = try lm.nextByte()
                frontiers += lm.covers.filter { $0.rest.isEmpty }.count
                try lm.append(b)
            }
            let t2 = now()
            let n = Double(text.count - 1)
            print("\(name) \(notion): init \(fmt(t1 - t0)) s, \(fmt((t2 - t1) / n * 1000)) CPU ms/byte, \(fmt(n / (t2 - t1))) bytes/CPU-s, LM calls/byte \(fmt(Double(lm.lmCalls) / n)), frontiers/byte \(fmt(Double(frontiers) / n))")
        } catch {
            print("\(name) \(notion): \(error)")
        }
    }
}

// hf-bench: single-thread encode throughput of HFTokenizer (tokenizer.json) and GGUF
// vocabularies, measured like the peers in scripts/hf-bench.sh: each corpus is cut into ~8 KiB
// documents at line ends, each document is one encode call (HF semantics: added tokens
// matched), a pass is timed in process CPU seconds, the median of the repetitions is printed
// as one JSON line per (vocabulary, corpus).
//
// usage: hf-bench [--reps N] [--reference] TOKENIZER_JSON_OR_GGUF CORPUS...
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TokenKit
import TokenKitBPE

func cpuSeconds() -> Double { Timing.processCPUSeconds() }

func documents(_ bytes: [UInt8], size: Int = 8192) -> [[UInt8]] {
    var out: [[UInt8]] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == 0x0A && i + 1 - start >= size {
        out.append(Array(bytes[start..<(i + 1)]))
        start = i + 1
    }
    if start < bytes.count { out.append(Array(bytes[start...])) }
    return out
}

func rounded(_ x: Double) -> String { String((x * 100).rounded() / 100) }

var args = Array(CommandLine.arguments.dropFirst())
var reps = 5
var reference = false
while let first = args.first, first.hasPrefix("--") {
    args.removeFirst()
    switch first {
    case "--reps": reps = Int(args.first ?? "") ?? 5; if !args.isEmpty { args.removeFirst() }
    case "--reference": reference = true
    default: break
    }
}
guard args.count >= 2 else {
    print("usage: hf-bench [--reps N] [--reference] TOKENIZER_JSON_OR_GGUF CORPUS...")
    exit(2)
}
let c0 = cpuSeconds()
let tokenizer: any Tokenizer
do {
    if args[0].hasSuffix(".gguf") {
        tokenizer = try GGUFLoader().load(path: args[0])
    } else {
        tokenizer = try HFTokenizer(contentsOf: args[0], scanners: reference ? nil : EngineScanners())
    }
} catch {
    print("error: \(error)")
    exit(1)
}
let load = cpuSeconds() - c0
let options = EncodeOptions(framing: .none, specials: .matchAll)
for corpus in args.dropFirst() {
    guard let bytes = try? FileIO.readAll(path: corpus) else { print("error: cannot read \(corpus)"); exit(1) }
    let docs = documents(bytes)
    var rates: [Double] = []
    var tokens = 0
    for _ in 0..<reps {
        let t0 = cpuSeconds()
        var n = 0
        for d in docs { n += (try? tokenizer.encode(d, options: options).count) ?? 0 }
        rates.append(Double(bytes.count) / 1e6 / (cpuSeconds() - t0))
        tokens = n
    }
    rates.sort()
    let name = corpus.split(separator: "/").last.map(String.init) ?? corpus
    let vocab = args[0].split(separator: "/").suffix(2).joined(separator: "/")
    print("{\"lib\":\"tokenkit\(reference ? "-reference" : "")\",\"vocab\":\"\(vocab)\",\"corpus\":\"\(name)\",\"mb_per_cpu_s\":\(rounded(rates[rates.count / 2])),\"tokens\":\(tokens),\"docs\":\(docs.count),\"load_cpu_s\":\(rounded(load))}")
}

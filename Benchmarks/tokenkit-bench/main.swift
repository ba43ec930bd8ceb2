// tokenkit-bench: single-thread encode throughput of TokenKitBPE, measured like the peers in
// scripts/bench-bpe.sh: the corpus is cut into ~8 KiB documents at newlines, each document is
// one encode call, and a pass is timed in process CPU seconds. Prints one JSON line per
// (vocabulary, corpus) with the median MB per CPU-second over the repetitions.
//
// usage: tokenkit-bench [--reps N] [--count] VOCAB_PATH CORPUS...
//        tokenkit-bench --worst [--only CASE-PREFIX] VOCAB_PATH
//        tokenkit-bench --batch [--reps N] VOCAB_PATH CORPUS...   (1 vs 2 threads, wall time)
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TokenKit
import TokenKitBPE

func cpuSeconds() -> Double { Timing.processCPUSeconds() }

func wallSeconds() -> Double { Timing.monotonicSeconds() }

func fixed(_ x: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return "\((x * scale).rounded() / scale)"
}

func documents(_ bytes: [UInt8], size: Int = 8192) -> [[UInt8]] {
    var out: [[UInt8]] = []
    var start = 0
    while start < bytes.count {
        var end = min(start + size, bytes.count)
        if end < bytes.count, let nl = bytes[end...].firstIndex(of: 0x0A) { end = nl + 1 }
        out.append(Array(bytes[start..<end]))
        start = end
    }
    return out
}

var args = Array(CommandLine.arguments.dropFirst())
var reps = 5
var countOnly = false
var splitOnly = false
var worst = false
var pattern: String?
var only: String?
var batch = false
while let first = args.first, first.hasPrefix("--") {
    args.removeFirst()
    switch first {
    case "--reps": reps = Int(args.removeFirst()) ?? 5
    case "--count": countOnly = true
    case "--split-only": splitOnly = true
    case "--worst": worst = true
    case "--pattern": pattern = args.removeFirst()
    case "--only": only = args.removeFirst()
    case "--batch": batch = true
    default: break
    }
}
guard args.count >= 2 || (worst && args.count == 1) else {
    print("usage: tokenkit-bench [--reps N] [--count] [--pattern NAME] VOCAB_PATH CORPUS...")
    exit(2)
}
let loadStart = wallSeconds()
var tokenizer: BPETokenizer
do {
    tokenizer = try BPEFiles.load(path: args[0])
    if let pattern { tokenizer = tokenizer.withPattern(try SplitPattern.named(pattern)) }
} catch {
    print("error: \(error)")
    exit(1)
}
let loadTime = wallSeconds() - loadStart
if worst {
    // Pathological inputs (spec §5.5): 1 MB of one letter, of digits, of spaces, of one CJK
    // character, of random letters; CPU seconds per encode call (median of --reps).
    var rng: UInt64 = 0x9E3779B97F4A7C15
    let cases: [(String, [UInt8])] = [
        ("a x 1M", [UInt8](repeating: 0x61, count: 1 << 20)),
        ("digits 1M", (0..<(1 << 20)).map { UInt8(0x30 + $0 % 10) }),
        ("spaces 1M", [UInt8](repeating: 0x20, count: 1 << 20)),
        ("CJK 1 MB", Array(String(repeating: "\u{4E2D}", count: (1 << 20) / 3).utf8)),
        ("random letters 1M", (0..<(1 << 20)).map { _ in rng = rng &* 6364136223846793005 &+ 1442695040888963407; return UInt8(0x61 + Int(rng >> 33) % 26) }),
    ]
    // Warm up once (lazy tables such as the scanner's scalar classes), then time each case
    // `reps` times and print the median.
    _ = try? tokenizer.encode(Array("warm up, 123".utf8), options: .plain)
    for (name, input) in cases where only.map({ name.hasPrefix($0) }) ?? true {
        var times: [Double] = []
        var n = -1
        for _ in 0..<max(reps, 1) {
            let c0 = cpuSeconds()
            n = (try? tokenizer.encode(input, options: .plain).count) ?? -1
            times.append(cpuSeconds() - c0)
        }
        times.sort()
        print("{\"lib\":\"tokenkit\",\"vocab\":\"\(tokenizer.name)\",\"case\":\"\(name)\",\"cpu_s\":\(fixed(times[times.count / 2], 4)),\"min_cpu_s\":\(fixed(times[0], 4)),\"reps\":\(times.count),\"tokens\":\(n)}")
    }
    exit(0)
}
if batch {
    // Batch scaling: the same documents through `BatchRunner` with 1 and with 2 child tasks,
    // wall-clock seconds per pass (median), and the speed-up. The caches are per thread and the
    // model immutable, so nothing is shared between the tasks.
    let shared = tokenizer
    for corpus in args.dropFirst() {
        guard let bytes = try? FileIO.readAll(path: corpus) else { print("error: cannot read \(corpus)"); exit(1) }
        // Repeat the corpus so one pass is long enough to time (≥ 16 MB).
        var docs = documents(bytes)
        let copies = max(1, (16 << 20) / max(bytes.count, 1))
        docs = Array((0..<copies).map { _ in docs }.joined())
        let input = docs
        var wall: [Int: [Double]] = [1: [], 2: []]
        for _ in 0..<reps {
            for threads in [1, 2] {
                let w0 = wallSeconds()
                let n = await (try? BatchRunner.map(input, parallelism: threads) { (d: [UInt8]) throws(TokenizerError) -> Int in
                    try shared.encode(d, options: .plain).count
                })?.reduce(0, +) ?? -1
                wall[threads, default: []].append(wallSeconds() - w0)
                if n < 0 { print("error: encode failed"); exit(1) }
            }
        }
        let m1 = wall[1, default: [0]].sorted()[reps / 2], m2 = wall[2, default: [0]].sorted()[reps / 2]
        let mb = Double(bytes.count * copies) / 1e6
        let name = corpus.split(separator: "/").last.map(String.init) ?? corpus
        print("{\"lib\":\"tokenkit\",\"vocab\":\"\(tokenizer.name)\",\"corpus\":\"\(name)\",\"mb\":\(fixed(mb, 1)),\"wall_s_1\":\(fixed(m1, 3)),\"wall_s_2\":\(fixed(m2, 3)),\"speedup\":\(fixed(m1 / m2, 2))}")
    }
    exit(0)
}
for corpus in args.dropFirst() {
    guard let bytes = try? FileIO.readAll(path: corpus) else { print("error: cannot read \(corpus)"); exit(1) }
    let docs = documents(bytes)
    var rates: [Double] = []
    var tokens = 0
    for _ in 0..<reps {
        let c0 = cpuSeconds()
        var n = 0
        for d in docs {
            if splitOnly {
                d.withUnsafeBufferPointer { b in
                    try? tokenizer.pattern.split(b, 0..<b.count) { _, _ in n += 1; return true }
                }
            } else if countOnly {
                n += (try? tokenizer.count(d, options: .plain)) ?? 0
            } else {
                n += (try? tokenizer.encode(d, options: .plain).count) ?? 0
            }
        }
        let c1 = cpuSeconds()
        tokens = n
        rates.append(Double(bytes.count) / 1e6 / (c1 - c0))
    }
    rates.sort()
    let median = rates[rates.count / 2]
    let name = corpus.split(separator: "/").last.map(String.init) ?? corpus
    print("{\"lib\":\"tokenkit\",\"vocab\":\"\(tokenizer.name)\",\"corpus\":\"\(name)\",\"mb_per_cpu_s\":\(fixed(median, 2)),\"tokens\":\(tokens),\"docs\":\(docs.count),\"load_s\":\(fixed(loadTime, 3)),\"mode\":\"\(splitOnly ? "split" : countOnly ? "count" : "encode")\"}")
}

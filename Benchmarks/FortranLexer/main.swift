// Lexer and Tokompiler throughput on the shared Fortran corpora (run scripts/bench-fortran.sh).
//
// Usage: bench-fortran CORPUS_FILE... [--runs N]
// Each corpus file holds many sources separated by "==== FILE: name ====" lines; every source
// is lexed in the form its extension gives. Reports the median over N runs of CPU time
// (CLOCK_PROCESS_CPUTIME_ID), as MB (10^6 bytes) per CPU-second.
#if canImport(Glibc)
import Glibc
#endif
import TokenKit
import TokenKitFortran

func cpuSeconds() -> Double { Timing.processCPUSeconds() }

func split(_ all: [UInt8]) -> [(name: String, bytes: [UInt8])] {
    var files: [(String, [UInt8])] = []
    let marker = Array("==== FILE: ".utf8)
    var name: String? = nil
    var current: [UInt8] = []
    var start = 0
    while start < all.count {
        var end = start
        while end < all.count && all[end] != 0x0A { end += 1 }
        let next = min(end + 1, all.count)
        if end - start >= marker.count && Array(all[start..<(start + marker.count)]) == marker {
            if let name { files.append((name, current)) }
            name = String(decoding: all[(start + marker.count)..<end], as: UTF8.self).replacingOccurrences(of: " ====", with: "")
            current = []
        } else {
            current.append(contentsOf: all[start..<next])
        }
        start = next
    }
    if let name { files.append((name, current)) }
    return files
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard hasSuffix(target) else { return self }
        return String(dropLast(target.count)) + replacement
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
var runs = 9
if let k = arguments.firstIndex(of: "--runs"), k + 1 < arguments.count {
    runs = Int(arguments[k + 1]) ?? runs
    arguments.removeSubrange(k...(k + 1))
}
for path in arguments {
    guard let all = try? FileIO.readAll(path: path) else {
        print("cannot read \(path)")
        continue
    }
    let files = split(all).map { file in
        (bytes: file.bytes, form: file.bytes.withUnsafeBufferPointer { SourceForm.detect(path: file.name, bytes: $0) })
    }
    let total = files.reduce(0) { $0 + $1.bytes.count }
    func measure(_ body: () -> Int) -> (median: Double, tokens: Int) {
        var times: [Double] = []
        var tokens = 0
        for _ in 0..<runs {
            let t0 = cpuSeconds()
            tokens = body()
            times.append(cpuSeconds() - t0)
        }
        times.sort()
        return (times[times.count / 2], tokens)
    }
    let lexer = FortranLexer()
    let lex = measure {
        var n = 0
        for f in files { n += f.bytes.withUnsafeBufferPointer { lexer.tokens($0, form: f.form).count } }
        return n
    }
    let improved = Tokompiler(mode: .improved)
    let tok = measure {
        var n = 0
        for f in files {
            let tk = Tokompiler(options: .init(mode: .improved, form: f.form))
            n += (try? tk.encode(f.bytes, options: .plain).count) ?? 0
        }
        _ = improved
        return n
    }
    let mb = Double(total) / 1e6
    print("\(path): \(files.count) files, \(total) bytes")
    print("  lexer:                \(lex.tokens) tokens, median \(String(format3(lex.median * 1000))) ms CPU, \(format3(mb / lex.median)) MB/CPU-s")
    print("  tokompiler improved:  \(tok.tokens) ids, median \(String(format3(tok.median * 1000))) ms CPU, \(format3(mb / tok.median)) MB/CPU-s")
}

func format3(_ x: Double) -> String {
    let scaled = (x * 10).rounded() / 10
    return "\(scaled)"
}

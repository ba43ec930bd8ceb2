import Foundation
import Testing
import TokenKitTestSupport

@Suite("tok mixture", .serialized)
struct MixtureCLITests {
    static func temporaryFolder() -> String {
        NSTemporaryDirectory() + "tokenkit-mixture-cli-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Trains a small tokenizer on two languages, then infers with `--json` and `--report`.
    @Test("--json honours the contract and --report writes Markdown and SVG",
          SharedData.requires("corpora/lang/english.txt"))
    func jsonAndReport() throws {
        let dir = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var categories: [String] = []
        for name in ["english", "french"] {
            let text = try Data(contentsOf: URL(fileURLWithPath: try #require(SharedData.path("corpora/lang/\(name).txt"))))
            try text.prefix(60_000).write(to: URL(fileURLWithPath: "\(dir)/train-\(name).txt"))
            try text.dropFirst(60_000).prefix(40_000).write(to: URL(fileURLWithPath: "\(dir)/\(name).txt"))
            categories += ["--category", "\(name)=\(dir)/\(name).txt"]
        }
        let trained = try TokRunner.run(["train", "bpe", "--vocab-size", "400", "--out", "\(dir)/tok", "\(dir)/train-english.txt", "\(dir)/train-french.txt"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let r = try TokRunner.run(["mixture", "-t", "\(dir)/tok/tokenizer.json", "--cache", "none", "--json", "--report", "\(dir)/report"] + categories)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String: Any])
        let shares = try #require(json["proportions"] as? [String: Double])
        #expect(Set(shares.keys) == ["english", "french"])
        #expect(abs(shares.values.reduce(0, +) - 1) < 1e-9)
        #expect(json["merges_used"] as? Int == 400 - 256)
        #expect(json["merges_skipped"] as? Int == 0)
        for key in ["objective", "rounds", "rows", "seconds"] { #expect(json[key] != nil, "\(key) missing") }
        #expect(r.stderr.contains("round 1: +"), "progress: \(r.stderr)")
        let report = try String(contentsOfFile: "\(dir)/report/mixture.md", encoding: .utf8)
        #expect(report.contains("| english |") && report.contains("mixture.svg"))
        #expect(FileManager.default.fileExists(atPath: "\(dir)/report/mixture.svg"))
        // The readable table lists both categories.
        let table = try TokRunner.run(["mixture", "-t", "\(dir)/tok/tokenizer.json", "--cache", "none", "--merges", "50", "--drop-after", "1",
                                       "--formulation", "pair-steps"] + categories)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.text.contains("english") && table.text.contains("french"))
    }

    @Test("Bad requests fail with a message and a non-zero status", arguments: [
        (["--category", "a=Fixtures/cli/lines.txt", "--category", "a=Fixtures/cli/hello.txt"], "given twice"),
        (["--category", "a=Fixtures/cli/no-such-file.txt"], "no-such-file"),
        (["--category", "a=Fixtures/cli/empty.txt"], "no non-empty file"),
        (["--category", "a=Fixtures/cli/lines.txt", "--merges", "999999"], "outside the list"),
        (["--category", "a=Fixtures/cli/lines.txt", "--solver", "gurobi"], "--solver must be one of"),
        (["--category", "a=Fixtures/cli/lines.txt", "--drop-after", "-1"], "--drop-after"),
        (["--category", "noequals"], "NAME=PATH"),
        (["--category", "a=Fixtures/cli/lines.txt", "--max-rounds", "0"], "--max-rounds"),
        (["--category", "a=Fixtures/cli/lines.txt", "--formulation", "rows"], "--formulation must be one of: intervals, pair-steps"),
        (["--category", "a=Fixtures/cli/lines.txt", "--warm-up", "0"], "--warm-up"),
    ])
    func badRequests(options: [String], message: String) throws {
        let dir = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let trained = try TokRunner.run(["train", "bpe", "--vocab-size", "300", "--out", dir, TokRunner.fixture("lines.txt")])
        #expect(trained.status == 0, "\(trained.stderr)")
        let r = try TokRunner.run(["mixture", "-t", dir + "/tokenizer.json", "--cache", "none"] + options)
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}

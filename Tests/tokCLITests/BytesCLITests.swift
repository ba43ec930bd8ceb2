import Foundation
import Testing
import TokenKit
import TokenKitTestSupport

/// `tok bytes`: the JSON contract and the goldens through the CLI.
@Suite("tok bytes", SharedData.requires("models/stories260K/byte_level_goldens.json"))
struct BytesCLITests {
    static let model = SharedData.path("models/stories260K/stories260K.bin") ?? ""
    static let tokenizer = SharedData.path("models/stories260K/tok512.bin") ?? ""
    static var base: [String] { ["--model", model, "--tokenizer", tokenizer] }

    static func golden(_ prompt: String, _ key: String) throws -> [Double] {
        let path = try #require(SharedData.path("models/stories260K/byte_level_goldens.json"))
        let json = try JSONParser.parse(try FileIO.readAll(path: path))
        let c = try #require(json["cases"]?.arrayValue?.first { $0["prompt"]?.stringValue == prompt })
        return (c[key]?.arrayValue ?? []).compactMap { $0.doubleValue }
    }

    static func parse(_ r: TokRunner.Result) throws -> JSONValue {
        try JSONParser.parse(r.stdout)
    }

    // LM calls: exact = 3 bytes after the split + 1; naive 1; healing 1 + one per token whose
    // bytes equal the removed "i" (the piece and its byte-fallback twin <0x69>).
    @Test("next --json: the full 257-entry distribution matches the goldens; shape {prompt, distribution, lm_calls}",
          arguments: [(nil as String?, "exact_next_byte", 4), ("naive", "naive_next_byte", 1), ("healing", "token_healing_next_byte", 3)])
    func nextJSON(baseline: String?, key: String, calls: Int) throws {
        let prompt = "Once upon a ti"
        var args = ["bytes", "next"] + Self.base + ["--prompt", prompt, "--json"]
        if let baseline { args += ["--baseline", baseline] }
        let r = try TokRunner.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.parse(r)
        #expect(j.objectValue?.map(\.key) == ["prompt", "distribution", "lm_calls"])
        #expect(j["prompt"]?.stringValue == prompt)
        let d = try #require(j["distribution"]?.objectValue)
        #expect(d.count == 257)
        #expect(d.map(\.key) == (0..<256).map(String.init) + ["END"])
        let expected = try Self.golden(prompt, key)
        for (k, (_, v)) in d.enumerated() { #expect(abs((v.doubleValue ?? -1) - expected[k]) < 1e-4) }
        #expect(j["lm_calls"]?.intValue == calls)
    }

    @Test("next --top K lists the K most likely outcomes, END by name")
    func top() throws {
        let r = try TokRunner.run(["bytes", "next"] + Self.base + ["--prompt", "Once upon a", "--top", "2", "--json", "--mode", "canonical"])
        #expect(r.status == 0, "\(r.stderr)")
        let d = try #require(try Self.parse(r)["distribution"]?.objectValue)
        #expect(d.map(\.key) == ["32", "114"])   // ' ' 0.9995, 'r' 0.0004 (goldens top_exact)
        let all = try TokRunner.run(["bytes", "next"] + Self.base + ["--prompt", "The dog", "--mode", "all-paths", "--json"])
        #expect(all.status == 0)
        #expect(try Self.parse(all)["distribution"]?["END"]?.doubleValue != nil)
    }

    @Test("generate: greedy bytes continue \"me, there was \"; --json has text, bytes and lm_calls")
    func generate() throws {
        let r = try TokRunner.run(["bytes", "generate"] + Self.base + ["--prompt", "Once upon a ti", "--bytes", "14", "--temperature", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.text == "Once upon a time, there was \n")
        let j = try Self.parse(try TokRunner.run(["bytes", "generate"] + Self.base + ["--prompt", "Once upon a ti", "--bytes", "8", "--seed", "5", "--json"]))
        #expect(j["bytes"]?.arrayValue?.count == 8)
        #expect((j["lm_calls"]?.intValue ?? 99) <= 4 + 8)
        let ensemble = try TokRunner.run(["bytes", "generate"] + Self.base + Self.base + ["--weight", "1", "--weight", "3",
                                          "--prompt", "Once upon a ti", "--bytes", "4", "--temperature", "0"])
        #expect(ensemble.text == "Once upon a time, \n")
    }

    @Test("errors: fim without sentinels, bad mode, bad baseline, missing model → status 1 or 64 with a message")
    func errors() throws {
        let fim = try TokRunner.run(["bytes", "fim"] + Self.base + ["--prefix", "a", "--suffix", "b"])
        #expect(fim.status == 1 && fim.stderr.contains("no-fim-sentinels"))
        let mode = try TokRunner.run(["bytes", "next"] + Self.base + ["--prompt", "a", "--mode", "x"])
        #expect(mode.status == 64 && mode.stderr.contains("--mode"))
        let baseline = try TokRunner.run(["bytes", "next"] + Self.base + ["--prompt", "a", "--baseline", "x"])
        #expect(baseline.status == 64 && baseline.stderr.contains("--baseline"))
        let missing = try TokRunner.run(["bytes", "next", "--model", "/nonexistent.bin", "--tokenizer", Self.tokenizer, "--prompt", "a"])
        #expect(missing.status == 1 && missing.stderr.contains("/nonexistent.bin"))
        let temperature = try TokRunner.run(["bytes", "generate"] + Self.base + ["--temperature=-1"])
        #expect(temperature.status == 64 && temperature.stderr.contains("temperature"), "out of range: a usage error")
    }
}

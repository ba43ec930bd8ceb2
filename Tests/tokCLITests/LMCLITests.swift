import Testing
import TokenKitTestSupport

import Foundation

/// Runs the built `tok` (``TokRunner``) and returns (status, stdout, stderr) as text.
private enum LMCLI {
    static func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let r = try TokRunner.run(args)
        return (r.status, r.text, r.stderr)
    }
}

@Suite("tok lm and tok -t tok512.bin", SharedData.requires("models/stories260K/goldens.json"))
struct LMCLITests {
    static let model = SharedData.path("models/stories260K/stories260K.bin") ?? ""
    static let tokenizer = SharedData.path("models/stories260K/tok512.bin") ?? ""

    @Test("generate --json, greedy, with a prompt: the goldens' continuation")
    func generateJSON() throws {
        let r = try LMCLI.run(["lm", "generate", "--model", Self.model, "-t", Self.tokenizer, "--prompt", "There was a big",
                               "--steps", "12", "--temperature", "0", "--json", "--backend", "swift"])
        #expect(r.status == 0, "\(r.err)")
        // goldens.json greedy_prompt_64: [1, 291, 276, 286, 261, 370, 432, 352, 266, 268, 388, 426, 291, …]
        #expect(r.out == "{\"prompt_ids\":[1,291,276,286,261,370],\"ids\":[432,352,266,268,388,426,291],\"text\":\", red ball. The\"}\n")
    }

    @Test("generate without a prompt prints the story from BOS")
    func generatePlain() throws {
        let r = try LMCLI.run(["lm", "generate", "--model", Self.model, "-t", Self.tokenizer, "--steps", "4", "--temperature", "0"])
        #expect(r.status == 0)
        #expect(r.out == "Once upon a time\n")
    }

    @Test("score prints per-token log-probs, total and perplexity")
    func score() throws {
        let path = NSTemporaryDirectory() + "tok-lm-score-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }  // cleanup only
        try Data("Once upon a time".utf8).write(to: URL(fileURLWithPath: path))
        let r = try LMCLI.run(["lm", "score", "--model", Self.model, "-t", Self.tokenizer, "--json", path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("{\"ids\":[1,403,407,261,378],\"logprobs\":["))
        #expect(r.out.contains("\"tokens\":4"))
        let plain = try LMCLI.run(["lm", "score", "--model", Self.model, "-t", Self.tokenizer, path])
        #expect(plain.out.split(separator: "\n").count == 4 + 3)
        #expect(plain.out.contains("1\t403\t\" Once\"\t"))
    }

    @Test("next lists the most likely next tokens; the first is the greedy goldens' next id")
    func next() throws {
        // goldens.json greedy_no_prompt_200 starts [1, 403, 407, 261, 378, …]: after "Once upon a" comes 378.
        let r = try LMCLI.run(["lm", "next", "--model", Self.model, "-t", Self.tokenizer, "--prompt", "Once upon a", "--top", "3"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("378\t\" time\"\t") == true)
        let j = try LMCLI.run(["lm", "next", "--model", Self.model, "-t", Self.tokenizer, "--top", "1", "--json"])
        #expect(j.out.hasPrefix("{\"prompt_ids\":[1],\"next\":[{\"id\":403,\"token\":\" Once\",\"logprob\":"))
    }

    @Test("bad input: missing file, truncated model, tokenizer as model → status 1 with a message; a bad backend → 64")
    func badInput() throws {
        let missing = try LMCLI.run(["lm", "generate", "--model", "/nonexistent.bin", "-t", Self.tokenizer])
        #expect(missing.status == 1 && missing.err.contains("/nonexistent.bin"))
        let swapped = try LMCLI.run(["lm", "generate", "--model", Self.tokenizer, "-t", Self.tokenizer])
        #expect(swapped.status == 1 && swapped.err.contains("checkpoint header"))
        let badBackend = try LMCLI.run(["lm", "generate", "--model", Self.model, "-t", Self.tokenizer, "--backend", "nope"])
        #expect(badBackend.status == 64, "a bad enum value is a usage error")
    }

    @Test("tok encode/decode -t tok512.bin detects the format")
    func encodeDecode() throws {
        let e = try LMCLI.run(["encode", "-t", Self.tokenizer, "--framing", "default", "/dev/stdin"])
        _ = e  // stdin is /dev/null here: an empty input encodes to BOS alone
        #expect(e.status == 0)
        #expect(e.out.trimmingSpaces == "1")
        let info = try LMCLI.run(["info", "-t", Self.tokenizer])
        #expect(info.out.contains("sentencepiece-bpe"))
    }
}

private extension String {
    var trimmingSpaces: String {
        String(self.drop { $0 == " " || $0 == "\n" }.reversed().drop { $0 == " " || $0 == "\n" }.reversed())
    }
}

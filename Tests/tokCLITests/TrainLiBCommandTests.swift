import Testing
import TokenKitTestSupport
import Foundation

/// `tok train lib` and `tok encode -t FILE.lib.txt`, run as a user would: the built `tok`
/// binary (``TokRunner``) in a child process.
@Suite struct TrainLiBCommandTests {
    /// Runs `tok` with `arguments` and `input` on stdin; returns (status, stdout, stderr).
    static func run(_ arguments: [String], input: String = "") throws -> (status: Int32, out: String, err: String) {
        let r = try TokRunner.run(arguments, stdin: Array(input.utf8))
        return (r.status, r.text, r.stderr)
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""  // a missing file reads as "", which the expectations reject
    }

    /// A fresh folder for one test's files.
    static func makeDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "tokenkit-cli-train-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static let corpus = """
        you want to see the book
        can you feed it to the doggie
        what's it
        get it
        you want to feed the doggie
        see the doggie
        what's that
        get the book

        """

    @Test func trainThenEncode() throws {
        let dir = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }  // cleanup only
        let corpusPath = dir + "/corpus.txt", lexicon = dir + "/small.lib.txt"
        try Data(Self.corpus.utf8).write(to: URL(fileURLWithPath: corpusPath))
        let train = try Self.run(["train", "lib", "--omega", "0.01", "--life", "3", "--article-length", "4", "--steps", "30",
                              "--out", lexicon, corpusPath])
        #expect(train.status == 0, "stderr: \(train.err)")
        #expect(train.err.contains("entries after 30 steps"))
        let head = Self.read(lexicon)
        #expect(head.hasPrefix("tokenkit-lib-lexicon 1\nmode production\n"))
        let encoded = try Self.run(["encode", "-t", lexicon, "--format", "tokens"], input: "you want to see the doggie")
        #expect(encoded.status == 0, "stderr: \(encoded.err)")
        let tokens = encoded.out.split(separator: " ").count
        #expect(tokens > 0 && tokens < 26)
        let info = try Self.run(["info", "-t", lexicon])
        #expect(info.out.contains("lib"))
    }

    @Test func badInputsAreOneLineErrors() throws {
        let missing = try Self.run(["train", "lib", "--out", "/tmp/never.lib.txt", "/nonexistent/corpus.txt"])
        #expect(missing.status == 1 && missing.err.contains("/nonexistent/corpus.txt"))
        let empty = try Self.run(["train", "lib", "--out", "/tmp/never.lib.txt", "/dev/null"])
        #expect(empty.status == 1 && empty.err.contains("no non-empty line"))
        let badAlpha = try Self.run(["train", "lib", "--alpha", "3", "--out", "/tmp/never.lib.txt", "/dev/null"])
        #expect(badAlpha.status == 64 && badAlpha.err.contains("alpha"), "an out-of-range parameter is a usage error")
    }
}

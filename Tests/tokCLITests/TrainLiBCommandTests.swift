import Testing
import TokenKitTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `tok train lib` and `tok encode -t FILE.lib.txt`, run as a user would: the built `tok`
/// binary (next to the test bundle) in a child process.
@Suite struct TrainLiBCommandTests {
    /// The `tok` built beside this test bundle, if any.
    static let tok: String? = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        var path = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // …/debug/TokenKitPackageTests.xctest → …/debug/tok
        while let slash = path.lastIndex(of: "/") {
            path = String(path[..<slash])
            let candidate = path + "/tok"
            if access(candidate, X_OK) == 0 { return candidate }
            if path.hasSuffix("/.build") || path.isEmpty { break }
        }
        return nil
    }()

    /// Runs `tok` with `arguments` and `input` on stdin; returns (status, stdout, stderr).
    static func run(_ arguments: [String], input: String = "") -> (status: Int32, out: String, err: String) {
        let dir = "/tmp/tokenkit-cli-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        mkdir(dir, 0o755)
        defer { _ = system("rm -rf '\(dir)'") }
        let inPath = dir + "/in", outPath = dir + "/out", errPath = dir + "/err"
        if let f = fopen(inPath, "w") { fputs(input, f); fclose(f) }
        let quoted = ([tok ?? "tok"] + arguments).map { "'" + $0.replacingQuotes() + "'" }.joined(separator: " ")
        let status = system("\(quoted) < '\(inPath)' > '\(outPath)' 2> '\(errPath)'")
        return ((status >> 8) & 0xFF, read(outPath), read(errPath))
    }

    static func read(_ path: String) -> String {
        guard let f = fopen(path, "r") else { return "" }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n <= 0 { break }
            bytes += chunk[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
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

    @Test(.enabled(if: tok != nil, "the tok binary was not built beside the tests"))
    func trainThenEncode() throws {
        let dir = "/tmp/tokenkit-cli-train-\(getpid())"
        mkdir(dir, 0o755)
        defer { _ = system("rm -rf '\(dir)'") }
        let corpusPath = dir + "/corpus.txt", lexicon = dir + "/small.lib.txt"
        if let f = fopen(corpusPath, "w") { fputs(Self.corpus, f); fclose(f) }
        let train = Self.run(["train", "lib", "--omega", "0.01", "--life", "3", "--article-length", "4", "--steps", "30",
                              "--out", lexicon, corpusPath])
        #expect(train.status == 0, "stderr: \(train.err)")
        #expect(train.err.contains("entries after 30 steps"))
        let head = Self.read(lexicon)
        #expect(head.hasPrefix("tokenkit-lib-lexicon 1\nmode production\n"))
        let encoded = Self.run(["encode", "-t", lexicon, "--format", "tokens"], input: "you want to see the doggie")
        #expect(encoded.status == 0, "stderr: \(encoded.err)")
        let tokens = encoded.out.split(separator: " ").count
        #expect(tokens > 0 && tokens < 26)
        let info = Self.run(["info", "-t", lexicon])
        #expect(info.out.contains("lib"))
    }

    @Test(.enabled(if: tok != nil, "the tok binary was not built beside the tests"))
    func badInputsAreOneLineErrors() {
        let missing = Self.run(["train", "lib", "--out", "/tmp/never.lib.txt", "/nonexistent/corpus.txt"])
        #expect(missing.status == 1 && missing.err.contains("/nonexistent/corpus.txt"))
        let empty = Self.run(["train", "lib", "--out", "/tmp/never.lib.txt", "/dev/null"])
        #expect(empty.status == 1 && empty.err.contains("no non-empty line"))
        let badAlpha = Self.run(["train", "lib", "--alpha", "3", "--out", "/tmp/never.lib.txt", "/dev/null"])
        #expect(badAlpha.status == 64 && badAlpha.err.contains("alpha"), "an out-of-range parameter is a usage error")
    }
}

extension String {
    /// Escapes single quotes for a shell single-quoted string.
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for c in self { out += c == "'" ? "'\\''" : String(c) }
        return out
    }
}

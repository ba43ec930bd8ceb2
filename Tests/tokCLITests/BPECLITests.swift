import Foundation
import Testing
import TokenKitTestSupport

/// `tok` with byte-level BPE files: encode/decode/count/info, `--pattern`, preset names.
@Suite("tok CLI: BPE", SharedData.required)
struct BPECLITests {
    static let tok = TokRunner.binary

    /// Runs a shell command line; returns (exit status, stdout + stderr).
    /// A command that cannot be started gives status -1 and the reason, which the callers'
    /// expectations on status reject.
    static func run(_ command: String) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " 2>&1"]
        process.currentDirectoryURL = URL(fileURLWithPath: SharedData.repositoryRoot)
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self))
    }

    static var vocab: String { SharedData.path("vocabularies") ?? "" }

    @Test("encode, decode and count a rank file")
    func encodeDecode() {
        let (s1, ids) = Self.run("printf 'hello world' | \(Self.tok) encode -t \(Self.vocab)/openai-tiktoken/cl100k_base.tiktoken")
        #expect(s1 == 0)
        #expect(ids.trimmingSuffixNewlines == "15339 1917")
        let (s2, text) = Self.run("echo '15339 1917' | \(Self.tok) decode -t \(Self.vocab)/openai-tiktoken/cl100k_base.tiktoken")
        #expect(s2 == 0 && text.hasPrefix("hello world"))
        let (s3, llama) = Self.run("printf '.:.:' | \(Self.tok) encode -t \(Self.vocab)/llama3/tokenizer.model --pattern llama3")
        #expect(s3 == 0 && llama.trimmingSuffixNewlines == "100421")
        let (s4, qwen) = Self.run("printf 'hello world' | \(Self.tok) encode -t \(Self.vocab)/qwen2 --pattern qwen2")
        #expect(s4 == 0 && qwen.trimmingSuffixNewlines == "14990 1879")
    }

    @Test("preset names resolve through TOKENKIT_VOCABULARIES, with a helpful error otherwise")
    func presetNames() {
        let (s1, out) = Self.run("printf 'hello world' | TOKENKIT_VOCABULARIES=\(Self.vocab) \(Self.tok) count -t o200k_base")
        #expect(s1 == 0 && out.contains("2"))
        // No folder and no tiktoken cache (a real one on this machine would be found).
        let (s2, err) = Self.run("printf 'x' | env -u TOKENKIT_VOCABULARIES -u TIKTOKEN_CACHE_DIR -u DATA_GYM_CACHE_DIR -u XDG_CACHE_HOME TMPDIR=/nonexistent HOME=/nonexistent \(Self.tok) count -t cl100k_base")
        #expect(s2 != 0 && err.contains("TOKENKIT_VOCABULARIES"))
    }

    @Test("a malformed rank file is a one-line error with file and line")
    func malformed() {
        let path = "/tmp/tok-bpe-bad-\(TestSystem.processID).tiktoken"
        _ = Self.run("printf 'IQ== 0\\nI!== 1\\n' > \(path)")
        defer { TestSystem.removeFile(path) }
        let (s, err) = Self.run("printf 'x' | \(Self.tok) encode -t \(path)")
        #expect(s != 0 && err.contains("\(path):2") && err.contains("base64"))
    }
}

extension String {
    var trimmingSuffixNewlines: String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}

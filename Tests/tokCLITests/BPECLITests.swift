#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import TokenKitTestSupport

/// `tok` with byte-level BPE files: encode/decode/count/info, `--pattern`, preset names.
@Suite("tok CLI: BPE", SharedData.required)
struct BPECLITests {
    static let tok = TokRunner.binary

    /// Runs a shell command line; returns (exit status, stdout + stderr).
    static func run(_ command: String) -> (Int32, String) {
        guard let f = popen(command + " 2>&1", "r") else { return (-1, "") }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        let status = pclose(f)
        return ((status >> 8) & 0xFF, String(decoding: out, as: UTF8.self))
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
        let (s2, err) = Self.run("printf 'x' | env -u TOKENKIT_VOCABULARIES \(Self.tok) count -t cl100k_base")
        #expect(s2 != 0 && err.contains("TOKENKIT_VOCABULARIES"))
    }

    @Test("a malformed rank file is a one-line error with file and line")
    func malformed() {
        let path = "/tmp/tok-bpe-bad-\(getpid()).tiktoken"
        _ = Self.run("printf 'IQ== 0\\nI!== 1\\n' > \(path)")
        defer { unlink(path) }
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

import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport

@Suite("Rank files")
struct RankFileTests {
    func parse(_ text: String) throws(FormatError) -> TokenTable {
        let bytes = Array(text.utf8)
        let r = bytes.withUnsafeBufferPointer { b in Result { () throws(FormatError) in try RankFile.parse(b, path: "x.tiktoken") } }
        return try r.get()
    }

    func expectError(_ text: String, _ code: FormatError.Code, line: Int?, _ fragment: String) {
        do {
            _ = try parse(text)
            Issue.record("expected \(code) for \(text.debugDescription)")
        } catch {
            #expect(error.code == code, "\(error)")
            #expect(error.location.line == line, "\(error)")
            #expect(error.location.path == "x.tiktoken")
            #expect(error.message.contains(fragment), "\(error)")
        }
    }

    @Test("valid file parses; ranks and bytes round-trip")
    func valid() throws {
        let t = try parse("IQ== 0\nIg== 1\r\n\naGVsbG8= 2\n")
        #expect(t.tokenCount == 3)
        #expect(t.id(of: Array("hello".utf8)) == 2)
        #expect(Array(t.bytes(1)) == [0x22])
    }

    @Test("typed errors with file and line")
    func errors() {
        expectError("", .empty, line: nil, "empty")
        expectError("IQ== 0\nIg==", .truncated, line: 2, "no rank")
        expectError("IQ== 0\nIg== \n", .syntax, line: 2, "missing")
        expectError("IQ== 0\nI!== 1\n", .invalidValue, line: 2, "base64")
        expectError("IQ== 0\nIg== x1\n", .syntax, line: 2, "decimal")
        expectError("IQ== 0\nIg== 0\n", .duplicate, line: 2, "rank 0 appears twice")
        expectError("IQ== 0\nIQ== 1\n", .duplicate, line: 2, "same token bytes")
        expectError("IQ 0\n", .invalidValue, line: 1, "base64")
        expectError("IQ== 99999999999\n", .invalidValue, line: 1, "larger than")
    }

    @Test("a rank file without every single byte is refused by the loader")
    func missingByte() throws {
        let path = "/tmp/tokenkit-bpe-test-\(UInt32.random(in: 0...UInt32.max)).tiktoken"
        try FileIOHelper.write("IQ== 0\n", to: path)
        defer { FileIOHelper.remove(path) }
        #expect(throws: LoadError.self) { try BPEFiles.loadRankFile(path: path, preset: .cl100k) }
    }
}

enum FileIOHelper {
    static func write(_ text: String, to path: String) throws {
        try AtomicFileWriter.write(Array(text.utf8), to: path)
    }
    static func remove(_ path: String) { TestSystem.removeFile(path) }
}

import Foundation
import Testing
import TokenKit
import TokenKitTestSupport

@Suite("File input")
struct InputTests {
    @Test("Mapping a file gives its bytes")
    func mapped() throws {
        let file = try MappedFile(path: SharedData.fixture("cli/hello.txt"))
        #expect(Array(file.bytes) == Array("Hello, world!\n".utf8))
    }

    @Test("Discarded pages of a mapping read back unchanged")
    func discardPages() throws {
        // A multi-page file of known content; dropping its pages must lose nothing.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tokenkit-discard-\(UUID().uuidString).bin")
        let content = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        try Data(content).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let path = url.path
        let file = try MappedFile(path: path)
        #expect(Array(file.bytes) == content)
        file.discardPages(before: 20_000)
        file.discardPages(before: 1_000_000)   // past the end: clamped
        #expect(Array(file.bytes) == content)
    }

    @Test("An empty file maps to no bytes")
    func empty() throws {
        #expect(try MappedFile(path: SharedData.fixture("cli/empty.txt")).count == 0)
    }

    @Test("Missing files and folders are typed errors naming the path")
    func errors() {
        #expect(throws: InputError(code: .notFound, path: "/no/such/file", errno: 2, message: "no such file")) {
            try MappedFile(path: "/no/such/file")
        }
        do {
            _ = try MappedFile(path: SharedData.fixture("cli"))
            Issue.record("a folder must not map")
        } catch {
            #expect(error.code == .isDirectory)
        }
    }

    @Test("Lines come out without terminators, last line too")
    func lines() throws {
        var reader = try LineReader(path: SharedData.fixture("cli/lines.txt"))
        var lines: [String] = []
        while let line = try reader.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["first line", "second — línea", "", "last without newline"])
        #expect(reader.lineNumber == 4)
    }

    @Test("Shared data is found or the test says it is skipped", SharedData.required)
    func sharedData() throws {
        let path = try #require(SharedData.path("corpora/SOURCES.md"))
        #expect(try MappedFile(path: path).count > 0)
    }
}

@Suite("Batch encoding")
struct BatchTests {
    @Test("Results keep input order across many tasks")
    func order() async throws {
        let inputs = (0..<1000).map { Array("item \($0)".utf8) }
        let out = try await ByteTokenizer.raw.encodeBatch(inputs, options: .plain)
        #expect(out.map(\.ids) == inputs.map { $0.map(TokenID.init) })
    }

    @Test("The first failing input's error is thrown")
    func failure() async {
        let inputs: [Int] = Array(0..<100)
        await #expect(throws: TokenizerError.self) {
            _ = try await BatchRunner.map(inputs, parallelism: 4) { (n: Int) throws(TokenizerError) -> Int in
                if n == 37 { throw TokenizerError.invalidUTF8(at: n) }
                return n
            }
        }
    }
}

@Suite("Catalog")
struct CatalogTests {
    let catalog = TokenizerCatalog(loaders: [ByteTokenizerLoader()])

    @Test("Built-in names resolve")
    func builtins() throws {
        #expect(try catalog.resolve("byt5").vocabularySize == 384)
        #expect(try catalog.resolve("bytes").family == .byteLevel)
    }

    @Test("Unknown names and unreadable formats are distinct errors")
    func unknown() {
        #expect(throws: LoadError.self) { try catalog.resolve("no-such-tokenizer") }
        do {
            _ = try catalog.resolve(SharedData.fixture("cli/hello.txt"))
            Issue.record("a text file is not a tokenizer")
        } catch {
            guard case .format(let f) = error else { Issue.record("expected a format error, got \(error)"); return }
            #expect(f.code == .unsupported)
        }
    }
}

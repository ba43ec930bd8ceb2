import Testing
import TokenKit
import TokenKitTestSupport

/// The shared atomic writer: the target holds the old file or the whole new one, every failure
/// is a typed error naming the target with its errno, and no temporary file is ever left behind.
@Suite("AtomicFileWriter")
struct AtomicFileWriterTests {
    /// A fresh private folder, removed (with the files the test expects in it) afterwards.
    struct Folder: ~Copyable {
        let path: String
        init() throws {
            path = try #require(TestSystem.makeTemporaryDirectory("tokenkit-atomic"))
        }
        deinit {
            for name in FileIO.contentsOfDirectory(path) {
                TestSystem.removeFile(path + "/" + name)
                TestSystem.removeDirectory(path + "/" + name)
            }
            TestSystem.removeDirectory(path)
        }
        var names: [String] { FileIO.contentsOfDirectory(path) }
    }

    @Test("writes a new file and replaces an old one, with no temporary file left")
    func replaces() throws {
        let folder = try Folder()
        let target = folder.path + "/out.txt"
        try AtomicFileWriter.write(Array("first\n".utf8), to: target)
        #expect(try FileIO.readAll(path: target) == Array("first\n".utf8))
        try AtomicFileWriter.write(Array("second, longer\n".utf8), to: target)
        #expect(try FileIO.readAll(path: target) == Array("second, longer\n".utf8))
        #expect(folder.names == ["out.txt"])
    }

    @Test("streams several writes into one file, and an empty write gives an empty file")
    func streams() throws {
        let folder = try Folder()
        let target = folder.path + "/big.bin"
        var file = try AtomicFileWriter(path: target)
        let chunk = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        for _ in 0..<5 { try file.write(chunk) }
        try file.write("end")
        // Nothing at the target until commit.
        #expect(!FileIO.exists(target))
        try file.commit()
        let back = try FileIO.readAll(path: target)
        #expect(back.count == 500_003)
        #expect(Array(back.suffix(3)) == Array("end".utf8))
        try AtomicFileWriter.write([], to: folder.path + "/empty")
        #expect(try FileIO.readAll(path: folder.path + "/empty").isEmpty)
        #expect(folder.names == ["big.bin", "empty"])
    }

    @Test("a writer dropped without commit leaves the target as it was and no temporary file")
    func abandoned() throws {
        let folder = try Folder()
        let target = folder.path + "/keep.txt"
        try AtomicFileWriter.write(Array("old\n".utf8), to: target)
        do {
            var file = try AtomicFileWriter(path: target)
            try file.write(Array("half of the new".utf8))
            #expect(folder.names.count == 2)   // the target and the temporary file
        }
        #expect(try FileIO.readAll(path: target) == Array("old\n".utf8))
        #expect(folder.names == ["keep.txt"])
    }

    @Test("a full device (/dev/full) is an ENOSPC error naming the output")
    func deviceFull() throws {
        let fd = TestSystem.openForWriting("/dev/full")
        try #require(fd >= 0, "no /dev/full on this system")
        defer { TestSystem.close(fd) }
        let bytes = Array("data that cannot fit\n".utf8)
        let error = try #require(throws: OutputError.self) {
            try bytes.withUnsafeBytes { try FileIO.writeAll($0, to: fd, path: "report.txt") }
        }
        #expect(error.code == .noSpace)
        #expect(error.errno == TestSystem.ENOSPC)
        #expect(error.operation == .write)
        #expect(error.path == "report.txt")
        #expect(error.description.hasPrefix("report.txt: cannot write: "))
    }

    @Test("a failed rename (the target is a folder) removes the temporary file and keeps errno")
    func renameFails() throws {
        let folder = try Folder()
        let target = folder.path + "/taken"
        try FileIO.makeDirectory(target + "/inside")
        let error = try #require(throws: OutputError.self) {
            try AtomicFileWriter.write(Array("x".utf8), to: target)
        }
        #expect(error.operation == .rename)
        #expect(error.path == target)
        #expect(error.errno != nil)
        #expect(folder.names == ["taken"])
        TestSystem.removeDirectory(target + "/inside")
    }

    @Test("a missing folder is a not-found error naming the target, and creates nothing")
    func missingFolder() throws {
        let folder = try Folder()
        let target = folder.path + "/no/such/folder/out.txt"
        let error = try #require(throws: OutputError.self) {
            try AtomicFileWriter.write(Array("x".utf8), to: target)
        }
        #expect(error.code == .notFound)
        #expect(error.errno == TestSystem.ENOENT)
        #expect(error.operation == .create)
        #expect(error.path == target)
        #expect(folder.names.isEmpty)
    }

    // Root ignores permission bits, so this runs only for other users (CI containers run as root;
    // the rename and /dev/full tests cover the failure paths there).
    @Test("a read-only folder is a permission error, and the old file survives",
          .enabled(if: !TestSystem.isRoot, "root ignores a folder's permission bits"))
    func readOnlyFolder() throws {
        let folder = try Folder()
        let target = folder.path + "/out.txt"
        try AtomicFileWriter.write(Array("old\n".utf8), to: target)
        try #require(TestSystem.setPermissions(folder.path, 0o555))
        defer { TestSystem.setPermissions(folder.path, 0o755) }
        let error = try #require(throws: OutputError.self) {
            try AtomicFileWriter.write(Array("new\n".utf8), to: target)
        }
        #expect(error.code == .permissionDenied)
        #expect(error.errno == TestSystem.EACCES)
        #expect(error.path == target)
        #expect(try FileIO.readAll(path: target) == Array("old\n".utf8))
        #expect(folder.names == ["out.txt"])
    }

    @Test("several files: one that cannot be written leaves the others unchanged and no temporary file")
    func severalFiles() throws {
        let folder = try Folder()
        let a = folder.path + "/a.json", b = folder.path + "/b.txt"
        try AtomicFileWriter.write([(a, Array("A1".utf8)), (b, Array("B1".utf8))])
        #expect(try FileIO.readAll(path: a) == Array("A1".utf8))
        #expect(try FileIO.readAll(path: b) == Array("B1".utf8))
        let missing = folder.path + "/gone/c.txt"
        let error = try #require(throws: OutputError.self) {
            try AtomicFileWriter.write([(a, Array("A2".utf8)), (b, Array("B2".utf8)), (missing, Array("C2".utf8))])
        }
        #expect(error.path == missing)
        #expect(try FileIO.readAll(path: a) == Array("A1".utf8))
        #expect(try FileIO.readAll(path: b) == Array("B1".utf8))
        #expect(folder.names == ["a.json", "b.txt"])
    }

    @Test("makeDirectory creates parents, accepts an existing folder and refuses a file")
    func makeDirectory() throws {
        let folder = try Folder()
        try FileIO.makeDirectory(folder.path + "/x/y")
        try FileIO.makeDirectory(folder.path + "/x/y")
        #expect(FileIO.isDirectory(folder.path + "/x/y"))
        try AtomicFileWriter.write([], to: folder.path + "/file")
        #expect(throws: OutputError.self) { try FileIO.makeDirectory(folder.path + "/file") }
        TestSystem.removeDirectory(folder.path + "/x/y")
    }
}

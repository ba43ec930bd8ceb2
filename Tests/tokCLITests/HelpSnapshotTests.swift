import Foundation
import Testing
import TokenKitTestSupport

/// Help output is part of the interface: these snapshots make every change to it visible in
/// review. Regenerate with `TOKENKIT_UPDATE_SNAPSHOTS=1 swift test --filter HelpSnapshot`.
@Suite("Help snapshots", .serialized)
struct HelpSnapshotTests {
    static let snapshotFolder = SharedData.repositoryRoot + "/Tests/tokCLITests/Snapshots"

    @Test("Help text matches its snapshot", arguments: [
        ["--help"], ["encode", "--help"], ["decode", "--help"], ["count", "--help"], ["info", "--help"],
    ])
    func help(arguments: [String]) throws {
        let r = try TokRunner.run(arguments)
        #expect(r.status == 0)
        let name = (["tok"] + arguments.filter { $0 != "--help" }).joined(separator: "-") + ".txt"
        let path = Self.snapshotFolder + "/" + name
        if ProcessInfo.processInfo.environment["TOKENKIT_UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(atPath: Self.snapshotFolder, withIntermediateDirectories: true)
            try Data(r.stdout).write(to: URL(fileURLWithPath: path))
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(r.text == expected, "help for \(arguments) changed; rerun with TOKENKIT_UPDATE_SNAPSHOTS=1 if intended")
    }
}

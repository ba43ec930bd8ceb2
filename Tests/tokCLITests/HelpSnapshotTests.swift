import Foundation
import Testing
import TokenKitTestSupport

/// Help output is part of the interface: these snapshots make every change to it visible in
/// review. Regenerate with `TOKENKIT_UPDATE_SNAPSHOTS=1 swift test --filter HelpSnapshot`: the
/// changed snapshots are rewritten and reported as failures, then a plain run must pass.
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
        let expected = try? String(contentsOfFile: path, encoding: .utf8)  // nil: no snapshot yet
        if ProcessInfo.processInfo.environment["TOKENKIT_UPDATE_SNAPSHOTS"] == "1" {
            // Update mode still compares: an unchanged snapshot passes, a changed or new one is
            // written and fails, so a run with the variable set never passes silently.
            guard r.text != expected else { return }
            try FileManager.default.createDirectory(atPath: Self.snapshotFolder, withIntermediateDirectories: true)
            try Data(r.stdout).write(to: URL(fileURLWithPath: path))
            Issue.record("help for \(arguments) differed from \(name) and was rewritten; review the diff and rerun without TOKENKIT_UPDATE_SNAPSHOTS")
            return
        }
        #expect(expected != nil, "no snapshot \(name); create it with TOKENKIT_UPDATE_SNAPSHOTS=1")
        #expect(r.text == expected, "help for \(arguments) changed; rerun with TOKENKIT_UPDATE_SNAPSHOTS=1 if intended")
    }
}

import Foundation
import TokenKitTestSupport

/// Runs the built `tok` binary and captures what it prints.
///
/// The binary sits beside the test bundle in SwiftPM's build folder; `TOK_BINARY` overrides
/// that for runs against an installed `tok`.
enum TokRunner {
    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The `tok` to run: `$TOK_BINARY`, else the one SwiftPM built beside the test bundle
    /// (whatever the build folder and configuration: `.build/debug`, `--scratch-path`, release).
    /// When neither exists this is the path where it was looked for, and ``run(_:stdin:environment:)``
    /// fails saying so — a CLI test never runs some other, stale `tok`.
    static let binary: String = {
        if let override = ProcessInfo.processInfo.environment["TOK_BINARY"], !override.isEmpty { return override }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let start = bundle.deletingLastPathComponent()
        var dir = start
        // The runner may be inside an .xctest bundle folder (…/X.xctest/Contents/MacOS on macOS).
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("tok").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return start.appendingPathComponent("tok").path
    }()

    /// `tok` was not found where ``binary`` says.
    struct MissingBinary: Error, CustomStringConvertible {
        var description: String { "tok is not built at \(TokRunner.binary): run swift build, or set TOK_BINARY" }
    }

    /// Runs `tok` with `arguments`; `stdoutPath` sends standard output to that file instead of
    /// a pipe (`/dev/full` to see a failed write).
    static func run(_ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:],
                    stdoutPath: String? = nil) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw MissingBinary() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: SharedData.repositoryRoot)
        var env = ProcessInfo.processInfo.environment
        env["COLUMNS"] = "100"
        env["SWIFT_BACKTRACE"] = "enable=no"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = inPipe
        var outFile: FileHandle?
        if let stdoutPath {
            guard let file = FileHandle(forWritingAtPath: stdoutPath) else { throw CocoaError(.fileNoSuchFile) }
            outFile = file
            process.standardOutput = file
        } else {
            process.standardOutput = outPipe
        }
        process.standardError = errPipe
        try process.run()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        let out = Box(), err = Box()
        group.enter()
        if outFile == nil {
            DispatchQueue.global().async { out.data = outPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        } else {
            try outPipe.fileHandleForWriting.close()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async { err.data = errPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        inPipe.fileHandleForWriting.write(Data(stdin))
        try inPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        try outFile?.close()
        return Result(status: process.terminationStatus, stdout: [UInt8](out.data), stderr: String(decoding: err.data, as: UTF8.self))
    }

    /// Written by one reader thread, read after `group.wait()`: the group orders the accesses.
    final class Box: @unchecked Sendable {
        var data = Data()
    }

    static func fixture(_ name: String) -> String { "Fixtures/cli/" + name }
}

/// ByT5 ids of a string, computed from the rule (byte + 3), as the oracle for CLI output.
func byt5(_ text: String) -> [Int] { text.utf8.map { Int($0) + 3 } }

func line(_ ids: [Int]) -> String { ids.map(String.init).joined(separator: " ") + "\n" }

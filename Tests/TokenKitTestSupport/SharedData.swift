import Testing

/// Finds the project's shared data (real vocabularies, corpora, models, specs).
///
/// Looks at `$TOKENKIT_SHARED`, then `../shared` beside the repository root. Tests that need
/// it use ``SharedData/required``, which skips them with a message saying so when the data is
/// absent — they never pass silently.
public enum SharedData {
    /// The repository root (the folder that holds `Package.swift`).
    public static let repositoryRoot: String = {
        // This file is <root>/Tests/TokenKitTestSupport/SharedData.swift.
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// The shared-data folder, or `nil` when it cannot be found.
    public static let root: String? = {
        if let path = TestSystem.environment("TOKENKIT_SHARED"), !path.isEmpty {
            return isDirectory(path) ? path : nil
        }
        let beside = repositoryRoot + "/../shared"
        return isDirectory(beside) ? beside : nil
    }()

    /// The message a skipped test shows.
    public static let missingMessage =
        "shared data not found: set TOKENKIT_SHARED or put shared/ beside the repository (skipping)"

    /// A trait that skips the test, saying why, when the shared data is absent.
    public static var required: ConditionTrait {
        .enabled(if: root != nil, Comment(rawValue: missingMessage))
    }

    /// A trait that skips the test when a particular shared file or folder is absent.
    public static func requires(_ relativePath: String) -> ConditionTrait {
        .enabled(
            if: path(relativePath).map(exists) ?? false,
            Comment(rawValue: "shared file \(relativePath) not found (set TOKENKIT_SHARED); skipping"))
    }

    /// The absolute path of a file inside the shared folder, or `nil` without shared data.
    public static func path(_ relativePath: String) -> String? {
        root.map { $0 + "/" + relativePath }
    }

    /// The path of a file in the repository's `Fixtures/` folder.
    public static func fixture(_ name: String) -> String {
        repositoryRoot + "/Fixtures/" + name
    }

    static func isDirectory(_ path: String) -> Bool { FileIO.isDirectory(path) }

    static func exists(_ path: String) -> Bool { FileIO.exists(path) }
}

import Testing
@testable import TokenKitMixture

/// HiGHS is loaded at run time (``HighsLibrary``): where it is found, and what is said when it is not.
@Suite("HiGHS loading")
struct HighsLoadingTests {
    /// This checkout's `.deps/highs` library, when scripts/setup-highs.sh has installed it.
    static let checkoutLibrary: String? = {
        let parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        let root = parts.dropLast(3).joined(separator: "/")  // …/Tests/TokenKitMixtureTests/this file
        let path = root + "/" + HighsLibrary.checkoutRelativePath
        return DynamicLibrary.fileExists(path) ? path : nil
    }()

    @Test("where setup-highs.sh installed HiGHS, the tests load it by walking up (so both backends run)",
          .enabled(if: checkoutLibrary != nil, "scripts/setup-highs.sh has not run in this checkout"))
    func checkoutCopyLoads() throws {
        #expect(LinearProgramBackend.highs.isAvailable, "\(LinearProgramBackend.highs.unavailableReason ?? "")")
        #expect(LinearProgramBackend.preferred == .highs)
        let library = try HighsLibrary.load(from: #require(Self.checkoutLibrary)).get()
        let model = try #require(library.create())
        defer { library.destroy(model) }
        #expect(library.getInfinity(model) > 1e30)
    }

    @Test("a missing file is refused with the loader's reason")
    func missingFile() {
        guard case .failure(let failure) = HighsLibrary.load(from: "/nonexistent/libhighs.so") else {
            Issue.record("a missing file loaded"); return
        }
        #expect(failure.path == "/nonexistent/libhighs.so")
        #expect(failure.reason.contains("No such file"), "\(failure.reason)")
    }

    #if os(Linux)
    @Test("a library without the HiGHS C API is refused, naming a missing function")
    func notHighs() throws {
        // libc is loaded in every process and has no Highs_* symbol.
        guard case .failure(let failure) = HighsLibrary.load(from: "libc.so.6") else {
            Issue.record("libc was taken for HiGHS"); return
        }
        #expect(failure.reason.contains("Highs_getSizeofHighsInt"), "\(failure.reason)")
    }
    #endif

    @Test("when HiGHS cannot be used, the error lists every place tried")
    func unavailableMessage() {
        let message = HighsUnavailable(tried: [
            .init(path: "/x/libhighs.so", reason: "no such file"),
            .init(path: "libhighs.so", reason: "cannot open shared object file"),
        ]).description
        #expect(message.contains("TOKENKIT_HIGHS_LIBRARY"))
        #expect(message.contains("/x/libhighs.so (no such file); libhighs.so (cannot open shared object file)"))
    }
}

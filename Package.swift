// swift-tools-version: 6.1
// TokenKit: build, run and study tokenizers.
//
// Module map (see docs/architecture.md): C shims at the bottom, the `TokenKit` core with the
// `Tokenizer` protocol, one sibling module per tokenizer family or analyzer, and the `tok` CLI
// on top. Compile-time flags:
//   TOKENKIT_INTERNAL_CHECKS  — invariant checks in the hot data structures (on in debug builds).
import Foundation
import PackageDescription

let internalChecks: [SwiftSetting] = [.define("TOKENKIT_INTERNAL_CHECKS", .when(configuration: .debug))]

// HiGHS (MIT), the default LP backend of mixture inference, comes from the PyPI binary package
// `highsbox`, installed by scripts/setup-highs.sh into the git-ignored .deps/highs (build with
// PKG_CONFIG_PATH=.deps/highs/pkgconfig). The rpath lets the built tools find libhighs.so
// without LD_LIBRARY_PATH.
let highsLibrary = Context.packageDirectory + "/.deps/highs/highsbox/highs_dist/lib"

// HiGHS joins the default traits only when pkg-config can see a highs.pc (PKG_CONFIG_PATH names
// a folder holding one, as `.ci/run`, `scripts/bootstrap.sh` and the README's test command do);
// otherwise a plain `swift build` on a fresh clone still works, with CLP alone, instead of
// failing on a missing header. `--traits HiGHS` asks for it explicitly.
let highsVisible = (Context.environment["PKG_CONFIG_PATH"] ?? "").split(separator: ":").contains {
    FileManager.default.fileExists(atPath: String($0) + "/highs.pc")
}

let package = Package(
    name: "TokenKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "TokenKit", targets: ["TokenKit"]),
        .library(name: "TokenKitCatalog", targets: ["TokenKitCatalog"]),
        .executable(name: "tok", targets: ["tok"]),
    ],
    // LP backends of mixture inference (docs/mixture.md): both by default when HiGHS is visible
    // (see highsVisible), else CLP; `--traits CLP` builds without HiGHS, `--traits HiGHS` without CLP.
    traits: [
        .trait(name: "HiGHS", description: "HiGHS LP backend (scripts/setup-highs.sh), the default solver"),
        .trait(name: "CLP", description: "COIN-OR CLP LP backend (apt coinor-libclp-dev)"),
        .default(enabledTraits: highsVisible ? ["HiGHS", "CLP"] : ["CLP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // MARK: C libraries
        // System ICU (Debian: libicu-dev); pkg-config "icu-i18n" pulls in icu-uc and icudata.
        // Only CICUShim may depend on it: see Sources/CICUShim/include/cicu_shim.h for why.
        .systemLibrary(
            name: "CICU",
            path: "Sources/CICU",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"]), .brew(["icu4c"])]
        ),
        .target(name: "CICUShim", dependencies: ["CICU"]),
        // utf8proc (Debian: libutf8proc-dev). No pkgConfig: its .pc adds -DUTF8PROC_EXPORTS,
        // which SwiftPM rejects; the header is on the default include path.
        .systemLibrary(
            name: "CUtf8proc",
            path: "Sources/CUtf8proc",
            providers: [.apt(["libutf8proc-dev"]), .brew(["utf8proc"])]
        ),

        // MARK: Core
        .target(
            name: "TokenKit",
            dependencies: ["CICUShim", "CUtf8proc"],
            swiftSettings: internalChecks
        ),

        // MARK: Tokenizer families and the LM runtime
        // Vocabularies embedded in the binary as C arrays (scripts/train-default-vocabulary.sh).
        .target(name: "CTokenKitVocabularies"),
        // COIN-OR CLP (Debian: coinor-libclp-dev), the LP backend of mixture inference.
        .systemLibrary(name: "CClp", path: "Sources/CClp", pkgConfig: "clp", providers: [.apt(["coinor-libclp-dev"])]),
        .target(name: "TokenKitBPE", dependencies: ["TokenKit", "CTokenKitVocabularies"], swiftSettings: internalChecks),
        .executableTarget(name: "tokenkit-bench", dependencies: ["TokenKit", "TokenKitBPE"], path: "Benchmarks/tokenkit-bench"),
        .executableTarget(name: "fuzz-bpe-rankfile", dependencies: ["TokenKit", "TokenKitBPE"], path: "Fuzz/fuzz-bpe-rankfile"),
        .executableTarget(name: "fuzz-bpe-scanner", dependencies: ["TokenKit", "TokenKitBPE"], path: "Fuzz/fuzz-bpe-scanner"),
        .executableTarget(name: "fuzz-bpe-merges", dependencies: ["TokenKit", "TokenKitBPE"], path: "Fuzz/fuzz-bpe-merges"),
        // HiGHS C API (scripts/setup-highs.sh writes the highs.pc this reads).
        .systemLibrary(name: "CHiGHS", path: "Sources/CHiGHS", pkgConfig: "highs"),
        // Training-data mixture inference (Hayase et al.; docs/mixture.md), on HiGHS and/or CLP.
        .target(
            name: "TokenKitMixture",
            dependencies: [
                "TokenKit", "TokenKitBPE",
                .target(name: "CHiGHS", condition: .when(traits: ["HiGHS"])),
                .target(name: "CClp", condition: .when(traits: ["CLP"])),
            ],
            swiftSettings: internalChecks,
            linkerSettings: [.unsafeFlags(["-Xlinker", "-rpath", "-Xlinker", highsLibrary], .when(platforms: [.linux], traits: ["HiGHS"]))]
        ),
        .target(name: "TokenKitLM", dependencies: ["TokenKit"], swiftSettings: internalChecks),
        .target(
            name: "TokenKitLiB",
            dependencies: ["TokenKit", .product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: internalChecks
        ),
        .target(name: "TokenKitFortran", dependencies: ["TokenKit"], swiftSettings: internalChecks),
        // libFuzzer harness for the Fortran lexer and Tokompiler (built with --sanitize=fuzzer; docs/fortran.md).
        .executableTarget(name: "fuzz-fortran", dependencies: ["TokenKitFortran"], path: "Fuzz/fuzz-fortran"),
        // Lexer/Tokompiler throughput on the shared corpora (scripts/bench-fortran.sh).
        .executableTarget(name: "bench-fortran", dependencies: ["TokenKitFortran"], path: "Benchmarks/FortranLexer"),
        .target(name: "TokenKitPooled", dependencies: ["TokenKit"], swiftSettings: internalChecks),
        .target(name: "TokenKitDynamic", dependencies: ["TokenKit", "TokenKitBPE"], swiftSettings: internalChecks),

        // MARK: Analyzers
        // Arithmetic probes (docs/probes.md).
        .target(name: "TokenKitAnalysis", dependencies: ["TokenKit", "TokenKitLM"], swiftSettings: internalChecks),
        // Exact byte-level probabilities from tokenized LMs (Phan et al.; docs/byte-probabilities.md).
        .target(name: "TokenKitByteProbabilities", dependencies: ["TokenKit", "TokenKitLM", "TokenKitBPE"], swiftSettings: internalChecks),

        // MARK: Catalog
        // Every family's loader in one `TokenizerCatalog.standard`, shared by tok, tests and dependents.
        .target(
            name: "TokenKitCatalog",
            dependencies: ["TokenKit", "TokenKitBPE", "TokenKitLM", "TokenKitLiB", "TokenKitFortran", "TokenKitPooled", "TokenKitDynamic"],
            swiftSettings: internalChecks
        ),

        // MARK: CLI
        .executableTarget(
            name: "tok",
            dependencies: [
                "TokenKit", "TokenKitCatalog", "TokenKitBPE", "TokenKitLM", "TokenKitLiB", "TokenKitFortran",
                "TokenKitPooled", "TokenKitDynamic", "TokenKitAnalysis", "TokenKitByteProbabilities", "TokenKitMixture",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Fuzzing (scripts/fuzz.sh builds these with --sanitize=fuzzer)
        .executableTarget(name: "fuzz-json", dependencies: ["TokenKit"], path: "Fuzz/fuzz-json"),
        // (scripts/fuzz-hf.sh builds the Hugging Face and GGUF ones)
        .executableTarget(name: "FuzzHFTokenizerJSON", dependencies: ["TokenKit", "TokenKitBPE"], path: "Fuzz/FuzzHFTokenizerJSON"),
        .executableTarget(name: "FuzzGGUF", dependencies: ["TokenKit", "TokenKitBPE"], path: "Fuzz/FuzzGGUF"),
        .executableTarget(name: "hf-bench", dependencies: ["TokenKit", "TokenKitBPE"], path: "Benchmarks/hf-bench"),
        .executableTarget(name: "bytes-regex-bench", dependencies: ["TokenKit", "TokenKitBPE", "TokenKitByteProbabilities"], path: "Benchmarks/bytes-regex-bench"),

        // MARK: Tests
        // Shared law checkers, random input generators and the shared-data locator.
        .target(
            name: "TokenKitTestSupport",
            dependencies: ["TokenKit"],
            path: "Tests/TokenKitTestSupport"
        ),
        .testTarget(
            name: "TokenKitTests",
            dependencies: [
                "TokenKit", "TokenKitTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "TokenKitBPETests", dependencies: ["TokenKitBPE", "TokenKitTestSupport"]),
        .testTarget(name: "TokenKitMixtureTests", dependencies: ["TokenKitMixture", "TokenKitBPE", "TokenKitTestSupport"]),
        .testTarget(name: "TokenKitLMTests", dependencies: ["TokenKitLM", "TokenKitTestSupport"]),
        .testTarget(name: "TokenKitLiBTests", dependencies: ["TokenKitLiB", "TokenKitTestSupport"]),
        .testTarget(name: "TokenKitFortranTests", dependencies: ["TokenKitFortran", "TokenKitTestSupport"]),
        .testTarget(name: "TokenKitPooledTests", dependencies: ["TokenKitPooled", "TokenKitBPE", "TokenKitTestSupport"]),
        .testTarget(name: "TokenKitDynamicTests", dependencies: ["TokenKitDynamic", "TokenKitBPE", "TokenKitTestSupport"]),
        .testTarget(name: "TokenKitAnalysisTests", dependencies: ["TokenKitAnalysis", "TokenKitLM", "TokenKitTestSupport"]),
        .testTarget(
            name: "TokenKitByteProbabilitiesTests",
            dependencies: ["TokenKitByteProbabilities", "TokenKitLM", "TokenKitBPE", "TokenKitTestSupport"]
        ),
        // The tokenizer laws on every entry of TokenizerCatalog.standard, and broken conformers.
        .testTarget(name: "TokenKitLawTests", dependencies: ["TokenKitCatalog", "TokenKitBPE", "TokenKitFortran", "TokenKitPooled", "TokenKitTestSupport"]),
        .testTarget(
            name: "tokCLITests",
            dependencies: ["TokenKitTestSupport"],
            exclude: ["Snapshots"]
        ),
    ]
)

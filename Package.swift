// swift-tools-version: 6.1
// TokenKit: build, run and study tokenizers.
//
// Module map (see docs/architecture.md): C shims at the bottom, the `TokenKit` core with the
// `Tokenizer` protocol, one sibling module per tokenizer family or analyzer — each a library
// product of the same name — and the `tok` CLI on top. Benchmarks and fuzzers are packages of
// their own (Benchmarks/Package.swift, Fuzz/Package.swift), so a dependent package sees only the
// products. Compile-time flags:
//   TOKENKIT_INTERNAL_CHECKS  — invariant checks in the hot data structures (on in debug builds).
import PackageDescription

let internalChecks: [SwiftSetting] = [.define("TOKENKIT_INTERNAL_CHECKS", .when(configuration: .debug))]

/// The library modules, one product each (named after the module).
let libraries = [
    "TokenKit", "TokenKitBPE", "TokenKitSentencePiece", "TokenKitLM", "TokenKitLiB", "TokenKitFortran",
    "TokenKitPooled", "TokenKitDynamic", "TokenKitProbes", "TokenKitByteProbabilities", "TokenKitMixture",
    "TokenKitCatalog",
]

let package = Package(
    name: "TokenKit",
    platforms: [.macOS(.v15)],
    products: libraries.map { .library(name: $0, targets: [$0]) } + [
        .executable(name: "tok", targets: ["tok"]),
    ],
    // LP backends of mixture inference (docs/mixture.md). HiGHS needs no trait: TokenKitMixture
    // loads libhighs with dlopen at run time (HighsLibrary), so nothing about it is decided at
    // build time. COIN-OR CLP is linked (pkg-config "clp", Debian coinor-libclp-dev) under the
    // default trait CLP; a dependent package without that library passes `traits: []` and gets
    // HiGHS alone.
    traits: [
        .trait(name: "CLP", description: "COIN-OR CLP LP backend, linked (apt coinor-libclp-dev)"),
        .default(enabledTraits: ["CLP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // `swift package generate-documentation` (.ci/build-docs.sh); plugins are not linked into products.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
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
        // Training-data mixture inference (Hayase et al.; docs/mixture.md), on HiGHS (dlopen) and/or CLP.
        .target(
            name: "TokenKitMixture",
            dependencies: ["TokenKit", "TokenKitBPE", .target(name: "CClp", condition: .when(traits: ["CLP"]))],
            swiftSettings: internalChecks
        ),
        // The SentencePiece-BPE tokenizer of llama2.c checkpoints (tokenizer.bin, tok512.bin).
        .target(name: "TokenKitSentencePiece", dependencies: ["TokenKit"], swiftSettings: internalChecks),
        // The llama2.c model runtime (docs/lm.md); its generator speaks the SentencePiece tokenizer.
        .target(name: "TokenKitLM", dependencies: ["TokenKit", "TokenKitSentencePiece"], swiftSettings: internalChecks),
        .target(
            name: "TokenKitLiB",
            dependencies: ["TokenKit", .product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: internalChecks
        ),
        .target(name: "TokenKitFortran", dependencies: ["TokenKit"], swiftSettings: internalChecks),
        .target(name: "TokenKitPooled", dependencies: ["TokenKit"], swiftSettings: internalChecks),
        .target(name: "TokenKitDynamic", dependencies: ["TokenKit", "TokenKitBPE"], swiftSettings: internalChecks),

        // MARK: Analyzers
        // Arithmetic probes (docs/probes.md).
        .target(name: "TokenKitProbes", dependencies: ["TokenKit", "TokenKitLM"], swiftSettings: internalChecks),
        // Exact byte-level probabilities from tokenized LMs (Phan et al.; docs/byte-probabilities.md).
        .target(name: "TokenKitByteProbabilities", dependencies: ["TokenKit", "TokenKitLM", "TokenKitBPE"], swiftSettings: internalChecks),

        // MARK: Catalog
        // Every family's loader in one `TokenizerCatalog.standard`, shared by tok, tests and dependents.
        .target(
            name: "TokenKitCatalog",
            dependencies: ["TokenKit", "TokenKitBPE", "TokenKitSentencePiece", "TokenKitLiB", "TokenKitFortran", "TokenKitPooled", "TokenKitDynamic"],
            swiftSettings: internalChecks
        ),

        // MARK: CLI
        .executableTarget(
            name: "tok",
            dependencies: [
                "TokenKit", "TokenKitCatalog", "TokenKitBPE", "TokenKitSentencePiece", "TokenKitLM", "TokenKitLiB", "TokenKitFortran",
                "TokenKitPooled", "TokenKitDynamic", "TokenKitProbes", "TokenKitByteProbabilities", "TokenKitMixture",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

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
        .testTarget(name: "TokenKitSentencePieceTests", dependencies: ["TokenKitSentencePiece", "TokenKitTestSupport"]),
        .testTarget(name: "TokenKitLMTests", dependencies: ["TokenKitLM", "TokenKitSentencePiece", "TokenKitTestSupport"]),
        .testTarget(name: "TokenKitLiBTests", dependencies: ["TokenKitLiB", "TokenKitTestSupport"]),
        .testTarget(name: "TokenKitFortranTests", dependencies: ["TokenKitFortran", "TokenKitTestSupport"]),
        .testTarget(name: "TokenKitPooledTests", dependencies: ["TokenKitPooled", "TokenKitBPE", "TokenKitTestSupport"]),
        .testTarget(name: "TokenKitDynamicTests", dependencies: ["TokenKitDynamic", "TokenKitBPE", "TokenKitTestSupport"]),
        .testTarget(name: "TokenKitProbesTests", dependencies: ["TokenKitProbes", "TokenKitLM", "TokenKitSentencePiece", "TokenKitTestSupport"]),
        .testTarget(
            name: "TokenKitByteProbabilitiesTests",
            dependencies: ["TokenKitByteProbabilities", "TokenKitLM", "TokenKitSentencePiece", "TokenKitBPE", "TokenKitTestSupport"]
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

// swift-tools-version: 6.1
// TokenKit's benchmarks: a package of their own, so a package that depends on TokenKit sees only
// its library products. Built and run by scripts/*bench*.sh (`swift build --package-path Benchmarks`);
// they read the shared data through $TOKENKIT_SHARED, then ../shared.
import PackageDescription

let package = Package(
    name: "TokenKitBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The repository root, by path: the benchmarks measure the working tree's code.
        .package(name: "TokenKit", path: ".."),
    ],
    targets: [
        // Encode/count throughput of the BPE engine on the shared corpora (scripts/bench-bpe.sh).
        .executableTarget(
            name: "tokenkit-bench",
            dependencies: [.product(name: "TokenKit", package: "TokenKit"), .product(name: "TokenKitBPE", package: "TokenKit")],
            path: "tokenkit-bench"
        ),
        // tokenizer.json loading and encoding against Hugging Face tokenizers (scripts/hf-bench.sh).
        .executableTarget(
            name: "hf-bench",
            dependencies: [.product(name: "TokenKit", package: "TokenKit"), .product(name: "TokenKitBPE", package: "TokenKit")],
            path: "hf-bench"
        ),
        // Regex-BPE next-byte probabilities (scripts/bytes-bench).
        .executableTarget(
            name: "bytes-regex-bench",
            dependencies: [
                .product(name: "TokenKit", package: "TokenKit"), .product(name: "TokenKitBPE", package: "TokenKit"),
                .product(name: "TokenKitByteProbabilities", package: "TokenKit"),
            ],
            path: "bytes-regex-bench"
        ),
        // Lexer/Tokompiler throughput on the shared corpora (scripts/bench-fortran.sh).
        .executableTarget(
            name: "bench-fortran",
            dependencies: [.product(name: "TokenKit", package: "TokenKit"), .product(name: "TokenKitFortran", package: "TokenKit")],
            path: "FortranLexer"
        ),
    ]
)

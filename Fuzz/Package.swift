// swift-tools-version: 6.1
// TokenKit's libFuzzer harnesses: a package of their own, so a package that depends on TokenKit
// sees only its library products. scripts/fuzz.sh, fuzz-bpe.sh and fuzz-hf.sh build them with
// `swift build --package-path Fuzz --sanitize=fuzzer -Xswiftc -parse-as-library` (each harness
// defines LLVMFuzzerTestOneInput instead of top-level code).
import PackageDescription

let root: [Target.Dependency] = [.product(name: "TokenKit", package: "TokenKit")]
let bpe: [Target.Dependency] = root + [.product(name: "TokenKitBPE", package: "TokenKit")]

let package = Package(
    name: "TokenKitFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The repository root, by path: the harnesses fuzz the working tree's code.
        .package(name: "TokenKit", path: ".."),
    ],
    targets: [
        // The JSON parser (scripts/fuzz.sh fuzz-json).
        .executableTarget(name: "fuzz-json", dependencies: root, path: "fuzz-json"),
        // The Fortran lexer and Tokompiler (scripts/fuzz.sh fuzz-fortran; docs/fortran.md).
        .executableTarget(
            name: "fuzz-fortran",
            dependencies: root + [.product(name: "TokenKitFortran", package: "TokenKit")],
            path: "fuzz-fortran"
        ),
        // BPE rank files, vocab+merges pairs and the split scanners (scripts/fuzz-bpe.sh).
        .executableTarget(name: "fuzz-bpe-rankfile", dependencies: bpe, path: "fuzz-bpe-rankfile"),
        .executableTarget(name: "fuzz-bpe-scanner", dependencies: bpe, path: "fuzz-bpe-scanner"),
        .executableTarget(name: "fuzz-bpe-merges", dependencies: bpe, path: "fuzz-bpe-merges"),
        // tokenizer.json and GGUF loaders (scripts/fuzz-hf.sh).
        .executableTarget(name: "FuzzHFTokenizerJSON", dependencies: bpe, path: "FuzzHFTokenizerJSON"),
        .executableTarget(name: "FuzzGGUF", dependencies: bpe, path: "FuzzGGUF"),
    ]
)

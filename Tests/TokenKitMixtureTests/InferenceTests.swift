import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport
@testable import TokenKitMixture
#if canImport(Glibc)
import Glibc
#endif

/// Writes bytes to a fresh temporary file.
func temporaryFile(_ bytes: ArraySlice<UInt8>, name: String) -> String {
    let path = "/tmp/tokenkit-mixture-test-\(getpid())-\(name)"
    if let f = fopen(path, "wb") {
        _ = Array(bytes).withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
    }
    return path
}

/// The slice of `bytes` from the first line start at or after `from`, about `count` bytes long,
/// ending at a line end.
func lines(_ bytes: [UInt8], from: Int, count: Int) -> ArraySlice<UInt8> {
    var s = min(from, bytes.count)
    while s > 0 && s < bytes.count && bytes[s - 1] != 0x0A { s += 1 }
    var e = min(bytes.count, s + count)
    while e < bytes.count && bytes[e - 1] != 0x0A { e += 1 }
    return bytes[s..<e]
}

@Suite struct InferenceTests {
    /// The controlled experiment in miniature: train on a known mixture of three languages,
    /// infer from disjoint samples, and land close to the truth.
    @Test(SharedData.requires("corpora/lang/english.txt"))
    func recoversAKnownMixtureOfThreeLanguages() throws {
        let names = ["english", "french", "german"]
        let weights = [0.5, 0.3, 0.2]
        var training = PretokenCounts([])
        var truth: [Double] = []
        var categories: [MixtureInference.Category] = []
        for (k, name) in names.enumerated() {
            let all = try FileIO.readAll(path: try #require(SharedData.path("corpora/lang/\(name).txt")))
            let part = lines(all, from: 0, count: Int(weights[k] * 240_000))
            let counts = try PretokenCounts.count(files: [temporaryFile(part, name: "train-\(name)")], preTokenizer: TrainingPreTokenizer())
            truth.append(Double(counts.byteCount))
            training.merge(counts)
            let sample = lines(all, from: 150_000, count: 120_000)   // disjoint from the training slice
            categories.append(.init(name: name, files: [temporaryFile(sample, name: "sample-\(name)")]))
        }
        let total = truth.reduce(0, +)
        truth = truth.map { $0 / total }
        let trained = try BPETrainer(.init(vocabularySize: 256 + 400)).train(training)
        let merges = MergeList(pairs: trained.merges.map { (trained.tokens[Int($0.0)], trained.tokens[Int($0.1)]) },
                               preTokenizer: TrainingPreTokenizer(), source: "trained")
        let result = try MixtureInference(mergeList: merges).run(categories: categories)
        let mse = zip(result.proportions, truth).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 3
        #expect(abs(result.proportions.reduce(0, +) - 1) < 1e-9)
        #expect(mse < 1e-3, "inferred \(result.proportions), truth \(truth)")
        #expect(result.rounds >= 1)
    }

    @Test func badInputGetsClearErrors() throws {
        let merges = MergeList(pairs: [(Array("a".utf8), Array("b".utf8))], preTokenizer: TrainingPreTokenizer(), source: "t")
        let file = temporaryFile(ArraySlice(Array("ab ab abab\n".utf8)), name: "ab")
        let c = MixtureInference.Category(name: "x", files: [file])
        #expect { try MixtureInference(mergeList: merges).run(categories: []) } throws: { ($0 as? MixtureError)?.code == .noCategories }
        #expect { try MixtureInference(mergeList: merges).run(categories: [c, c]) } throws: { ($0 as? MixtureError)?.code == .duplicateCategory }
        var settings = MixtureInference.Settings()
        settings.merges = 5
        #expect { try MixtureInference(mergeList: merges, settings: settings).run(categories: [c]) } throws: { ($0 as? MixtureError)?.code == .tooManyMerges }
        #expect { try MixtureInference.Category.at(name: "y", path: "/nonexistent/path") } throws: { ($0 as? MixtureError)?.code == .unreadableInput }
        let empty = temporaryFile([], name: "empty")
        #expect { try MixtureInference.Category.at(name: "y", path: empty) } throws: { ($0 as? MixtureError)?.code == .emptyCategory }
        let noMerges = MergeList(pairs: [], preTokenizer: TrainingPreTokenizer(), source: "t")
        #expect { try MixtureInference(mergeList: noMerges).run(categories: [c]) } throws: { ($0 as? MixtureError)?.code == .noMerges }
    }

    @Test func clpSolvesASmallLPAndReSolvesWarm() throws {
        // min v0 + v1 s.t. a0 + a1 = 1, a0 - a1 + v0 >= 0.2 ... expressed as rows ≥ 0 with bounds.
        let lp = ClpSolver()
        _ = lp.addColumns(lower: [0, 0], upper: [1, 1], cost: [0, 0])
        _ = lp.addColumns(lower: [0], upper: [.infinity], cost: [1])
        lp.addRows(lower: [1], upper: [1], starts: [0, 2], columns: [0, 1], values: [1, 1])
        lp.addRows(lower: [0], upper: [.infinity], starts: [0, 3], columns: [0, 1, 2], values: [-1, 1, 1])
        try lp.solve()
        #expect(abs(lp.objective) < 1e-9)
        // Force a1 ≥ ... : a0 − a1 + v ≥ 0 and a0 − 3 a1 ≥ 0.5 ⇒ a0 ≥ 0.875 ⇒ v ≥ 0.75.
        lp.addRows(lower: [0.5], upper: [.infinity], starts: [0, 2], columns: [0, 1], values: [1, -3])
        lp.addRows(lower: [0], upper: [.infinity], starts: [0, 3], columns: [0, 1, 2], values: [-1, 1, 1])
        try lp.solve()
        #expect(abs(lp.objective - 0.75) < 1e-7)
        #expect(abs(lp.solution[0] - 0.875) < 1e-7)
    }
}

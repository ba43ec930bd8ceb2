import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport
@testable import TokenKitMixture
/// Writes bytes to a fresh temporary file.
func temporaryFile(_ bytes: ArraySlice<UInt8>, name: String) throws -> String {
    let path = "/tmp/tokenkit-mixture-test-\(TestSystem.processID)-\(name)"
    try AtomicFileWriter.write(Array(bytes), to: path)
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
    /// The tests below run once per compiled backend; a build with none would run them zero
    /// times and pass. Every build has one (CLP is in the default traits), and the preferred
    /// backend is the first.
    @Test("the build has an LP backend, and the argument lists below are not empty")
    func backendsAreCompiledIn() throws {
        #expect(!LinearProgramBackend.available.isEmpty, "no LP backend in this build (traits HiGHS, CLP)")
        #expect(LinearProgramBackend.preferred == LinearProgramBackend.available.first)
        _ = try LinearProgramBackend.makePreferred()
    }

    /// The controlled experiment in miniature: train on a known mixture of three languages,
    /// infer from disjoint samples, and land close to the truth — once per backend in this build,
    /// with the final solution verified against every row of LP1_T.
    @Test(SharedData.requires("corpora/lang/english.txt"), arguments: LinearProgramBackend.available)
    func recoversAKnownMixtureOfThreeLanguages(backend: LinearProgramBackend) throws {
        let (merges, categories, truth) = try Self.threeLanguages(tag: "\(backend.rawValue)-recover")
        let result = try MixtureInference(mergeList: merges).run(categories: categories, solver: backend.makeSolver())
        #expect(result.solver == backend.rawValue)
        let mse = zip(result.proportions, truth).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 3
        #expect(abs(result.proportions.reduce(0, +) - 1) < 1e-9)
        #expect(mse < 1e-3, "inferred \(result.proportions), truth \(truth)")
        #expect(result.rounds >= 1)
        // The answer is an optimum of the whole LP: no row of LP1_T (in the LP or not) is violated.
        #expect(result.verifiedViolation <= 1e-6, "worst violation \(result.verifiedViolation)")
    }

    /// A solver that returns a point violating its own rows (slacks zeroed) is caught by the checker.
    @Test(SharedData.requires("corpora/lang/english.txt"), arguments: LinearProgramBackend.available)
    func aWrongSolverAnswerIsCaught(backend: LinearProgramBackend) throws {
        let (merges, categories, _) = try Self.threeLanguages(tag: "\(backend.rawValue)-liar")
        let liar = ZeroSlackSolver(try backend.makeSolver(), alphaColumns: categories.count)
        #expect { try MixtureInference(mergeList: merges).run(categories: categories, solver: liar) } throws: {
            ($0 as? MixtureError)?.code == .solverWrongOptimum
        }
    }

    /// Both backends (when both are built) agree on the objective and α.
    @Test(SharedData.requires("corpora/lang/english.txt"), .enabled(if: LinearProgramBackend.available.count > 1))
    func backendsAgree() throws {
        let (merges, categories, _) = try Self.threeLanguages(tag: "agree")
        var settings = MixtureInference.Settings()
        settings.merges = 200
        let results = try LinearProgramBackend.available.map {
            try MixtureInference(mergeList: merges, settings: settings).run(categories: categories, solver: $0.makeSolver())
        }
        for r in results.dropFirst() {
            #expect(abs(r.objective - results[0].objective) <= 1e-6 * max(1, abs(results[0].objective)))
            for (a, b) in zip(r.pairProportions, results[0].pairProportions) { #expect(abs(a - b) < 1e-4, "\(r.pairProportions) vs \(results[0].pairProportions)") }
        }
    }

    /// Deleting rows that do not bind, the spread policy (rows at each pair's most violated
    /// steps) and the interval formulation (rows against ranges of steps, with and without
    /// warm-up) change the rounds, not the optimum: the objective and α equal those of the
    /// paper's LP under the reference's classic policy.
    @Test(SharedData.requires("corpora/lang/english.txt"), arguments: LinearProgramBackend.available)
    func rowPoliciesKeepTheOptimum(backend: LinearProgramBackend) throws {
        let (merges, categories, _) = try Self.threeLanguages(tag: "\(backend.rawValue)-policies")
        var plain = MixtureInference.Settings()  // the reference's classic policy, every row kept
        plain.merges = 300
        plain.rowsPerPair = 0
        plain.formulation = .pairSteps
        plain.rowsPerStep = 10
        plain.rowsPerRound = 10_000
        plain.dropAfter = 0
        var lean = plain
        lean.dropAfter = 1
        lean.rowsPerPair = 2
        lean.rowsPerStep = 1
        lean.rowsPerRound = 200
        var intervals = MixtureInference.Settings()
        intervals.merges = 300
        var small = intervals  // many small rounds, rows deleted after one solve, no warm-up
        small.rowsPerRound = 40
        small.dropAfter = 1
        small.warmUp = 1
        let a = try MixtureInference(mergeList: merges, settings: plain).run(categories: categories, solver: backend.makeSolver())
        for settings in [lean, intervals, small] {
            var dropped = 0
            let b = try MixtureInference(mergeList: merges, settings: settings).run(categories: categories, solver: backend.makeSolver()) { p in
                if case .round(let r) = p { dropped += r.dropped }
            }
            #expect(dropped > 0 || settings.dropAfter == 0 || b.rounds < 3, "\(settings.formulation): no row deleted in \(b.rounds) rounds")
            #expect(abs(a.objective - b.objective) <= 1e-6 * max(1, abs(a.objective)), "\(settings.formulation): \(a.objective) vs \(b.objective)")
            for (x, y) in zip(a.pairProportions, b.pairProportions) { #expect(abs(x - y) < 1e-4, "\(a.pairProportions) vs \(b.pairProportions)") }
            #expect(b.verifiedViolation <= 1e-6)
        }
    }

    /// A run that needs more rounds than allowed stops with `solverFailed`, naming the limit.
    @Test(SharedData.requires("corpora/lang/english.txt"))
    func theRoundLimitIsAnError() throws {
        let (merges, categories, _) = try Self.threeLanguages(tag: "limit")
        var settings = MixtureInference.Settings()
        settings.maxRounds = 1
        settings.rowsPerRound = 5
        #expect { try MixtureInference(mergeList: merges, settings: settings).run(categories: categories) } throws: {
            ($0 as? MixtureError)?.code == .solverFailed && ($0 as? MixtureError)?.message.contains("--max-rounds") == true
        }
    }

    /// Training on a known mixture of three languages and disjoint samples of each.
    static func threeLanguages(tag: String) throws -> (MergeList, [MixtureInference.Category], [Double]) {
        let names = ["english", "french", "german"]
        let weights = [0.5, 0.3, 0.2]
        var training = PretokenCounts([])
        var truth: [Double] = []
        var categories: [MixtureInference.Category] = []
        for (k, name) in names.enumerated() {
            let all = try FileIO.readAll(path: try #require(SharedData.path("corpora/lang/\(name).txt")))
            let part = lines(all, from: 0, count: Int(weights[k] * 240_000))
            let counts = try PretokenCounts.count(files: [temporaryFile(part, name: "train-\(tag)-\(name)")], preTokenizer: TrainingPreTokenizer())
            truth.append(Double(counts.byteCount))
            training.merge(counts)
            let sample = lines(all, from: 150_000, count: 120_000)   // disjoint from the training slice
            try categories.append(.init(name: name, files: [temporaryFile(sample, name: "sample-\(tag)-\(name)")]))
        }
        let total = truth.reduce(0, +)
        truth = truth.map { $0 / total }
        let trained = try BPETrainer(.init(vocabularySize: 256 + 400)).train(training)
        let merges = MergeList(pairs: trained.merges.map { (trained.tokens[Int($0.0)], trained.tokens[Int($0.1)]) },
                               preTokenizer: TrainingPreTokenizer(), source: "trained")
        return (merges, categories, truth)
    }

    @Test func badInputGetsClearErrors() throws {
        let merges = MergeList(pairs: [(Array("a".utf8), Array("b".utf8))], preTokenizer: TrainingPreTokenizer(), source: "t")
        let file = try temporaryFile(ArraySlice(Array("ab ab abab\n".utf8)), name: "ab")
        let c = MixtureInference.Category(name: "x", files: [file])
        #expect { try MixtureInference(mergeList: merges).run(categories: []) } throws: { ($0 as? MixtureError)?.code == .noCategories }
        #expect { try MixtureInference(mergeList: merges).run(categories: [c, c]) } throws: { ($0 as? MixtureError)?.code == .duplicateCategory }
        var settings = MixtureInference.Settings()
        settings.merges = 5
        #expect { try MixtureInference(mergeList: merges, settings: settings).run(categories: [c]) } throws: { ($0 as? MixtureError)?.code == .tooManyMerges }
        #expect { try MixtureInference.Category.at(name: "y", path: "/nonexistent/path") } throws: { ($0 as? MixtureError)?.code == .unreadableInput }
        let empty = try temporaryFile([], name: "empty")
        #expect { try MixtureInference.Category.at(name: "y", path: empty) } throws: { ($0 as? MixtureError)?.code == .emptyCategory }
        let noMerges = MergeList(pairs: [], preTokenizer: TrainingPreTokenizer(), source: "t")
        #expect { try MixtureInference(mergeList: noMerges).run(categories: [c]) } throws: { ($0 as? MixtureError)?.code == .noMerges }
    }

    @Test(arguments: LinearProgramBackend.available)
    func solvesASmallLPAndReSolvesWarm(backend: LinearProgramBackend) throws {
        // min v s.t. a0 + a1 = 1, a1 - a0 + v ≥ 0, then more rows.
        let lp = try backend.makeSolver()
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

/// Wraps a real solver and zeroes the slack columns of its answer: a wrong "optimum".
final class ZeroSlackSolver: LinearProgramSolver {
    let inner: any LinearProgramSolver
    let alphaColumns: Int
    init(_ inner: any LinearProgramSolver, alphaColumns: Int) {
        self.inner = inner
        self.alphaColumns = alphaColumns
    }
    var primalTolerance: Double { inner.primalTolerance }
    var columnCount: Int { inner.columnCount }
    var rowCount: Int { inner.rowCount }
    func addColumns(lower: [Double], upper: [Double], cost: [Double]) -> Int { inner.addColumns(lower: lower, upper: upper, cost: cost) }
    func addRows(lower: [Double], upper: [Double], starts: [Int32], columns: [Int32], values: [Double]) {
        inner.addRows(lower: lower, upper: upper, starts: starts, columns: columns, values: values)
    }
    func solve() throws(MixtureError) { try inner.solve() }
    var solution: [Double] { inner.solution.enumerated().map { $0.offset < alphaColumns ? $0.element : 0 } }
    var basicRows: [Bool] { inner.basicRows }
    func deleteRows(_ rows: [Int]) { inner.deleteRows(rows) }
    var objective: Double { inner.objective }
    var name: String { "zero-slack \(inner.name)" }
}

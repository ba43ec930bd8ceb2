import TokenKit
import TokenKitBPE

/// Data-mixture inference (Hayase et al. 2024): estimates which share of a BPE tokenizer's
/// training bytes came from each candidate category, from its merge list and a sample of
/// each category.
public struct MixtureInference {
    /// A candidate category and its sample files.
    public struct Category: Sendable {
        /// The name reported.
        public var name: String
        /// Sample files (UTF-8 text).
        public var files: [String]
        /// Creates a category.
        public init(name: String, files: [String]) {
            self.name = name
            self.files = files
        }
    }

    /// Settings.
    public struct Settings: Sendable {
        /// Merges used (T); `nil` = all.
        public var merges: Int?
        /// Leading merges replayed without constraints (K).
        public var skipMerges: Int = 0
        /// Sample bytes per category (`nil` = all).
        public var sampleBytes: Int?
        /// Where trajectories are cached (`nil` = no cache).
        public var cacheDirectory: String?
        /// Rows taken per merge step per check pass (its most violated pairs; pair-steps only).
        public var rowsPerStep: Int = 1
        /// Rows taken per competitor pair per check pass, where it is violated most (`nil`: the
        /// formulation's default, 1 for intervals and 3 for pair-steps; 0 with pair-steps: the
        /// reference's classic policy — rows in step order, the pass ends at ``rowsPerRound``).
        /// A pair that out-scores the merges of many steps otherwise creeps up one step per round.
        public var rowsPerPair: Int?
        /// Rows taken per check pass at most, the most violated (`nil`: the formulation's
        /// default, 10,000 for intervals and 100,000 for pair-steps).
        public var rowsPerRound: Int?
        /// Warm-up (intervals only): the LP first sees the first 1/N of the merges, then all of
        /// them (1: all at once). α from the short prefix starts the long one near its optimum,
        /// where the uniform start would fill the LP with rows that never bind. The last stage
        /// checks every merge, so the optimum is the same.
        public var warmUp: Int = 4
        /// Rounds at most.
        public var maxRounds: Int = 500
        /// Rows whose slack has been basic (the row holds no part of the basis: it does not bind,
        /// or binds only by degeneracy) for this many consecutive solves are deleted from the LP
        /// (0 = keep every row). The optimum does not change — the final check pass still
        /// verifies every row of LP1_T — and a deleted row that becomes violated again is simply
        /// found again; a smaller LP re-solves faster.
        public var dropAfter: Int = 2
        /// How the rows of LP1_T are put to the solver (the same optimum either way).
        public var formulation: Formulation = .intervals
        /// Creates default settings.
        public init() {}
    }

    /// How LP1_T's rows reach the solver.
    public enum Formulation: String, Sendable, CaseIterable {
        /// One row per (pair, segment-tree node of merge steps) with a column per node bounded by
        /// the steps below it: a pair that beats a long run of merges needs one row, not one per
        /// step (see ``MixtureInference`` "How it works").
        case intervals
        /// The paper's rows, one per (merge step, competitor pair), found by the priority-queue
        /// checker (the reference implementation's LP, row for row).
        case pairSteps = "pair-steps"
    }

    /// What came out.
    public struct Result: Sendable {
        /// Category names, in input order.
        public var names: [String]
        /// Byte shares (sum 1).
        public var proportions: [Double]
        /// Shares in initial-pair units (the LP's α).
        public var pairProportions: [Double]
        /// The LP objective (counts per million pairs).
        public var objective: Double
        /// Merges with constraints (T − K).
        public var mergesUsed: Int
        /// Merges replayed without constraints (K).
        public var mergesSkipped: Int
        /// Merges that occur in no sample.
        public var missingMerges: Int
        /// Solver rounds.
        public var rounds: Int
        /// Rows and columns of the final LP.
        public var rows: Int, columns: Int
        /// Wall seconds by phase.
        public var wall: TimeSplit
        /// Process CPU seconds by phase (all threads).
        public var cpu: TimeSplit
        /// Total wall seconds.
        public var seconds: Double { wall.total }
        /// The solver's name.
        public var solver: String
        /// The largest relative violation of an LP1_T row by the final solution, as measured by
        /// the final check pass (0 when every row holds within the solver's tolerance).
        public var verifiedViolation: Double = 0
        /// Sample bytes and initial pairs per category.
        public var sampleBytes: [Int], samplePairs: [Int64]
    }

    /// Progress messages.
    public enum Progress: Sendable {
        /// A category's trajectory is ready.
        case trajectory(category: String, cached: Bool)
        /// A lazy round ended (check pass, new rows, re-solve).
        case round(Round)
    }

    /// What one lazy round did.
    public struct Round: Sendable {
        /// The round's number (from 1).
        public var number: Int
        /// Rows the check pass added, and the merge steps (0-based, after the skipped ones) they came from.
        public var added: Int, firstStep: Int, lastStep: Int
        /// Rows deleted after the solve because they did not bind.
        public var dropped: Int
        /// Rows in the LP after the round.
        public var rows: Int
        /// The LP objective after the re-solve.
        public var objective: Double
        /// Wall seconds of the check pass and of the re-solve.
        public var checkSeconds: Double, solveSeconds: Double
    }

    public let mergeList: MergeList
    public let settings: Settings

    /// Creates an inference over a merge list.
    public init(mergeList: MergeList, settings: Settings = Settings()) {
        self.mergeList = mergeList
        self.settings = settings
    }

    /// The number of merges to use (T), checked against the list.
    public func mergeCount() throws(MixtureError) -> Int {
        if mergeList.count == 0 { throw MixtureError(.noMerges, "the tokenizer has no merges") }
        let t = settings.merges ?? mergeList.count
        guard t >= 1, t <= mergeList.count else {
            throw MixtureError(.tooManyMerges, "--merges \(t) is outside the list (1…\(mergeList.count) merges)")
        }
        guard settings.skipMerges >= 0, settings.skipMerges < t else {
            throw MixtureError(.tooManyMerges, "--skip-merges \(settings.skipMerges) leaves no merge of the first \(t) to analyse")
        }
        return t
    }

    /// Counts a category's sample and replays the merges (or reads the cached trajectory).
    public func trajectory(for category: Category, steps: Int) throws(MixtureError) -> (PairTrajectory, cached: Bool) {
        let t = try timedTrajectory(for: category, steps: steps)
        return (t.trajectory, t.cached)
    }

    /// ``trajectory(for:steps:)`` with the seconds spent counting pretokens and replaying merges.
    func timedTrajectory(for category: Category, steps: Int) throws(MixtureError)
        -> (trajectory: PairTrajectory, cached: Bool, wall: TimeSplit, cpu: TimeSplit) {
        if category.files.isEmpty { throw MixtureError(.emptyCategory, "category '\(category.name)' has no files") }
        var watch = Stopwatch()
        var cachePath: String?
        if let dir = settings.cacheDirectory {
            var key = FNV64()
            key.add(mergeList.fingerprint)
            key.add(UInt64(steps))
            key.add(UInt64(settings.sampleBytes ?? -1 & Int.max))
            for f in category.files {
                key.add(f)
                let bytes = try MergeList.read(f)
                var h = FNV64()
                bytes.withUnsafeBufferPointer { b in for x in b { h.add(x) } }
                key.add(h.value)
            }
            cachePath = dir + "/" + String(key.value, radix: 16) + ".traj"
        }
        if let cachePath, FileIO.exists(cachePath) {
            if let bytes = try? FileIO.readAll(path: cachePath), let tr = try? PairTrajectory(serialized: bytes), tr.stepCount == steps {
                let t = watch.lap()
                return (tr, true, TimeSplit(counting: t.wall), TimeSplit(counting: t.cpu))
            }
        }
        // SentencePiece lists split as SentencePiece does; byte-level ones with the tokenizer's own
        // pre-tokenizer (the trainer's counting).
        let list = mergeList
        let count = { (files: [String], limit: Int) throws(MixtureError) -> PretokenCounts in
            if list.sentencePieceAlphabet != nil { return try list.countSentencePiecePretokens(files: files, byteLimit: limit) }
            do throws(TrainingError) {
                return try PretokenCounts.count(files: files, preTokenizer: list.preTokenizer, byteLimit: limit)
            } catch {
                throw MixtureError(.unreadableInput, "category '\(category.name)': \(error)")
            }
        }
        var counts = PretokenCounts([])
        if let limit = settings.sampleBytes, category.files.count > 1 {
            // An equal share of the sample from every file (a folder is not just its first file);
            // counts are additive, so per-file counts merge exactly.
            let share = max(1, limit / category.files.count)
            for f in category.files { counts.merge(try count([f], share)) }
        } else {
            counts = try count(category.files, settings.sampleBytes ?? .max)
        }
        if counts.distinctCount == 0 {
            throw MixtureError(.emptyCategory, "category '\(category.name)' has no text (\(counts.byteCount) bytes)")
        }
        let counted = watch.lap()
        let tr = PairTrajectory(counts: counts, merges: mergeList, steps: steps)
        let replayed = watch.lap()
        if tr.pairTotal == 0 {
            throw MixtureError(.emptyCategory, "category '\(category.name)' has no byte pairs to count (single-byte pretokens only)")
        }
        if let dir = settings.cacheDirectory, let cachePath {
            Self.storeInCache(dir: dir, path: cachePath, tr.serialized())
        }
        return (tr, false, TimeSplit(counting: counted.wall, replay: replayed.wall), TimeSplit(counting: counted.cpu, replay: replayed.cpu))
    }

    /// Runs the whole inference.
    ///
    /// - Throws: ``MixtureError`` for bad categories, a bad merge count, a failed solve, or a
    ///   solver answer the checker finds infeasible.
    /// - Parameters:
    ///   - categories: The categories and their sample files.
    ///   - given: An empty solver (`nil`: ``LinearProgramBackend/preferred``, HiGHS when it loads, else CLP).
    ///   - progress: Called per trajectory and per round.
    public func run(categories: [Category], solver given: (any LinearProgramSolver)? = nil,
                    progress: ((Progress) -> Void)? = nil) throws(MixtureError) -> Result {
        let solver: any LinearProgramSolver
        if let given { solver = given } else { solver = try LinearProgramBackend.makePreferred() }
        if categories.isEmpty { throw MixtureError(.noCategories, "give at least one category (--category NAME=PATH)") }
        var names = Set<String>()
        for c in categories where !names.insert(c.name).inserted {
            throw MixtureError(.duplicateCategory, "category '\(c.name)' is given twice")
        }
        // Internally the steps include the list's prelude (SentencePiece character composition),
        // which is replayed like the skipped merges, without constraints.
        let steps = try mergeCount() + mergeList.preludeCount
        let skip = settings.skipMerges + mergeList.preludeCount
        var wall = TimeSplit(), cpu = TimeSplit()
        var trajectories: [PairTrajectory] = []
        for c in categories {
            let t = try timedTrajectory(for: c, steps: steps)
            wall += t.wall
            cpu += t.cpu
            progress?(.trajectory(category: c.name, cached: t.cached))
            trajectories.append(t.trajectory)
        }
        var watch = Stopwatch()
        let problem = MixtureProblem(trajectories: trajectories, merges: mergeList, steps: steps, skip: skip)
        (wall.setup, cpu.setup) = watch.lap()

        let n = categories.count
        let used = steps - skip
        _ = solver.addColumns(lower: .init(repeating: 0, count: n), upper: .init(repeating: 1, count: n), cost: .init(repeating: 0, count: n))
        _ = solver.addColumns(lower: .init(repeating: 0, count: used), upper: .init(repeating: .infinity, count: used), cost: .init(repeating: 1, count: used))
        solver.addRows(lower: [1], upper: [1], starts: [0, Int32(n)], columns: (0..<Int32(n)).map { $0 }, values: .init(repeating: 1, count: n))

        var alpha = [Double](repeating: 1 / Double(n), count: n)
        var stepSlack = [Double](repeating: 0, count: used)
        var pairSlack = [Double](repeating: 0, count: problem.pairCount)
        var pairColumn = [Int32](repeating: -1, count: problem.pairCount)
        var lazyRows = LazyRows()  // LP rows 1...: (step << 32 | pair)
        var rounds = 0, finalViolation = 0.0
        let tolerance = max(solver.primalTolerance, 1e-7) * 10
        var lpRows = 0
        switch settings.formulation {
        case .intervals:
            let tree = problem.stepTree()
            var lp = IntervalLP(solver: solver, problem: problem, tree: tree, used: used)
            let built = watch.lap()
            wall.setup += built.wall
            cpu.setup += built.cpu
            try lp.solve(settings: settings, tolerance: tolerance, wall: &wall, cpu: &cpu, progress: progress)
            alpha = lp.alpha
            stepSlack = lp.stepSlack
            pairSlack = lp.pairSlack
            rounds = lp.rounds
            finalViolation = lp.worst
            lpRows = solver.rowCount
            // An independent check of every LP1_T row by the paper's checker.
            let verify = problem.check(alpha: alpha, stepSlack: stepSlack, pairSlack: pairSlack, tolerance: tolerance * 100,
                                       existing: [], perStep: 1, cap: 1)
            if let row = verify.rows.first {
                throw MixtureError(.solverWrongOptimum, "the \(solver.name) solution of the interval LP violates LP1_T's row (step \(row.step - skip), pair \(row.pair)); the solver's optimum is wrong")
            }
        case .pairSteps:
            while true {
                _ = watch.lap()
                let found = problem.check(alpha: alpha, stepSlack: stepSlack, pairSlack: pairSlack, tolerance: tolerance,
                                          existing: lazyRows.present, perStep: settings.rowsPerStep, perPair: settings.rowsPerPair.map { $0 == 0 ? .max : $0 } ?? 3,
                                          cap: settings.rowsPerRound ?? 100_000)
                let checked = watch.lap()
                wall.check += checked.wall
                cpu.check += checked.cpu
                if rounds > 0 && found.worstExisting > 1e-4 {
                    throw MixtureError(.solverWrongOptimum, "the \(solver.name) solution violates a row already in the LP by \(found.worstExisting) (relative); the solver's optimum is wrong")
                }
                if found.rows.isEmpty {
                    finalViolation = found.worstExisting
                    lpRows = lazyRows.count + 1
                    break
                }
                if rounds >= settings.maxRounds {
                    throw MixtureError(.solverFailed, "no optimum after \(rounds) rounds (\(lazyRows.count) rows); raise the round limit (--max-rounds)")
                }
                rounds += 1
                // New pair columns, then the rows.
                var newPairs: [Int32] = []
                for row in found.rows where pairColumn[Int(row.pair)] < 0 {
                    pairColumn[Int(row.pair)] = Int32(solver.columnCount + newPairs.count)
                    newPairs.append(row.pair)
                }
                _ = solver.addColumns(lower: .init(repeating: 0, count: newPairs.count), upper: .init(repeating: .infinity, count: newPairs.count),
                                      cost: .init(repeating: 1, count: newPairs.count))
                var starts: [Int32] = [0], columns: [Int32] = [], values: [Double] = []
                for row in found.rows {
                    for i in 0..<n where row.alpha[i] != 0 {
                        columns.append(Int32(i))
                        values.append(row.alpha[i])
                    }
                    columns.append(Int32(n + row.step - skip)); values.append(1)
                    columns.append(pairColumn[Int(row.pair)]); values.append(1)
                    starts.append(Int32(columns.count))
                    lazyRows.append(MixtureProblem.key(row.step, Int(row.pair)))
                }
                solver.addRows(lower: .init(repeating: 0, count: found.rows.count), upper: .init(repeating: .infinity, count: found.rows.count),
                               starts: starts, columns: columns, values: values)
                let solved = try Self.solve(solver, pairColumn: pairColumn, alpha: &alpha, stepSlack: &stepSlack, pairSlack: &pairSlack,
                                            wall: &wall, cpu: &cpu)
                let dropped = lazyRows.dropSlack(solver, after: settings.dropAfter)
                // Spread passes list rows by kind, not by step: report the range.
                let rowSteps = found.rows.lazy.map(\.step)
                progress?(.round(Round(number: rounds, added: found.rows.count,
                                       firstStep: (rowSteps.min() ?? skip) - skip,
                                       lastStep: (rowSteps.max() ?? skip) - skip,
                                       dropped: dropped, rows: lazyRows.count, objective: solver.objective,
                                       checkSeconds: checked.wall, solveSeconds: solved.wall)))
            }
        }
        // α is in initial-pair units; convert to bytes (§2.6).
        let clipped = alpha.map { max(0, $0) }
        var beta = (0..<n).map { clipped[$0] * Double(trajectories[$0].byteCount) / Double(trajectories[$0].pairTotal) }
        let total = beta.reduce(0, +)
        if total > 0 { beta = beta.map { $0 / total } }
        return Result(names: categories.map(\.name), proportions: beta, pairProportions: alpha,
                      objective: rounds == 0 ? 0 : solver.objective, mergesUsed: used, mergesSkipped: settings.skipMerges,
                      missingMerges: problem.missingMerges, rounds: rounds, rows: lpRows, columns: solver.columnCount,
                      wall: wall, cpu: cpu,
                      solver: solver.name, verifiedViolation: finalViolation,
                      sampleBytes: trajectories.map(\.byteCount), samplePairs: trajectories.map(\.pairTotal))
    }

    /// Re-solves warm, adds the seconds to the split, and reads back α, v(t) and v_p (the
    /// columns after them); returns the solve's seconds.
    static func solve(_ solver: any LinearProgramSolver, pairColumn: [Int32], alpha: inout [Double], stepSlack: inout [Double],
                      pairSlack: inout [Double], wall: inout TimeSplit, cpu: inout TimeSplit) throws(MixtureError) -> (wall: Double, cpu: Double) {
        var watch = Stopwatch()
        try solver.solve()
        let solved = watch.lap()
        wall.solve += solved.wall
        cpu.solve += solved.cpu
        let x = solver.solution
        let n = alpha.count
        alpha = Array(x[0..<n])
        stepSlack = Array(x[n..<(n + stepSlack.count)])
        for p in pairColumn.indices where pairColumn[p] >= 0 { pairSlack[p] = x[Int(pairColumn[p])] }
        return solved
    }

    /// Stores a trajectory in the cache through TokenKit's `AtomicFileWriter` (a crash never
    /// leaves half a cache file).
    ///
    /// Best effort by design: the cache only saves time, so a folder that cannot be created or a
    /// full disk must not fail an inference whose result is already computed; the next run simply
    /// counts again. Every write is still checked, and a failed one leaves no file behind.
    static func storeInCache(dir: String, path: String, _ bytes: [UInt8]) {
        do throws(OutputError) {
            try FileIO.makeDirectory(dir)
            try AtomicFileWriter.write(bytes, to: path)
        } catch {
            // Deliberately ignored: see above.
        }
    }
}

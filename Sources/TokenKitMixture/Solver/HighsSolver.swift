/// HiGHS (MIT) through its C API, loaded at run time: the default backend when libhighs loads
/// (see ``LinearProgramBackend/highs`` for where it is looked for; `scripts/setup-highs.sh`
/// installs it into a checkout).
///
/// Every solve is `Highs_run` on the grown model with **presolve off**: after `Highs_addRows`
/// and `Highs_addCols` HiGHS keeps the previous basis (new rows enter with basic slacks, new
/// columns at a bound), so a re-solve is a hot-started dual simplex, and presolve — which would
/// discard that basis and which returned a wrong optimum on a large instance in another solver
/// (spec §4.5) — never runs. Only the model status *optimal* is accepted.
public final class HighsSolver: LinearProgramSolver {
    typealias HighsInt = HighsLibrary.HighsInt
    private let api: HighsLibrary
    private let highs: UnsafeMutableRawPointer
    private let infinity: Double
    private var columns = 0
    private var rows = 0
    /// The column values of the last solve.
    public private(set) var solution: [Double] = []
    /// The objective value of the last solve.
    public private(set) var objective: Double = 0
    /// A short name for reports.
    public var name: String { "highs" }
    /// HiGHS's primal feasibility tolerance (default 1e-7).
    public let primalTolerance: Double
    /// The number of columns.
    public var columnCount: Int { columns }
    /// The number of rows.
    public var rowCount: Int { rows }

    /// Creates an empty model (no output, simplex, no presolve, one thread).
    ///
    /// - Throws: ``MixtureError`` — code `solverUnavailable` when libhighs cannot be loaded (the
    ///   message lists every place tried, with the reason); ``MixtureError/solverFailed(_:)`` when
    ///   HiGHS cannot create a model.
    public init() throws(MixtureError) {
        switch HighsLibrary.shared {
        case .success(let library): api = library
        case .failure(let unavailable): throw MixtureError(.solverUnavailable, unavailable.description)
        }
        guard let model = api.create() else { throw .solverFailed("Highs_create returned no model (out of memory?)") }
        highs = model
        _ = api.setBoolOptionValue(highs, "output_flag", 0)
        _ = api.setStringOptionValue(highs, "presolve", "off")
        _ = api.setStringOptionValue(highs, "solver", "simplex")
        // One thread: the serial dual simplex is what runs anyway, and HiGHS's worker pool
        // only adds synchronisation, which costs dearly on a loaded, shared machine.
        _ = api.setIntOptionValue(highs, "threads", 1)
        infinity = api.getInfinity(highs)
        var tolerance = 1e-7
        _ = api.getDoubleOptionValue(highs, "primal_feasibility_tolerance", &tolerance)
        primalTolerance = tolerance
    }

    deinit { api.destroy(highs) }

    private func bound(_ x: Double) -> Double { x.isInfinite ? (x > 0 ? infinity : -infinity) : x }

    /// Appends columns.
    public func addColumns(lower: [Double], upper: [Double], cost: [Double]) -> Int {
        let first = columns
        guard !lower.isEmpty else { return first }
        let l = lower.map(bound), u = upper.map(bound)
        let status = api.addCols(highs, HighsInt(l.count), cost, l, u, 0, nil, nil, nil)
        if status != HighsLibrary.statusError { columns += l.count } else { addFailed = true }
        return first
    }

    /// Appends rows.
    public func addRows(lower: [Double], upper: [Double], starts: [Int32], columns cols: [Int32], values: [Double]) {
        guard !lower.isEmpty else { return }
        let l = lower.map(bound), u = upper.map(bound)
        let status = api.addRows(highs, HighsInt(l.count), l, u, HighsInt(values.count),
                                   starts.map { HighsInt($0) }, cols.map { HighsInt($0) }, values)
        if status != HighsLibrary.statusError { rows += l.count } else { addFailed = true }
    }

    /// Set when HiGHS rejected added rows or columns (reported by the next ``solve()``).
    private var addFailed = false

    /// Re-solves from the kept basis (presolve off); accepts only the model status *optimal*.
    public func solve() throws(MixtureError) {
        if addFailed {
            throw .solverFailed("HiGHS rejected rows or columns added to the LP (\(rows) rows × \(columns) columns)")
        }
        let run = api.run(highs)
        let status = api.getModelStatus(highs)
        guard run != HighsLibrary.statusError, status == HighsLibrary.modelStatusOptimal else {
            throw .solverFailed("HiGHS model status \(status) (\(Self.statusName(status))), run status \(run), on an LP of \(rows) rows × \(columns) columns")
        }
        objective = api.getObjectiveValue(highs)
        var x = [Double](repeating: 0, count: columns)
        _ = api.getSolution(highs, &x, nil, nil, nil)
        solution = x
        var colStatus = [HighsInt](repeating: 0, count: columns), rowStatus = [HighsInt](repeating: 0, count: rows)
        if api.getBasis(highs, &colStatus, &rowStatus) != HighsLibrary.statusError {
            basicRows = rowStatus.map { $0 == HighsLibrary.basisStatusBasic }
        } else {
            basicRows = [Bool](repeating: false, count: rows)
        }
    }

    /// Whether each row's slack is basic after the last solve.
    public private(set) var basicRows: [Bool] = []

    /// Deletes rows; HiGHS drops their basis entries and keeps the rest of the basis.
    public func deleteRows(_ which: [Int]) {
        guard !which.isEmpty else { return }
        let set = which.map { HighsInt($0) }
        if api.deleteRowsBySet(highs, HighsInt(set.count), set) != HighsLibrary.statusError { rows -= set.count } else { addFailed = true }
    }

    static func statusName(_ s: HighsInt) -> String {
        let names = ["not set", "load error", "model error", "presolve error", "solve error", "postsolve error",
                     "model empty", "optimal", "infeasible", "unbounded or infeasible", "unbounded",
                     "objective bound", "objective target", "time limit", "iteration limit", "unknown",
                     "solution limit", "interrupt"]
        return s >= 0 && Int(s) < names.count ? names[Int(s)] : "unknown"
    }
}

/// A linear-program backend for the lazy row and column generation of mixture inference:
/// minimise `c·x` subject to column bounds and row bounds, grown by columns and rows and
/// re-solved warm.
///
/// Implementations wrap a real solver (no hand-written simplex): ``HighsSolver`` (the default,
/// loaded at run time when libhighs is found) and ``ClpSolver`` (package trait `CLP`, Debian
/// coinor-libclp-dev); pick one with ``LinearProgramBackend``. Whatever the solver answers, ``MixtureInference`` re-checks every
/// solution against the rows of the LP.
public protocol LinearProgramSolver: AnyObject {
    /// The solver's primal feasibility tolerance; the violation checker uses it.
    var primalTolerance: Double { get }
    /// The number of columns.
    var columnCount: Int { get }
    /// The number of rows.
    var rowCount: Int { get }
    /// Appends columns with no entries in existing rows; returns the index of the first.
    func addColumns(lower: [Double], upper: [Double], cost: [Double]) -> Int
    /// Appends rows in compressed sparse row form (`starts.count == lower.count + 1`).
    func addRows(lower: [Double], upper: [Double], starts: [Int32], columns: [Int32], values: [Double])
    /// Solves (warm from the previous basis when there is one).
    ///
    /// - Throws: ``MixtureError/solverFailed(_:)`` unless the solver proves optimality.
    func solve() throws(MixtureError)
    /// The column values of the last solve.
    var solution: [Double] { get }
    /// Whether each row's slack is basic after the last solve: such a row can be deleted without
    /// touching the basis (a non-binding row, or a degenerate one at zero slack).
    var basicRows: [Bool] { get }
    /// Deletes rows (ascending indices); later rows move down, keeping their order. The kept
    /// basis stays valid when the deleted rows' slacks are basic (rows that do not bind).
    func deleteRows(_ rows: [Int])
    /// The objective value of the last solve.
    var objective: Double { get }
    /// A short name for reports.
    var name: String { get }
}

#if CLP
import CClp

/// COIN-OR CLP through its C interface.
///
/// Every solve is `Clp_dual` on the loaded model: dual simplex from the kept basis (new rows
/// enter with basic slacks, so the previous optimum stays dual feasible) and **no presolve**,
/// which returned a wrong optimum on a large instance (spec §4.5).
public final class ClpSolver: LinearProgramSolver {
    private let model: UnsafeMutableRawPointer
    private var columns = 0
    private var rows = 0
    /// The column values of the last solve.
    public private(set) var solution: [Double] = []
    /// The objective value of the last solve.
    public private(set) var objective: Double = 0
    /// A short name for reports.
    public var name: String { "clp" }
    /// CLP's primal tolerance (default 1e-7).
    public var primalTolerance: Double { Clp_primalTolerance(model) }
    /// The number of columns.
    public var columnCount: Int { columns }
    /// The number of rows.
    public var rowCount: Int { rows }

    /// Creates an empty model (no output).
    public init() {
        model = Clp_newModel()!  // allocation; CLP aborts itself on out-of-memory
        Clp_setLogLevel(model, 0)
        var start: [Int32] = [0]
        Clp_loadProblem(model, 0, 0, &start, nil, nil, nil, nil, nil, nil, nil)
    }

    deinit { Clp_deleteModel(model) }

    /// Appends columns.
    public func addColumns(lower: [Double], upper: [Double], cost: [Double]) -> Int {
        let first = columns
        guard !lower.isEmpty else { return first }
        let starts = [Int32](repeating: 0, count: lower.count + 1)
        lower.withUnsafeBufferPointer { l in
            upper.withUnsafeBufferPointer { u in
                cost.withUnsafeBufferPointer { c in
                    starts.withUnsafeBufferPointer { s in
                        Clp_addColumns(model, Int32(l.count), l.baseAddress, u.baseAddress, c.baseAddress, s.baseAddress, nil, nil)
                    }
                }
            }
        }
        columns += lower.count
        return first
    }

    /// Appends rows.
    public func addRows(lower: [Double], upper: [Double], starts: [Int32], columns cols: [Int32], values: [Double]) {
        guard !lower.isEmpty else { return }
        lower.withUnsafeBufferPointer { l in
            upper.withUnsafeBufferPointer { u in
                starts.withUnsafeBufferPointer { s in
                    cols.withUnsafeBufferPointer { c in
                        values.withUnsafeBufferPointer { v in
                            Clp_addRows(model, Int32(l.count), l.baseAddress, u.baseAddress, s.baseAddress, c.baseAddress, v.baseAddress)
                        }
                    }
                }
            }
        }
        rows += lower.count
    }

    /// Re-solves with the dual simplex, no presolve.
    public func solve() throws(MixtureError) {
        _ = Clp_dual(model, 0)
        let status = Clp_status(model)
        guard status == 0, Clp_isProvenOptimal(model) != 0 else {
            let what = ["optimal", "primal infeasible", "dual infeasible (unbounded)", "stopped on iterations or time", "stopped on errors"]
            throw .solverFailed("CLP status \(status) (\(status >= 0 && Int(status) < what.count ? what[Int(status)] : "unknown")) on an LP of \(rows) rows × \(columns) columns")
        }
        objective = Clp_objectiveValue(model)
        if let p = Clp_getColSolution(model) {
            solution = Array(UnsafeBufferPointer(start: p, count: columns))  // copy: the next change invalidates it
        } else {
            solution = [Double](repeating: 0, count: columns)
        }
        basicRows = (0..<rows).map { Clp_getRowStatus(model, Int32($0)) == 1 }  // 1: basic
    }

    /// Whether each row's slack is basic after the last solve.
    public private(set) var basicRows: [Bool] = []

    /// Deletes rows; CLP keeps the status of the others.
    public func deleteRows(_ which: [Int]) {
        guard !which.isEmpty else { return }
        let set = which.map { Int32($0) }
        set.withUnsafeBufferPointer { Clp_deleteRows(model, Int32($0.count), $0.baseAddress) }
        rows -= set.count
    }
}
#endif

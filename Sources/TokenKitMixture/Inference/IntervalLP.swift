/// The lazy loop of the interval formulation (``MixtureInference/Formulation/intervals``): check
/// pass over pair pieces, new pair and node columns, tree rows for new nodes, pair rows,
/// warm re-solve, deletion of rows that stopped binding.
///
/// The LP's columns: α (n), v(t) (one per used step), then pair columns v_p and node columns z_N
/// as they are first needed. Rows: Σα = 1, then pair rows (v_p + z_N ≥ ĉ_p·α, or LP1_T's own
/// row when the node is a single step) and tree links (z_N ≤ z_child, or z_N ≤ u(t) for a leaf
/// child). Links are lazy too: only those on the path from a node to the lowest u(t) below it
/// are added, when z_N stands above that minimum, and both kinds are deleted once they stop
/// binding. The check works on the true u(t), so the LP's z never decides feasibility.
struct IntervalLP {
    let solver: any LinearProgramSolver
    let problem: MixtureProblem
    let tree: MixtureProblem.StepTree
    let n: Int, skip: Int
    private(set) var alpha: [Double]
    private(set) var stepSlack: [Double]
    private(set) var pairSlack: [Double]
    private var pairColumn: [Int32]
    private var nodeColumn: [Int32]
    /// z_N after the last solve (+∞ for a node without a column).
    private var nodeValue: [Double]
    /// LP rows 1...: `node << 32 | pair` for pair rows, ``Link/key`` for tree links.
    private var lazyRows = LazyRows()
    private(set) var rounds = 0
    /// The largest relative violation of an LP1_T row at the final point.
    private(set) var worst = 0.0

    /// Takes a solver holding the α and v(t) columns and the simplex row.
    init(solver: any LinearProgramSolver, problem: MixtureProblem, tree: MixtureProblem.StepTree, used: Int) {
        self.solver = solver
        self.problem = problem
        self.tree = tree
        n = problem.n
        skip = problem.skip
        alpha = [Double](repeating: 1 / Double(problem.n), count: problem.n)
        stepSlack = [Double](repeating: 0, count: used)
        pairSlack = [Double](repeating: 0, count: problem.pairCount)
        pairColumn = [Int32](repeating: -1, count: problem.pairCount)
        nodeColumn = [Int32](repeating: -1, count: 2 * tree.size)
        nodeValue = [Double](repeating: .infinity, count: 2 * tree.size)
    }

    /// Runs rounds until a check pass finds no violated row and no missing tree link.
    mutating func solve(settings: MixtureInference.Settings, tolerance: Double, wall: inout TimeSplit, cpu: inout TimeSplit,
                        progress: ((MixtureInference.Progress) -> Void)?) throws(MixtureError) {
        var watch = Stopwatch()
        // Warm-up: the first 1/N of the leaves, then all. (Geometric stages — 1/N², 1/N, … —
        // measured slower on A: 270 against 225 CPU-s; so did a half-way first stage, 266.)
        let leaves = tree.leaves
        var limits = [leaves]
        if settings.warmUp > 1 && leaves / settings.warmUp >= 64 { limits.insert(leaves / settings.warmUp, at: 0) }
        var phase = 0
        while true {
            _ = watch.lap()
            let found = problem.checkIntervals(tree: tree, alpha: alpha, stepSlack: stepSlack, pairSlack: pairSlack, nodeValue: nodeValue,
                                               tolerance: tolerance, existing: lazyRows.present, perPair: max(1, settings.rowsPerPair ?? 1), cap: settings.rowsPerRound ?? 10_000,
                                               leafLimit: limits[phase])
            let links = missingLinks(minU: found.minU, tolerance: tolerance, newRows: found.rows)
            let checked = watch.lap()
            wall.check += checked.wall
            cpu.check += checked.cpu
            if rounds > 0 && found.worstExisting > 1e-4 {
                throw MixtureError(.solverWrongOptimum, "the \(solver.name) solution violates a row already in the LP by \(found.worstExisting) (relative); the solver's optimum is wrong")
            }
            if found.rows.isEmpty && links.isEmpty && phase + 1 < limits.count {
                phase += 1
                continue
            }
            if found.rows.isEmpty && links.isEmpty {
                worst = found.worst
                return
            }
            if rounds >= settings.maxRounds {
                throw MixtureError(.solverFailed, "no optimum after \(rounds) rounds (\(solver.rowCount) rows); raise the round limit (--max-rounds)")
            }
            rounds += 1
            addPairColumns(found.rows)
            addNodeColumns(found.rows.map(\.node) + links.flatMap { [$0.parent, $0.child] })
            addLinkRows(links)
            addPairRows(found.rows)
            let solved = try MixtureInference.solve(solver, pairColumn: pairColumn, alpha: &alpha, stepSlack: &stepSlack,
                                                    pairSlack: &pairSlack, wall: &wall, cpu: &cpu)
            let x = solver.solution
            for node in 1..<tree.size where nodeColumn[node] >= 0 { nodeValue[node] = x[Int(nodeColumn[node])] }
            let dropped = lazyRows.dropSlack(solver, after: settings.dropAfter)
            let firstSteps = found.rows.map { Int(tree.leafStep[tree.firstLeaf($0.node)]) - skip }
            progress?(.round(.init(number: rounds, added: found.rows.count + links.count, firstStep: firstSteps.min() ?? 0, lastStep: firstSteps.max() ?? 0,
                                   dropped: dropped, rows: solver.rowCount, objective: solver.objective,
                                   checkSeconds: checked.wall, solveSeconds: solved.wall)))
        }
    }

    /// A tree row z_parent ≤ z_child (or ≤ u(t) when the child is a leaf), named by its child.
    struct Link {
        var parent: Int, child: Int
        var key: UInt64 { UInt64(child) << 32 | 0xFFFF_FFFF }
    }

    /// For every node with pair rows (or about to get its first) whose z_N stands above the
    /// true minimum of u below it, the links on the path to that minimum that are not in the LP.
    /// (Linking a new node to its whole subtree at once binds z_N to every step below it, but
    /// on A it put ~50,000 links into one solve that took a minute; the path to the minimum is
    /// what binds, and later rounds add the next path if the LP raises that step.)
    private func missingLinks(minU: [Double], tolerance: Double, newRows: [MixtureProblem.IntervalRow]) -> [Link] {
        var links: [Link] = [], taken = Set<Int>()
        let fresh = Set(newRows.lazy.map(\.node).filter { $0 < tree.size })
        var active = fresh
        for key in lazyRows.keys where key & 0xFFFF_FFFF != 0xFFFF_FFFF {
            let node = Int(key >> 32)
            if node < tree.size { active.insert(node) }
        }
        for node in active.sorted() where fresh.contains(node) || nodeValue[node] > minU[node] + tolerance {
            var m = node
            while m < tree.size {
                let right = 2 * m + 1
                let child = tree.exists(right) && minU[right] < minU[2 * m] ? right : 2 * m
                let link = Link(parent: m, child: child)
                if !lazyRows.contains(link.key) && taken.insert(child).inserted { links.append(link) }
                m = child
            }
        }
        return links
    }

    private mutating func addPairColumns(_ rows: [MixtureProblem.IntervalRow]) {
        var fresh: [Int32] = []
        for row in rows where pairColumn[Int(row.pair)] < 0 {
            pairColumn[Int(row.pair)] = Int32(solver.columnCount + fresh.count)
            fresh.append(row.pair)
        }
        _ = solver.addColumns(lower: .init(repeating: 0, count: fresh.count), upper: .init(repeating: .infinity, count: fresh.count),
                              cost: .init(repeating: 1, count: fresh.count))
    }

    /// Free z_N columns for the internal nodes among `nodes` that have none yet.
    private mutating func addNodeColumns(_ nodes: [Int]) {
        var fresh = 0
        for node in nodes where node < tree.size && nodeColumn[node] < 0 {
            nodeColumn[node] = Int32(solver.columnCount + fresh)
            fresh += 1
        }
        _ = solver.addColumns(lower: .init(repeating: -.infinity, count: fresh), upper: .init(repeating: .infinity, count: fresh),
                              cost: .init(repeating: 0, count: fresh))
    }

    private mutating func addLinkRows(_ links: [Link]) {
        var starts: [Int32] = [0], columns: [Int32] = [], values: [Double] = []
        for link in links {
            columns.append(nodeColumn[link.parent]); values.append(1)
            if link.child >= tree.size {
                // z_N ≤ u(t) = Σ α_i ĉ_i,m(t) + v(t)
                let j = link.child - tree.size
                for i in 0..<n where tree.mergeCounts[j * n + i] != 0 {
                    columns.append(Int32(i)); values.append(-tree.mergeCounts[j * n + i])
                }
                columns.append(Int32(n + Int(tree.leafStep[j]) - skip)); values.append(-1)
            } else {
                columns.append(nodeColumn[link.child]); values.append(-1)
            }
            starts.append(Int32(columns.count))
            lazyRows.append(link.key)
        }
        solver.addRows(lower: .init(repeating: -.infinity, count: links.count), upper: .init(repeating: 0, count: links.count),
                       starts: starts, columns: columns, values: values)
    }

    private mutating func addPairRows(_ rows: [MixtureProblem.IntervalRow]) {
        var starts: [Int32] = [0], columns: [Int32] = [], values: [Double] = []
        for row in rows {
            if row.node >= tree.size {
                // A single step: LP1_T's row, Σ α_i (ĉ_i,m(t) − ĉ_i,p) + v(t) + v_p ≥ 0.
                let j = row.node - tree.size
                for i in 0..<n where tree.mergeCounts[j * n + i] != row.pairCounts[i] {
                    columns.append(Int32(i)); values.append(tree.mergeCounts[j * n + i] - row.pairCounts[i])
                }
                columns.append(Int32(n + Int(tree.leafStep[j]) - skip)); values.append(1)
            } else {
                // v_p + z_N ≥ Σ α_i ĉ_i,p
                for i in 0..<n where row.pairCounts[i] != 0 {
                    columns.append(Int32(i)); values.append(-row.pairCounts[i])
                }
                columns.append(nodeColumn[row.node]); values.append(1)
            }
            columns.append(pairColumn[Int(row.pair)]); values.append(1)
            starts.append(Int32(columns.count))
            lazyRows.append(MixtureProblem.key(row.node, Int(row.pair)))
        }
        solver.addRows(lower: .init(repeating: 0, count: rows.count), upper: .init(repeating: .infinity, count: rows.count),
                       starts: starts, columns: columns, values: values)
    }
}

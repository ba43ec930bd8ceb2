/// The interval formulation of LP1_T: one row per (pair, segment-tree node of merge steps)
/// instead of one per (pair, step).
///
/// Write u(t) = Σ_i α_i ĉ(t)_i,m(t) + v(t) for the "raised level" of step t. LP1_T's rows say
/// v_p ≥ Σ_i α_i ĉ(t)_i,p − u(t) for every step t. A pair's counts stay constant between the
/// steps that change them, so over such a *piece* [a, b] the rows are v_p + u(t) ≥ s_p for all t
/// in [a, b] — one bound against the minimum of u over a range. A segment tree over the
/// constrained steps gives each node N a free column z_N with z_N ≤ z_child (z_N ≤ u(t) at the
/// leaves' parents), so z_N ≤ min u over N's range, and the row v_p + z_N ≥ s_p stands for all the
/// steps below N at once. Projected onto (α, v) the feasible set is exactly LP1_T's (set z_N to
/// the true minimum), so the optimum is the same; but a pair over-represented against a long run
/// of steps at the same low level needs one row, not one per step found a few per round.
extension MixtureProblem {
    /// The constrained steps (t ≥ K with a merge that occurs in a sample) as leaves of a segment
    /// tree, with each step's merge-pair counts.
    struct StepTree {
        /// A power of two ≥ the leaves; node 1 is the root, node `size + j` is leaf `j`.
        let size: Int
        /// Leaf `j`'s merge step.
        let leafStep: [Int32]
        /// For each step `t` (and `steps`), the number of leaves before it.
        let leavesBefore: [Int32]
        /// Leaf `j`'s merge-pair counts ĉ(t)_i,m(t): `mergeCounts[j * n + i]`.
        let mergeCounts: [Double]

        var leaves: Int { leafStep.count }

        /// Whether `node` covers at least one leaf.
        func exists(_ node: Int) -> Bool { firstLeaf(node) < leaves }

        /// The first leaf below `node`.
        func firstLeaf(_ node: Int) -> Int {
            var first = node
            while first < size { first *= 2 }
            return first - size
        }

        /// The canonical nodes covering leaves `l ..< r` (at most 2 log₂ size).
        func forEachNode(covering l: Int, _ r: Int, _ body: (Int) -> Void) {
            var lo = l + size, hi = r + size
            while lo < hi {
                if lo & 1 == 1 { body(lo); lo += 1 }
                if hi & 1 == 1 { hi -= 1; body(hi) }
                lo >>= 1
                hi >>= 1
            }
        }
    }

    /// Builds the step tree (one replay of the recorded changes).
    ///
    /// - Complexity: O(D + T·n).
    func stepTree() -> StepTree {
        var counts = initial
        var leafStep: [Int32] = [], before: [Int32] = [], mergeCounts: [Double] = []
        for t in 0..<steps {
            before.append(Int32(leafStep.count))
            let m = Int(mergeIndex[t])
            if t >= skip && m >= 0 {
                leafStep.append(Int32(t))
                mergeCounts.append(contentsOf: counts[(m * n)..<(m * n + n)])
            }
            for k in changeStart[t]..<changeStart[t + 1] {
                counts[Int(changePair[k]) * n + Int(changeCategory[k])] = changeValue[k]
            }
        }
        before.append(Int32(leafStep.count))
        var size = 1
        while size < max(1, leafStep.count) { size *= 2 }
        return StepTree(size: size, leafStep: leafStep, leavesBefore: before, mergeCounts: mergeCounts)
    }

    /// A violated interval row: pair `pair` against node `node`, with the pair's counts over
    /// the piece (ĉ_i,p).
    struct IntervalRow {
        var node: Int
        var pair: Int32
        var pairCounts: [Double]
    }

    /// One check pass of the interval formulation at (α, v(t), v_p): for every piece of every
    /// pair, the canonical nodes of its steps where some u(t) is below the pair's score by more
    /// than `tolerance`. Rows already in the LP are skipped (and their largest violation
    /// reported); of the rest each pair keeps its `perPair` most violated, and the `cap` most
    /// violated of all are returned. Also returns the largest violation of any LP1_T row
    /// (relative to the level it beats), found exactly by range minima, and the range minima of u.
    ///
    /// `nodeValue` holds the LP's z_N (+∞ for a node without a column): an existing row at a node
    /// whose z_N is above the true minimum counts as the tree's fault (a missing link), not the
    /// solver's. Only leaves before `leafLimit` are checked (a warm-up on the first merges).
    ///
    /// - Complexity: O((P + D) log T + T·n).
    func checkIntervals(tree: StepTree, alpha: [Double], stepSlack: [Double], pairSlack: [Double], nodeValue: [Double], tolerance: Double,
                        existing: Set<UInt64>, perPair: Int, cap: Int, leafLimit: Int = .max) -> (rows: [IntervalRow], worstExisting: Double, worst: Double, minU: [Double]) {
        // Range minima of u over every node.
        var minU = [Double](repeating: .infinity, count: 2 * tree.size)
        for j in 0..<tree.leaves {
            minU[tree.size + j] = weighted(alpha, tree.mergeCounts, row: j) + stepSlack[Int(tree.leafStep[j]) - skip]
        }
        for node in stride(from: tree.size - 1, through: 1, by: -1) { minU[node] = min(minU[2 * node], minU[2 * node + 1]) }

        var counts = initial
        var score = [Double](repeating: 0, count: pairCount)
        for k in initialNonzero { score[Int(k)] = weighted(alpha, counts, row: Int(k)) }
        var start = [Int32](repeating: 0, count: pairCount)
        var best = PairBest(perPair: perPair, pairCount: pairCount, n: n)
        var worstExisting = 0.0, worst = 0.0
        /// Closes pair p's piece of steps start[p] ... last.
        func close(_ p: Int, last: Int) {
            let s = score[p] - pairSlack[p]
            guard s > tolerance else { return }
            let l = Int(tree.leavesBefore[Int(start[p])]), r = min(leafLimit, Int(tree.leavesBefore[last + 1]))
            guard l < r else { return }
            tree.forEachNode(covering: l, r) { node in
                let violation = s - minU[node]
                guard violation > tolerance else { return }
                worst = max(worst, violation / max(1, abs(minU[node])))
                if existing.contains(Self.key(node, p)) {
                    if node >= tree.size || nodeValue[node] <= minU[node] + tolerance {
                        worstExisting = max(worstExisting, violation / max(1, abs(minU[node])))
                    }
                    return
                }
                best.record(pair: p, step: node, violation: violation) { Array(counts[(p * n)..<(p * n + n)]) }
            }
        }
        for t in 0..<steps {
            for k in changeStart[t]..<changeStart[t + 1] {
                let p = Int(changePair[k]), i = Int(changeCategory[k])
                if Int(start[p]) <= t {
                    close(p, last: t)
                    start[p] = Int32(t + 1)
                }
                let delta = changeValue[k] - counts[p * n + i]
                counts[p * n + i] = changeValue[k]
                score[p] += alpha[i] * delta
            }
        }
        for p in 0..<pairCount where Int(start[p]) < steps { close(p, last: steps - 1) }

        var rows: [IntervalRow] = [], violations: [Double] = []
        best.forEachRow { node, pair, violation, pairCounts in
            rows.append(IntervalRow(node: node, pair: Int32(pair), pairCounts: pairCounts))
            violations.append(violation)
        }
        if rows.count > cap {
            let keep = rows.indices.sorted { violations[$0] > violations[$1] }.prefix(cap)
            rows = keep.map { rows[$0] }
        }
        return (rows, worstExisting, worst, minU)
    }
}

import TokenKitBPE

/// The LP1_T of Hayase et al. over dense pair indices, solved by lazy row and column
/// generation with the priority-queue violation checker (spec §2.4–2.5).
///
/// Counts are normalised per category by its initial pair total and scaled to "per million
/// pairs" (§2.3), so α comes out in initial-pair units; ``MixtureInference`` converts to bytes.
struct MixtureProblem {
    let n: Int
    let steps: Int
    let skip: Int
    /// Per step, the dense index of its merge's pair (−1: the pair occurs in no sample).
    let mergeIndex: [Int32]
    let pairCount: Int
    /// Initial scaled counts, dense: `initial[idx * n + i]`.
    let initial: [Double]
    let initialNonzero: [Int32]
    /// Step `t`'s changes: `changeStart[t] ..< changeStart[t + 1]` of (pair, category, new value).
    let changeStart: [Int]
    let changePair: [Int32]
    let changeCategory: [Int32]
    let changeValue: [Double]

    static let scale = 1e6

    init(trajectories: [PairTrajectory], merges: MergeList, steps: Int, skip: Int) {
        n = trajectories.count
        self.steps = steps
        self.skip = skip
        var index: [UInt64: Int32] = [:]
        func dense(_ p: UInt64) -> Int32 {
            if let k = index[p] { return k }
            let k = Int32(index.count)
            index[p] = k
            return k
        }
        for tr in trajectories { for p in tr.initialPairs { _ = dense(p) } }
        var start = [0], pairs: [Int32] = [], cats: [Int32] = [], values: [Double] = []
        let factors = trajectories.map { Self.scale / Double(max(1, $0.pairTotal)) }
        for t in 0..<steps {
            for (i, tr) in trajectories.enumerated() where t < tr.stepCount {
                for k in tr.stepStarts[t]..<tr.stepStarts[t + 1] {
                    pairs.append(dense(tr.diffPairs[k]))
                    cats.append(Int32(i))
                    values.append(Double(tr.diffCounts[k]) * factors[i])
                }
            }
            start.append(pairs.count)
        }
        mergeIndex = merges.merges.prefix(steps).map { m in index[MergeReplay.pack(m.left, m.right)] ?? -1 }
        pairCount = index.count
        var initial = [Double](repeating: 0, count: index.count * n)
        var nonzero: [Int32] = []
        for (i, tr) in trajectories.enumerated() {
            for (p, c) in zip(tr.initialPairs, tr.initialCounts) {
                let k = Int(index[p]!)  // every initial pair was indexed above
                if initial[k * n..<(k * n + n)].allSatisfy({ $0 == 0 }) { nonzero.append(Int32(k)) }
                initial[k * n + i] = Double(c) * factors[i]
            }
        }
        self.initial = initial
        initialNonzero = nonzero
        changeStart = start
        changePair = pairs
        changeCategory = cats
        changeValue = values
    }

    /// Steps whose merge occurs in no sample (no constraint; the reference's "missing merges").
    var missingMerges: Int { mergeIndex[min(skip, steps)...].filter { $0 < 0 }.count }

    /// A row found by the checker: step `t`, competitor pair `pair`, α coefficients.
    struct Row {
        var step: Int
        var pair: Int32
        var alpha: [Double]
    }

    /// One check pass at (α, v(t), v_p): rows of LP1_T violated by more than `tolerance` that are
    /// not in the LP yet, and the largest violation of a row that *is* in the LP (non-zero beyond
    /// tolerance means the solver's point is not feasible). A pass that returns no row has checked
    /// every step.
    ///
    /// Two policies, the same optimum (spec §2.5: any batching is correct):
    /// * **classic** (`perPair == .max`, the reference's): at each step the `perStep` most violated
    ///   pairs, in step order; the pass stops when `cap` rows are found.
    /// * **spread** (`perPair` set): a full pass; at each step the `perStep` most violated pairs,
    ///   and for every violated pair the `perPair` steps where it is violated most (among the 64
    ///   leading violators of each step); the `cap` most violated of these rows.
    ///
    /// - Complexity: O((P + D) log(P + D)) for P pairs and D recorded changes.
    func check(alpha: [Double], stepSlack: [Double], pairSlack: [Double], tolerance: Double,
               existing: Set<UInt64>, perStep: Int = 10, perPair: Int = .max, cap: Int = 10_000) -> (rows: [Row], worstExisting: Double) {
        var counts = initial
        var score = pairSlack.map { -$0 }  // pairs that appear only later start at −v_p too
        var keys: [Double] = [], items: [Int32] = []
        for k in initialNonzero {
            let s = weighted(alpha, counts, row: Int(k)) - pairSlack[Int(k)]
            score[Int(k)] = s
            keys.append(s)
            items.append(k)
        }
        var heap = ScoreHeap()
        heap.heapify(keys: keys, items: items)
        var rows: [Row] = []
        var worst = 0.0
        var seen = [Int32](repeating: -1, count: pairCount)
        // Spread mode (perPair set): a pair that out-scores the merges of many steps would take a
        // row at the first of them in every pass and creep up one step per round; instead each
        // pair gets rows at the `perPair` steps where it is violated most, found over a full pass.
        let spread = perPair != .max
        var best = PairBest(perPair: spread ? perPair : 0, pairCount: spread ? pairCount : 0, n: n)
        var stepRowKeys = Set<UInt64>()
        var violations: [Double] = []
        var popped: [(Double, Int32)] = []
        /// Row (t, p)'s α coefficients at the current step: ĉ(t)_i,m(t) − ĉ(t)_i,p.
        func coefficients(_ m: Int, _ p: Int) -> [Double] { (0..<n).map { counts[m * n + $0] - counts[p * n + $0] } }
        for t in 0..<steps {
            let m = Int(mergeIndex[t])
            if t >= skip && m >= 0 && (spread || rows.count < cap) {
                let sm = weighted(alpha, counts, row: m)
                let vt = stepSlack[t - skip]
                let cutoff = sm + vt + tolerance
                popped.removeAll(keepingCapacity: true)
                var found = 0
                while let top = heap.top {
                    if top.key != score[Int(top.item)] || seen[Int(top.item)] == Int32(t) {
                        heap.pop()  // stale or a duplicate of an entry popped at this step
                        continue
                    }
                    if top.key <= cutoff { break }
                    heap.pop()
                    popped.append(top)
                    seen[Int(top.item)] = Int32(t)
                    let p = Int(top.item)
                    if p == m { continue }
                    if existing.contains(Self.key(t, p)) {
                        let violation = top.key - (sm + vt)
                        worst = max(worst, violation / max(1, abs(sm)))
                        continue
                    }
                    if spread {
                        let violation = top.key - (sm + vt)
                        if found < perStep {
                            rows.append(Row(step: t, pair: Int32(p), alpha: coefficients(m, p)))
                            violations.append(violation)
                            stepRowKeys.insert(Self.key(t, p))
                            found += 1
                        }
                        best.record(pair: p, step: t, violation: violation) { coefficients(m, p) }
                        if popped.count >= max(64, perStep) { break }  // bound the work per step
                        continue
                    }
                    rows.append(Row(step: t, pair: Int32(p), alpha: coefficients(m, p)))
                    found += 1
                    if found == perStep || rows.count >= cap { break }
                }
                for (key, item) in popped { heap.push(key, item) }
                // A full batch ends the pass (as the reference does): the rest of the merges would
                // only be replayed. The final pass, which finds nothing, always runs to the end.
                if !spread && rows.count >= cap { break }
            }
            // Advance to step t + 1.
            for k in changeStart[t]..<changeStart[t + 1] {
                let p = Int(changePair[k]), i = Int(changeCategory[k])
                let delta = changeValue[k] - counts[p * n + i]
                counts[p * n + i] = changeValue[k]
                if delta != 0 && alpha[i] != 0 {
                    score[p] += alpha[i] * delta
                    heap.push(score[p], Int32(p))
                }
            }
            if heap.count > 4 * pairCount + 1024 { compact(&heap, score: score) }
        }
        if spread {
            best.forEachRow { step, pair, violation, coefficients in
                guard !stepRowKeys.contains(Self.key(step, pair)) else { return }
                rows.append(Row(step: step, pair: Int32(pair), alpha: coefficients))
                violations.append(violation)
            }
            if rows.count > cap {
                // The most violated rows first; the LP learns the rest in later rounds.
                let keep = rows.indices.sorted { violations[$0] > violations[$1] }.prefix(cap).sorted()
                rows = keep.map { rows[$0] }
            }
        }
        return (rows, worst)
    }

    /// Σ_i α_i · table[row · n + i]: a pair's (or a step's merge's) count under the mixture α.
    @inline(__always)
    func weighted(_ alpha: [Double], _ table: [Double], row: Int) -> Double {
        var s = 0.0
        for i in 0..<n { s += alpha[i] * table[row * n + i] }
        return s
    }

    /// The identity of row (step, pair): `step << 32 | pair`.
    static func key(_ step: Int, _ pair: Int) -> UInt64 { UInt64(step) << 32 | UInt64(pair) }

    /// Rebuilds the heap from the live scores (drops stale entries).
    private func compact(_ heap: inout ScoreHeap, score: [Double]) {
        var keys: [Double] = [], items: [Int32] = []
        var done = Set<Int32>()
        for (k, item) in zip(heap.keys, heap.items) where k == score[Int(item)] && done.insert(item).inserted {
            keys.append(k)
            items.append(item)
        }
        heap.heapify(keys: keys, items: items)
    }
}

/// The `k` most violated steps of each pair seen by a spread-mode check pass, with the rows'
/// α coefficients, in flat storage (slots are handed out as pairs turn up).
struct PairBest {
    let k: Int, n: Int
    var slotOf: [Int32]
    var pairOfSlot: [Int32] = []
    var violation: [Double] = []
    var step: [Int32] = []
    var coefficients: [Double] = []

    init(perPair: Int, pairCount: Int, n: Int) {
        k = perPair
        self.n = n
        slotOf = [Int32](repeating: -1, count: pairCount)
    }

    mutating func record(pair p: Int, step t: Int, violation v: Double, row: () -> [Double]) {
        var slot = Int(slotOf[p])
        if slot < 0 {
            slot = pairOfSlot.count
            slotOf[p] = Int32(slot)
            pairOfSlot.append(Int32(p))
            violation.append(contentsOf: repeatElement(-.infinity, count: k))
            step.append(contentsOf: repeatElement(-1, count: k))
            coefficients.append(contentsOf: repeatElement(0, count: k * n))
        }
        var low = slot * k
        for e in (slot * k)..<(slot * k + k) where violation[e] < violation[low] { low = e }
        guard v > violation[low] else { return }
        violation[low] = v
        step[low] = Int32(t)
        let c = row()  // computed only for a row that wins its slot
        for i in 0..<n { coefficients[low * n + i] = c[i] }
    }

    func forEachRow(_ body: (Int, Int, Double, [Double]) -> Void) {
        for e in violation.indices where step[e] >= 0 {
            body(Int(step[e]), Int(pairOfSlot[e / k]), violation[e], Array(coefficients[(e * n)..<(e * n + n)]))
        }
    }
}

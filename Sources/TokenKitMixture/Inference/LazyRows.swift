/// The rows a lazy loop has put into the LP after row 0 (Σα = 1), in LP order, by key, with the
/// number of consecutive solves each has spent with a basic slack: what a check pass skips and
/// what deletion may remove. Both formulations keep their rows here.
struct LazyRows {
    /// Keys of LP rows 1..., in order.
    private(set) var keys: [UInt64] = []
    /// The same keys as a set, for the check passes.
    private(set) var present = Set<UInt64>()
    private var age: [Int32] = []

    var count: Int { keys.count }

    func contains(_ key: UInt64) -> Bool { present.contains(key) }

    /// Records a row appended to the LP.
    mutating func append(_ key: UInt64) {
        keys.append(key)
        present.insert(key)
        age.append(0)
    }

    /// Deletes the rows whose slack has been basic for `after` consecutive solves (the basis
    /// stays valid and the point optimal; 0 = keep every row); returns how many.
    mutating func dropSlack(_ solver: any LinearProgramSolver, after: Int) -> Int {
        let basic = solver.basicRows
        guard after > 0, basic.count == keys.count + 1 else { return 0 }
        var drop: [Int] = []
        var k = 0
        for r in 0..<keys.count {
            // A basic slack: the row does not hold the basis (non-binding, or tight only by
            // degeneracy). Deleting it keeps the basis valid and the optimum unchanged.
            if basic[r + 1] { age[r] += 1 } else { age[r] = 0 }
            if age[r] >= Int32(after) {
                drop.append(r + 1)
                present.remove(keys[r])
            } else {
                keys[k] = keys[r]
                age[k] = age[r]
                k += 1
            }
        }
        keys.removeLast(keys.count - k)
        age.removeLast(age.count - k)
        solver.deleteRows(drop)
        return drop.count
    }
}

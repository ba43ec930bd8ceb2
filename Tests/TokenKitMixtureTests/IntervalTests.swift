import Testing
import TokenKit
@testable import TokenKitMixture

/// The segment tree under the interval formulation.
@Suite struct IntervalTests {
    /// A tree over `leaves` leaves (steps 0..<leaves, all constrained).
    static func tree(leaves: Int) -> MixtureProblem.StepTree {
        var size = 1
        while size < leaves { size *= 2 }
        return .init(size: size, leafStep: (0..<leaves).map { Int32($0) }, leavesBefore: (0...leaves).map { Int32($0) },
                     mergeCounts: [])
    }

    /// The canonical nodes of a range cover each of its leaves exactly once and nothing else
    /// (every row of a piece is stood for by exactly one node row), at most 2 log₂ size of them.
    @Test(arguments: [1, 2, 5, 64, 100, 1000])
    func canonicalNodesCoverTheRangeOnce(leaves: Int) {
        let tree = Self.tree(leaves: leaves)
        var generator = SplitMix64(seed: UInt64(leaves))
        for _ in 0..<200 {
            let l = Int.random(in: 0..<leaves, using: &generator), r = Int.random(in: (l + 1)...leaves, using: &generator)
            var covered = [Int](repeating: 0, count: leaves)
            var nodes = 0
            tree.forEachNode(covering: l, r) { node in
                nodes += 1
                var lo = node, hi = node + 1
                while lo < tree.size { lo *= 2; hi *= 2 }
                for leaf in (lo - tree.size)..<min(hi - tree.size, leaves) { covered[leaf] += 1 }
                #expect(tree.firstLeaf(node) == lo - tree.size)
                #expect(tree.exists(node))
            }
            #expect(covered.indices.allSatisfy { covered[$0] == ((l..<r).contains($0) ? 1 : 0) }, "range \(l)..<\(r)")
            var depth = 0
            while (1 << depth) < tree.size { depth += 1 }
            #expect(nodes <= max(1, 2 * depth))
        }
    }

    /// Nodes past the last leaf do not exist (their z would be bounded by nothing).
    @Test func nodesPastTheLastLeafDoNotExist() {
        let tree = Self.tree(leaves: 5)  // size 8: leaves 5, 6, 7 are padding
        #expect(tree.exists(1) && tree.exists(3) && tree.exists(8 + 4))
        #expect(!tree.exists(8 + 5) && !tree.exists(7))
        #expect(tree.exists(6))  // covers leaves 4 and 5: leaf 4 is real
    }
}

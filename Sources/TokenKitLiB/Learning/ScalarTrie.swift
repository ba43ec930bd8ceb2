/// A mutable prefix trie over Unicode scalars: the learner's view of the lexicon.
///
/// Python strings are sequences of code points, so the reference matches scalar by scalar
/// (spec §C1). Removal only clears the terminal mark; nodes are never reclaimed, which keeps
/// removal O(length) and is harmless for the lexicon sizes LiB reaches.
struct ScalarTrie {
    private var children: [[Unicode.Scalar: Int32]] = [[:]]
    private var terminal: [Bool] = [false]

    /// Marks `chunk` as a member.
    ///
    /// - Complexity: O(`chunk.count`).
    mutating func insert(_ chunk: [Unicode.Scalar]) {
        var node = 0
        for s in chunk {
            if let next = children[node][s] {
                node = Int(next)
            } else {
                let next = children.count
                children.append([:])
                terminal.append(false)
                children[node][s] = Int32(next)
                node = next
            }
        }
        terminal[node] = true
    }

    /// Unmarks `chunk` (no effect when absent).
    mutating func remove(_ chunk: [Unicode.Scalar]) {
        var node = 0
        for s in chunk {
            guard let next = children[node][s] else { return }
            node = Int(next)
        }
        terminal[node] = false
    }

    /// The lengths of the two longest members that are prefixes of `text[start...]`
    /// (`0` where there is none): the reference's "second-longest and longest" match.
    ///
    /// - Complexity: O(length of the longest member).
    func twoLongestPrefixes(of text: [Unicode.Scalar], from start: Int) -> (smaller: Int, longest: Int) {
        var node = 0
        var smaller = 0, longest = 0
        var i = start
        while i < text.count, let next = children[node][text[i]] {
            node = Int(next)
            i += 1
            if terminal[node] {
                smaller = longest
                longest = i - start
            }
        }
        return (smaller, longest)
    }
}

extension LiBLearner {
    /// Segments a sentence with the current lexicon exactly as the reference's `apply` does
    /// (spec §1.5): greedy, with a local two-path comparison wherever the longest match has a
    /// shorter lexicon prefix, and a single symbol wherever it has none (quirk L2).
    ///
    /// - Complexity: O(*n* · longest chunk).
    public func segment(_ sentence: [Unicode.Scalar]) -> [Chunk] {
        var out: [Chunk] = []
        var i = 0
        while i < sentence.count {
            let (smaller, longest) = trie.twoLongestPrefixes(of: sentence, from: i)
            if longest > 1 && smaller > 0 {
                var defaultPath: [Chunk] = [Array(sentence[i..<(i + longest)])]
                var alterPath: [Chunk] = [Array(sentence[i..<(i + smaller)])]
                var defaultEnd = i + longest, alterEnd = i + smaller
                while defaultEnd != alterEnd {
                    if defaultEnd > alterEnd {
                        let g = greedy(sentence, alterEnd)
                        alterPath.append(g)
                        alterEnd += g.count
                    } else {
                        let g = greedy(sentence, defaultEnd)
                        defaultPath.append(g)
                        defaultEnd += g.count
                    }
                }
                out += alternativeIsBetter(defaultPath, alterPath) ? alterPath : defaultPath
                i = defaultEnd
            } else {
                out.append([sentence[i]])
                i += 1
            }
        }
        return out
    }

    /// Segments a string (see the `[Unicode.Scalar]` overload of `segment(_:)`).
    public func segment(_ text: String) -> [String] {
        segment(Array(text.unicodeScalars)).map(Self.string)
    }

    /// The reference demo's evaluation line on `sentences`: lexicon size, mean entry length,
    /// mean token length and `EvalIndex = TokenLength / log2(|L|)` (spec §1.6).
    public func evaluate(on sentences: [[Unicode.Scalar]]) -> LiBEvaluation {
        var tokens = 0, symbols = 0
        for s in sentences {
            tokens += segment(s).count
            symbols += s.count
        }
        let typeLength = lexiconChunks.isEmpty ? 0
            : Double(lexiconChunks.reduce(0) { $0 + $1.count }) / Double(lexiconChunks.count)
        let tokenLength = tokens == 0 ? 0 : Double(symbols) / Double(tokens)
        return LiBEvaluation(lexiconSize: lexiconChunks.count, typeLength: typeLength, tokenLength: tokenLength)
    }
}

/// The reference demo's evaluation figures.
public struct LiBEvaluation: Sendable, Hashable {
    /// |L|.
    public var lexiconSize: Int
    /// Mean length of lexicon entries, in scalars.
    public var typeLength: Double
    /// Mean length of segmented tokens, in scalars.
    public var tokenLength: Double
    /// `tokenLength / log2(lexiconSize)` (0 for a lexicon of fewer than 2 entries).
    public var evalIndex: Double {
        lexiconSize < 2 ? 0 : tokenLength / _log2(Double(lexiconSize))
    }
}

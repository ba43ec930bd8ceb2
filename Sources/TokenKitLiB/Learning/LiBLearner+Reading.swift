import OrderedCollections

extension LiBLearner {
    /// Reads one sentence: greedy segmentation with memorizing, probation release and two-path
    /// evaluation (spec §1.4, the body of the sentence loop).
    mutating func read(_ sent: Chunk) {
        var chunksInSentence: [Chunk] = []
        // Python dict semantics: re-assigning a key keeps its position (pitfall L1).
        var toEvaluate: OrderedDictionary<Chunk, Pending> = [:]
        var loc = 0
        while loc < sent.count {
            evaluate(&toEvaluate, sent, defaultEnd: loc)
            let (smallerLength, longestLength) = trie.twoLongestPrefixes(of: sent, from: loc)
            var chunk = Array(sent[loc..<(loc + longestLength)])
            let smaller = Array(sent[loc..<(loc + smallerLength)])
            let pathStep = chunk.isEmpty ? [sent[loc]] : chunk
            for key in toEvaluate.keys { toEvaluate[key]?.defaultChunks.append(pathStep) }
            let last = chunksInSentence.last ?? []
            let beforeLast = chunksInSentence.count >= 2 ? chunksInSentence[chunksInSentence.count - 2] : []

            if let entry = probation[chunk] {
                if parameters.inspectContext, let (oldLast, oldNext) = entry.context {
                    let next = forceMatch(sent, loc + chunk.count)
                    if !(oldLast.isEmpty && oldNext.isEmpty && last.isEmpty && next.isEmpty) {
                        var extended = false
                        if (!oldLast.isEmpty && last.hasSuffix(oldLast)) || (!last.isEmpty && oldLast.hasSuffix(last)) {
                            memorize(last + chunk, context: (beforeLast, next))
                            extended = true
                        }
                        if (!oldNext.isEmpty && next.starts(with: oldNext)) || (!next.isEmpty && oldNext.starts(with: next)) {
                            let after = forceMatch(sent, loc + chunk.count + next.count)
                            memorize(chunk + next, context: (last, after))
                            extended = true
                        }
                        if !extended {
                            rewards.append((chunk, -1))
                            probation.removeValue(forKey: chunk)
                        }
                    }
                    // All four contexts empty: the chunk stays on probation (pitfall L6).
                } else {
                    probation.removeValue(forKey: chunk)
                }
            }

            if !chunk.isEmpty {
                if chunk.count > 1 && !smaller.isEmpty {
                    toEvaluate[chunk] = Pending(alterEnd: loc + smaller.count, defaultChunks: [chunk], alterChunks: [smaller])
                }
                // The only random call: once per matched chunk, never for unknown symbols (L7).
                if rng.random() < parameters.alpha {
                    let next = forceMatch(sent, loc + chunk.count)
                    memorize(last + chunk, context: (beforeLast, next))
                }
            } else {
                chunk = [sent[loc]]
                memorize(chunk, context: (last, forceMatch(sent, loc + 1)))
            }
            chunksInSentence.append(chunk)
            loc += chunk.count
        }
        // Evaluations still pending at the end of the sentence are dropped, as in the reference.
    }

    /// `EVALUATE`: extends each pending alternative path up to `defaultEnd` and settles the
    /// ones that end exactly there.
    mutating func evaluate(_ toEvaluate: inout OrderedDictionary<Chunk, Pending>, _ sent: Chunk, defaultEnd: Int) {
        if toEvaluate.isEmpty { return }
        for (chunk, pendingSnapshot) in toEvaluate {
            var pending = pendingSnapshot
            while pending.alterEnd < defaultEnd {
                let g = greedy(sent, pending.alterEnd)
                pending.alterChunks.append(g)
                pending.alterEnd += g.count
            }
            if pending.alterEnd == defaultEnd {
                if alternativeIsBetter(pending.defaultChunks, pending.alterChunks) {
                    rewards.append((pending.alterChunks[0], -1))
                    rewards.append((chunk, +1))
                } else {
                    rewards.append((chunk, -1))
                }
                toEvaluate.removeValue(forKey: chunk)
            } else {
                toEvaluate[chunk] = pending
            }
        }
    }

    /// Longest match at `position`, else the single symbol there.
    func greedy(_ sent: Chunk, _ position: Int) -> Chunk {
        let longest = trie.twoLongestPrefixes(of: sent, from: position).longest
        return longest > 0 ? Array(sent[position..<(position + longest)]) : [sent[position]]
    }

    /// `FORCE_MATCH`: like ``greedy(_:_:)`` but empty past the end of the sentence.
    func forceMatch(_ sent: Chunk, _ position: Int) -> Chunk {
        position < sent.count ? greedy(sent, position) : []
    }

    /// `ALTER_IS_BETTER`: fewer chunks, then a smaller rank sum (strictly).
    func alternativeIsBetter(_ defaultChunks: [Chunk], _ alterChunks: [Chunk]) -> Bool {
        if defaultChunks.count != alterChunks.count { return defaultChunks.count > alterChunks.count }
        return rankSum(defaultChunks) > rankSum(alterChunks)
    }

    /// Sum of current ranks; chunks outside the lexicon add 0 (pitfall L4).
    func rankSum(_ chunks: [Chunk]) -> Int {
        var total = 0
        for c in chunks { total += rankHint[c] ?? 0 }
        return total
    }
}

extension Array where Element == Unicode.Scalar {
    /// Whether the array ends with `suffix` (Python `str.endswith`, code point by code point).
    func hasSuffix(_ suffix: [Unicode.Scalar]) -> Bool {
        suffix.count <= count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}

extension LiBLearner {
    /// `BATCH_FORGET`: decrements every probation life (in pool order) and forgets the
    /// chunks that reach 0.
    mutating func forgetExpired() -> Set<Chunk> {
        var forgotten: [Chunk] = []
        var kept: [(key: Chunk, value: Probation)] = []
        // One pass, order kept: the same result as decrementing and deleting entry by entry.
        for (chunk, entry) in probation.items {
            var updated = entry
            updated.life -= 1
            if updated.life < 1 {
                forgotten.append(chunk)
            } else {
                kept.append((chunk, updated))
            }
        }
        probation.replaceAll(with: kept)
        let set = Set(forgotten)
        removeFromLexicon(set)
        return set
    }

    /// `BATCH_RERANK`: applies the step's rewards (−1) and punishments (+1) in order.
    ///
    /// The reference finds a chunk by searching its list forward from `hint − offset`, where
    /// only moved chunks get a fresh hint and `offset` counts punishments so far. Chunks are
    /// unique, so that search finds the true rank whenever it finds anything; when it would not
    /// (the reference raises), the full list is searched and ``rerankSearchMisses`` counts it.
    mutating func rerank(removing forgotten: Set<Chunk>) {
        var offset = 0
        for (chunk, effect) in rewards where !forgotten.contains(chunk) {
            guard let hint = rankHint[chunk] else { continue }
            let start = max(hint - offset, 0)
            var found = find(chunk, from: start)
            if found == nil {
                found = find(chunk, from: 0)
                rerankSearchMisses += 1
            }
            guard let r = found, r > 0 else { continue }  // the head never moves
            if effect > 0 { offset += 1 }
            move(at: r, by: effect * (Int(Double(r) * parameters.delta) + 1))
        }
        rebuildRanks()
        rewards.removeAll()
    }

    /// `MOVE`: shifts the chunk at `i` by `step` places; demoted past the tail means forgotten.
    mutating func move(at i: Int, by step: Int) {
        let chunk = lexiconChunks[i]
        if step < 0 && i != 0 {
            let target = max(i + step, 0)
            rotate(from: i, to: target)
            rankHint[chunk] = target
        } else if step > 0 {
            if i + step < lexiconChunks.count {
                rotate(from: i, to: i + step)
                rankHint[chunk] = i + step
            } else if parameters.pinSymbols && chunk.count == 1 {
                // Production: a pinned symbol sinks to the tail instead of leaving.
                rotate(from: i, to: lexiconChunks.count - 1)
                rankHint[chunk] = lexiconChunks.count - 1
            } else {
                lexiconChunks.remove(at: i)
                lexiconHashes.remove(at: i)
                trie.remove(chunk)
                rankHint[chunk] = nil
            }
        }
    }

    /// The first index of `chunk` at or after `start`, comparing hashes first.
    func find(_ chunk: Chunk, from start: Int) -> Int? {
        let h = chunk.hashValue
        var k = start
        let n = lexiconHashes.count
        while k < n {
            if lexiconHashes[k] == h && lexiconChunks[k] == chunk { return k }
            k += 1
        }
        return nil
    }

    /// Moves the element at `from` to `to`, shifting the ones between by one place: the same
    /// as `remove(at: from)` then `insert(_, at: to)`, but touching only the span between.
    mutating func rotate(from: Int, to: Int) {
        if from == to { return }
        Self.rotate(&lexiconChunks, from: from, to: to)
        Self.rotate(&lexiconHashes, from: from, to: to)
    }

    static func rotate<T>(_ array: inout [T], from: Int, to: Int) {
        array.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let moving = (base + from).move()
            if to < from {
                (base + to + 1).moveInitialize(from: base + to, count: from - to)
            } else {
                (base + from).moveInitialize(from: base + from + 1, count: to - from)
            }
            (base + to).initialize(to: moving)
        }
    }

    /// `BATCH_PROBATION_MARK`: puts the tail fraction ω of the lexicon on probation, with
    /// Python's operation order for the start index (pitfall L11).
    mutating func markTail() {
        let count = lexiconChunks.count
        let start = Int((1.0 - parameters.omega) * Double(count))
        guard start < count else { return }
        for k in max(start, 0)..<count {
            let chunk = lexiconChunks[k]
            if parameters.pinSymbols && chunk.count == 1 { continue }
            if probation[chunk] == nil {
                probation[chunk] = Probation(life: parameters.life, context: nil)
            }
        }
    }
}

import Testing
import TokenKit
import TokenKitTestSupport
@testable import TokenKitDynamic

/// The incremental pair index against the plain loop of §3.3, written out naively.
@Suite struct MergeEngineTests {
    /// The reference loop: recount every pair each merge, take the first maximal one in scan
    /// order, merge non-overlapping occurrences left to right.
    static func naive(_ batch: [[String]], merges: Int, validity: PairValidity, specials: Set<String>) -> ([[String]], [[String]]) {
        var batch = batch
        var log: [[String]] = []
        for _ in 0..<merges {
            var order: [[String]] = []
            var counts: [[String]: Int] = [:]
            for seq in batch where seq.count > 1 {
                for i in 0..<(seq.count - 1) {
                    let a = seq[i], b = seq[i + 1]
                    let ab = ByteLevelText.decode(a) ?? Array(a.utf8), bb = ByteLevelText.decode(b) ?? Array(b.utf8)
                    guard validity.isValid(ab, specials.contains(a), bb, specials.contains(b)) else { continue }
                    if counts[[a, b]] == nil { order.append([a, b]) }
                    counts[[a, b], default: 0] += 1
                }
            }
            guard let top = order.max(by: { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && order.firstIndex(of: $0)! > order.firstIndex(of: $1)!) }) else { break }
            // `max(by:)` returns the last maximal element under a strict order; the order above
            // ranks earlier pairs higher among equals, so this is the first maximal one.
            log.append([top[0], top[1], String(counts[top]!)])
            batch = batch.map { seq in
                var out: [String] = []
                var i = 0
                while i < seq.count {
                    if i + 1 < seq.count && seq[i] == top[0] && seq[i + 1] == top[1] {
                        out.append(top[0] + top[1]); i += 2
                    } else {
                        out.append(seq[i]); i += 1
                    }
                }
                return out
            }
        }
        return (batch, log)
    }

    static let alphabet = ["a", "b", "c", "Ġ", "Ġa", "Ċ", "-", ".", "1", "ab", "<s>"]

    @Test(arguments: BoundaryMode.allCases)
    func incrementalIndexMatchesNaiveLoop(_ mode: BoundaryMode) throws {
        var rng = SplitMix64(seed: 42)
        let merger = try DynamicBatchMerger(base: ByteTokenizer.raw, mode: mode, additionalSpecialTexts: ["<s>"])
        let validity = PairValidity(mode: mode, preTokenizer: RegexPieceCounter.gpt2)
        for _ in 0..<60 {
            let batch = (0..<Int(rng.next() % 4 + 1)).map { _ in
                (0..<Int(rng.next() % 12)).map { _ in Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))] }
            }
            let m = Int(rng.next() % 8)
            let fast = try merger.merge(byteLevelTokens: batch, merges: m)
            let (slow, slowLog) = Self.naive(batch, merges: m, validity: validity, specials: ["<s>"])
            #expect((0..<batch.count).map(fast.byteLevelTokens) == slow, "batch \(batch), m = \(m)")
            #expect(fast.mergeLog.map { [$0.byteLevelPair.0, $0.byteLevelPair.1, String($0.count)] } == slowLog)
        }
    }

    /// Laws of §7: concatenation per sequence is invariant, the count never increases, 0 merges
    /// is the identity, m merges make at most m new token types.
    @Test func mergeLaws() throws {
        var rng = SplitMix64(seed: 7)
        let merger = try DynamicBatchMerger(base: ByteTokenizer.raw, mode: .sentence)
        for _ in 0..<40 {
            let batch = (0..<3).map { _ in (0..<Int(rng.next() % 30)).map { _ in TokenID(rng.next() % 4) + 97 } }
            let zero = try merger.merge(ids: batch, merges: 0)
            #expect(zero.ids == batch && zero.mergeCount == 0)
            let m = Int(rng.next() % 10)
            let r = try merger.merge(ids: batch, merges: m)
            for s in batch.indices {
                #expect(r.decode(s) == batch[s].map { UInt8($0) })
                #expect(r.ids[s].count <= batch[s].count)
            }
            #expect(r.vocabulary.tokens.count <= m)
            #expect(zip(r.totalTokensAfterMerge, r.totalTokensAfterMerge.dropFirst()).allSatisfy { $0 > $1 })
        }
    }

    /// The engine's work (index updates, heap pushes and pops) on a random batch of `sequences`
    /// × 512 tokens over six letters, with `sequences × 32` merges.
    static func work(sequences: Int) throws -> (operations: Int, tokens: Int, merges: Int) {
        var rng = SplitMix64(seed: 3)
        let merger = try DynamicBatchMerger(base: ByteTokenizer.raw, mode: .sentence)
        var engine = MergeEngine(vocabulary: merger.vocabulary, validity: PairValidity(mode: .sentence, preTokenizer: merger.preTokenizer))
        var tokens = 0
        for _ in 0..<sequences {
            let ids = (0..<512).map { _ in TokenID(rng.next() % 6) + 97 }
            engine.append(sequence: ids.map { EngineToken(symbol: $0, range: 0..<0) })
            tokens += ids.count
        }
        engine.indexPairs()
        let merges = engine.run(limit: sequences * 32) { _, _ in }
        return (engine.operations, tokens, merges)
    }

    /// Near-linear in the batch: four times the tokens and merges cost at most about four
    /// times the work (O((n + k) log n) allows a log factor; a rescan per merge would be ~16×).
    @Test func longBatchIsNearLinear() throws {
        let small = try Self.work(sequences: 16), large = try Self.work(sequences: 64)
        #expect(small.merges == 16 * 32 && large.merges == 64 * 32, "merges ran out early: \(small.merges), \(large.merges)")
        let perTokenSmall = Double(small.operations) / Double(small.tokens)
        let perTokenLarge = Double(large.operations) / Double(large.tokens)
        #expect(perTokenSmall > 1, "the engine counted \(small.operations) operations for \(small.tokens) tokens")
        #expect(perTokenLarge < 1.5 * perTokenSmall,
                "work per token grows from \(perTokenSmall) to \(perTokenLarge) when the batch grows 4×")
        // The public entry point on the large batch still merges and shrinks it.
        var rng = SplitMix64(seed: 3)
        let merger = try DynamicBatchMerger(base: ByteTokenizer.raw, mode: .sentence)
        let batch = (0..<64).map { _ in (0..<512).map { _ in TokenID(rng.next() % 6) + 97 } }
        let r = try merger.merge(ids: batch, merges: 2000)
        #expect(r.mergeCount == 2000)
        #expect(r.totalTokensAfterMerge.last! < 64 * 512)
    }
}

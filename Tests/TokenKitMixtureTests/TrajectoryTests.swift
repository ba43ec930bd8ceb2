import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport
@testable import TokenKitMixture

/// Applies merges to words naively and recounts every pair from scratch: the oracle for the
/// replay's true counts.
func bruteForceCounts(_ words: [(bytes: [UInt8], count: Int64)], merges: MergeList, steps: Int) -> [UInt64: Int64] {
    var out: [UInt64: Int64] = [:]
    for (bytes, f) in words {
        var w = bytes.map { UInt32($0) }
        for (k, m) in merges.merges.prefix(steps).enumerated() {
            var r: [UInt32] = []
            var i = 0
            while i < w.count {
                if i + 1 < w.count && w[i] == m.left && w[i + 1] == m.right {
                    r.append(UInt32(256 + k)); i += 2
                } else {
                    r.append(w[i]); i += 1
                }
            }
            w = r
        }
        if w.count > 1 { for i in 0..<(w.count - 1) { out[MergeReplay.pack(w[i], w[i + 1]), default: 0] += f } }
    }
    return out.filter { $0.value != 0 }
}

/// Random words over a small alphabet with runs ("aaaa") so overlaps are exercised.
func randomWords(seed: UInt64, count: Int) -> [(bytes: [UInt8], count: Int64)] {
    var rng = SplitMix64(seed: seed)
    var words: [[UInt8]: Int64] = [:]
    for _ in 0..<count {
        let length = 1 + Int(rng.next() % 9)
        let word = (0..<length).map { _ in UInt8(97 + rng.next() % 4) }
        words[word, default: 0] += Int64(1 + rng.next() % 5)
    }
    return words.map { ($0.key, $0.value) }
}

func trainedMerges(_ counts: PretokenCounts, vocabulary: Int) throws -> MergeList {
    let trained = try BPETrainer(.init(vocabularySize: vocabulary)).train(counts)
    return MergeList(pairs: trained.merges.map { (trained.tokens[Int($0.0)], trained.tokens[Int($0.1)]) },
                     preTokenizer: TrainingPreTokenizer(), source: "test")
}

@Suite struct TrajectoryTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func replayGivesTrueCountsAtEveryStep(seed: UInt64) throws {
        let words = randomWords(seed: seed, count: 300)
        let counts = PretokenCounts(words)
        let merges = try trainedMerges(counts, vocabulary: 256 + 40)
        let steps = merges.count
        let tr = PairTrajectory(counts: counts, merges: merges, steps: steps)
        #expect(tr.stepCount == steps)
        for t in 0...steps {
            #expect(tr.counts(after: t) == bruteForceCounts(words, merges: merges, steps: t), "step \(t)")
        }
        #expect(tr.pairTotal == bruteForceCounts(words, merges: merges, steps: 0).values.reduce(0, +))
    }

    @Test func overlappingRunsCountAndMergeLikeHF() {
        // "aaa": 2 × (a,a); merging (a,a) leaves "aa a": the (a,a) count falls to 0.
        let counts = PretokenCounts([(Array("aaa".utf8), 3)])
        let merges = MergeList(pairs: [(Array("a".utf8), Array("a".utf8))], preTokenizer: TrainingPreTokenizer(), source: "t")
        let tr = PairTrajectory(counts: counts, merges: merges, steps: 1)
        let a = UInt32(UInt8(ascii: "a"))
        #expect(tr.counts(after: 0) == [MergeReplay.pack(a, a): 6])
        #expect(tr.counts(after: 1) == [MergeReplay.pack(256, a): 3])
    }

    @Test(arguments: [7, 8] as [UInt64])
    func trajectoriesAreAdditiveAcrossShards(seed: UInt64) throws {
        let wordsA = randomWords(seed: seed, count: 200), wordsB = randomWords(seed: seed + 100, count: 200)
        var all = PretokenCounts(wordsA, byteCount: 10)
        all.merge(PretokenCounts(wordsB, byteCount: 20))
        let merges = try trainedMerges(all, vocabulary: 256 + 30)
        let whole = PairTrajectory(counts: all, merges: merges, steps: merges.count)
        let sum = PairTrajectory(counts: PretokenCounts(wordsA, byteCount: 10), merges: merges, steps: merges.count)
            .adding(PairTrajectory(counts: PretokenCounts(wordsB, byteCount: 20), merges: merges, steps: merges.count))
        #expect(sum.byteCount == whole.byteCount && sum.pairTotal == whole.pairTotal)
        for t in 0...merges.count { #expect(sum.counts(after: t) == whole.counts(after: t), "step \(t)") }
    }

    @Test func cacheRoundTripAndTruncation() throws {
        let counts = PretokenCounts(randomWords(seed: 5, count: 100), byteCount: 77)
        let merges = try trainedMerges(counts, vocabulary: 256 + 20)
        let tr = PairTrajectory(counts: counts, merges: merges, steps: merges.count)
        let bytes = tr.serialized()
        #expect(try PairTrajectory(serialized: bytes) == tr)
        #expect(throws: MixtureError.self) { try PairTrajectory(serialized: Array(bytes.dropLast(3))) }
        #expect(throws: MixtureError.self) { try PairTrajectory(serialized: Array("nonsense".utf8)) }
    }
}

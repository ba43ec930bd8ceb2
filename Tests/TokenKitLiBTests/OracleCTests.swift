import Testing
import TokenKit
@testable import TokenKitLiB
import TokenKitTestSupport

/// Spec §1.8 oracle C: the reference's published demo on BR-text (9,790 lines), α 0.25,
/// ω 0.01, τ0 3, Δ 0.1, seed 0, 200 sentences per step, steps 0…200.
///
/// BR-text (CHILDES) is not in `shared/` and its terms were not checked, so this test runs
/// only when `TOKENKIT_LIB_BRTEXT` names a copy of the reference repository's
/// `corpus/br-text.txt`. It trains 201 steps (about a minute in a debug build).
@Suite struct OracleCTests {
    static let path: String? = TestSystem.environment("TOKENKIT_LIB_BRTEXT")

    static let head30 = ["what ", "that ", "and ", "a ", "you ", "to ", "look ", "it ", "can you ", "you're ", "there ",
                         "i ", "mommy ", "what's ", "let's ", "this ", "the ", "don't ", "it's ", "that's ", "his ",
                         "see ", "your ", "now ", "have ", "no ", "i'm ", "there's ", "like ", "where's "]

    static let testSegmentations: [[String]] = [
        ["you want to ", "see the book "], ["look there's ", "a boy ", "with ", "his ", "hat "], ["and a ", "doggie "],
        ["you want to ", "look at this "], ["look at this "], ["have a ", "drink "], ["okay now "], ["what's this "],
        ["what's that "], ["what is it "],
    ]

    @Test(.enabled(if: path != nil, "set TOKENKIT_LIB_BRTEXT to the reference's corpus/br-text.txt to run oracle C"))
    func brTextDemo() throws {
        let bytes = try FileIO.readAll(path: Self.path ?? "")
        let corpus = try LiBCorpus(utf8: bytes)
        #expect(corpus.sentences.count == 9790)
        var learner = LiBLearner(parameters: .quickDemo)
        var sizes: [Int: Int] = [:], probationSizes: [Int: Int] = [:], calls: [Int: Int] = [:]
        var evaluations: [Int: LiBEvaluation] = [:]
        let test = corpus.testSentences()
        var position = 0
        for step in 0...200 {
            let end = min(position + 200, corpus.sentences.count)
            learner.learn(article: corpus.sentences[position..<end])
            position = end >= corpus.sentences.count ? 0 : end
            sizes[step] = learner.lexiconChunks.count
            probationSizes[step] = learner.probation.count
            calls[step] = learner.rng.randomCalls
            if step % 100 == 0 { evaluations[step] = learner.evaluate(on: test) }
        }
        #expect(sizes[0] == 415 && sizes[1] == 708 && sizes[2] == 748 && sizes[100] == 2015 && sizes[200] == 2338)
        #expect(probationSizes[0] == 288 && probationSizes[1] == 478 && probationSizes[2] == 440)
        #expect(probationSizes[200] == 193)
        #expect(calls[0] == 1187 && calls[1] == 2159 && calls[2] == 2983 && calls[200] == 117_423)
        #expect(learner.rerankSearchMisses == 0)
        func rounded(_ x: Double, _ places: Double) -> Double { (x * places).rounded() / places }
        #expect(evaluations[0].map { [rounded($0.typeLength, 10), rounded($0.tokenLength, 10), rounded($0.evalIndex, 1000)] }
                == [4.2, 3.8, 0.431])
        #expect(evaluations[100].map { [rounded($0.typeLength, 10), rounded($0.tokenLength, 10), rounded($0.evalIndex, 1000)] }
                == [7.5, 8.7, 0.791])
        #expect(evaluations[200].map { [rounded($0.typeLength, 10), rounded($0.tokenLength, 10), rounded($0.evalIndex, 1000)] }
                == [8.0, 9.2, 0.819])
        learner.cleanLexicon()
        #expect(learner.lexicon.count == 2145)
        #expect(Array(learner.lexicon.prefix(30)) == Self.head30)
        #expect(test.map { learner.segment($0).map(LiBLearner.string) } == Self.testSegmentations)
    }
}

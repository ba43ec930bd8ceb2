import Testing
@testable import TokenKitLiB

/// Spec §1.8 oracle B: an 8-sentence training run of the reference (α 0.25, ω 0.01, τ0 3,
/// Δ 0.1, inspect_context, seed 0, 4 sentences per step, 30 steps).
enum OracleB {
    static let corpusText = """
        you want to see the book
        can you feed it to the doggie
        what's it
        get it
        you want to feed the doggie
        see the doggie
        what's that
        get the book
        """

    static let parameters = LiBParameters(alpha: 0.25, omega: 0.01, life: 3, delta: 0.1, inspectContext: true,
                                          seed: 0, articleLength: 4)

    static let afterStep0 = ["o", "y", " ", "w", "a", "u", "t", "n", "s", "h", "e", "b", "k", "c", "an", "yo", "ou",
                             "i", "d", "u ", "f", "g", "to", "th", "he", " i", "ie", "at", "'", "et", " it"]

    static let finalBeforeClean = [
        "get", " ", "w", "o", "what's", "a", "t", "see", "you want to ", "an", "you ", "s", "h", " th",
        "e", "i", "d", "g", " it ", " the ", " to ", " the doggie ", "feed", " the book ", "can you ", "you feed",
        "feed it to", " it to the doggie ", "what's it ", "you want to feed the doggie ", "see the doggie ",
    ]

    static let segmentations: [[String]] = [
        ["you want to ", "see", " the book "],
        ["c", "an", " ", "y", "o", "u", " ", "f", "e", "e", "d", " it ", "t", "o", " the doggie "],
        ["what's", " it "],
        ["get", " it "],
        ["you want to ", "f", "e", "e", "d", " the doggie "],
        ["see", " the doggie "],
        ["what's", " th", "a", "t", " "],
        ["get", " the book "],
    ]
}

@Suite struct OracleBTests {
    @Test func lexiconAfterStepZero() {
        var learner = LiBLearner(parameters: OracleB.parameters)
        learner.train(on: LiBCorpus(text: OracleB.corpusText), steps: 1)
        #expect(learner.lexicon == OracleB.afterStep0)
        #expect(learner.probationLife(of: "y") == 2)
        #expect(learner.probationContext(of: "y").map { [$0.left, $0.right] } == ["", "o"])
        #expect(learner.probationContext(of: "an").map { [$0.left, $0.right] } == ["c", " "])
    }

    @Test func finalLexiconCleanUpAndSegmentation() {
        var learner = LiBLearner(parameters: OracleB.parameters)
        let corpus = LiBCorpus(text: OracleB.corpusText)
        learner.train(on: corpus, steps: 30)
        #expect(learner.lexicon == OracleB.finalBeforeClean)
        #expect(learner.rerankSearchMisses == 0)
        learner.cleanLexicon()
        #expect(learner.lexicon == Array(OracleB.finalBeforeClean.prefix(24)))
        #expect(corpus.sentences.map { learner.segment($0).map(LiBLearner.string) } == OracleB.segmentations)
    }
}

import Testing
import TokenKit
import TokenKitTestSupport
@testable import TokenKitLiB
/// The example lexicons in `vocabularies/lib/` load, keep the tokenizer laws and, with
/// `TOKENKIT_LONG_TESTS=1`, are reproduced exactly by retraining.
@Suite struct ShippedLexiconTests {
    static let names = ["english", "chinese-simplified", "python"]
    static func path(_ name: String) -> String { SharedData.repositoryRoot + "/vocabularies/lib/\(name).lib.txt" }

    @Test(arguments: names)
    func loadsAndKeepsTheLaws(_ name: String) async throws {
        let file = try LexiconFile.load(path: Self.path(name))
        #expect(file.mode == .production && file.lexicon.count > 1000)
        let tokenizer = try file.tokenizer(source: name)
        await TokenizerLaws.checkAll(tokenizer, seed: 21, count: 60)
    }

    @Test func englishSegmentsIntoWordsAndPhrases() throws {
        let t = try LexiconFile.load(path: Self.path("english")).tokenizer(source: "english")
        let pieces = try t.segment("The research is still in its early days.")
        #expect(pieces.joined() == "The research is still in its early days.")
        #expect(pieces.count < 12)
    }

    static let long = TestSystem.longTests

    @Test(.enabled(if: long, "set TOKENKIT_LONG_TESTS=1 to retrain the shipped English lexicon (about two minutes in a debug build)"),
          SharedData.requires("corpora/lang/english.txt"))
    func retrainingReproducesTheEnglishLexicon() throws {
        let corpus = try LiBTraining.corpus(paths: [SharedData.path("corpora/lang/english.txt") ?? ""], removeDivider: false)
        let learner = try LiBTraining.train(corpus: corpus, parameters: .quickDemo, steps: 201, mode: .production)
        #expect(learner.lexicon == (try LexiconFile.load(path: Self.path("english")).lexicon))
    }
}

import Testing
import TokenKit
import TokenKitBPE
import TokenKitTestSupport
@testable import TokenKitMixture

@Suite struct MergeListTests {
    /// A trained tokenizer's rank file gives back exactly its merges.
    @Test func ranksDeriveTheTrainersMerges() throws {
        let counts = PretokenCounts(randomWords(seed: 11, count: 400))
        let trained = try BPETrainer(.init(vocabularySize: 256 + 60)).train(counts)
        let table = try trained.tiktokenRanks().withUnsafeBufferPointer { b in
            Result { () throws(FormatError) -> TokenTable in try RankFile.parse(b) }
        }.get()
        let derived = MergeList(ranks: table, preTokenizer: TrainingPreTokenizer(), source: "ranks")
        let expected = MergeList(pairs: trained.merges.map { (trained.tokens[Int($0.0)], trained.tokens[Int($0.1)]) },
                                 preTokenizer: TrainingPreTokenizer(), source: "merges")
        #expect(derived.unreachable.isEmpty)
        #expect(derived.merges == expected.merges)
        #expect(derived.tokenBytes == expected.tokenBytes)
    }

    @Test func redundantAndBrokenMergesAreDropped() {
        let list = MergeList(pairs: [
            (Array("a".utf8), Array("b".utf8)),
            (Array("ab".utf8), Array("c".utf8)),
            (Array("a".utf8), Array("bc".utf8)),   // bc is not a token yet
            (Array("b".utf8), Array("c".utf8)),
            (Array("a".utf8), Array("bc".utf8)),   // abc exists already: redundant
        ], preTokenizer: TrainingPreTokenizer(), source: "t")
        #expect(list.count == 3)
        #expect(list.dropped.map(\.index) == [2, 4])
    }

    /// Llama 3's rank file: every token is a merge or reported unreachable (the paper notes
    /// tokens no merge produces).
    @Test(SharedData.requires("vocabularies/llama3/tokenizer.model"))
    func llama3RanksDeriveMergesAndReportUnreachableTokens() throws {
        let list = try MergeList.load(try #require(SharedData.path("vocabularies/llama3/tokenizer.model")))
        #expect(list.count + list.unreachable.count + list.dropped.count == 128_000 - 256)
        #expect(list.count > 127_000)
        #expect(list.preTokenizer.pattern == .llama3)
    }

    /// GPT-2's tokenizer.json: 50,000 merges, all usable, and the merge list agrees with vocab.bpe.
    @Test(SharedData.requires("vocabularies/gpt2/tokenizer.json"))
    func gpt2TokenizerJSONAndMergesTextAgree() throws {
        let json = try MergeList.load(try #require(SharedData.path("vocabularies/gpt2/tokenizer.json")))
        let text = try MergeList.load(try #require(SharedData.path("vocabularies/gpt2/vocab.bpe")))
        #expect(json.count == 50_000 && json.dropped.isEmpty)
        #expect(json.merges == text.merges)
    }
}

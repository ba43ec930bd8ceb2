import Testing
import TokenKit
@testable import TokenKitLiB

/// Spec §1.9 pitfalls L1–L12 and the §7 unit checks (trie, MOVE arithmetic, probation, tail).
@Suite struct PitfallTests {
    typealias Chunk = LiBLearner.Chunk
    static func chunk(_ s: String) -> Chunk { Array(s.unicodeScalars) }

    @Test func trieReturnsSecondLongestNotShortest() {
        var trie = ScalarTrie()
        for s in ["a", "aa", "aab", "b"] { trie.insert(Self.chunk(s)) }
        let m = trie.twoLongestPrefixes(of: Self.chunk("aaba"), from: 0)
        #expect(m.smaller == 2 && m.longest == 3)
        trie.remove(Self.chunk("aab"))
        #expect(trie.twoLongestPrefixes(of: Self.chunk("aaba"), from: 0) == (1, 2))
        #expect(trie.twoLongestPrefixes(of: Self.chunk("xa"), from: 0) == (0, 0))
    }

    /// L2: a long match without a shorter lexicon prefix comes out as one symbol (faithful);
    /// production emits the match.
    @Test func l2SingleSymbolQuirk() throws {
        #expect(LiBLearner(parameters: LiBParameters(), lexicon: ["abc"]).segment("abc") == ["a", "b", "c"])
        #expect(try LiBTokenizer(lexicon: ["abc"], mode: .production).segment("abc") == ["abc"])
    }

    /// L3: single symbols go on probation and can be forgotten; pinning keeps them.
    @Test func l3SymbolsCanBeForgottenUnlessPinned() {
        let corpus = LiBCorpus(text: OracleB.corpusText)
        var faithful = LiBLearner(parameters: OracleB.parameters)
        faithful.train(on: corpus, steps: 30)
        #expect(!faithful.lexicon.contains("f") && !faithful.lexicon.contains("c"))
        var pinnedParameters = OracleB.parameters
        pinnedParameters.pinSymbols = true
        var pinned = LiBLearner(parameters: pinnedParameters)
        pinned.train(on: corpus, steps: 30)
        pinned.cleanLexicon()
        let symbols = Set(corpus.sentences.joined().map { String($0) })
        #expect(symbols.isSubset(of: Set(pinned.lexicon)))
    }

    /// L4: the rank sum counts chunks outside the lexicon as 0.
    @Test func l4UnknownChunksAddZeroToRankSums() {
        let learner = LiBLearner(parameters: LiBParameters(), lexicon: ["ab", "a", "bd"])
        #expect(learner.rankSum([Self.chunk("ab"), Self.chunk("d")]) == 0)
        #expect(learner.segment("abd") == ["ab", "d"])
    }

    /// L5: an initial lexicon keeps the given rank order (the reference sorts a plain list).
    @Test func l5ExplicitRankOrder() {
        #expect(LiBLearner(parameters: LiBParameters(), lexicon: ["b", "a", "b", "c"]).lexicon == ["b", "a", "c"])
    }

    /// L6: a probation chunk whose stored and current contexts are all empty stays on
    /// probation; with a non-matching context it is released with a reward.
    @Test func l6AllEmptyContextsKeepProbation() {
        var learner = LiBLearner(parameters: LiBParameters(alpha: 0, life: 3), lexicon: ["hi "])
        learner.probation[Self.chunk("hi ")] = .init(life: 3, context: ([], []))
        learner.read(Self.chunk("hi "))
        #expect(learner.probationLife(of: "hi ") == 3)
        #expect(learner.rewards.isEmpty)

        learner.probation[Self.chunk("hi ")] = .init(life: 3, context: (Self.chunk("x"), []))
        learner.read(Self.chunk("hi "))
        #expect(learner.probationLife(of: "hi ") == nil)
        #expect(learner.rewards.map { LiBLearner.string($0.chunk) } == ["hi "])
        #expect(learner.rewards.map(\.effect) == [-1])
    }

    /// L7: one random() per matched chunk, none for unknown symbols.
    @Test func l7OneRandomCallPerMatchedChunk() {
        var learner = LiBLearner(parameters: LiBParameters(alpha: 0), lexicon: ["ab"])
        learner.read(Self.chunk("abxab"))
        #expect(learner.rng.randomCalls == 2)
        #expect(learner.lexicon == ["ab", "x"])
    }

    /// L8: ids are final ranks.
    @Test func l8IdsAreRanks() throws {
        let t = try LiBTokenizer(lexicon: ["the ", "cat ", "t", "h", "e", " ", "c", "a"], mode: .faithful)
        #expect(try t.encode("the cat ", options: .plain).ids == [0, 1])
        #expect(t.rank(of: "cat ") == 1 && t.rank(of: "dog") == nil)
    }

    /// L9: no match window: a 40-symbol entry still matches.
    @Test func l9NoMatchWindow() throws {
        let long = String(repeating: "a", count: 40)
        #expect(LiBLearner(parameters: LiBParameters(), lexicon: [long, "a"]).segment(long) == [long])
        #expect(try LiBTokenizer(lexicon: [long, "a"], mode: .faithful).pieces(long) == [long])
    }

    /// L10 and §1.3: corpus preparation (strip, split(' '), divider appended or removed).
    @Test func l10CorpusPreparation() {
        let corpus = LiBCorpus(text: "  you  want\t\r\n\n\u{3000}\n你 好\n")
        #expect(corpus.sentences.map(LiBLearner.string) == ["you  want ", "你 好 "])
        let chinese = LiBCorpus(text: "你 好\n世界\n", removeDivider: true)
        #expect(chinese.sentences.map(LiBLearner.string) == ["你好", "世界"])
        // A line without any divider is one token (plus the divider).
        #expect(LiBCorpus(text: "abc").sentences.map(LiBLearner.string) == ["abc "])
        #expect(LiBCorpus.isPythonSpace("\u{85}") && LiBCorpus.isPythonSpace("\u{1C}") && !LiBCorpus.isPythonSpace("\u{200B}"))
    }

    /// L11: the tail start is Int((1 - ω)·|L|) with Python's operation order.
    @Test func l11TailMarking() {
        var learner = LiBLearner(parameters: LiBParameters(omega: 0.01, life: 3),
                                 lexicon: (0..<415).map { "w\($0)" })
        learner.markTail()
        #expect(learner.probationChunks == (410..<415).map { "w\($0)" })
        var small = LiBLearner(parameters: LiBParameters(omega: 0.0001), lexicon: (0..<50).map { "w\($0)" })
        small.markTail()
        #expect(small.probationChunks == ["w49"])
        #expect(small.probationContext(of: "w49") == nil && small.probationLife(of: "w49") == 10)
    }

    /// L12 and MOVE: step ⌊r·Δ⌋+1, head immovable, demotion past the tail forgets.
    @Test func rerankArithmetic() {
        let letters = (0..<10).map { String(UnicodeScalar(UInt8(97 + $0))) }  // a…j
        func run(_ delta: Double, _ rewards: [(String, Int)]) -> [String] {
            var learner = LiBLearner(parameters: LiBParameters(delta: delta), lexicon: letters)
            learner.rewards = rewards.map { (Self.chunk($0.0), $0.1) }
            learner.rerank(removing: [])
            #expect(learner.rerankSearchMisses == 0)
            return learner.lexicon
        }
        #expect(run(0.1, [("j", -1)]) == ["a", "b", "c", "d", "e", "f", "g", "h", "j", "i"])
        #expect(run(0.5, [("j", -1)]) == ["a", "b", "c", "d", "j", "e", "f", "g", "h", "i"])
        #expect(run(0.1, [("a", +1)]) == letters)
        #expect(run(0.1, [("i", +1)]) == ["a", "b", "c", "d", "e", "f", "g", "h", "j", "i"])
        #expect(run(0.1, [("j", +1)]) == Array(letters.prefix(9)))
        // Rewards for forgotten chunks are dropped; several moves apply in order.
        var learner = LiBLearner(parameters: LiBParameters(delta: 0.1), lexicon: letters)
        learner.rewards = [(Self.chunk("c"), +1), (Self.chunk("e"), -1), (Self.chunk("g"), -1)]
        learner.rerank(removing: [Self.chunk("g")])
        #expect(learner.lexicon == ["a", "b", "d", "e", "c", "f", "g", "h", "i", "j"])
    }

    @Test func probationDecrementsAndExpires() {
        var learner = LiBLearner(parameters: LiBParameters(life: 2), lexicon: ["a", "b"])
        learner.probation[Self.chunk("b")] = .init(life: 2, context: nil)
        #expect(learner.forgetExpired().isEmpty)
        #expect(learner.probationLife(of: "b") == 1)
        #expect(learner.forgetExpired() == [Self.chunk("b")])
        #expect(learner.lexicon == ["a"])
    }

    @Test func trainingIsDeterministicAndSeedDependent() {
        let corpus = LiBCorpus(text: OracleB.corpusText)
        func lexicon(seed: Int) -> [String] {
            var p = OracleB.parameters
            p.seed = seed
            var learner = LiBLearner(parameters: p)
            learner.train(on: corpus, steps: 10)
            return learner.lexicon
        }
        #expect(lexicon(seed: 0) == lexicon(seed: 0))
        #expect(lexicon(seed: 0) != lexicon(seed: 1))
    }

    @Test func emptyCorpusTrainsNothing() throws {
        var learner = LiBLearner(parameters: LiBParameters())
        learner.train(on: LiBCorpus(text: "\n \n"), steps: 5)
        #expect(learner.lexicon.isEmpty && learner.stepsDone == 0)
        #expect(throws: LiBError.self) { try LiBCorpus(utf8: [0x61, 0xC0], name: "x") }
        #expect(throws: LiBError.self) { try LiBParameters(alpha: 2).validate() }
        #expect(throws: LiBError.self) { try LiBParameters(life: 0).validate() }
    }
}

/// The demo's evaluation line (spec §1.6).
@Suite struct EvaluationTests {
    @Test func typeLengthTokenLengthAndEvalIndex() {
        let learner = LiBLearner(parameters: LiBParameters(), lexicon: ["the ", "cat ", "t", "h", "e", " ", "c", "a"])
        let e = learner.evaluate(on: [Array("the cat ".unicodeScalars)])
        #expect(e.lexiconSize == 8)
        #expect(e.typeLength == 14.0 / 8.0)          // (4 + 4 + 6·1) / 8
        #expect(e.tokenLength == 4.0)                // "the " "cat "
        #expect(e.evalIndex == 4.0 / 3.0)            // 4 / log2(8)
    }
}

import Testing
import TokenKit
import TokenKitTestSupport
@testable import TokenKitBPE

@Suite("Merge engine")
struct MergeEngineTests {
    /// A tiny rank vocabulary: bytes, then q-runs, to check equal-rank ties.
    static func tinyRanks() throws -> BPEModel {
        var b = TokenTable.Builder()
        for i in 0..<256 { b.add([UInt8(i)], id: TokenID(i)) }
        b.add(Array("qq".utf8), id: 256)
        b.add(Array("ab".utf8), id: 257)
        b.add(Array("abab".utf8), id: 258)
        return BPEModel(table: try b.build(), rule: .ranks)
    }

    @Test("equal ranks merge leftmost first: qqq → qq|q")
    func leftmostTies() throws {
        let m = try Self.tinyRanks()
        #expect(m.encodePiece(Array("qqq".utf8)) == [256, UInt32(UInt8(ascii: "q"))])
        // Heap path (≥ 128 bytes) gives the same leftmost pairing.
        let long = [UInt8](repeating: UInt8(ascii: "q"), count: 301)
        #expect(m.encodePiece(long) == [TokenID](repeating: 256, count: 150) + [TokenID(UInt8(ascii: "q"))])
    }

    @Test("heap merge equals linear merge on random long pieces", SharedData.required)
    func heapEqualsLinear() throws {
        let t = try SharedVocabularies.tokenizer("cl100k_base")
        let q = try SharedVocabularies.tokenizer("qwen2")
        var rng = SplitMix64(seed: 42)
        let letters = Array("abcdeqrst etaoin".utf8) + Array("ñé東".utf8)
        for model in [t.model, q.model] {
            for _ in 0..<40 {
                let n = 130 + Int(rng.next() % 300)
                let piece = (0..<n).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }
                var a = IDSink(), b = IDSink()
                piece.withUnsafeBufferPointer { p in
                    switch model.rule {
                    case .ranks:
                        let r = RankRule(table: model.table, base: p.baseAddress!, bytePairs: model.bytePairs)
                        model.linearMerge(p.baseAddress!, 0, n, r, &a)
                        model.heapMerge(p.baseAddress!, 0, n, r, &b)
                    case .pairs(let pt):
                        let r = PairRule(pairs: pt)
                        model.linearMerge(p.baseAddress!, 0, n, r, &a)
                        model.heapMerge(p.baseAddress!, 0, n, r, &b)
                    }
                }
                #expect(a.ids == b.ids)
            }
        }
    }

    /// Runs the heap merge and the bucket merge on one piece; `nil` when the bucket merge
    /// declined (its precondition failed).
    static func heapAndBucket(_ model: BPEModel, _ piece: [UInt8]) -> (heap: [TokenID], bucket: [TokenID]?) {
        var a = IDSink(), b = IDSink()
        var took = false
        piece.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            switch model.rule {
            case .ranks:
                let r = RankRule(table: model.table, base: base, bytePairs: model.bytePairs)
                model.heapMerge(base, 0, p.count, r, &a)
                took = model.bucketMerge(base, 0, p.count, r, rankLimit: model.table.idCount, &b)
            case .pairs(let pt):
                let r = PairRule(pairs: pt)
                model.heapMerge(base, 0, p.count, r, &a)
                took = model.bucketMerge(base, 0, p.count, r, rankLimit: pt.count, &b)
            }
        }
        return (a.ids, took ? b.ids : nil)
    }

    @Test("bucket merge equals heap merge: random pieces and pathological runs", SharedData.required,
          arguments: ["cl100k_base", "o200k_base", "qwen2", "gpt2", "llama3"])
    func bucketEqualsHeap(name: String) throws {
        let model = try SharedVocabularies.tokenizer(name).model
        var rng = SplitMix64(seed: 7)
        // Few distinct letters make long equal-rank chains; spaces and CJK are the spec's cases.
        let alphabets: [[UInt8]] = [Array("a".utf8), Array(" ".utf8), Array("ab".utf8), Array("aab ".utf8),
                                    Array("abcdeqrst etaoin".utf8) + Array("ñé東".utf8), Array("0123456789".utf8),
                                    Array("中".utf8), Array("\n\n \t".utf8)]
        var taken = 0
        for round in 0..<48 {
            let letters = alphabets[round % alphabets.count]
            let n = 2 + Int(rng.next() % 700)
            let piece = (0..<n).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }
            let (heap, bucket) = Self.heapAndBucket(model, piece)
            if let bucket {
                #expect(bucket == heap, "\(name): \(piece.prefix(40))…")
                taken += 1
            }
        }
        for letter in ["a", " ", "中", "7"] {
            let run = Array(String(repeating: letter, count: 5000 / letter.utf8.count).utf8)
            let (heap, bucket) = Self.heapAndBucket(model, run)
            #expect(bucket == heap, "\(name): run of \(letter)")
        }
        // The linear path is the point: it must run (not fall back) on these real vocabularies.
        #expect(taken >= 40, "\(name): bucket merge declined \(48 - taken) of 48 pieces")
    }

    @Test("bucket merge declines a vocabulary whose merge lowers the rank; encodePiece still exact")
    func bucketFallback() throws {
        var b = TokenTable.Builder()
        for i in 0..<256 { b.add([UInt8(i)], id: TokenID(i)) }
        b.add(Array("abc".utf8), id: 256)   // reachable only after "ab", which ranks later
        b.add(Array("ab".utf8), id: 257)
        let model = BPEModel(table: try b.build(), rule: .ranks)
        let piece = Array(String(repeating: "abc", count: 2000).utf8)
        let (heap, bucket) = Self.heapAndBucket(model, piece)
        #expect(bucket == nil)
        #expect(heap == [TokenID](repeating: 256, count: 2000))
        #expect(model.encodePiece(piece) == heap)
    }

    @Test("literal matcher: leftmost-longest and 150k literals load fast")
    func literalMatcher() throws {
        let m = LiteralMatcher([Array("<|a|>".utf8), Array("<|a|>x".utf8), Array("<|b".utf8)])
        let text = Array("zz<|b<|a|>xy".utf8)
        let hit = text.withUnsafeBufferPointer { m.nextMatch(in: $0, from: 0, end: $0.count) { _ in true } }
        #expect(hit?.literal == 2 && hit?.range == 2..<5)
        let hit2 = text.withUnsafeBufferPointer { m.nextMatch(in: $0, from: 5, end: $0.count) { _ in true } }
        #expect(hit2?.literal == 1 && hit2?.range == 5..<11)
        let many = (0..<150_000).map { Array("<|extra_token_\($0)|>".utf8) }
        let clock = ContinuousClock()
        let start = clock.now
        let big = LiteralMatcher(many)
        // Generous bound: debug build on a shared, loaded machine (release: ~0.05 s).
        #expect(clock.now - start < .seconds(20))
        let probe = Array("text <|extra_token_149999|> more".utf8)
        let found = probe.withUnsafeBufferPointer { big.nextMatch(in: $0, from: 0, end: $0.count) { _ in true } }
        #expect(found?.literal == 149_999 && found?.range == 5..<27)
    }
}

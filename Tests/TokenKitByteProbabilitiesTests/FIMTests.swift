import Testing
import TokenKit
import TokenKitByteProbabilities
import TokenKitLM

/// A toy `LanguageModel` that records its contexts: after `<MID>` it prefers "ab", then `<EOT>`.
final class ScriptedLM: LanguageModel, @unchecked Sendable {
    let vocabularySize: Int
    let contextLength = 64
    let mid: TokenID, eot: TokenID
    init(vocabularySize: Int, mid: TokenID, eot: TokenID) {
        self.vocabularySize = vocabularySize
        self.mid = mid
        self.eot = eot
    }
    func makeSession() -> Session { Session(self) }

    final class Session: LanguageModelSession {
        let lm: ScriptedLM
        private(set) var tokens: [TokenID] = []
        init(_ lm: ScriptedLM) { self.lm = lm }
        var vocabularySize: Int { lm.vocabularySize }
        var capacity: Int { lm.contextLength }
        func append(_ token: TokenID) throws(LMError) { tokens.append(token) }
        func truncate(to length: Int) throws(LMError) {
            guard length >= 0 && length <= tokens.count else { throw LMError(.invalidLength, "bad length") }
            tokens.removeLast(tokens.count - length)
        }
        func withLogits<R>(_ body: (UnsafeBufferPointer<Float>) -> R) throws(LMError) -> R {
            guard let i = tokens.lastIndex(of: lm.mid) else { throw LMError(.emptyContext, "no <MID>") }
            var logits = [Float](repeating: -20, count: lm.vocabularySize)
            switch tokens.count - i - 1 {
            case 0: logits[4] = 5          // "ab"
            default: logits[Int(lm.eot)] = 5
            }
            return logits.withUnsafeBufferPointer(body)
        }
    }
}

@Suite("Fill in the middle")
struct FIMTests {
    @Test("context is <PRE> prefix <SUF> suffix <MID>; END-of-middle is an outcome that stops generation")
    func toyFIM() throws {
        let tokenizer = ToyBPE(merges: Toy.merges, sentinels: ["<PRE>", "<SUF>", "<MID>", "<EOT>"])
        let ids = tokenizer.sentinels.map(\.id)
        let lm = ScriptedLM(vocabularySize: tokenizer.vocabularySize, mid: ids[2], eot: ids[3])
        let model = try FillInTheMiddle.model(model: lm, tokenizer: tokenizer, prefix: Array("aab".utf8), suffix: Array("ba".utf8))
        #expect(model.source.prefix == [ids[0], 5, ids[1], 6, ids[2]])   // aab = id 5, ba = id 6
        let g = try model.generate(bytes: 10, options: ByteSamplingOptions(temperature: 0))
        #expect(g.bytes == Array("ab".utf8))
        #expect(g.stoppedBy == "<EOT>")
    }

    @Test("no sentinels (stories260K's tok512, the toy without them): a clear error")
    func noSentinels() throws {
        let tokenizer = ToyBPE(merges: Toy.merges)
        let lm = ScriptedLM(vocabularySize: tokenizer.vocabularySize, mid: 99, eot: 98)
        #expect(throws: ByteProbabilityError.self) {
            _ = try FillInTheMiddle.model(model: lm, tokenizer: tokenizer, prefix: [0x61], suffix: [0x62])
        }
        do {
            _ = try FillInTheMiddle.model(model: lm, tokenizer: tokenizer, prefix: [0x61], suffix: [0x62])
        } catch {
            #expect(error.code == .noFIMSentinels)
        }
    }
}

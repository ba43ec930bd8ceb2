import Testing
import TokenKit
import TokenKitBPE
import TokenKitByteProbabilities
import TokenKitTestSupport

/// A deterministic synthetic token LM over a real vocabulary: `q(v | context) ∝ TestSystem.exp(s)` over a
/// fixed candidate set, with `s ∈ [0, 4)` a hash of the context and `v`. No model file with the
/// tiktoken vocabularies exists; this one gives every candidate mass after every context, so
/// invalid token strings get mass too and the validity notion decides everything.
final class HashSource: TokenProbabilitySource {
    let vocabularySize: Int
    /// Ids with mass (sorted).
    let candidates: [Int]
    let seed: UInt64

    init(vocabularySize: Int, candidates: [Int], seed: UInt64) {
        self.vocabularySize = vocabularySize
        self.candidates = candidates.sorted()
        self.seed = seed
    }

    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    func logProbabilities(after context: [TokenID]) throws(ByteProbabilityError) -> [Double] {
        var h = Self.mix(seed)
        for id in context { h = Self.mix(h ^ UInt64(id)) }
        let scores = candidates.map { v in Double(Self.mix(h ^ (UInt64(v) &* 0x2545_F491_4F6C_DD1D)) >> 11) / Double(1 << 53) * 4 }
        let top = scores.max() ?? 0
        let lse = top + TestSystem.log(scores.reduce(0) { $0 + TestSystem.exp($1 - top) })
        var out = [Double](repeating: -.infinity, count: vocabularySize)
        for (i, v) in candidates.enumerated() { out[v] = scores[i] - lse }
        return out
    }

    /// Every token whose bytes occur in one of `streams` (up to 16 bytes), and the specials
    /// that are outcomes (end of text).
    static func candidates<T: Tokenizer>(for streams: [[UInt8]], codec: ByteStreamCodec<T>) -> [Int] {
        var ids = Set<Int>()
        for s in streams {
            for i in s.indices {
                for j in (i + 1)...min(s.count, i + 16) {
                    if let e = codec.encodeSegment(s[i..<j]), e.count == 1 { ids.insert(Int(e[0])) }
                }
            }
        }
        for id in codec.outcomeIndex.indices where codec.outcomeIndex[id] >= 0 { ids.insert(id) }
        return ids.sorted()
    }
}

/// The incremental algorithm on regex-pre-tokenized byte-level BPE (r50k, cl100k, o200k) with
/// prefix-validity: == brute-force cover enumeration and == a fresh start, at every byte of
/// streams with whitespace runs, tabs, newlines, digits, contractions, case changes and
/// incomplete UTF-8.
@Suite("Regex BPE: incremental == brute force under prefix-validity", SharedData.required)
struct RegexBPETests {
    static let designed: [[UInt8]] = [
        "x\n\n a", "ab  c", "hi \t\tyo", "it's 12345", "don't x'll", "a\r\n\r\nb", "AB cDe", "1\u{A0} 2", "go!  ?", "x\t\ty",
    ].map { Array($0.utf8) } + [[0x78, 0x20, 0xC3, 0xA9, 0x20, 0xC3, 0xA9]]

    static let alphabet: [[UInt8]] = ["a", "b", "Ab", " ", "  ", "\t", "\n", "\n\n", "1", "23", "'s", "!", "é", " x"].map { Array($0.utf8) }

    static func streams() -> [[UInt8]] {
        var rng = SplitMix64(seed: 41)
        let random = (0..<(Environment.long ? 30 : 3)).map { _ in
            (0..<(2 + Int(rng.next() % 4))).flatMap { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
        }
        return (Environment.long ? designed : Array(designed.prefix(6)) + [designed[10]]) + random
    }

    @Test("incremental == brute force (rel. err < 1e-9) and == fresh, at every byte", arguments: BPEPropertyTests.names)
    func bruteForce(name: String) throws {
        let codec = try BPEPropertyTests.codec(name)
        let streams = Self.streams()
        let source = HashSource(vocabularySize: codec.bytes.count, candidates: HashSource.candidates(for: streams, codec: codec), seed: 5)
        var extraFrontiers = 0
        var endOutcomes = 0
        for stream in streams {
            let lm = try ByteLevelModel(codec: codec, source: source, stream: [stream[0]])
            for n in 1...stream.count {
                if n > 1 { try lm.append(stream[n - 1]) }
                let x = Array(stream[..<n])
                let d = try lm.nextByte()
                #expect(abs(d.probabilities.reduce(0, +) - 1) < 1e-12 && d.probabilities.allSatisfy { $0 >= 0 })
                var oracle = BruteForce(codec: codec, source: source, support: source.candidates)
                let m = try oracle.masses(stream: x)
                let total = m.reduce(0, +)
                #expect(abs(total - TestSystem.exp(d.logMass)) <= 1e-9 * total, "\(name) \(x): mass")
                for k in m.indices {
                    let want = m[k] / total
                    #expect(abs(d.probabilities[k] - want) <= 1e-9 * max(want, 1e-12) + 1e-15, "\(name) \(x): outcome \(k)")
                }
                if m.count > 256 && m[256] > 0 { endOutcomes += 1 }
                // Incremental == fresh (covers as sets, log-probs).
                let fresh = try ByteLevelModel(codec: codec, source: source, stream: x)
                #expect(fresh.split == lm.split && fresh.prefixTokens == lm.prefixTokens)
                let a = Dictionary(uniqueKeysWithValues: lm.covers.map { ([$0.tokens.map(Int.init), $0.rest.map(Int.init)], $0.logProbability) })
                let b = Dictionary(uniqueKeysWithValues: fresh.covers.map { ([$0.tokens.map(Int.init), $0.rest.map(Int.init)], $0.logProbability) })
                #expect(Set(a.keys) == Set(b.keys), "\(name) \(x): cover sets")
                for (k, v) in a { #expect(abs(v - (b[k] ?? .infinity)) < 1e-9) }
                if lm.covers.filter({ $0.rest.isEmpty }).count > 1 { extraFrontiers += 1 }
                #expect(lm.canonicalEncoding == codec.encodeSegment(x[...]))
            }
        }
        // The streams do reach prefixes with several prefix-valid tokenizations (whitespace
        // runs), where the plain-validity algorithm was not exact, and the END outcome.
        #expect(extraFrontiers > 0)
        #expect(endOutcomes > 0)
    }

    /// By hand: after a whitespace run both the canonical encoding (the text ends there) and the
    /// cut a continuation needs (`enc("x\n\n")` vs `enc("x\n\n a")` on r50k) are frontiers;
    /// END follows only the canonical one.
    @Test("whitespace runs: several frontiers, END only after the canonical one", arguments: BPEPropertyTests.names)
    func whitespaceFrontiers(name: String) throws {
        let codec = try BPEPropertyTests.codec(name)
        var found = 0
        let texts = ["x\n\n", "x  ", "x\t\t", "x \t"]
        let source = HashSource(vocabularySize: codec.bytes.count,
                                candidates: HashSource.candidates(for: texts.map { Array(($0 + " a1\n").utf8) }, codec: codec), seed: 3)
        for text in texts {
            let x = Array(text.utf8)
            let canonical = try #require(codec.encodeSegment(x[...]))
            let valid = codec.validTokenizations(of: x[...])
            #expect(valid.contains(canonical))
            for z in [" a", "a", "1", "\n"] {
                let later = try #require(codec.encodeSegment((x + Array(z.utf8))[...]))
                var covered = 0, k = 0
                while k < later.count && covered < x.count { covered += codec.bytes[Int(later[k])].count; k += 1 }
                guard covered == x.count else { continue }
                let cut = Array(later[..<k])
                #expect(valid.contains(cut), "\(text) + \(z)")
                if cut != canonical {
                    found += 1
                    #expect(codec.isPrefixValid(cut) && !codec.isCanonical(cut))
                }
            }
            let lm = try ByteLevelModel(codec: codec, source: source, stream: x)
            #expect(Set(lm.covers.filter { $0.rest.isEmpty }.map { lm.prefixTokens + $0.tokens }) == valid)
            if valid.count > 1 {
                let d = try lm.nextByte()
                // END's mass comes from the canonical frontier alone: P(END) = p_T·q(END|T) / Σm.
                let end = try #require(codec.outcomeNames.firstIndex(of: "END"))
                let canonicalCover = try #require(lm.covers.first { $0.rest.isEmpty && lm.prefixTokens + $0.tokens == canonical })
                let q = try source.logProbabilities(after: lm.prefixTokens + canonicalCover.tokens)
                let endMass = codec.outcomeIndex.indices.filter { codec.outcomeIndex[$0] == end }.reduce(0.0) { $0 + TestSystem.exp(q[$1]) }
                #expect(endMass > 0)
                let want = TestSystem.exp(canonicalCover.logProbability) * endMass / TestSystem.exp(d.logMass)
                #expect(abs(d.probabilities[256 + end] - want) < 1e-12)
            }
        }
        #expect(found > 0)
    }
}

import TokenKit
import TokenKitByteProbabilities
import TokenKitTestSupport

/// A small BPE over {a, b} (spec §1.9 T1): id 0 is END (an EOS special, appended after the
/// text), 1 "a", 2 "b", then one id per merge. Merges apply lowest rank first, leftmost on ties.
struct ToyBPE: Tokenizer {
    let pieces: [[UInt8]]
    /// (left id, right id) → (rank, merged id).
    let mergeTable: [[TokenID]: (rank: Int, id: TokenID)]

    /// Sentinel specials (ids after the merges), e.g. FIM's `<PRE> <SUF> <MID> <EOT>`.
    let sentinels: [SpecialToken]

    init(merges: [(String, String)], sentinels: [String] = []) {
        var pieces: [[UInt8]] = [Array("END".utf8), [0x61], [0x62]]
        var table: [[TokenID]: (rank: Int, id: TokenID)] = [:]
        for (rank, (l, r)) in merges.enumerated() {
            let li = TokenID(pieces.firstIndex(of: Array(l.utf8))!)
            let ri = TokenID(pieces.firstIndex(of: Array(r.utf8))!)
            pieces.append(Array((l + r).utf8))
            table[[li, ri]] = (rank, TokenID(pieces.count - 1))
        }
        var specials: [SpecialToken] = []
        for name in sentinels {
            pieces.append(Array(name.utf8))
            specials.append(SpecialToken(id: TokenID(pieces.count - 1), text: name, role: .sentinel))
        }
        self.pieces = pieces
        self.mergeTable = table
        self.sentinels = specials
    }

    var family: TokenizerFamily { .bpe }
    var source: String { "toy" }
    var vocabularySize: Int { pieces.count }
    var specialTokens: SpecialTokens { SpecialTokens([SpecialToken(id: 0, text: "END", role: .eos)] + sentinels) }
    var roundTrip: RoundTrip { .bytes }
    func tokenBytes(_ id: TokenID) -> [UInt8]? { Int(id) < pieces.count ? pieces[Int(id)] : nil }

    func encode(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Encoding {
        var ids: [TokenID] = []
        for (i, b) in bytes.enumerated() {
            guard b == 0x61 || b == 0x62 else { throw .invalidUTF8(at: i) }
            ids.append(b == 0x61 ? 1 : 2)
        }
        while true {
            var best: (rank: Int, at: Int, id: TokenID)?
            for i in 0..<max(0, ids.count - 1) {
                if let m = mergeTable[[ids[i], ids[i + 1]]], best == nil || m.rank < best!.rank { best = (m.rank, i, m.id) }
            }
            guard let m = best else { break }
            ids.replaceSubrange(m.at...(m.at + 1), with: [m.id])
        }
        var out = Encoding()
        var offset = 0
        for id in ids {
            out.append(id, covering: offset..<(offset + pieces[Int(id)].count))
            offset += pieces[Int(id)].count
        }
        return out
    }
}

/// The byte source of T1: a Markov chain over {a, b} with stopping, strings of length 1…9.
struct ToySource {
    static let start: [Double] = [0.6, 0.4]
    /// after a / after b: (a, b, stop)
    static let transition: [[Double]] = [[0.5, 0.3, 0.2], [0.45, 0.35, 0.2]]
    static let maxLength = 9

    /// Every complete string with its probability.
    static let strings: [([UInt8], Double)] = {
        var out: [([UInt8], Double)] = []
        func walk(_ x: [UInt8], _ p: Double) {
            let last = x.last == 0x61 ? 0 : 1
            if x.count == maxLength { out.append((x, p)); return }
            out.append((x, p * transition[last][2]))
            walk(x + [0x61], p * transition[last][0])
            walk(x + [0x62], p * transition[last][1])
        }
        walk([0x61], start[0])
        walk([0x62], start[1])
        return out
    }()

    /// Probability that the string starts with `x`.
    static func prefixProbability(_ x: [UInt8]) -> Double {
        strings.reduce(0) { $0 + ($1.0.starts(with: x) ? $1.1 : 0) }
    }

    /// Probability that the string is exactly `x`.
    static func exactProbability(_ x: [UInt8]) -> Double {
        strings.first { $0.0 == x }?.1 ?? 0
    }

    /// The true next-outcome distribution after `x` (bytes, then END), or nil when P(x) = 0.
    static func conditional(_ x: [UInt8]) -> [Double]? {
        let px = prefixProbability(x)
        guard px > 0 else { return nil }
        var d = [Double](repeating: 0, count: 257)
        d[0x61] = prefixProbability(x + [0x61]) / px
        d[0x62] = prefixProbability(x + [0x62]) / px
        d[256] = exactProbability(x) / px
        return d
    }
}

/// The exact token LM of a byte source under a tokenizer: `P_tok(t) = Σ_x P(x)·[enc(x)+END starts with t]`.
final class PerfectTokenLM: TokenProbabilitySource {
    let vocabularySize: Int
    var mass: [[TokenID]: Double] = [:]
    private(set) var calls = 0

    init(tokenizer: ToyBPE) {
        vocabularySize = tokenizer.vocabularySize
        for (x, p) in ToySource.strings {
            let ids = (try? tokenizer.encode(x, options: EncodeOptions(framing: .none)).ids) ?? []
            let s = ids + [0]
            for k in 0...s.count { mass[Array(s[..<k]), default: 0] += p }
        }
    }

    func logProbabilities(after context: [TokenID]) throws(ByteProbabilityError) -> [Double] {
        calls += 1
        let base = mass[context] ?? 0
        return (0..<vocabularySize).map { v in
            let m = mass[context + [TokenID(v)]] ?? 0
            return base > 0 && m > 0 ? TestSystem.log(m / base) : -.infinity
        }
    }
}

enum Toy {
    static let merges = [("a", "a"), ("a", "b"), ("aa", "b"), ("b", "a"), ("ab", "a")]
    /// A second vocabulary over the same source (T6).
    static let otherMerges = [("b", "b"), ("b", "a"), ("a", "b"), ("ba", "b"), ("a", "a"), ("aa", "a")]

    /// All byte strings over {a, b} of length 0…n.
    static func allStrings(upTo n: Int) -> [[UInt8]] {
        var out: [[UInt8]] = [[]]
        var layer: [[UInt8]] = [[]]
        for _ in 0..<n {
            layer = layer.flatMap { [$0 + [0x61], $0 + [0x62]] }
            out += layer
        }
        return out
    }
}


import TokenKit
import TokenKitByteProbabilities
import TokenKitTestSupport

/// The T2 oracle: enumerate by DFS every token string (after the split prefix) whose bytes stay
/// consistent with the stream's tail, keep the valid covers of `tail·b`, sum their probabilities.
/// Does not use prefix closure (invalid prefixes are explored too). Covers must be valid under the
/// codec's notion (prefix-validity for regex pre-tokenizers); a special outcome needs the
/// canonical encoding before it (the text ends there).
struct BruteForce<T: Tokenizer, S: TokenProbabilitySource> {
    let codec: ByteStreamCodec<T>
    let source: S
    var cache: [[TokenID]: [Double]] = [:]
    private(set) var calls = 0
    /// The ids the source can give mass to (`nil`: all); a sparse source over a big vocabulary
    /// is then neither cached nor scanned in full.
    let support: [Int]?

    init(codec: ByteStreamCodec<T>, source: S, support: [Int]? = nil) {
        self.codec = codec
        self.source = source
        self.support = support
    }

    mutating func logProbs(_ context: [TokenID]) throws -> [Double] {
        if let c = cache[context] { return c }
        let lp = try source.logProbabilities(after: context)
        calls += 1
        if support == nil { cache[context] = lp }
        return lp
    }

    /// Unnormalised next-outcome masses after `stream` (relative to the split prefix).
    mutating func masses(stream: [UInt8], canonical: Bool = true) throws -> [Double] {
        let j = codec.splitPoint(in: stream)
        let prefix = codec.encodeSegment(stream[..<j]) ?? []
        let tail = Array(stream[j...])
        var m = [Double](repeating: 0, count: codec.outcomeCount)
        func valid(_ t: [TokenID]) -> Bool { !canonical || codec.isPrefixValid(t) }
        func ends(_ t: [TokenID]) -> Bool { !canonical || codec.isCanonical(t) }
        // (tokens, decoded bytes, log P)
        var stack: [([TokenID], [UInt8], Double)] = [([], [], 0)]
        while let (t, bytes, lp) = stack.popLast() {
            if bytes.count > tail.count {
                if valid(t) { m[Int(bytes[tail.count])] += TestSystem.exp(lp) }
                continue
            }
            let next = try logProbs(prefix + t)
            for v in support ?? Array(0..<next.count) where next[v] > -.infinity {
                let vb = codec.bytes[v]
                if bytes.count == tail.count {
                    if codec.outcomeIndex[v] >= 0 {
                        if ends(t) { m[256 + codec.outcomeIndex[v]] += TestSystem.exp(lp + next[v]) }
                    } else if !vb.isEmpty, valid(t + [TokenID(v)]) {
                        m[Int(vb[0])] += TestSystem.exp(lp + next[v])
                    }
                    continue
                }
                guard !vb.isEmpty else { continue }
                let combined = bytes + vb
                let n = min(combined.count, tail.count)
                guard combined[..<n] == tail[..<n] else { continue }
                stack.append((t + [TokenID(v)], combined, lp + next[v]))
            }
        }
        return m
    }
}

/// Every token equally likely: lets cover *sets* be compared without a model.
final class UniformSource: TokenProbabilitySource {
    let vocabularySize: Int
    init(vocabularySize: Int) { self.vocabularySize = vocabularySize }
    func logProbabilities(after context: [TokenID]) throws(ByteProbabilityError) -> [Double] {
        [Double](repeating: -TestSystem.log(Double(vocabularySize)), count: vocabularySize)
    }
}

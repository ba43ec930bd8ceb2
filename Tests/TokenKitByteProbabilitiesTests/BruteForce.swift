import TokenKit
import TokenKitByteProbabilities

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The T2 oracle: enumerate by DFS every token string (after the split prefix) whose bytes stay
/// consistent with the stream's tail, keep the valid covers of `tail·b`, sum their probabilities.
/// Does not use prefix closure (invalid prefixes are explored too).
struct BruteForce<T: Tokenizer, S: TokenProbabilitySource> {
    let codec: ByteStreamCodec<T>
    let source: S
    var cache: [[TokenID]: [Double]] = [:]
    private(set) var calls = 0

    init(codec: ByteStreamCodec<T>, source: S) {
        self.codec = codec
        self.source = source
    }

    mutating func logProbs(_ context: [TokenID]) throws -> [Double] {
        if let c = cache[context] { return c }
        let lp = try source.logProbabilities(after: context)
        calls += 1
        cache[context] = lp
        return lp
    }

    /// Unnormalised next-outcome masses after `stream` (relative to the split prefix).
    mutating func masses(stream: [UInt8], canonical: Bool = true) throws -> [Double] {
        let j = codec.splitPoint(in: stream)
        let prefix = codec.encodeSegment(stream[..<j]) ?? []
        let tail = Array(stream[j...])
        var m = [Double](repeating: 0, count: codec.outcomeCount)
        func valid(_ t: [TokenID]) -> Bool { !canonical || codec.isCanonical(t) }
        // (tokens, decoded bytes, log P)
        var stack: [([TokenID], [UInt8], Double)] = [([], [], 0)]
        while let (t, bytes, lp) = stack.popLast() {
            if bytes.count > tail.count {
                if valid(t) { m[Int(bytes[tail.count])] += exp(lp) }
                continue
            }
            let next = try logProbs(prefix + t)
            for v in 0..<next.count where next[v] > -.infinity {
                let vb = codec.bytes[v]
                if bytes.count == tail.count {
                    if codec.outcomeIndex[v] >= 0 {
                        if valid(t) { m[256 + codec.outcomeIndex[v]] += exp(lp + next[v]) }
                    } else if !vb.isEmpty, valid(t + [TokenID(v)]) {
                        m[Int(vb[0])] += exp(lp + next[v])
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
        [Double](repeating: -log(Double(vocabularySize)), count: vocabularySize)
    }
}

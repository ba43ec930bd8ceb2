import TokenKit

/// The usual, biased ways to get a next-byte distribution, reported next to the exact one so
/// users can see tokenization bias (spec §1.2, §1.7, §5.4).
public enum Baselines {
    /// Which baseline.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Prompt with `enc(x)`, sum next-token probabilities by each token's first byte.
        case naive
        /// 1-token healing: back off the last token `r` of `enc(x)`, constrain the next token to
        /// start with `bytes(r)` (tokens equal to `bytes(r)` are followed by one more token).
        case healing
    }

    /// The baseline distribution of `kind` after `stream`.
    ///
    /// Specials that end text count as their outcome; tokens without bytes (`<unk>`) are left
    /// out before normalising.
    ///
    /// - Throws: ``ByteProbabilityError`` when the stream has no canonical encoding, the LM
    ///   fails, or no mass remains.
    /// - Complexity: One LM call (naive); healing one plus one per token whose bytes equal `bytes(r)`.
    public static func distribution<T: Tokenizer>(
        _ kind: Kind, codec: ByteStreamCodec<T>, source: some TokenProbabilitySource, stream: [UInt8]
    ) throws(ByteProbabilityError) -> NextByteDistribution {
        guard source.vocabularySize == codec.bytes.count else {
            throw ByteProbabilityError(.vocabularyMismatch, "the model predicts \(source.vocabularySize) ids but the tokenizer has \(codec.bytes.count)")
        }
        guard let enc = codec.encodeSegment(stream[...]) else {
            throw ByteProbabilityError(.tokenizer, "the stream has no canonical encoding")
        }
        var m = [Double](repeating: 0, count: codec.outcomeCount)
        switch kind {
        case .naive:
            let lp = try source.logProbabilities(after: enc)
            addFirstBytes(lp, weight: 1, codec: codec, into: &m)
        case .healing:
            guard let r = enc.last else { return try distribution(.naive, codec: codec, source: source, stream: stream) }
            let context = Array(enc.dropLast())
            let removed = codec.bytes[Int(r)]
            let lp = try source.logProbabilities(after: context)
            for v in 0..<lp.count where lp[v] > -.infinity {
                let bytes = codec.bytes[v]
                guard bytes.count >= removed.count, bytes.starts(with: removed) else { continue }
                if bytes.count > removed.count {
                    m[Int(bytes[removed.count])] += _exp(lp[v])
                } else {
                    let next = try source.logProbabilities(after: context + [TokenID(v)])
                    addFirstBytes(next, weight: _exp(lp[v]), codec: codec, into: &m)
                }
            }
        }
        guard let d = NextByteDistribution.normalising(m, specialNames: codec.outcomeNames) else {
            throw .impossiblePrefix(length: stream.count)
        }
        return NextByteDistribution(probabilities: d.probabilities, specialNames: d.specialNames)
    }

    private static func addFirstBytes<T: Tokenizer>(_ lp: [Double], weight: Double, codec: ByteStreamCodec<T>, into m: inout [Double]) {
        for v in 0..<lp.count where lp[v] > -.infinity {
            let outcome = codec.outcomeIndex[v]
            if outcome >= 0 {
                m[256 + outcome] += weight * _exp(lp[v])
            } else if let first = codec.bytes[v].first {
                m[Int(first)] += weight * _exp(lp[v])
            }
        }
    }
}

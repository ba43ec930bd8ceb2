/// Finds special-token text in input bytes: leftmost match, longest at that position.
///
/// Built once per tokenizer. Candidates are bucketed by first byte, so a scan costs one table
/// load per input byte plus a comparison only where a special could start.
public struct SpecialTokenMatcher: Sendable {
    private let tokens: [SpecialToken]
    private let patterns: [[UInt8]]
    /// For each first byte, candidate indices sorted longest first.
    private let byFirstByte: [[Int]]

    /// Creates a matcher for `tokens`; tokens with empty text are ignored.
    ///
    /// - Complexity: O(*n* log *n*) in the number of tokens.
    public init(_ tokens: [SpecialToken]) {
        let kept = tokens.filter { !$0.text.isEmpty }
        self.tokens = kept
        self.patterns = kept.map { Array($0.text.utf8) }
        var buckets = [[Int]](repeating: [], count: 256)
        for (k, p) in patterns.enumerated() { buckets[Int(p[0])].append(k) }
        let patterns = self.patterns
        self.byFirstByte = buckets.map { $0.sorted { patterns[$0].count > patterns[$1].count } }
    }

    /// Whether there is nothing to match.
    public var isEmpty: Bool { tokens.isEmpty }

    /// The next special token at or after `start` that `policy` cares about (allowed or
    /// disallowed), with its byte range.
    ///
    /// - Complexity: O(*n*) in the bytes scanned.
    public func nextMatch(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, policy: SpecialTokenPolicy
    ) -> (token: SpecialToken, range: Range<Int>)? {
        if tokens.isEmpty { return nil }
        if case .none = policy.allowed, case .none = policy.disallowed { return nil }
        var i = start
        let n = bytes.count
        while i < n {
            let candidates = byFirstByte[Int(bytes[i])]
            if !candidates.isEmpty {
                for k in candidates {
                    let p = patterns[k]
                    if i + p.count <= n && bytes[i..<(i + p.count)].elementsEqual(p) {
                        let t = tokens[k]
                        if policy.allowed.contains(t.text) || policy.disallowed.contains(t.text) {
                            return (t, i..<(i + p.count))
                        }
                    }
                }
            }
            i += 1
        }
        return nil
    }

    /// Cuts the input into ordinary-text runs and allowed special tokens, or throws for the
    /// first disallowed special.
    ///
    /// - Returns: Segments in order; `special == nil` marks ordinary text.
    /// - Throws: ``TokenizerError/Code/disallowedSpecialToken`` with the token and offset.
    public func segments(
        of bytes: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy
    ) throws(TokenizerError) -> [(range: Range<Int>, special: SpecialToken?)] {
        var out: [(range: Range<Int>, special: SpecialToken?)] = []
        var position = 0
        while let (token, range) = nextMatch(in: bytes, from: position, policy: policy) {
            if !policy.allowed.contains(token.text) {
                throw .disallowedSpecialToken(token.text, at: range.lowerBound)
            }
            if range.lowerBound > position { out.append((position..<range.lowerBound, nil)) }
            out.append((range, token))
            position = range.upperBound
        }
        if position < bytes.count || out.isEmpty { out.append((position..<bytes.count, nil)) }
        return out
    }
}

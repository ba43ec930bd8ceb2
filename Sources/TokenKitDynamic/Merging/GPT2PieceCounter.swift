import TokenKit

/// GPT-2's split pattern as a hand-written scanner that only counts pieces:
/// `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`.
///
/// The `pretokens` rule asks for a piece count once per distinct pair, thousands of times per
/// batch; compiling an ICU regex for each would dominate the merge loop. The scanner is checked
/// against ``RegexPieceCounter`` (ICU) on random strings.
public struct GPT2PieceCounter: PieceCounter {
    /// Creates the counter.
    public init() {}
    public var name: String { "gpt2" }

    private enum Class { case letter, number, space, other }

    private static func classify(_ v: UInt32) -> Class {
        guard let s = Unicode.Scalar(v) else { return .other }
        if s.isUnicodeWhiteSpace { return .space }
        let c = GeneralCategory(s)
        if c.isLetter { return .letter }
        if c.isNumber { return .number }
        return .other
    }

    /// - Complexity: O(*n*).
    public func pieceCount(_ bytes: [UInt8]) -> Int {
        // Decode once: (class, scalar, byte offset) per scalar.
        var classes: [Class] = []
        var values: [UInt32] = []
        classes.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let (v, n) = UTF8Scalar.decode(bytes, at: i)
            values.append(v)
            classes.append(Self.classify(v))
            i += n
        }
        let n = values.count
        var count = 0
        var k = 0
        func run(_ from: Int, _ cls: Class) -> Int {
            var j = from
            while j < n && classes[j] == cls { j += 1 }
            return j
        }
        func runOther(_ from: Int) -> Int {
            var j = from
            while j < n && classes[j] == .other { j += 1 }
            return j
        }
        while k < n {
            count += 1
            let v = values[k]
            if v == 0x27, k + 1 < n {  // contractions, case-sensitive as in GPT-2
                let a = values[k + 1]
                if a == 0x73 || a == 0x74 || a == 0x6D || a == 0x64 { k += 2; continue }  // 's 't 'm 'd
                if k + 2 < n {
                    let b = values[k + 2]
                    if (a == 0x72 && b == 0x65) || (a == 0x76 && b == 0x65) || (a == 0x6C && b == 0x6C) { k += 3; continue }  // 're 've 'll
                }
            }
            var start = k
            if v == 0x20, k + 1 < n, classes[k + 1] != .space { start = k + 1 }
            switch classes[start] {
            case .letter: k = run(start, .letter); continue
            case .number: k = run(start, .number); continue
            case .other: k = runOther(start); continue
            case .space: break
            }
            // Whitespace run: `\s+(?!\S)` leaves the last space to the next piece when a
            // non-space follows; a single space before a non-space is `\s+` alone.
            let end = run(k, .space)
            if end == n || end - k == 1 { k = end } else { k = end - 1 }
        }
        return count
    }
}

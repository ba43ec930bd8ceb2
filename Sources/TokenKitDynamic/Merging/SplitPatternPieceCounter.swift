import TokenKit
import TokenKitBPE

/// The piece rule of a byte-level BPE tokenizer's own split pattern (GPT-2, cl100k, o200k, …),
/// run by TokenKitBPE's scanners: `pretokens` validity with exactly the base's pre-tokenizer.
public struct SplitPatternPieceCounter: PieceCounter {
    /// The pattern.
    public let pattern: SplitPattern

    /// Creates the counter.
    public init(_ pattern: SplitPattern) {
        self.pattern = pattern
    }

    public var name: String { "\(pattern)" }

    /// - Complexity: O(*n*).
    public func pieceCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        let result = bytes.withUnsafeBufferPointer { b in
            Result { () throws(TokenizerError) -> Void in
                try pattern.split(b, 0..<b.count) { _, _ in count += 1; return true }
            }
        }
        // A pattern that cannot split (invalid UTF-8 never reaches here) counts as "not one piece".
        if case .failure = result { return 0 }
        return count
    }

    /// The base tokenizer's own piece rule when it is a BPE tokenizer, else GPT-2's.
    public static func matching(_ base: any Tokenizer) -> any PieceCounter {
        if let bpe = base as? BPETokenizer { return SplitPatternPieceCounter(bpe.pattern) }
        return GPT2PieceCounter()
    }
}

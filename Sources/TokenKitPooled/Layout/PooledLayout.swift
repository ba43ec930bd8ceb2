import TokenKit

/// How wide the rows of a layout are.
public enum PooledWidth: Sendable, Hashable {
    /// As wide as the longest word (in units) of the text or batch.
    case longestWord
    /// A fixed width; longer words are truncated or rejected per the tokenizer's
    /// ``PooledTruncation``.
    case fixed(Int)
}

/// The model-facing layout of one text: a words × width matrix of unit ids, padded, with the
/// real length of every row and the CLS ids the model prepends.
public struct PooledLayout: Sendable, Hashable {
    /// Units per row (`maxLen`), without the CLS prefix.
    public var width: Int
    /// `wordCount × width` unit ids, row-major, padded with the pad id.
    public var units: [TokenID]
    /// The number of real units in each row.
    public var lengths: [Int]
    /// The `p` CLS ids.
    public var clsIDs: [TokenID]
    /// The words: each one's byte range in the input (and replacement text, if any).
    public var words: [PooledWord]

    /// Each word's byte range in the input.
    public var wordRanges: [Range<Int>] { words.map(\.range) }

    /// The number of words (rows).
    public var wordCount: Int { lengths.count }

    /// Row `w`'s unit ids, padding included.
    public func row(_ w: Int) -> ArraySlice<TokenID> {
        units[(w * width)..<((w + 1) * width)]
    }

    /// The rows with the CLS ids in front: `wordCount × (p + width)`, as the word encoder sees them.
    public var rowsWithPrefix: [[TokenID]] {
        (0..<wordCount).map { clsIDs + Array(row($0)) }
    }
}

/// The layout of a batch: every text's words × units, padded to a common width and a common
/// word count (padding words have length 0).
public struct PooledBatch: Sendable, Hashable {
    /// Units per row.
    public var width: Int
    /// Rows per text.
    public var wordsPerText: Int
    /// `texts × wordsPerText × width` unit ids, row-major.
    public var units: [TokenID]
    /// `texts × wordsPerText` lengths (0 for padding words).
    public var lengths: [Int]
    /// The real word count of each text.
    public var wordCounts: [Int]
    /// The `p` CLS ids.
    public var clsIDs: [TokenID]
}

extension WordPooledTokenizer {
    /// Lays one text out as a words × units matrix.
    ///
    /// - Throws: As ``segment(_:)``; `TokenizerError.Code.unsupportedInput` for a width < 1.
    /// - Complexity: O(words × width).
    public func layout(_ bytes: UnsafeBufferPointer<UInt8>, width: PooledWidth) throws(TokenizerError) -> PooledLayout {
        let words = try segment(bytes)
        let batch = try layoutWords([words], width: width)
        return PooledLayout(width: batch.width, units: batch.units, lengths: batch.lengths, clsIDs: clsIDs,
                            words: words.map(\.word))
    }

    /// Lays one string out.
    public func layout(_ text: String, width: PooledWidth) throws(TokenizerError) -> PooledLayout {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(TokenizerError) -> PooledLayout in try layout(buffer, width: width) }
        }
        return try result.get()
    }

    /// Lays a batch out with a common width and word count.
    ///
    /// - Complexity: O(texts × words × width).
    public func layoutBatch(_ inputs: [[UInt8]], width: PooledWidth) throws(TokenizerError) -> PooledBatch {
        var all: [[PooledWordUnits]] = []
        for input in inputs {
            let r = input.withUnsafeBufferPointer { b in Result { () throws(TokenizerError) -> [PooledWordUnits] in try segment(b) } }
            all.append(try r.get())
        }
        return try layoutWords(all, width: width)
    }

    private func layoutWords(_ texts: [[PooledWordUnits]], width: PooledWidth) throws(TokenizerError) -> PooledBatch {
        let w: Int
        switch width {
        case .longestWord:
            w = texts.lazy.flatMap { $0 }.map(\.ids.count).max() ?? 0
        case .fixed(let n):
            guard n >= 1 else { throw TokenizerError(code: .unsupportedInput, message: "the row width must be at least 1, not \(n)") }
            w = n
        }
        let rows = texts.map(\.count).max() ?? 0
        var units = [TokenID](repeating: padID, count: texts.count * rows * w)
        var lengths = [Int](repeating: 0, count: texts.count * rows)
        for (t, words) in texts.enumerated() {
            for (r, word) in words.enumerated() {
                if word.ids.count > w && truncation == .error {
                    throw TokenizerError(code: .unsupportedInput,
                                         message: "the word at byte \(word.word.range.lowerBound) has \(word.ids.count) units, more than the width \(w)",
                                         byteOffset: word.word.range.lowerBound)
                }
                let n = min(w, word.ids.count)
                let base = (t * rows + r) * w
                for k in 0..<n { units[base + k] = word.ids[k] }
                lengths[t * rows + r] = n
            }
        }
        return PooledBatch(width: w, wordsPerText: rows, units: units, lengths: lengths,
                           wordCounts: texts.map(\.count), clsIDs: clsIDs)
    }
}

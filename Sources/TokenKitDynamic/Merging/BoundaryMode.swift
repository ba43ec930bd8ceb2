import TokenKit

/// Which adjacent pairs may merge (the reference's `boundary` setting).
public enum BoundaryMode: String, Sendable, Hashable, CaseIterable {
    /// Anything but special tokens (after the whitespace heuristic).
    case sentence
    /// Only pairs whose text the base pre-tokenizer keeps as one piece (the reference default).
    case pretokens
    /// Only pairs whose text has no whitespace split (Python `str.split()` gives one piece).
    case word
    /// As ``word``; a word token may take a following punctuation token only if it is `-`.
    case wordHyphen = "word_hyphen"
}

/// The validity rule of §3.3 for one pair, applied in the reference's order.
struct PairValidity {
    let mode: BoundaryMode
    let preTokenizer: any PieceCounter

    /// Whether the pair (`a`, `b`) may merge.
    ///
    /// 1. Whitespace heuristic on the concatenated bytes: a space, newline or tab after the
    ///    first byte makes the pair invalid unless every byte is one of them; `\n\n` is always
    ///    invalid.
    /// 2. Special tokens never merge — in every mode. (The reference checks specials only in
    ///    `sentence` and `word` modes, and leaves `pretokens` to the pre-tokenizer and lets a
    ///    special merge with a partial UTF-8 byte; TokenKit keeps specials whole everywhere.)
    /// 3. `sentence`: valid.
    /// 4. Text that is not valid UTF-8 (a pair inside a multi-byte character) is valid.
    /// 5. `pretokens`: one pre-tokenizer piece; `word`: one whitespace piece; `word_hyphen`:
    ///    one whitespace piece, and a non-punctuation token followed by a punctuation token
    ///    only if that token is `-`.
    func isValid(_ a: [UInt8], _ aSpecial: Bool, _ b: [UInt8], _ bSpecial: Bool) -> Bool {
        let total = a.count + b.count
        if total == 0 { return false }
        // 1. Whitespace heuristic.
        var allSpace = true
        var spaceAfterFirst = false
        var k = 0
        for byte in a {
            let ws = byte == 0x20 || byte == 0x0A || byte == 0x09
            if !ws { allSpace = false } else if k > 0 { spaceAfterFirst = true }
            k += 1
        }
        for byte in b {
            let ws = byte == 0x20 || byte == 0x0A || byte == 0x09
            if !ws { allSpace = false } else if k > 0 { spaceAfterFirst = true }
            k += 1
        }
        if total == 2 && (a + b) == [0x0A, 0x0A] { return false }
        if spaceAfterFirst && !allSpace { return false }
        // 2./3.
        if aSpecial || bSpecial { return false }
        if mode == .sentence { return true }
        // 4.
        let text = a + b
        if UTF8Validation.firstInvalidOffset(in: text) != nil { return true }
        // 5.
        switch mode {
        case .sentence:
            return true
        case .pretokens:
            return preTokenizer.pieceCount(text) == 1
        case .word:
            return WhitespacePieceCounter().pieceCount(text) == 1
        case .wordHyphen:
            guard WhitespacePieceCounter().pieceCount(text) == 1 else { return false }
            if !Self.isPunctuationToken(a) && Self.isPunctuationToken(b) { return b == [UInt8(ascii: "-")] }
            return true
        }
    }

    /// ``.,!?;:()-"'\/`$%&*+<=>@[]^_{|}~``
    static let punctuation: Set<UInt8> = Set(Array(#".,!?;:()-"'\/`$%&*+<=>@[]^_{|}~"#.utf8))

    /// A token that contains one of the punctuation characters and no (ASCII) digit.
    static func isPunctuationToken(_ bytes: [UInt8]) -> Bool {
        var hasPunct = false
        for b in bytes {
            if b >= 0x30 && b <= 0x39 { return false }
            if punctuation.contains(b) { hasPunct = true }
        }
        return hasPunct
    }
}

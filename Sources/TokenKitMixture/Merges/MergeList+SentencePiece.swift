import TokenKit
import TokenKitBPE

/// SentencePiece-converted merge lists (Llama 1/2, Mistral, Gemma as Hugging Face
/// `tokenizer.json`): character-level BPE whose tokens are literal text with `▁` for a space.
///
/// The replay works on bytes, so every multi-byte character of the list's alphabet is first
/// composed from its UTF-8 bytes by *prelude* merges, which are replayed without constraints;
/// after them each known character is one symbol, as in SentencePiece. Two kinds of merges are
/// dropped (spec §2.7), both reported in ``MergeList/dropped``: redundant ones (the converter
/// lists every split of a piece: `▁ the`, `▁t he`, `▁th e`; the first one wins, as BPE takes
/// it) and hand-added whitespace merges — SentencePiece splits its training text before every
/// `▁` and never merges `\n` or `\t`, so a piece with a `▁` after its first character or made
/// only of whitespace with a newline or tab in it cannot have been learned (Llama 2's `▁▁`…
/// runs, Gemma's 1,395 leading `\n`/`\t`/space runs).
extension MergeList {
    /// The UTF-8 bytes of `▁` (U+2581), SentencePiece's space.
    static let metaspace: [UInt8] = [0xE2, 0x96, 0x81]

    /// Creates a list from a SentencePiece-converted merge list (pieces as UTF-8 text).
    public init(sentencePiece pairs: [(left: [UInt8], right: [UInt8])], source: String) {
        self.init(pairs: [], preTokenizer: TrainingPreTokenizer(pattern: .gpt2), source: source)
        var alphabet = Set<UInt32>()
        for p in pairs {
            for side in [p.left, p.right] {
                for s in String(decoding: side, as: UTF8.self).unicodeScalars { alphabet.insert(s.value) }
            }
        }
        // Compose each multi-byte character from its bytes, left to right, sharing prefixes.
        for value in alphabet.sorted() {
            guard let scalar = Unicode.Scalar(value), value >= 0x80 else { continue }
            let bytes = Array(String(scalar).utf8)
            for k in 2...bytes.count where !contains(Array(bytes[0..<k])) {
                appendPrelude(Array(bytes[0..<(k - 1)]), [bytes[k - 1]])
            }
        }
        sentencePieceAlphabet = alphabet
        for (k, p) in pairs.enumerated() {
            if Self.isHandAddedWhitespace(p.left + p.right) {
                noteDropped(k, "hand-added whitespace merge (SentencePiece cannot learn it)")
            } else {
                appendMerge(p.left, p.right, sourceIndex: k)
            }
        }
    }

    /// Whether a SentencePiece piece cannot come from training: a `▁` after its first
    /// character, or only whitespace including a newline or tab.
    static func isHandAddedWhitespace(_ piece: [UInt8]) -> Bool {
        let scalars = Array(String(decoding: piece, as: UTF8.self).unicodeScalars)
        if scalars.dropFirst().contains("\u{2581}") { return true }
        let whitespace: Set<Unicode.Scalar> = ["\u{2581}", " ", "\n", "\t", "\r"]
        return scalars.allSatisfy(whitespace.contains) && (scalars.contains("\n") || scalars.contains("\t"))
    }

    /// Counts the pretokens of sample files as SentencePiece cuts its training text: each line
    /// is a sentence with `▁` for every space and one in front; a piece starts at every `▁`;
    /// runs of punctuation and symbols, runs of other characters, and single digits are pieces
    /// of their own; characters outside the list's alphabet (byte fallback) end a piece and are
    /// left out, since no merge can touch them.
    ///
    /// - Throws: ``MixtureError`` for unreadable or non-UTF-8 files.
    func countSentencePiecePretokens(files: [String], byteLimit: Int) throws(MixtureError) -> PretokenCounts {
        let alphabet = sentencePieceAlphabet ?? []
        let prefix = alphabet.contains(0x2581)
        var counts: [[UInt8]: Int64] = [:]
        var total = 0
        var budget = byteLimit
        for path in files where budget > 0 {
            let file: MappedFile
            do throws(InputError) { file = try MappedFile(path: path) } catch {
                throw MixtureError(.unreadableInput, "cannot read \(path): \(error)")
            }
            let bytes = file.bytes
            if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
                throw MixtureError(.unreadableInput, "\(path): not UTF-8 text (invalid byte at offset \(bad))")
            }
            var end = bytes.count
            if budget < end, let cut = bytes[budget...].firstIndex(of: 0x0A) { end = cut + 1 }
            budget -= end
            total += end
            var piece: [UInt8] = []
            var kind = 0  // of the piece being built: 1 letters and other, 2 punctuation and symbols
            var pendingSpace = prefix  // a `▁` that starts the next piece (the sentence's own first)
            func flush() {
                if piece.count > 0 { counts[piece, default: 0] += 1 }
                piece.removeAll(keepingCapacity: true)
                kind = 0
            }
            var i = 0
            while i < end {
                let start = i
                let (scalar, width) = TrainingPreTokenizer.decodeScalar(bytes, at: i)
                i += width
                switch scalar {
                case "\n":
                    flush()
                    pendingSpace = prefix
                    continue
                case " ":
                    flush()
                    pendingSpace = prefix
                    continue
                case "\r", "\t":
                    flush()
                    pendingSpace = false
                    continue
                default: break
                }
                guard alphabet.contains(scalar.value) else {
                    flush()
                    pendingSpace = false
                    continue
                }
                let category = GeneralCategory(scalar)
                if category.isNumber {
                    // split_digits: a digit is a piece of its own, apart from a `▁` before it.
                    flush()
                    pendingSpace = false
                    counts[Array(bytes[start..<i]), default: 0] += 1
                    continue
                }
                let k = category.isPunctuation || category.isSymbol ? 2 : 1
                if pendingSpace {
                    flush()
                    piece.append(contentsOf: Self.metaspace)
                    pendingSpace = false
                } else if kind != 0 && kind != k {
                    flush()
                }
                piece.append(contentsOf: bytes[start..<i])
                kind = k
            }
            flush()
        }
        return PretokenCounts(counts.map { ($0.key, $0.value) }, byteCount: total)
    }
}

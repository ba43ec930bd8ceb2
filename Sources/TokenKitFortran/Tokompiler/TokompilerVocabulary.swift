import TokenKit

/// The fixed Tokompiler vocabulary: seven specials, then the lines of `vocab.txt`.
///
/// Ids follow the reference exactly: id 0 is unused, `[PAD]`=1, `[SOS]`=2, `[EOS]`=3,
/// `[UNK]`=4, `[MSK]`=5, `[SEP]`=6, `[CLS]`=7, and line *k* (0-based) of the file gets id
/// 8 + *k*. The reference file has 1,177 lines, so ids run to 1,184.
///
/// ```swift
/// let v = try TokompilerVocabulary(path: "vocab.txt")
/// v.id(of: "subroutine")  // 1157
/// ```
public struct TokompilerVocabulary: Sendable, Hashable {
    /// The special tokens, in id order from 1.
    public static let specialTexts = ["[PAD]", "[SOS]", "[EOS]", "[UNK]", "[MSK]", "[SEP]", "[CLS]"]
    /// Padding.
    public static let pad: TokenID = 1
    /// Start of sequence.
    public static let sos: TokenID = 2
    /// End of sequence.
    public static let eos: TokenID = 3
    /// Unknown token.
    public static let unk: TokenID = 4
    /// The highest special id; `skipSpecialTokens` drops ids up to it.
    public static let lastSpecial: TokenID = 7

    /// Token text by id; index 0 is the unused id (empty text).
    public let tokens: [String]
    private let ids: [String: TokenID]

    /// Builds the vocabulary from the file's lines (without line terminators), in order.
    ///
    /// - Throws: `FormatError` for an empty list, an empty line, or a repeated entry.
    public init(lines: [String]) throws(FormatError) {
        guard !lines.isEmpty else { throw FormatError(.empty, "the vocabulary has no entries") }
        var tokens = [""] + Self.specialTexts
        var ids: [String: TokenID] = [:]
        for (k, text) in Self.specialTexts.enumerated() { ids[text] = TokenID(k + 1) }
        for (k, line) in lines.enumerated() {
            let location = InputLocation(line: k + 1)
            if line.isEmpty { throw FormatError(.syntax, "empty vocabulary entry", at: location) }
            if ids[line] != nil { throw FormatError(.duplicate, "the entry \(line) appears twice", at: location) }
            ids[line] = TokenID(tokens.count)
            tokens.append(line)
        }
        self.tokens = tokens
        self.ids = ids
    }

    /// Reads `vocab.txt` (one entry per line, `\n` or `\r\n`; a final newline is optional).
    ///
    /// - Throws: `LoadError` when the file cannot be read or is malformed (not UTF-8, empty
    ///   or repeated entries).
    public init(path: String) throws(LoadError) {
        let bytes: [UInt8]
        do throws(InputError) { bytes = try FileIO.readAll(path: path) } catch { throw .input(error) }
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw .format(FormatError(.invalidUTF8, "invalid UTF-8 at byte \(bad)", at: InputLocation(path: path, byteOffset: bad)))
        }
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        do throws(FormatError) { try self.init(lines: lines) } catch { throw .format(error.inFile(path)) }
    }

    /// The vocabulary of the reference (`Scientific-Computing-Lab/MonoCoder`, MIT), generated
    /// into the package by `scripts/generate-tokompiler-vocabulary.py`.
    public static let reference: TokompilerVocabulary = {
        // The generated lines are checked by the generator (hash) and by tests; they cannot be
        // empty or repeat, so this does not fail.
        (try? TokompilerVocabulary(lines: referenceLines)) ?? TokompilerVocabulary(uncheckedTokens: [""] + specialTexts)
    }()

    private init(uncheckedTokens: [String]) {
        self.tokens = uncheckedTokens
        var ids: [String: TokenID] = [:]
        for (k, t) in uncheckedTokens.enumerated() where k > 0 { ids[t] = TokenID(k) }
        self.ids = ids
    }

    /// The number of ids, including the unused id 0 (1,185 for the reference).
    public var count: Int { tokens.count }

    /// The id of `text`, or `nil` when it is not in the vocabulary.
    ///
    /// - Complexity: O(length of `text`) (hashing).
    public func id(of text: String) -> TokenID? { ids[text] }

    /// The id of `text`, or `[UNK]`.
    public func idOrUnknown(_ text: String) -> TokenID { ids[text] ?? Self.unk }

    /// The text of `id`, or `nil` for id 0 and ids past the end.
    public func text(of id: TokenID) -> String? {
        id > 0 && Int(id) < tokens.count ? tokens[Int(id)] : nil
    }

    /// Encodes a lexicalized string as the reference does: split on whitespace, look up each
    /// token, `[UNK]` for the rest.
    ///
    /// - Complexity: O(length of `text`).
    public func encode(lexicalized text: String) -> [TokenID] {
        PythonText.split(text).map { idOrUnknown($0) }
    }
}

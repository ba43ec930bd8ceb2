import TokenKit

/// Tokompiler (Kadosh et al., "Scope is all you need", arXiv 2308.09440) for Fortran: source
/// code to anonymized, lexicalized tokens in a fixed 1,184-entry vocabulary.
///
/// The pipeline lexes the source with ``FortranLexer``, gives every name a role with a light
/// statement recogniser, anonymizes names and literals by category (`var_12`), splits each
/// anonymized name into category word and number (`var`, `12`), and looks every token up in
/// the vocabulary (`[UNK]` for the rest). ``TokompilerMode`` chooses between reproducing the
/// reference and a symbol-table-aware variant.
///
/// ```swift
/// let tk = Tokompiler(mode: .improved)
/// let out = try tk.run(Array("subroutine s(n)\n  n = 1\nend subroutine s\n".utf8))
/// out.lexicalized  // "subroutine func 0 ( arg 0 ) arg 0 = num 0 end subroutine func 0"
/// ```
///
/// Decoding joins token texts with spaces (the reference's `decode`); it does not give the
/// source back (``roundTrip`` is `.none`) — ``TokompilerOutput/restore(_:)`` maps names back.
public struct Tokompiler: Tokenizer, Hashable {
    /// Settings.
    public struct Options: Sendable, Hashable {
        /// Faithful or improved.
        public var mode: TokompilerMode
        /// The source form; `nil` detects it from the content.
        public var form: SourceForm?
        /// The seed of faithful mode's random numbering.
        public var seed: UInt64
        /// Prepend `[SOS]` under the default framing.
        public var addSOS: Bool
        /// Append `[EOS]` under the default framing.
        public var addEOS: Bool
        /// Lexer settings (fixed-form line length, debug lines).
        public var lexer: FortranLexer.Options

        /// Creates options.
        public init(mode: TokompilerMode = .improved, form: SourceForm? = nil, seed: UInt64 = 0,
                    addSOS: Bool = false, addEOS: Bool = false, lexer: FortranLexer.Options = .init()) {
            self.mode = mode
            self.form = form
            self.seed = seed
            self.addSOS = addSOS
            self.addEOS = addEOS
            self.lexer = lexer
        }
    }

    /// The vocabulary.
    public let vocabulary: TokompilerVocabulary
    /// The settings.
    public let options: Options
    /// Where it came from (`tokompiler:improved`, or the vocabulary path).
    public let source: String

    /// Creates a Tokompiler over a vocabulary (default: the reference's, built in).
    public init(mode: TokompilerMode = .improved, vocabulary: TokompilerVocabulary = .reference, options: Options? = nil,
                source: String? = nil) {
        var o = options ?? Options()
        if options == nil { o.mode = mode }
        self.vocabulary = vocabulary
        self.options = o
        self.source = source ?? "tokompiler:\(o.mode.rawValue)"
    }

    public var family: TokenizerFamily { .tokompiler }
    public var vocabularySize: Int { vocabulary.count }
    public var roundTrip: RoundTrip { .none }
    public var dependsOnBatch: Bool { false }

    public var specialTokens: SpecialTokens {
        let roles: [SpecialToken.Role] = [.pad, .bos, .eos, .unk, .mask, .sep, .cls]
        return SpecialTokens(zip(TokompilerVocabulary.specialTexts, roles).enumerated().map {
            SpecialToken(id: TokenID($0.offset + 1), text: $0.element.0, role: $0.element.1)
        })
    }

    /// Anonymizes and lexicalizes `bytes` (any bytes; invalid UTF-8 ends up in `[UNK]`s).
    ///
    /// - Throws: `TokenizerError` (`unsupportedInput`) in faithful mode for fixed-form source
    ///   or a category with more than 1,001 names.
    /// - Complexity: O(*n*) in the input length (plus hashing of names).
    public func run(_ bytes: UnsafeBufferPointer<UInt8>) throws(TokenizerError) -> TokompilerOutput {
        let form = options.form ?? SourceForm.detect(bytes)
        let file = FortranLexer(options: options.lexer).lex(bytes, form: form)
        return try Anonymizer(mode: options.mode, seed: options.seed).run(file)
    }

    /// Anonymizes and lexicalizes `bytes`.
    public func run(_ bytes: [UInt8]) throws(TokenizerError) -> TokompilerOutput {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(TokenizerError) -> TokompilerOutput in try run(buffer) }
        }
        return try result.get()
    }

    /// - Complexity: O(*n*).
    public func encode(_ bytes: UnsafeBufferPointer<UInt8>, options encodeOptions: EncodeOptions) throws(TokenizerError) -> Encoding {
        let output = try run(bytes)
        var encoding = Encoding()
        encoding.reserveCapacity(output.tokens.count + 2)
        let sos = encodeOptions.framing == .add || (encodeOptions.framing == .tokenizerDefault && options.addSOS)
        let eos = encodeOptions.framing == .add || (encodeOptions.framing == .tokenizerDefault && options.addEOS)
        if sos { encoding.append(TokompilerVocabulary.sos, covering: 0..<0) }
        for (token, range) in zip(output.tokens, output.ranges) {
            encoding.append(vocabulary.idOrUnknown(token), covering: range)
        }
        if eos { encoding.append(TokompilerVocabulary.eos, covering: bytes.count..<bytes.count) }
        return encoding
    }

    /// Ids padded with `[PAD]` (or truncated) to `length`, with the attention mask (1 for
    /// tokens, 0 for padding) — the reference's `max_length` / `padding` options.
    public func encodePadded(_ bytes: [UInt8], length: Int, options encodeOptions: EncodeOptions = .default) throws(TokenizerError) -> (ids: [TokenID], mask: [UInt8]) {
        var ids = try encode(bytes, options: encodeOptions).ids
        if ids.count > length { ids.removeLast(ids.count - length) }
        let mask = [UInt8](repeating: 1, count: ids.count) + [UInt8](repeating: 0, count: max(0, length - ids.count))
        ids += [TokenID](repeating: TokompilerVocabulary.pad, count: max(0, length - ids.count))
        return (ids, mask)
    }

    /// Joins token texts with single spaces; `skipSpecialTokens` drops ids 1…7.
    ///
    /// - Throws: `TokenizerError.Code.unknownTokenID` for id 0 or ids past the vocabulary.
    public func decode(_ ids: [TokenID], options decodeOptions: DecodeOptions) throws(TokenizerError) -> [UInt8] {
        var out: [UInt8] = []
        var first = true
        for (index, id) in ids.enumerated() {
            guard let text = vocabulary.text(of: id) else {
                throw .unknownTokenID(id, at: index, vocabularySize: vocabularySize)
            }
            if decodeOptions.skipSpecialTokens && id <= TokompilerVocabulary.lastSpecial { continue }
            if !first { out.append(0x20) }
            out.append(contentsOf: text.utf8)
            first = false
        }
        return out
    }

    public func tokenBytes(_ id: TokenID) -> [UInt8]? { vocabulary.text(of: id).map { Array($0.utf8) } }

    public func displayString(_ id: TokenID) -> String? { vocabulary.text(of: id) }
}

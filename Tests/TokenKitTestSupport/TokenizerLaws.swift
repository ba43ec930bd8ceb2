import Testing
import TokenKit

/// The laws every tokenizer must keep, as reusable checks.
///
/// Call them from any tokenizer's tests:
///
/// ```swift
/// @Test func laws() async { await TokenizerLaws.checkAll(MyTokenizer(), seed: 1) }
/// ```
///
/// Each law records its failures at the caller's source location, with a message that starts
/// with the law's name in brackets (`[ids-in-vocabulary] …`), so a test can tell which law
/// failed. A thrown error is always a failure of the law that called the tokenizer, never an
/// outcome that compares equal to another failure. Tokenizers whose ids depend on the batch
/// (``Tokenizer/dependsOnBatch``) are checked through ``Tokenizer/encodeBatch(_:options:)``.
public enum TokenizerLaws {
    /// One law of the ``Tokenizer`` protocol.
    public enum Law: String, CaseIterable, Sendable, CustomStringConvertible {
        /// `decode(encode(x)) == x` (specials skipped) where ``Tokenizer/roundTrip`` promises it.
        case roundTrip = "round-trip"
        /// Encoding the same inputs twice gives the same encodings.
        case determinism
        /// Every id of an encoding, and every special token's id, is `< vocabularySize`.
        case idsInVocabulary = "ids-in-vocabulary"
        /// The `tokenBytes` of an encoding's ids concatenate to what `decode` returns.
        case tokenBytesMatchDecode = "token-bytes-match-decode"
        /// Every offset range lies inside the input, and both bounds never decrease.
        case offsetsInBounds = "offsets-in-bounds"
        /// The non-empty offset ranges are contiguous and cover the whole input.
        case offsetsTile = "offsets-tile"
        /// The framed encoding is the plain one with framing tokens (BOS, EOS, templates, CLS
        /// prefixes) inserted, each with an empty range at its position.
        case framing
        /// `count(x) == encode(x).count` (for batch-dependent tokenizers: both throw `needsBatch`).
        case count
        /// Cutting at a reported independent boundary keeps the ids.
        case independentBoundaries = "independent-boundaries"
        /// `encodeBatch` gives one encoding per input, each equal to encoding it alone unless the
        /// tokenizer depends on the batch.
        case batch
        /// A text tokenizer fed invalid UTF-8 throws `invalidUTF8` at a byte inside the input, or
        /// gives ids inside the vocabulary that decode back to the input; `count` agrees.
        case invalidUTF8 = "invalid-utf8"

        public var description: String { rawValue }
    }

    /// The laws whose failures follow from ids that only mean something inside their batch
    /// (``Tokenizer/dependsOnBatch``): issue 19 gives batch-dependent tokenizers a protocol of
    /// their own.
    public static let batchLocalIDLaws: Set<Law> = [.roundTrip, .idsInVocabulary, .tokenBytesMatchDecode]

    /// The known-issue reason for a tokenizer whose `decode` detokenizes (`how`) instead of
    /// concatenating ``Tokenizer/tokenBytes(_:)``, which breaks ``Law/tokenBytesMatchDecode``.
    public static func detokenizingDecode(_ how: String) -> String {
        "issue 19: \(how), so decode is not the concatenation of tokenBytes; the Decoder stage of issue 19 must state how the two relate"
    }

    /// ``detokenizingDecode(_:)`` for the SentencePiece (llama2.c) tokenizer.
    public static let llamaDecodeReason = detokenizingDecode("LlamaTokenizer.decode drops the dummy-prefix space after BOS, as run.c and SentencePiece do")
    /// ``detokenizingDecode(_:)`` for Tokompiler.
    public static let tokompilerDecodeReason = detokenizingDecode("Tokompiler.decode joins tokens with spaces, as the reference detokenizes")
    /// ``detokenizingDecode(_:)`` for word-pooled tokenizers with a preset normalization.
    public static let pooledPresetDecodeReason = detokenizingDecode("word-pooled decode under a preset normalization joins words with spaces")

    /// Which random inputs a tokenizer is meant for, beyond its ``RoundTrip`` (for example
    /// free-form Fortran only); inputs outside it are not generated.
    public typealias Domain = @Sendable ([UInt8]) -> Bool

    /// Runs every law (but `skipping`, and `offsetsTile` unless `checkOffsetsTile`) on random
    /// inputs the tokenizer accepts (see ``acceptedInputs(_:count:maxLength:seed:)``).
    ///
    /// The laws in `knownIssues` run inside `withKnownIssue(knownIssueReason)`: they must fail
    /// (a law that starts to hold fails the test, so the exception is removed with the bug).
    public static func checkAll(
        _ tokenizer: some Tokenizer, seed: UInt64 = 1, count: Int = 200, maxLength: Int = 64,
        checkOffsetsTile: Bool = true, skipping: Set<Law> = [],
        knownIssues: Set<Law> = [], knownIssueReason: String = "", domain: Domain? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        var laws = Set(Law.allCases).subtracting(skipping)
        if !checkOffsetsTile { laws.remove(.offsetsTile) }
        let known = laws.intersection(knownIssues)
        await check(laws.subtracting(known), tokenizer, seed: seed, count: count, maxLength: maxLength, domain: domain,
                    sourceLocation: sourceLocation)
        guard !known.isEmpty else { return }
        await withKnownIssue(Comment(rawValue: knownIssueReason), sourceLocation: sourceLocation) {
            await check(known, tokenizer, seed: seed, count: count, maxLength: maxLength, domain: domain,
                        sourceLocation: sourceLocation)
        }
    }

    /// Runs the given laws, in ``Law`` order, on random inputs the tokenizer accepts.
    public static func check(
        _ laws: Set<Law>, _ tokenizer: some Tokenizer, seed: UInt64 = 1, count: Int = 200, maxLength: Int = 64,
        domain: Domain? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        var inputs = acceptedInputs(tokenizer, count: count, maxLength: maxLength, seed: seed)
        if let domain {
            inputs = inputs.filter(domain)
            // A domain that leaves few inputs would let the laws pass on almost nothing.
            if inputs.count * 4 < count {
                Issue.record("only \(inputs.count) of \(count) random inputs are in the tokenizer's domain", sourceLocation: sourceLocation)
            }
        }
        for law in Law.allCases where laws.contains(law) {
            await check(law, tokenizer, inputs: inputs, seed: seed, domain: domain, sourceLocation: sourceLocation)
        }
    }

    /// Runs one law on `inputs` (the invalid-UTF-8 law makes its own inputs from `seed`, inside
    /// `domain`).
    public static func check(
        _ law: Law, _ tokenizer: some Tokenizer, inputs: [[UInt8]], seed: UInt64 = 1, domain: Domain? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        let report = Reporter(law: law, sourceLocation: sourceLocation)
        switch law {
        case .roundTrip: await checkRoundTrip(tokenizer, inputs, report)
        case .determinism: await checkDeterminism(tokenizer, inputs, report)
        case .idsInVocabulary: await checkIDsInVocabulary(tokenizer, inputs, report)
        case .tokenBytesMatchDecode: await checkTokenBytesMatchDecode(tokenizer, inputs, report)
        case .offsetsInBounds: await checkOffsetsInBounds(tokenizer, inputs, report)
        case .offsetsTile: await checkOffsetsTile(tokenizer, inputs, report)
        case .framing: await checkFraming(tokenizer, inputs, report)
        case .count: checkCount(tokenizer, inputs, report)
        case .independentBoundaries: checkIndependentBoundaries(tokenizer, inputs, report)
        case .batch: await checkBatch(tokenizer, inputs, report)
        case .invalidUTF8: await checkInvalidUTF8(tokenizer, seed: seed, domain: domain, report)
        }
    }

    /// Random inputs the tokenizer accepts: any bytes for ``RoundTrip/bytes``, valid UTF-8
    /// otherwise.
    public static func acceptedInputs(_ tokenizer: some Tokenizer, count: Int, maxLength: Int, seed: UInt64) -> [[UInt8]] {
        if tokenizer.roundTrip == .bytes {
            return RandomInputs.bytes(count: count, maxLength: maxLength, seed: seed)
        }
        return RandomInputs.strings(count: count, maxScalars: maxLength, seed: seed).map { Array($0.utf8) }
    }

    // MARK: - Reporting

    /// Records a law's failures, each message prefixed with the law's name.
    struct Reporter {
        let law: Law
        let sourceLocation: SourceLocation

        func fail(_ message: String) {
            Issue.record(Comment(rawValue: "[\(law.rawValue)] \(message)"), sourceLocation: sourceLocation)
        }

        func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
            if !condition { fail(message()) }
        }
    }

    /// The encodings of `inputs`: one encode call each, or one batch call for a batch-dependent
    /// tokenizer. A thrown error is kept as the failure of every input it covers.
    static func encodings(
        _ tokenizer: some Tokenizer, _ inputs: [[UInt8]], _ options: EncodeOptions
    ) async -> [Result<Encoding, TokenizerError>] {
        guard tokenizer.dependsOnBatch else {
            return inputs.map { input in Result { () throws(TokenizerError) in try tokenizer.encode(input, options: options) } }
        }
        guard !inputs.isEmpty else { return [] }
        do throws(TokenizerError) {
            let batch = try await tokenizer.encodeBatch(inputs, options: options)
            guard batch.count == inputs.count else {
                let error = TokenizerError(code: .unsupportedInput, message: "encodeBatch gave \(batch.count) encodings for \(inputs.count) inputs")
                return inputs.map { _ in .failure(error) }
            }
            return batch.map { .success($0) }
        } catch {
            return inputs.map { _ in .failure(error) }
        }
    }

    /// The successful encodings with their inputs; each failure is reported.
    static func encoded(
        _ tokenizer: some Tokenizer, _ inputs: [[UInt8]], _ options: EncodeOptions, _ report: Reporter
    ) async -> [(input: [UInt8], encoding: Encoding)] {
        var out: [([UInt8], Encoding)] = []
        for (input, result) in zip(inputs, await encodings(tokenizer, inputs, options)) {
            switch result {
            case .success(let encoding): out.append((input, encoding))
            case .failure(let error): report.fail("encode(\(options.framing)) threw \(error) for accepted input \(input)")
            }
        }
        return out
    }

    static func decode(_ tokenizer: some Tokenizer, _ ids: [TokenID], _ options: DecodeOptions) -> Result<[UInt8], TokenizerError> {
        Result { () throws(TokenizerError) in try tokenizer.decode(ids, options: options) }
    }

    // MARK: - Laws

    static func checkRoundTrip(_ tokenizer: some Tokenizer, _ inputs: [[UInt8]], _ report: Reporter) async {
        guard tokenizer.roundTrip == .bytes || tokenizer.roundTrip == .text else { return }
        for (input, encoding) in await encoded(tokenizer, inputs, .plain, report) {
            switch decode(tokenizer, encoding.ids, DecodeOptions(skipSpecialTokens: true)) {
            case .success(let back): report.expect(back == input, "decode(encode(x)) = \(back) != x = \(input)")
            case .failure(let error): report.fail("decode threw \(error) on the ids of \(input)")
            }
        }
    }

    static func checkDeterminism(_ tokenizer: some Tokenizer, _ inputs: [[UInt8]], _ report: Reporter) async {
        let first = await encodings(tokenizer, inputs, .default)
        let second = await encodings(tokenizer, inputs, .default)
        for (input, (a, b)) in zip(inputs, zip(first, second)) {
            switch (a, b) {
            case (.success(let a), .success(let b)): report.expect(a == b, "two encodes of \(input) differ: \(a.ids) vs \(b.ids)")
            case (.failure(let error), _), (_, .failure(let error)): report.fail("encode threw \(error) for accepted input \(input)")
            }
        }
    }

    static func checkIDsInVocabulary(_ tokenizer: some Tokenizer, _ inputs: [[UInt8]], _ report: Reporter) async {
        let size = tokenizer.vocabularySize
        for special in tokenizer.specialTokens where Int(special.id) >= size {
            report.fail("special token \(special.text) has id \(special.id) >= vocabularySize \(size)")
        }
        for options in [EncodeOptions.default, .plain] {
            for (input, encoding) in await encoded(tokenizer, inputs, options, report) {
                if let bad = encoding.ids.first(where: { Int($0) >= size }) {
                    report.fail("id \(bad) >= vocabularySize \(size) in the encoding of \(input)")
                }
            }
        }
    }

    static func checkTokenBytesMatchDecode(_ tokenizer: some Tokenizer, _ inputs: [[UInt8]], _ report: Reporter) async {
        for (input, encoding) in await encoded(tokenizer, inputs, .default, report) {
            var all: [UInt8] = [], ordinary: [UInt8] = []
            var missing: TokenID?
            for id in encoding.ids {
                guard let bytes = tokenizer.tokenBytes(id) else { missing = id; break }
                all.append(contentsOf: bytes)
                if !tokenizer.specialTokens.contains(id: id) { ordinary.append(contentsOf: bytes) }
            }
            if let missing {
                report.fail("tokenBytes(\(missing)) is nil for an id of the encoding of \(input)")
                continue
            }
            switch decode(tokenizer, encoding.ids, .default) {
            case .success(let decoded): report.expect(decoded == all, "decode gives \(decoded), tokenBytes concatenate to \(all) (input \(input))")
            case .failure(let error): report.fail("decode threw \(error) on the ids of \(input)")
            }
            switch decode(tokenizer, encoding.ids, DecodeOptions(skipSpecialTokens: true)) {
            case .success(let decoded):
                report.expect(decoded == ordinary, "decode(skipSpecialTokens) gives \(decoded), non-special tokenBytes concatenate to \(ordinary) (input \(input))")
            case .failure(let error): report.fail("decode(skipSpecialTokens) threw \(error) on the ids of \(input)")
            }
        }
    }

    static func checkOffsetsInBounds(_ tokenizer: some Tokenizer, _ inputs: [[UInt8]], _ report: Reporter) async {
        for options in [EncodeOptions.default, .plain, EncodeOptions(framing: .add)] {
            for (input, encoding) in await encoded(tokenizer, inputs, options, report) {
                guard encoding.offsets.count == encoding.ids.count else {
                    report.fail("\(encoding.offsets.count) offsets for \(encoding.ids.count) ids (input \(input))")
                    continue
                }
                var previous = 0..<0
                for (i, range) in encoding.offsets.enumerated() {
                    if range.lowerBound < 0 || range.upperBound > input.count {
                        report.fail("offset \(range) of token \(i) is outside the input of \(input.count) bytes (\(input))")
                        break
                    }
                    if range.lowerBound < previous.lowerBound || range.upperBound < previous.upperBound {
                        report.fail("offset \(range) of token \(i) comes before the previous \(previous) (input \(input))")
                        break
                    }
                    previous = range
                }
            }
        }
    }

    static func checkOffsetsTile(_ tokenizer: some Tokenizer, _ inputs: [[UInt8]], _ report: Reporter) async {
        for (input, encoding) in await encoded(tokenizer, inputs, .plain, report) {
            var position = 0
            var contiguous = true
            for range in encoding.offsets where !range.isEmpty {
                if range.lowerBound != position {
                    report.fail("offset \(range) does not start where the previous ended (\(position)) (input \(input))")
                    contiguous = false
                    break
                }
                position = range.upperBound
            }
            if contiguous {
                report.expect(position == input.count, "offsets cover \(position) of \(input.count) bytes (input \(input))")
            }
        }
    }

    static func checkFraming(_ tokenizer: some Tokenizer, _ inputs: [[UInt8]], _ report: Reporter) async {
        let plain = await encodings(tokenizer, inputs, .plain)
        for framing in [Framing.tokenizerDefault, .add] {
            let framed = await encodings(tokenizer, inputs, EncodeOptions(framing: framing))
            for (input, (p, f)) in zip(inputs, zip(plain, framed)) {
                guard case .success(let p) = p, case .success(let f) = f else {
                    report.fail("encode threw for accepted input \(input)")
                    continue
                }
                if let problem = framingProblem(plain: p, framed: f, inputCount: input.count) {
                    report.fail("framing \(framing): \(problem); framed \(f.ids) at \(f.offsets), plain \(p.ids) at \(p.offsets) (input \(input))")
                }
            }
        }
    }

    /// Why `framed` is not `plain` with framing tokens inserted, each with an empty range at its
    /// position (between the content tokens around it: BOS at 0, EOS at the end, a word's CLS
    /// prefix at the word's start), or `nil` when it is.
    static func framingProblem(plain: Encoding, framed: Encoding, inputCount: Int) -> String? {
        var j = 0
        for i in 0..<framed.count {
            let id = framed.ids[i], range = framed.offsets[i]
            if j < plain.count && id == plain.ids[j] && range == plain.offsets[j] {
                j += 1
                continue
            }
            let before = j > 0 ? plain.offsets[j - 1].upperBound : 0
            let after = j < plain.count ? plain.offsets[j].lowerBound : inputCount
            guard range.isEmpty && range.lowerBound >= before && range.lowerBound <= after else {
                return "framing token \(id) (token \(i)) covers \(range), not an empty range in \(before)...\(after)"
            }
        }
        return j == plain.count ? nil : "the framed encoding lacks plain token \(j) (\(plain.ids[j]) at \(plain.offsets[j]))"
    }

    static func checkCount(_ tokenizer: some Tokenizer, _ inputs: [[UInt8]], _ report: Reporter) {
        for input in inputs {
            for options in [EncodeOptions.default, .plain] {
                let counted = Result { () throws(TokenizerError) in try tokenizer.count(input, options: options) }
                if tokenizer.dependsOnBatch {
                    // One input has no encoding of its own: count must refuse as encode does.
                    if case .failure(let error) = counted, error.code == .needsBatch { continue }
                    report.fail("count of a batch-dependent tokenizer gave \(counted) instead of throwing needs-batch")
                    continue
                }
                let encoded = Result { () throws(TokenizerError) in try tokenizer.encode(input, options: options).count }
                switch (counted, encoded) {
                case (.success(let c), .success(let e)):
                    report.expect(c == e, "count \(c) != encode().count \(e) under framing \(options.framing) (input \(input))")
                case (.failure(let error), _), (_, .failure(let error)):
                    report.fail("count or encode threw \(error) for accepted input \(input)")
                }
            }
        }
    }

    static func checkIndependentBoundaries(_ tokenizer: some Tokenizer, _ inputs: [[UInt8]], _ report: Reporter) {
        // A batch-dependent tokenizer has no encoding of one input to cut.
        guard !tokenizer.dependsOnBatch else { return }
        for input in inputs where input.count > 1 {
            let limit = input.count / 2
            guard let cut = input.withUnsafeBufferPointer({ tokenizer.independentBoundary(in: $0, before: limit) }) else { continue }
            guard cut >= 0 && cut <= limit else {
                report.fail("boundary \(cut) is outside 0...\(limit) (input \(input))")
                continue
            }
            do throws(TokenizerError) {
                let whole = try tokenizer.encode(input, options: .plain).ids
                let left = try tokenizer.encode(Array(input[..<cut]), options: .plain).ids
                let right = try tokenizer.encode(Array(input[cut...]), options: .plain).ids
                report.expect(whole == left + right, "cut at \(cut) changes the tokens of \(input): \(whole) vs \(left) + \(right)")
            } catch {
                report.fail("encode threw \(error) for accepted input \(input) or a part of it cut at \(cut)")
            }
        }
    }

    static func checkBatch(_ tokenizer: some Tokenizer, _ inputs: [[UInt8]], _ report: Reporter) async {
        do throws(TokenizerError) {
            let batch = try await tokenizer.encodeBatch(inputs, options: .default)
            guard batch.count == inputs.count else {
                report.fail("encodeBatch gave \(batch.count) encodings for \(inputs.count) inputs")
                return
            }
            guard !tokenizer.dependsOnBatch else { return }
            for (input, encoding) in zip(inputs, batch) {
                let alone = try tokenizer.encode(input, options: .default)
                report.expect(encoding == alone, "batch encode of \(input) gives \(encoding.ids), encoding it alone \(alone.ids)")
            }
        } catch {
            report.fail("batch or single encode threw \(error) on accepted inputs")
        }
    }

    static func checkInvalidUTF8(_ tokenizer: some Tokenizer, seed: UInt64, domain: Domain?, _ report: Reporter) async {
        guard tokenizer.roundTrip != .bytes else { return }
        let inputs = RandomInputs.bytes(count: 150, maxLength: 32, seed: seed ^ 0x5A5A)
            .filter { UTF8Validation.firstInvalidOffset(in: $0) != nil && (domain?($0) ?? true) }
        report.expect(inputs.count >= 25, "only \(inputs.count) invalid UTF-8 inputs were generated")
        for (input, result) in zip(inputs, await encodings(tokenizer, inputs, .plain)) {
            let bad = UTF8Validation.firstInvalidOffset(in: input) ?? 0
            switch result {
            case .failure(let error):
                report.expect(error.code == .invalidUTF8, "invalid UTF-8 gave a \(error.code) error, not invalid-utf8: \(error) (input \(input))")
                report.expect(error.byteOffset.map { (0..<input.count).contains($0) && $0 <= bad } ?? false,
                              "the invalid-utf8 error points at byte \(String(describing: error.byteOffset)), not at or before the first bad byte \(bad) (input \(input))")
            case .success(let encoding):
                // Accepted: every id must be real, and for a text round trip give the bytes back.
                if let id = encoding.ids.first(where: { Int($0) >= tokenizer.vocabularySize }) {
                    report.fail("invalid UTF-8 gave id \(id) >= vocabularySize \(tokenizer.vocabularySize) (input \(input))")
                } else if tokenizer.roundTrip == .text {
                    let back = decode(tokenizer, encoding.ids, DecodeOptions(skipSpecialTokens: true))
                    report.expect(back == .success(input), "invalid UTF-8 was accepted but decodes to \(back), not the input \(input)")
                }
            }
            if tokenizer.dependsOnBatch { continue }
            let counted = Result { () throws(TokenizerError) in try tokenizer.count(input, options: .plain) }
            switch (counted, result) {
            case (.failure(let a), .failure(let b)): report.expect(a.code == b.code, "count threw \(a.code), encode \(b.code) (input \(input))")
            case (.success(let c), .success(let e)): report.expect(c == e.count, "count \(c) != encode().count \(e.count) (input \(input))")
            case (.success(let c), .failure(let e)): report.fail("count gave \(c) where encode threw \(e) (input \(input))")
            case (.failure(let c), .success): report.fail("count threw \(c) where encode succeeded (input \(input))")
            }
        }
    }
}

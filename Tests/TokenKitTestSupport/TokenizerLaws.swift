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
/// Each check records its failures with `#expect` at the caller's source location.
public enum TokenizerLaws {
    /// Runs every law that applies to the tokenizer's ``RoundTrip`` guarantee on random
    /// inputs: round trip, determinism, offsets, count, batch, independent boundaries.
    public static func checkAll(
        _ tokenizer: some Tokenizer, seed: UInt64 = 1, count: Int = 200, maxLength: Int = 64,
        checkOffsetsTile: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        let inputs = acceptedInputs(tokenizer, count: count, maxLength: maxLength, seed: seed)
        for input in inputs {
            checkRoundTrip(tokenizer, input, sourceLocation: sourceLocation)
            checkDeterminism(tokenizer, input, sourceLocation: sourceLocation)
            if checkOffsetsTile { Self.checkOffsetsTile(tokenizer, input, sourceLocation: sourceLocation) }
            checkCount(tokenizer, input, sourceLocation: sourceLocation)
            checkIndependentBoundaries(tokenizer, input, sourceLocation: sourceLocation)
        }
        await checkBatch(tokenizer, inputs, sourceLocation: sourceLocation)
    }

    /// Random inputs the tokenizer accepts: any bytes for ``RoundTrip/bytes``, valid UTF-8
    /// otherwise.
    public static func acceptedInputs(_ tokenizer: some Tokenizer, count: Int, maxLength: Int, seed: UInt64) -> [[UInt8]] {
        if tokenizer.roundTrip == .bytes {
            return RandomInputs.bytes(count: count, maxLength: maxLength, seed: seed)
        }
        return RandomInputs.strings(count: count, maxScalars: maxLength, seed: seed).map { Array($0.utf8) }
    }

    /// `decode(encode(x)) == x` (specials skipped) where the tokenizer promises it.
    public static func checkRoundTrip(_ tokenizer: some Tokenizer, _ input: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        guard tokenizer.roundTrip == .bytes || tokenizer.roundTrip == .text else { return }
        do {
            let ids = try tokenizer.encode(input, options: .plain).ids
            let back = try tokenizer.decode(ids, options: DecodeOptions(skipSpecialTokens: true))
            #expect(back == input, "decode(encode(x)) != x for x = \(input)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("round trip threw \(error) for \(input)", sourceLocation: sourceLocation)
        }
    }

    /// Encoding the same input twice gives the same result.
    public static func checkDeterminism(_ tokenizer: some Tokenizer, _ input: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let a = try? tokenizer.encode(input, options: .default)
        let b = try? tokenizer.encode(input, options: .default)
        #expect(a == b, "two encodes of \(input) differ", sourceLocation: sourceLocation)
    }

    /// The non-empty offset ranges are in order, contiguous, and cover the whole input.
    public static func checkOffsetsTile(_ tokenizer: some Tokenizer, _ input: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        guard let encoding = try? tokenizer.encode(input, options: .plain) else {
            Issue.record("encode threw for \(input)", sourceLocation: sourceLocation)
            return
        }
        var position = 0
        for range in encoding.offsets where !range.isEmpty {
            #expect(range.lowerBound == position, "offset \(range) does not start where the previous ended (\(position))",
                    sourceLocation: sourceLocation)
            position = range.upperBound
        }
        #expect(position == input.count, "offsets cover \(position) of \(input.count) bytes", sourceLocation: sourceLocation)
    }

    /// `count(x) == encode(x).count` under the default and plain options.
    public static func checkCount(_ tokenizer: some Tokenizer, _ input: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        for options in [EncodeOptions.default, .plain] {
            let encoded = try? tokenizer.encode(input, options: options).count
            let counted = try? tokenizer.count(input, options: options)
            #expect(encoded == counted, "count \(String(describing: counted)) != encode().count \(String(describing: encoded))",
                    sourceLocation: sourceLocation)
        }
    }

    /// Cutting at a reported independent boundary and encoding the halves gives the same ids.
    public static func checkIndependentBoundaries(_ tokenizer: some Tokenizer, _ input: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        guard input.count > 1 else { return }
        let limit = input.count / 2
        let cut = input.withUnsafeBufferPointer { tokenizer.independentBoundary(in: $0, before: limit) }
        guard let cut else { return }
        #expect(cut <= limit, "boundary \(cut) is past the limit \(limit)", sourceLocation: sourceLocation)
        let whole = try? tokenizer.encode(input, options: .plain).ids
        let left = try? tokenizer.encode(Array(input[..<cut]), options: .plain).ids
        let right = try? tokenizer.encode(Array(input[cut...]), options: .plain).ids
        #expect(whole == (left ?? []) + (right ?? []), "cut at \(cut) changes the tokens of \(input)", sourceLocation: sourceLocation)
    }

    /// `encodeBatch` equals encoding each input alone (for batch-independent tokenizers).
    public static func checkBatch(_ tokenizer: some Tokenizer, _ inputs: [[UInt8]], sourceLocation: SourceLocation = #_sourceLocation) async {
        guard !tokenizer.dependsOnBatch else { return }
        do {
            let batch = try await tokenizer.encodeBatch(inputs, options: .default)
            let sequential = try inputs.map { input throws(TokenizerError) in try tokenizer.encode(input, options: .default) }
            #expect(batch == sequential, "batch encode differs from sequential encode", sourceLocation: sourceLocation)
        } catch {
            Issue.record("batch encode threw \(error)", sourceLocation: sourceLocation)
        }
    }
}

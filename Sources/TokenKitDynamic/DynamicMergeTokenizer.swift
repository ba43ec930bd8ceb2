import TokenKit

/// How many merges a batch gets.
public enum MergeBudget: Sendable, Hashable {
    /// A fixed number of merges per batch (`--merges`; the reference's default is 1000).
    case merges(Int)
    /// A target reduction (percent between no merges and the plateau), mapped to a merge count
    /// through a dataset's calibration curve.
    case reduction(Double, MergeCalibration)

    /// The merge count.
    ///
    /// - Throws: ``DynamicMergeError`` for a negative count or an invalid target.
    public func mergeCount() throws(DynamicMergeError) -> Int {
        switch self {
        case .merges(let m):
            guard m >= 0 else { throw .negativeMerges(m) }
            return m
        case .reduction(let r, let curve):
            return try curve.merges(forReduction: r)
        }
    }
}

/// Dynamic batch-merge tokenization as a `Tokenizer`: the base tokenizer encodes every
/// input of a batch, then ``DynamicBatchMerger`` merges across the batch.
///
/// Its output depends on the batch, so ``dependsOnBatch`` is `true`: ``encode(_:options:)``
/// throws `TokenizerError.Code.needsBatch` and ``encodeBatch(_:options:)`` is the entry point.
/// Merged tokens get ids at and above the base vocabulary size that are local to the batch;
/// ``mergeBatch(_:options:)`` returns them with their bytes and decompositions
/// (``DynamicMergeResult``). ``tokenBytes(_:)`` and ``decode(_:options:)`` know base ids only.
///
/// Laws: a batch result concatenates back to each input (offsets tile for base tokenizers
/// whose offsets tile); `count`, determinism for single inputs and batch == sequential do not
/// apply — the result of one input is defined only within its batch.
public struct DynamicMergeTokenizer: Tokenizer {
    /// The merge loop over the base tokenizer's tokens.
    public let merger: DynamicBatchMerger
    /// How many merges each batch gets.
    public let budget: MergeBudget

    /// Creates a dynamic tokenizer.
    ///
    /// - Throws: ``DynamicMergeError`` for a base without byte decoding or an invalid budget.
    public init(base: any Tokenizer, mode: BoundaryMode = .pretokens, budget: MergeBudget = .merges(1000),
                preTokenizer: (any PieceCounter)? = nil, additionalSpecialTexts: [String] = []) throws(DynamicMergeError) {
        _ = try budget.mergeCount()
        self.merger = try DynamicBatchMerger(base: base, mode: mode, preTokenizer: preTokenizer,
                                             additionalSpecialTexts: additionalSpecialTexts)
        self.budget = budget
    }

    /// Creates a dynamic tokenizer from a merger (to change the budget or mode of another).
    ///
    /// - Throws: ``DynamicMergeError`` for an invalid budget.
    public init(merger: DynamicBatchMerger, budget: MergeBudget) throws(DynamicMergeError) {
        _ = try budget.mergeCount()
        self.merger = merger
        self.budget = budget
    }

    /// The base tokenizer.
    public var base: any Tokenizer { merger.vocabulary.base }
    public var family: TokenizerFamily { .dynamicBatchMerge }
    public var source: String { "dynamic:\(base.source)" }
    /// The base vocabulary size; merged ids above it are batch-local.
    public var vocabularySize: Int { base.vocabularySize }
    public var specialTokens: SpecialTokens { base.specialTokens }
    public var roundTrip: RoundTrip { base.roundTrip }
    public var dependsOnBatch: Bool { true }

    /// Always throws `TokenizerError.Code.needsBatch`: use ``encodeBatch(_:options:)``.
    public func encode(_ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions) throws(TokenizerError) -> Encoding {
        throw TokenizerError(code: .needsBatch,
                             message: "dynamic batch-merge tokens depend on the whole batch; encode a batch (encodeBatch) instead")
    }

    public func tokenBytes(_ id: TokenID) -> [UInt8]? { base.tokenBytes(id) }

    /// Encodes every input with the base tokenizer and merges across the batch.
    ///
    /// - Throws: The base tokenizer's errors; `TokenizerError.Code.unsupportedInput` for an
    ///   empty batch or a base token without bytes.
    /// - Complexity: The base encodes plus O((*n* + *k*) log *n*) for the merges.
    public func mergeBatch(_ inputs: [[UInt8]], options: EncodeOptions) async throws(TokenizerError) -> DynamicMergeResult {
        guard !inputs.isEmpty else { throw DynamicMergeError.emptyBatch.tokenizerError }
        let encoded = try await base.encodeBatch(inputs, options: options)
        do throws(DynamicMergeError) {
            return try merger.merge(ids: encoded.map(\.ids), offsets: encoded.map(\.offsets), merges: try budget.mergeCount())
        } catch {
            throw error.tokenizerError
        }
    }

    /// One encoding per input: merged ids (batch-local above the base vocabulary) and the
    /// input bytes each token covers.
    public func encodeBatch(_ inputs: [[UInt8]], options: EncodeOptions) async throws(TokenizerError) -> [Encoding] {
        let result = try await mergeBatch(inputs, options: options)
        return zip(result.ids, result.offsets).map { Encoding(ids: $0, offsets: $1) }
    }
}

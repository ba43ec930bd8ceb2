import TokenKit

/// A token of a batch's dynamic vocabulary: a merge result (or an input token the base
/// vocabulary lacks), with the base tokens it is made of.
public struct DynamicToken: Sendable, Hashable {
    /// Its id in this batch: at or above the base vocabulary size.
    public var id: TokenID
    /// Its bytes.
    public var bytes: [UInt8]
    /// The base ids it was merged from, left to right (empty for an out-of-vocabulary input token).
    public var components: [TokenID]
    /// Whether it is a special token (only input tokens can be).
    public var isSpecial: Bool

    /// The token in byte-level string form.
    public var byteLevelString: String { ByteLevelText.encode(bytes) }
}

/// The tokens of one batch that the base vocabulary does not have, by id.
///
/// Ids are batch-local: the same id means different tokens in different batches.
public struct DynamicVocabulary: Sendable, Hashable {
    /// The base vocabulary size; new ids start here.
    public var baseSize: Int
    /// The new tokens, `tokens[k].id == baseSize + k`.
    public var tokens: [DynamicToken]

    /// The new token with `id`, if it is one.
    public func token(_ id: TokenID) -> DynamicToken? {
        let k = Int(id) - baseSize
        return k >= 0 && k < tokens.count ? tokens[k] : nil
    }
}

/// The result of merging one batch.
public struct DynamicMergeResult: Sendable {
    /// The token ids of each sequence: base ids, or ids of ``vocabulary`` entries.
    public var ids: [[TokenID]]
    /// The input byte range each token covers (empty ranges for pretokenized input).
    public var offsets: [[Range<Int>]]
    /// Each token's word id (−1 where none was given); a merged token has its left part's.
    public var wordIDs: [[Int]]
    /// The merges done, in order.
    public var mergeLog: [MergeLogEntry]
    /// The batch's new tokens.
    public var vocabulary: DynamicVocabulary
    /// The total number of tokens in the batch before any merge (index 0) and after each merge.
    public var totalTokensAfterMerge: [Int]
    /// The base vocabulary the ids refer to.
    public let base: BaseVocabulary

    /// The bytes of a token id of this batch.
    public func bytes(of id: TokenID) -> [UInt8]? {
        if Int(id) < base.count { return base.bytes[Int(id)] }
        return vocabulary.token(id)?.bytes
    }

    /// Whether an id of this batch is a special token.
    public func isSpecial(_ id: TokenID) -> Bool {
        Int(id) < base.count ? base.isSpecial[Int(id)] : vocabulary.token(id)?.isSpecial ?? false
    }

    /// The base-token decomposition of an id of this batch.
    public func components(of id: TokenID) -> [TokenID] {
        if Int(id) < base.count { return base.isSpecial[Int(id)] ? [] : [id] }
        return vocabulary.token(id)?.components ?? []
    }

    /// Sequence `s` as byte-level strings (`Ġ` for space; specials as their text).
    public func byteLevelTokens(_ s: Int) -> [String] {
        ids[s].map { ByteLevelText.encode(bytes(of: $0) ?? []) }
    }

    /// The bytes of sequence `s`: its tokens concatenated (specials skipped if asked).
    public func decode(_ s: Int, skipSpecialTokens: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        for id in ids[s] where !(skipSpecialTokens && isSpecial(id)) { out.append(contentsOf: bytes(of: id) ?? []) }
        return out
    }

    /// The number of merges done.
    public var mergeCount: Int { mergeLog.count }
}

/// The result of encoding one input: token ids with the bytes of the input each one covers.
///
/// Offsets are byte ranges into the exact input that was encoded (UTF-8 code units for text),
/// so `input[offsets[i]]` is the text behind token `i`. Tokens that cover no input (a BOS or
/// EOS the tokenizer adds, a CLS prefix) have an empty range at the position where they stand.
///
/// Hierarchical tokenizers (word-pooled) also fill ``groups``: consecutive ranges over `ids`,
/// one per word, so `ids[groups[w]]` are the units of word `w`. Flat tokenizers leave it empty.
public struct Encoding: Sendable, Hashable {
    /// The token ids, in order.
    public var ids: [TokenID]
    /// For each token, the byte range of the input it covers; `offsets.count == ids.count`.
    public var offsets: [Range<Int>]
    /// For hierarchical tokenizers, ranges over `ids` (one per word); empty otherwise.
    public var groups: [Range<Int>]

    /// Creates an encoding.
    ///
    /// - Precondition: `offsets.count == ids.count`.
    public init(ids: [TokenID], offsets: [Range<Int>], groups: [Range<Int>] = []) {
        precondition(offsets.count == ids.count, "one offset range per token")
        self.ids = ids
        self.offsets = offsets
        self.groups = groups
    }

    /// An empty encoding.
    public init() {
        self.ids = []
        self.offsets = []
        self.groups = []
    }

    /// The number of tokens.
    public var count: Int { ids.count }

    /// Whether there are no tokens.
    public var isEmpty: Bool { ids.isEmpty }

    /// Appends one token.
    ///
    /// - Complexity: Amortized O(1).
    public mutating func append(_ id: TokenID, covering range: Range<Int>) {
        ids.append(id)
        offsets.append(range)
    }

    /// Reserves room for `n` tokens.
    public mutating func reserveCapacity(_ n: Int) {
        ids.reserveCapacity(n)
        offsets.reserveCapacity(n)
    }
}

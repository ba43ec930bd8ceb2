/// A token with a role outside ordinary text: beginning or end of sequence, padding, …
public struct SpecialToken: Sendable, Hashable {
    /// What the token is used for.
    public struct Role: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The role's name.
        public var rawValue: String
        /// Creates a role from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Beginning of sequence.
        public static let bos = Role(rawValue: "bos")
        /// End of sequence.
        public static let eos = Role(rawValue: "eos")
        /// Padding.
        public static let pad = Role(rawValue: "pad")
        /// Unknown input.
        public static let unk = Role(rawValue: "unk")
        /// Classification / word prefix.
        public static let cls = Role(rawValue: "cls")
        /// Separator.
        public static let sep = Role(rawValue: "sep")
        /// Masking.
        public static let mask = Role(rawValue: "mask")
        /// A sentinel (ByT5 `<extra_id_N>`, fill-in-the-middle markers, …).
        public static let sentinel = Role(rawValue: "sentinel")
        /// Any other control token.
        public static let control = Role(rawValue: "control")
        public var description: String { rawValue }
    }

    /// The token's id.
    public var id: TokenID
    /// The token's literal text, as it would be matched in input (`</s>`, `<|endoftext|>`).
    public var text: String
    /// What it is for.
    public var role: Role

    /// Creates a special token.
    public init(id: TokenID, text: String, role: Role) {
        self.id = id
        self.text = text
        self.role = role
    }
}

/// The special tokens of a tokenizer, looked up by id, by text or by role.
public struct SpecialTokens: Sendable, Hashable, Sequence {
    /// All special tokens, in id order.
    public private(set) var all: [SpecialToken]

    /// Creates a set; tokens are kept in id order.
    public init(_ tokens: [SpecialToken] = []) {
        self.all = tokens.sorted { $0.id < $1.id }
    }

    /// The first token with `role`, if any.
    ///
    /// - Complexity: O(*n*) in the number of special tokens.
    public func first(_ role: SpecialToken.Role) -> SpecialToken? {
        all.first { $0.role == role }
    }

    /// The special token with `id`, if any.
    ///
    /// - Complexity: O(log *n*).
    public func token(withID id: TokenID) -> SpecialToken? {
        var lo = 0, hi = all.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if all[mid].id < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < all.count && all[lo].id == id ? all[lo] : nil
    }

    /// The special token whose text is `text`, if any.
    ///
    /// - Complexity: O(*n*).
    public func token(withText text: String) -> SpecialToken? {
        all.first { $0.text == text }
    }

    /// Whether `id` is a special token.
    public func contains(id: TokenID) -> Bool { token(withID: id) != nil }

    /// The number of special tokens.
    public var count: Int { all.count }

    public func makeIterator() -> IndexingIterator<[SpecialToken]> { all.makeIterator() }
}

/// A learned byte-level BPE vocabulary: token bytes by id, specials and the ordered merges.
public struct TrainedBPE: Sendable {
    /// Builds ids the way Hugging Face's trainer does: a token whose string already has an id
    /// keeps it (so two merges that spell the same token share one id).
    struct VocabularyBuilder {
        /// Token bytes by id (specials: their text).
        var tokens: [[UInt8]] = []
        /// Whether each id is a special token.
        var isSpecial: [Bool] = []
        /// HF's key for each token: the special's text, or the byte-level mapped string.
        var idOfKey: [[UInt8]: UInt32] = [:]
        var keys: [[UInt8]] = []

        var count: Int { idOfKey.count }

        mutating func addSpecial(_ text: String) {
            let key = Array(text.utf8)
            if idOfKey[key] != nil { return }
            append(bytes: key, key: key, special: true)
        }

        mutating func addByte(_ b: UInt8) -> UInt32 {
            let key = Array(ByteLevelAlphabet.string(of: [b]).utf8)
            if let id = idOfKey[key] { return id }
            return append(bytes: [b], key: key, special: false)
        }

        mutating func addMerge(_ a: UInt32, _ b: UInt32) -> UInt32 {
            let key = keys[Int(a)] + keys[Int(b)]
            if let id = idOfKey[key] { return id }
            return append(bytes: tokens[Int(a)] + tokens[Int(b)], key: key, special: false)
        }

        @discardableResult
        private mutating func append(bytes: [UInt8], key: [UInt8], special: Bool) -> UInt32 {
            let id = UInt32(tokens.count)
            tokens.append(bytes)
            isSpecial.append(special)
            keys.append(key)
            idOfKey[key] = id
            return id
        }
    }

    /// Token bytes by id; special tokens hold their text.
    public let tokens: [[UInt8]]
    /// Which ids are special tokens.
    public let isSpecial: [Bool]
    /// The merges in the order learned, as pairs of ids.
    public let merges: [(UInt32, UInt32)]
    /// The settings it was trained with.
    public let configuration: BPETrainer.Configuration
    /// HF's string for each id (special text, or byte-level mapped string), as UTF-8.
    let keys: [[UInt8]]

    init(vocabulary: VocabularyBuilder, merges: [(UInt32, UInt32)], configuration: BPETrainer.Configuration) {
        self.tokens = vocabulary.tokens
        self.isSpecial = vocabulary.isSpecial
        self.keys = vocabulary.keys
        self.merges = merges
        self.configuration = configuration
    }

    /// The vocabulary size (specials + alphabet + distinct merged tokens).
    public var vocabularySize: Int { tokens.count }

    /// The merges as Hugging Face writes them in `merges.txt`: `left right` in byte-level
    /// mapped strings, one per line, in order.
    public var mergeLines: [String] {
        merges.map { String(decoding: keys[Int($0.0)], as: UTF8.self) + " " + String(decoding: keys[Int($0.1)], as: UTF8.self) }
    }

    /// HF's string for an id.
    public func keyString(_ id: UInt32) -> String { String(decoding: keys[Int(id)], as: UTF8.self) }
}

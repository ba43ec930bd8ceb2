import TokenKit

/// Counts the pieces a base tokenizer's pre-tokenizer cuts a string into — all that the
/// `pretokens` validity rule needs (a pair is valid iff its text is one piece).
public protocol PieceCounter: Sendable {
    /// The pre-tokenizer's name.
    var name: String { get }
    /// The number of pieces `bytes` (valid UTF-8) is cut into.
    func pieceCount(_ bytes: [UInt8]) -> Int
}

/// A pre-tokenizer given by a split regex: each match is a piece (GPT-2 style).
public struct RegexPieceCounter: PieceCounter {
    /// The pattern's name.
    public let name: String
    private let regex: ICURegex

    /// Compiles a split pattern.
    ///
    /// - Throws: `ICUError` for a bad pattern.
    public init(name: String, pattern: String) throws(ICUError) {
        self.name = name
        self.regex = try ICURegex(pattern)
    }

    /// GPT-2's split pattern (also RoBERTa's byte-level pre-tokenizer).
    public static let gpt2Pattern = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#

    /// The GPT-2 pre-tokenizer run by ICU (the differential oracle of ``GPT2PieceCounter``,
    /// which is the fast default).
    public static let gpt2: RegexPieceCounter = {
        // The pattern is a compile-time constant that ICU accepts.
        guard let t = try? RegexPieceCounter(name: "gpt2", pattern: gpt2Pattern) else {
            preconditionFailure("the GPT-2 pattern compiles")
        }
        return t
    }()

    public func pieceCount(_ bytes: [UInt8]) -> Int {
        let result = bytes.withUnsafeBufferPointer { b in Result { () throws(ICUError) -> Int in try regex.matches(in: b).count } }
        // An ICU failure on valid UTF-8 is not expected; count it as "not one piece".
        return (try? result.get()) ?? 0
    }
}

/// SentencePiece's Metaspace pre-tokenizer (XLM-R): a new piece starts at every space (the
/// space joins the following piece) and at the start of the text.
public struct MetaspacePieceCounter: PieceCounter {
    /// Creates the pre-tokenizer.
    public init() {}
    public var name: String { "metaspace" }
    public func pieceCount(_ bytes: [UInt8]) -> Int {
        guard let first = bytes.first else { return 0 }
        return bytes.reduce(0) { $0 + ($1 == 0x20 ? 1 : 0) } + (first == 0x20 ? 0 : 1)
    }
}

/// Python's `str.split()`: pieces between runs of whitespace (`isspace()`).
public struct WhitespacePieceCounter: PieceCounter {
    /// Creates the pre-tokenizer.
    public init() {}
    public var name: String { "whitespace" }
    public func pieceCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        var inPiece = false
        var i = 0
        while i < bytes.count {
            let (v, n) = UTF8Scalar.decode(bytes, at: i)
            let space = PythonWhitespace.isSpace(v)
            if !space && !inPiece { count += 1 }
            inPiece = !space
            i += n
        }
        return count
    }
}

/// Python's `str.isspace()` per character.
enum PythonWhitespace {
    static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

/// Decoding one scalar of valid UTF-8.
enum UTF8Scalar {
    static func decode(_ bytes: [UInt8], at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
        guard i + n <= bytes.count else { return (0xFFFD, 1) }
        var v = b0 & (0xFF >> UInt32(n + 1))
        for k in 1..<n { v = (v << 6) | (UInt32(bytes[i + k]) & 0x3F) }
        return (v, n)
    }
}

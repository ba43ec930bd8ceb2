/// How the numbers of a problem or an answer are written: plain digits or digit groups with a
/// separator, grouped from the left (L2R) or from the right (R2L).
///
/// Names follow Singh & Strouse's code: `nosep`, and `SEP_DIR` with `SEP` one of `comma` (`,`),
/// `space` (` `), `dec` (`.`), `hashtag` (`#`), `dollar` (`$`), `foo` (`foo`), `underscore`
/// (`_`, a TokenKit addition) and `DIR` one of `l2r`, `r2l`. `comma_r2l` writes `1,234,567`;
/// `comma_l2r` writes `123,456,7`. Under a tokenizer that splits digit runs into 3-digit chunks
/// from the left (cl100k), `nosep` tokenizes L2R and `comma_r2l` forces R2L chunks.
///
/// The paper's code formats R2L by reversing the digits, chunking with the reversed separator
/// and reversing back, so a multi-character separator reads forwards (`1foo234foo567`); this
/// type gives exactly that.
public struct NumberFormat: Hashable, Sendable, CustomStringConvertible {
    /// The direction digit groups are counted from.
    public enum Direction: String, Hashable, Sendable, CaseIterable {
        /// Groups start at the most significant digit (`123,456,7`).
        case l2r
        /// Groups end at the least significant digit (`1,234,567`).
        case r2l
    }

    /// The separator names the paper's code knows, with their text.
    public static let separators: [(name: String, text: String)] = [
        ("comma", ","), ("space", " "), ("dec", "."), ("hashtag", "#"), ("dollar", "$"), ("foo", "foo"),
        ("underscore", "_"),
    ]

    /// The separator texts scoring accepts between digits (the paper's list plus `_`).
    public static var separatorTexts: [String] { separators.map(\.text) }

    /// Plain digits.
    public static let nosep = NumberFormat(name: "nosep", separator: "", direction: .l2r)
    /// `1,234,567`.
    public static let commaR2L = NumberFormat(name: "comma_r2l", separator: ",", direction: .r2l)
    /// `123,456,7`.
    public static let commaL2R = NumberFormat(name: "comma_l2r", separator: ",", direction: .l2r)
    /// `1 234 567`.
    public static let spaceR2L = NumberFormat(name: "space_r2l", separator: " ", direction: .r2l)
    /// `123 456 7`.
    public static let spaceL2R = NumberFormat(name: "space_l2r", separator: " ", direction: .l2r)

    /// The format's name (`nosep`, `comma_r2l`, …).
    public let name: String
    /// The separator text; empty for `nosep`.
    public let separator: String
    /// The grouping direction (`l2r` for `nosep`: plain runs are chunked L2R by cl100k).
    public let direction: Direction
    /// Digits per group.
    public let chunkSize: Int

    private init(name: String, separator: String, direction: Direction, chunkSize: Int = 3) {
        self.name = name
        self.separator = separator
        self.direction = direction
        self.chunkSize = chunkSize
    }

    /// Parses a format name.
    ///
    /// - Throws: ``ProbeError/Code/unknownFormat`` naming the known formats.
    public init(parsing name: String) throws(ProbeError) {
        if name == "nosep" { self = .nosep; return }
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, let direction = Direction(rawValue: String(parts[1])),
              let sep = Self.separators.first(where: { $0.name == parts[0] })
        else {
            let names = ["nosep"] + Self.separators.map { "\($0.name)_l2r|\($0.name)_r2l" }
            throw ProbeError(.unknownFormat, "unknown number format '\(name)' (known: \(names.joined(separator: ", ")))")
        }
        self.init(name: name, separator: sep.text, direction: direction)
    }

    /// Whether digits are written without separators.
    public var isPlain: Bool { separator.isEmpty }

    /// The direction a 3-digit-chunking tokenizer splits numbers written this way.
    public var tokenDirection: Direction { direction }

    /// Writes a run of decimal digits in this format.
    ///
    /// - Complexity: O(*n*).
    public func format(digits: String) -> String {
        if separator.isEmpty { return digits }
        let chars = Array(digits.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(chars.count * 2)
        let sep = Array(separator.utf8)
        // Group boundaries: from the left every chunkSize digits (L2R), or aligned to the end (R2L).
        let lead = direction == .l2r ? chunkSize : (chars.count % chunkSize == 0 ? chunkSize : chars.count % chunkSize)
        for (i, c) in chars.enumerated() {
            if i > 0 && (i - lead) % chunkSize == 0 && i >= lead { out.append(contentsOf: sep) }
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes a non-negative integer in this format.
    public func format(_ value: UInt64) -> String { format(digits: String(value)) }

    /// The digit groups of `digits` in this format's direction (one group for `nosep`).
    public func groups(of digits: String) -> [String] {
        if separator.isEmpty { return [digits] }
        return format(digits: digits).split(separator: separator).map(String.init)
    }

    public var description: String { name }
}

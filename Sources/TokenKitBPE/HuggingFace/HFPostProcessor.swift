import TokenKit

/// A Hugging Face post-processor: adds framing tokens (BOS, EOS, CLS/SEP) around the ids of a
/// single input. `ByteLevel` post-processing only trims offsets, which TokenKit does not do
/// (its offsets tile the input), so it adds nothing here.
public struct HFPostProcessor: Sendable, Hashable {
    /// One element of a template.
    public enum Piece: Sendable, Hashable {
        /// Framing tokens.
        case special([TokenID])
        /// The input's own tokens.
        case sequence
    }

    /// The template for one input (`single` of `TemplateProcessing`).
    public let single: [Piece]

    /// No framing.
    public static let none = HFPostProcessor(single: [.sequence])

    /// Creates a post-processor from a template.
    public init(single: [Piece]) { self.single = single }

    /// Whether the template adds anything.
    public var addsTokens: Bool { single != [.sequence] }

    /// The framed encoding.
    func apply(to content: Encoding, inputLength: Int) -> Encoding {
        if !addsTokens { return content }
        var out = Encoding()
        var sawSequence = false
        for piece in single {
            switch piece {
            case .sequence:
                out.ids.append(contentsOf: content.ids)
                out.offsets.append(contentsOf: content.offsets)
                sawSequence = true
            case .special(let ids):
                let at = sawSequence ? inputLength : 0
                for id in ids { out.append(id, covering: at..<at) }
            }
        }
        return out
    }

    /// The number of framing tokens.
    var framingCount: Int {
        single.reduce(0) { n, p in if case .special(let ids) = p { n + ids.count } else { n } }
    }
}

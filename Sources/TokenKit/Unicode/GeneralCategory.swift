/// A Unicode general category (values as utf8proc numbers them).
public enum GeneralCategory: UInt8, Sendable, Hashable, CaseIterable {
    case unassigned = 0, uppercaseLetter, lowercaseLetter, titlecaseLetter, modifierLetter, otherLetter
    case nonspacingMark, spacingMark, enclosingMark
    case decimalNumber, letterNumber, otherNumber
    case connectorPunctuation, dashPunctuation, openPunctuation, closePunctuation
    case initialPunctuation, finalPunctuation, otherPunctuation
    case mathSymbol, currencySymbol, modifierSymbol, otherSymbol
    case spaceSeparator, lineSeparator, paragraphSeparator
    case control, format, surrogate, privateUse

    /// The two-letter abbreviation (`Lu`, `Nd`, …).
    public var abbreviation: String {
        ["Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe",
         "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co"][Int(rawValue)]
    }

    /// `\p{L}`.
    public var isLetter: Bool { (1...5).contains(rawValue) }
    /// `\p{M}`.
    public var isMark: Bool { (6...8).contains(rawValue) }
    /// `\p{N}`.
    public var isNumber: Bool { (9...11).contains(rawValue) }
    /// `\p{P}`.
    public var isPunctuation: Bool { (12...18).contains(rawValue) }
    /// `\p{S}`.
    public var isSymbol: Bool { (19...22).contains(rawValue) }
    /// `\p{Z}`.
    public var isSeparator: Bool { (23...25).contains(rawValue) }

    /// The category of a scalar.
    ///
    /// - Complexity: O(1): two table loads after the first call builds the table (~10 ms).
    @inline(__always)
    public init(_ scalar: Unicode.Scalar) {
        self = GeneralCategory(rawValue: CategoryTable.shared.category(scalar.value)) ?? .unassigned
    }
}

/// A two-stage lookup table of general categories for all of Unicode, built once from utf8proc.
///
/// Stage 1 maps each 256-scalar block to a deduplicated stage-2 block; Unicode has few distinct
/// blocks, so the table is ~100 KB instead of 1.1 MB flat, and stays in cache.
final class CategoryTable: Sendable {
    static let shared = CategoryTable()

    private let stage1: [UInt16]
    private let stage2: [UInt8]

    private init() {
        var stage1: [UInt16] = []
        stage1.reserveCapacity(0x1100)
        var stage2: [UInt8] = []
        var seen: [[UInt8]: UInt16] = [:]
        var block = [UInt8](repeating: 0, count: 256)
        for hi in 0..<0x1100 {
            for lo in 0..<256 {
                let scalar = UInt32(hi << 8 | lo)
                block[lo] = (0xD800...0xDFFF).contains(scalar) ? 28 : UTF8Proc.category(scalar)
            }
            if let index = seen[block] {
                stage1.append(index)
            } else {
                let index = UInt16(stage2.count / 256)
                seen[block] = index
                stage2.append(contentsOf: block)
                stage1.append(index)
            }
        }
        self.stage1 = stage1
        self.stage2 = stage2
    }

    @inline(__always)
    func category(_ scalar: UInt32) -> UInt8 {
        guard scalar < 0x110000 else { return 0 }
        return stage2[Int(stage1[Int(scalar >> 8)]) << 8 | Int(scalar & 0xFF)]
    }
}

extension Unicode.Scalar {
    /// Whether the scalar has the Unicode `White_Space` property (what `\s` matches in ICU,
    /// Python `regex` and Rust `regex`).
    @inlinable
    public var isUnicodeWhiteSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default:
            false
        }
    }
}

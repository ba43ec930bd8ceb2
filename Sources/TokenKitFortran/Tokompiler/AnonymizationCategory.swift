/// Tokompiler's anonymization categories, in the order the reference assigns them (a later
/// category overwrites an earlier one for the same text in faithful mode).
public enum AnonymizationCategory: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Dummy arguments.
    case arg
    /// Variables.
    case `var`
    /// Arrays (improved mode; the reference's Fortran grammar never produces it).
    case arr
    /// Functions and subroutines (and, in faithful mode, arrays and intrinsics used as `name(…)`).
    case `func`
    /// Components of derived types.
    case field
    /// Derived type names.
    case type
    /// Numeric literals.
    case num
    /// Character constants of C (never produced for Fortran).
    case char
    /// Character literals.
    case str

    /// The prefix of anonymized names (`var` → `var_12`).
    public var prefix: String { rawValue }

    /// The position in the reference's assignment order.
    var order: Int {
        switch self {
        case .arg: 0
        case .var: 1
        case .arr: 2
        case .func: 3
        case .field: 4
        case .type: 5
        case .num: 6
        case .char: 7
        case .str: 8
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
}

/// One anonymized name: what it stands for.
public struct AnonymizedName: Sendable, Hashable {
    /// The category.
    public var category: AnonymizationCategory
    /// The number (0…1000 in faithful mode).
    public var number: Int
    /// The original text (lower case for names; as written for literals).
    public var original: String

    /// `var_12`.
    public var replacement: String { "\(category.prefix)_\(number)" }
}

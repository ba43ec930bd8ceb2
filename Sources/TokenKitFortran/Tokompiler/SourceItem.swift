import TokenKit

/// What a name (or literal) is in its statement, as the statement recogniser sees it.
enum NameRole: UInt8 {
    /// Not a candidate: operators, punctuation, keywords in keyword position, labels.
    case keep
    /// A keyword argument name (`kind=`, `stat=`, `unit=`): kept.
    case keywordArgument
    /// A label reference (`go to 10`, `do 10 i = …`): kept.
    case labelReference
    /// A dummy argument in a procedure header.
    case argument
    /// A name in an expression or a declaration's bounds.
    case variable
    /// A declared scalar entity.
    case declared
    /// A declared array entity (`x(n)` in a declaration, or any entity under `dimension`).
    case declaredArray
    /// `name(` in an expression: a function call, an array element or a substring.
    case call
    /// The target of `CALL`.
    case callee
    /// A procedure name where it is defined (header, `entry`, `module procedure`, `external`).
    case procedure
    /// The name of a module, program, submodule or block data unit.
    case programUnit
    /// The module named in `USE`.
    case usedModule
    /// An entity named in a `USE … ONLY:` list or rename.
    case usedEntity
    /// An entity imported from an intrinsic module (`ieee_is_nan`, `int64`).
    case intrinsicEntity
    /// A name after `END …` (unit or construct name).
    case endName
    /// A component after `%`, or a component declared in a derived type.
    case field
    /// A derived type name.
    case typeName
    /// A name inside a directive's parenthesised clause list.
    case directiveName
    /// A numeric literal (integer, real, BOZ).
    case number
    /// A character literal, Hollerith constant or FORMAT specification.
    case string
}

/// One significant token of the source, joined over continuation, with its role.
struct SourceItem {
    var kind: FortranTokenKind
    var flags: FortranToken.Flags
    var start: Int
    var end: Int
    /// The joined bytes as text (original case).
    var text: String
    /// `text` in lower case (ASCII letters only).
    var lower: String
    var role: NameRole = .keep

    var isName: Bool { kind == .name }
    var endsStatement: Bool { flags.contains(.endsStatement) }

    static func lowercasedASCII(_ s: String) -> String {
        var bytes = Array(s.utf8)
        var changed = false
        for k in bytes.indices where bytes[k] &- 0x41 < 26 { bytes[k] |= 0x20; changed = true }
        return changed ? String(decoding: bytes, as: UTF8.self) : s
    }
}

/// How Tokompiler classifies and numbers names.
public enum TokompilerMode: String, Sendable, Hashable, CaseIterable {
    /// Reproduces the reference (tree-sitter-fortran v0.0.1 + `replace_vars`): arrays and
    /// intrinsics used as `name(…)` become `func`, CALL targets `var`, module/program names and
    /// names after `END` are not renamed, comments and directives pass through verbatim, and
    /// numbers are drawn at random from 0…1000 per category (seeded). Free form only.
    case faithful
    /// Symbol-table aware: declared arrays → `arr`, intrinsic procedures kept, CALL targets and
    /// definitions `func`, every user name anonymized (also after `END`, in `USE`, in directive
    /// clauses), comments dropped, fixed form supported, numbers by first occurrence from 0.
    case improved
}

/// Which token strings count as covers of a byte prefix (spec §1.4).
public enum CoverMode: String, Sendable, Hashable, CaseIterable {
    /// Only valid (canonical) token strings: the paper's quantity, invalid continuations masked.
    case canonical
    /// Every covering token string, without the validity filter: the LM's own byte marginal
    /// *given the canonical encoding of the bytes before the split point* (paths after the
    /// split are all summed; use split rule `.none` for the full marginal on short strings).
    case allPaths = "all-paths"
}

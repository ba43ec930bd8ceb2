import TokenKit

/// The framing tokens a tokenizer's default encode adds (BOS first, EOS last, a template's
/// ends), so decode can drop them where encode put them and `encode | decode` gives the input back.
struct FramingTokens {
    /// Ids encode puts before the content.
    var prefix: [TokenID] = []
    /// Ids encode puts after the content.
    var suffix: [TokenID] = []

    /// No framing: `strip` keeps every id.
    init() {}

    /// Finds the framing by encoding a probe with and without it: the framed ids are
    /// prefix + content + suffix. A tokenizer that cannot encode the probe (or frames in some
    /// other way) is treated as adding none, and decode then drops nothing.
    init(of tokenizer: any Tokenizer) {
        for probe in ["a", " ", "0"] {
            let framed: [TokenID], plain: [TokenID]
            do throws(TokenizerError) {
                framed = try tokenizer.encode(Array(probe.utf8), options: .default).ids
                plain = try tokenizer.encode(Array(probe.utf8), options: .plain).ids
            } catch {
                continue  // this probe is not encodable here; try the next
            }
            if framed == plain { return }
            guard framed.count > plain.count, !plain.isEmpty else { continue }
            let extra = framed.count - plain.count
            for start in 0...extra where Array(framed[start..<(start + plain.count)]) == plain {
                prefix = Array(framed[..<start])
                suffix = Array(framed[(start + plain.count)...])
                return
            }
        }
    }

    /// `ids` without a leading prefix and a trailing suffix, each dropped only when present.
    ///
    /// - Complexity: O(*f*) for the framing's length.
    func strip(_ ids: [TokenID]) -> ArraySlice<TokenID> {
        var slice = ids[...]
        if !prefix.isEmpty, slice.starts(with: prefix) { slice = slice.dropFirst(prefix.count) }
        if !suffix.isEmpty, slice.count >= suffix.count, slice.suffix(suffix.count).elementsEqual(suffix) {
            slice = slice.dropLast(suffix.count)
        }
        return slice
    }
}

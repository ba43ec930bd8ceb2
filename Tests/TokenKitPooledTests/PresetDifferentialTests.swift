import Testing
import TokenKit
import TokenKitTestSupport
@testable import TokenKitPooled

/// The one-pass preset scanner against a literal transcription of the reference pipeline:
/// sequential `str.replace`, `re.sub` of an ordered alternation, collapsing spaces, Python
/// `strip()`, `split(" ")`, then the preset's word step.
@Suite struct PresetDifferentialTests {
    static func replaceAll(_ s: [Unicode.Scalar], _ what: String, _ with: String) -> [Unicode.Scalar] {
        let w = Array(what.unicodeScalars), r = Array(with.unicodeScalars)
        var out: [Unicode.Scalar] = []
        var i = 0
        while i < s.count {
            if i + w.count <= s.count && Array(s[i..<(i + w.count)]) == w { out += r; i += w.count } else { out.append(s[i]); i += 1 }
        }
        return out
    }

    static func pad(_ s: [Unicode.Scalar], _ alternatives: [String]) -> [Unicode.Scalar] {
        let alts = alternatives.map { Array($0.unicodeScalars) }
        var out: [Unicode.Scalar] = []
        var i = 0
        outer: while i < s.count {
            for a in alts where i + a.count <= s.count && Array(s[i..<(i + a.count)]) == a {
                out.append(" "); out += a; out.append(" "); i += a.count; continue outer
            }
            out.append(s[i]); i += 1
        }
        return out
    }

    /// `split(" ")` on scalars (Swift's `split` on a String would split grapheme clusters, and a
    /// space followed by a combining mark is one cluster — pitfall C1).
    static func splitOnSpace(_ s: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var out: [[Unicode.Scalar]] = [[]]
        for c in s { if c == " " { out.append([]) } else { out[out.count - 1].append(c) } }
        return out
    }

    static func string(_ s: [Unicode.Scalar]) -> String { String(String.UnicodeScalarView(s)) }

    static func isPySpace(_ c: Unicode.Scalar) -> Bool { PythonSpace.isSpace(c.value) }

    static func reference(_ text: String, _ preset: PooledNormalization) -> [String] {
        var s = Array(text.unicodeScalars)
        for r in ["\n", "<unk>", "=", "@-@"] { s = replaceAll(s, r, " ") }
        switch preset {
        case .eDatasetNat: s = pad(s, [":", ",", ";", ".", "\n", "!", "'", "--", "?"])
        default: s = pad(s, ["-", "{", "}:", ",", ";", ".", "!", "'", "--", "?"])
        }
        if case .myDataset(true) = preset {
            let kept = splitOnSpace(s).filter { !$0.contains { ($0.value | 0x20) >= 0x61 && ($0.value | 0x20) <= 0x7A } }
            s = Array(kept.map(string).joined(separator: " ").unicodeScalars)
        }
        var collapsed: [Unicode.Scalar] = []
        for c in s where !(c == " " && collapsed.last == " ") { collapsed.append(c) }
        while let f = collapsed.first, isPySpace(f) { collapsed.removeFirst() }
        while let l = collapsed.last, isPySpace(l) { collapsed.removeLast() }
        if collapsed.isEmpty { return [] }  // TokenKit's documented choice for "".split(" ") == [""]
        let words = splitOnSpace(collapsed)
        if case .eDatasetNat = preset { return words.map { $0.count > 9 ? "@" : string($0) } }
        return words.map(string)
    }

    static let pieces = ["a", "The", "xyz", "é", "日本", "2", " ", "  ", "\n", "\t", "\u{A0}", "\u{3000}", "=", "@-@", "@", "-", "--", "<unk>",
                         "<u", "nk>", ":", "}:", "}", "{", ",", ";", ".", "!", "'", "?", "abcdefghijk", "\u{301}"]

    @Test(arguments: [PooledNormalization.eDatasetNat, .myDataset(deletingLatinWords: true), .myDataset(deletingLatinWords: false)])
    func scannerMatchesReferencePipeline(_ preset: PooledNormalization) throws {
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<2000 {
            let text = (0..<Int(rng.next() % 10)).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }.joined()
            #expect(try preset.words(in: text) == Self.reference(text, preset), "\(text.debugDescription)")
        }
    }
}

import ArgumentParser
import TokenKit
import TokenKitBPE

/// `tok info`: what a tokenizer is.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a tokenizer: family, size, round trip, split pattern, specials, source.",
        discussion: """
            The round trip says what decode(encode(x)) gives back: bytes (any input), text \
            (valid UTF-8), normalized text, or none. For byte-level BPE, the split pattern and \
            normalizer are shown too (--json: "round_trip", "split_pattern", "normalizer").

            Example:
              tok info -t byt5
              tok info --json -t cl100k_base
            """)

    @OptionGroup var tokenizer: TokenizerOptions

    @Flag(help: "Print a JSON object instead of text.")
    var json = false

    func run() throws {
        let t = try tokenizer.load()
        var out = OutputStream.standardOutput()
        let roundTrip: String =
            switch t.roundTrip {
            case .bytes: "bytes (decode(encode(x)) == x for any bytes)"
            case .text: "text (decode(encode(x)) == x for valid UTF-8)"
            case .normalizedText: "normalized text"
            case .none: "none (tokens do not decode to the input)"
            }
        let split = Self.splitDescription(t)
        if json {
            var o: [UInt8] = Array("{\"family\":".utf8)
            JSONWriter.appendString(t.family.rawValue, to: &o)
            o.append(contentsOf: ",\"vocabulary_size\":".utf8)
            JSONWriter.appendDecimal(t.vocabularySize, to: &o)
            o.append(contentsOf: ",\"source\":".utf8)
            JSONWriter.appendString(t.source, to: &o)
            o.append(contentsOf: ",\"round_trip\":".utf8)
            JSONWriter.appendString(Self.roundTripName(t.roundTrip), to: &o)
            if let split {
                o.append(contentsOf: ",\"split_pattern\":{\"name\":".utf8)
                JSONWriter.appendString(split.name, to: &o)
                o.append(contentsOf: ",\"regex\":".utf8)
                Self.appendOptional(split.regex, to: &o)
                o.append(contentsOf: "},\"normalizer\":".utf8)
                Self.appendOptional(split.normalizer, to: &o)
            }
            o.append(contentsOf: ",\"special_tokens\":[".utf8)
            for (k, s) in t.specialTokens.enumerated() {
                if k > 0 { o.append(UInt8(ascii: ",")) }
                o.append(contentsOf: "{\"id\":".utf8)
                JSONWriter.appendDecimal(s.id, to: &o)
                o.append(contentsOf: ",\"text\":".utf8)
                JSONWriter.appendString(s.text, to: &o)
                o.append(contentsOf: ",\"role\":".utf8)
                JSONWriter.appendString(s.role.rawValue, to: &o)
                o.append(UInt8(ascii: "}"))
            }
            o.append(contentsOf: "],\"depends_on_batch\":\(t.dependsOnBatch)}\n".utf8)
            try out.write(o)
            try out.flush()
            return
        }
        try out.write("family:          \(t.family)\n")
        try out.write("vocabulary size: \(t.vocabularySize)\n")
        try out.write("source:          \(t.source)\n")
        try out.write("round trip:      \(roundTrip)\n")
        if let split {
            try out.write("split pattern:   \(split.name)\(split.regex.map { " \($0)" } ?? "")\n")
            try out.write("normalizer:      \(split.normalizer ?? "none")\n")
        }
        if t.dependsOnBatch { try out.write("batch:           ids depend on the whole batch\n") }
        let specials = t.specialTokens
        if specials.count == 0 {
            try out.write("special tokens:  none\n")
        } else {
            try out.write("special tokens:  \(specials.count)\n")
            let shown = specials.all.prefix(20)
            for s in shown {
                var text: [UInt8] = []
                JSONWriter.appendString(s.text, to: &text)
                try out.write("  \(s.id)\t\(String(decoding: text, as: UTF8.self))\t\(s.role)\n")
            }
            if specials.count > shown.count { try out.write("  … and \(specials.count - shown.count) more (use --json for all)\n") }
        }
        try out.flush()
    }

    /// The round-trip promise as one word for JSON.
    static func roundTripName(_ roundTrip: RoundTrip) -> String {
        switch roundTrip {
        case .bytes: "bytes"
        case .text: "text"
        case .normalizedText: "normalized_text"
        case .none: "none"
        }
    }

    /// How a byte-level BPE tokenizer splits and normalizes: the pattern's name and regex (for a
    /// tokenizer.json, its pre-tokenizer's stages when no published pattern reproduces them)
    /// and the normalizer; `nil` for other families.
    static func splitDescription(_ t: any Tokenizer) -> (name: String, regex: String?, normalizer: String?)? {
        if let bpe = t as? BPETokenizer {
            return (bpe.pattern.name, bpe.pattern.regexString, bpe.normalization.map { TiktokenSidecar.normalizerName($0) })
        }
        if let hf = t as? HFTokenizer {
            let name = hf.splitPattern?.name ?? hf.preTokenizerDescription ?? "none"
            return (name, hf.splitPattern?.regexString, hf.normalizerDescription)
        }
        return nil
    }

    static func appendOptional(_ text: String?, to o: inout [UInt8]) {
        if let text { JSONWriter.appendString(text, to: &o) } else { o.append(contentsOf: "null".utf8) }
    }
}

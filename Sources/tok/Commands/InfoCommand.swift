import ArgumentParser
import TokenKit

/// `tok info`: what a tokenizer is.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a tokenizer: family, vocabulary size, special tokens, source.",
        discussion: """
            Example:
              tok info -t byt5
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
        if json {
            var o: [UInt8] = Array("{\"family\":".utf8)
            JSONWriter.appendString(t.family.rawValue, to: &o)
            o.append(contentsOf: ",\"vocabulary_size\":".utf8)
            JSONWriter.appendDecimal(t.vocabularySize, to: &o)
            o.append(contentsOf: ",\"source\":".utf8)
            JSONWriter.appendString(t.source, to: &o)
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
}

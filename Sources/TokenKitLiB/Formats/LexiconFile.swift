import TokenKit

/// The text format of a trained LiB lexicon (`.lib.txt`).
///
/// ```text
/// tokenkit-lib-lexicon 1
/// # comments and blank lines are allowed in the header
/// mode production
/// special eos <|endoftext|>
/// param alpha 0.25
/// ---
/// the\s
/// a\s
/// t
/// ```
///
/// The first line is the magic `tokenkit-lib-lexicon 1`. Header lines are `mode faithful|production`,
/// `special ROLE TEXT` (ids after the lexicon and the 256 byte-fallback ids, in file order),
/// `param NAME VALUE` (training settings, kept for information) and `#` comments. A line `---`
/// ends the header; every following line is one lexicon entry, in rank order (line *k* after
/// `---` is id *k*). Entries and special texts are escaped: `\\` backslash, `\n` LF, `\r` CR,
/// `\t` tab, `\s` space, `\u{HEX}` any scalar. Writers escape controls, and a space at the end
/// of an entry as `\s` so editors cannot strip it; other spaces may stay literal. The file is
/// UTF-8; a final newline is optional.
public struct LexiconFile: Sendable, Hashable {
    /// The magic first line.
    public static let magic = "tokenkit-lib-lexicon 1"

    /// The entries in rank order.
    public var lexicon: [String]
    /// The segmentation mode the lexicon is meant for.
    public var mode: LiBTokenizer.Mode
    /// Special tokens as (role, text), in id order.
    public var specials: [Special]
    /// Training settings (name, value), in file order.
    public var parameters: [Parameter]

    /// A special token line.
    public struct Special: Sendable, Hashable {
        /// The role (`eos`, `bos`, …).
        public var role: String
        /// The literal text.
        public var text: String
        /// Creates a special.
        public init(role: String, text: String) { self.role = role; self.text = text }
    }

    /// A `param` line.
    public struct Parameter: Sendable, Hashable {
        /// The name.
        public var name: String
        /// The value, as written.
        public var value: String
        /// Creates a parameter.
        public init(name: String, value: String) { self.name = name; self.value = value }
    }

    /// Creates a file's contents.
    public init(lexicon: [String], mode: LiBTokenizer.Mode, specials: [Special] = [], parameters: [Parameter] = []) {
        self.lexicon = lexicon
        self.mode = mode
        self.specials = specials
        self.parameters = parameters
    }

    /// The tokenizer this file describes.
    ///
    /// - Throws: `FormatError` for a duplicate or empty entry or special.
    public func tokenizer(source: String) throws(FormatError) -> LiBTokenizer {
        try LiBTokenizer(lexicon: lexicon, mode: mode,
                         specials: specials.map { ($0.text, SpecialToken.Role(rawValue: $0.role)) }, source: source)
    }

    // MARK: Writing

    /// The file's bytes.
    public func serialized() -> [UInt8] {
        var out = Self.magic + "\n"
        out += "mode \(mode.rawValue)\n"
        for p in parameters { out += "param \(p.name) \(Self.escape(p.value, trailingSpace: true))\n" }
        for s in specials { out += "special \(s.role) \(Self.escape(s.text, trailingSpace: true))\n" }
        out += "---\n"
        for entry in lexicon { out += Self.escape(entry, trailingSpace: true) + "\n" }
        return Array(out.utf8)
    }

    /// Writes the file atomically (TokenKit's `AtomicFileWriter`: a reader sees the old file or
    /// the whole new one).
    ///
    /// - Throws: `InputError` when the file cannot be written, with the path and `errno` of the
    ///   failed step (kept as an `InputError` for the callers that already handle it).
    public func write(to path: String) throws(InputError) {
        do throws(OutputError) {
            try AtomicFileWriter.write(serialized(), to: path)
        } catch {
            let code: InputError.Code =
                switch error.code {
                case .permissionDenied: .permissionDenied
                case .notFound: .notFound
                default: .ioFailure
                }
            throw InputError(code: code, path: error.path, errno: error.errno, message: "cannot \(error.operation): \(error.reason)")
        }
    }

    /// Escapes one entry (see the type's documentation).
    public static func escape(_ text: String, trailingSpace: Bool) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (k, s) in scalars.enumerated() {
            switch s {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case " ": out += (trailingSpace && k == scalars.count - 1) || k == 0 ? "\\s" : " "
            default:
                let v = s.value
                if v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0x2028 || v == 0x2029 || v == 0xFEFF {
                    out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out
    }
}

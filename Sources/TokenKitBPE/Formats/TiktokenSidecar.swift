import TokenKit

/// What a tiktoken rank file does not say: the split pattern, the special tokens and the
/// normalizer, kept in `<rank file>.json` beside it (`tokenizer.tiktoken.json` next to
/// `tokenizer.tiktoken`).
///
/// The keys that tiktoken knows are named after the arguments of its `Encoding`, so a tiktoken
/// user passes them on as they are:
///
/// ```json
/// {"name": "my-bpe", "pat_str": "…", "special_tokens": {"<|endoftext|>": 0},
///  "pattern": "gpt2", "normalizer": null}
/// ```
///
/// ```python
/// c = json.load(open("my-bpe/tokenizer.tiktoken.json"))
/// enc = tiktoken.Encoding(c["name"], pat_str=c["pat_str"], special_tokens=c["special_tokens"],
///                         mergeable_ranks=load_tiktoken_bpe("my-bpe/tokenizer.tiktoken"))
/// ```
///
/// `pattern` (TokenKit's name for a published pattern, which then runs on its scanner) wins
/// over `pat_str` when both are present; `normalizer` (`NFC`, `NFKC`, … or `null`) is applied
/// before splitting, which tiktoken itself cannot do. `merges` names a `merges.txt` beside the
/// sidecar: TokenKit then merges in its order, exactly as the `tokenizer.json` written with it
/// (tiktoken merges by rank, which differs on the rare word where a merge re-spells an
/// existing token). `individual_digits: true` (training with
/// `--digits individual`) cannot be run from a rank file: such a vocabulary loads from its
/// `tokenizer.json`.
public struct TiktokenSidecar: Sendable, Hashable {
    /// The encoding's name (tiktoken's `name`).
    public var name: String
    /// The split pattern (`pattern`, else `pat_str`).
    public var pattern: SplitPattern
    /// The special tokens (`special_tokens`: text to id).
    public var specialTokens: [SpecialToken]
    /// The normalization applied before splitting (`normalizer`).
    public var normalization: NormalizationForm?
    /// Whether every digit was its own pretoken in training (`individual_digits`, HF's
    /// `Digits` pre-tokenizer), which a rank-file tokenizer cannot reproduce.
    public var individualDigits: Bool
    /// A merges file beside the sidecar (`merges`: `"merges.txt"`) to merge in its order, as
    /// the `tokenizer.json` written with it does, instead of by rank as tiktoken does.
    public var merges: String?

    /// Creates a sidecar.
    public init(name: String, pattern: SplitPattern, specialTokens: [SpecialToken], normalization: NormalizationForm?,
                individualDigits: Bool = false, merges: String? = nil) {
        self.name = name
        self.pattern = pattern
        self.specialTokens = specialTokens
        self.normalization = normalization
        self.individualDigits = individualDigits
        self.merges = merges
    }

    /// The sidecar's path for a rank file: the rank file's path with `.json` appended.
    public static func path(forRankFile rankFile: String) -> String { rankFile + ".json" }

    /// The settings as a preset for the rank file.
    public var preset: BPEPreset {
        BPEPreset(name: name, pattern: pattern, normalization: normalization, specials: specialTokens, fileNames: [])
    }

    /// Reads the sidecar beside `rankFile`, or returns `nil` when there is none.
    ///
    /// - Throws: `LoadError` naming the sidecar when it cannot be read or is malformed.
    public static func load(besideRankFile rankFile: String) throws(LoadError) -> TiktokenSidecar? {
        let path = path(forRankFile: rankFile)
        guard FileIO.exists(path) else { return nil }
        let bytes: [UInt8]
        do throws(InputError) { bytes = try FileIO.readAll(path: path) } catch { throw .input(error) }
        do throws(FormatError) {
            return try parse(bytes, path: path)
        } catch {
            throw .format(error)
        }
    }

    /// Parses a sidecar's JSON.
    ///
    /// - Throws: `FormatError` naming `path` and the key that is wrong.
    public static func parse(_ bytes: [UInt8], path: String? = nil) throws(FormatError) -> TiktokenSidecar {
        func bad(_ message: String) -> FormatError { FormatError(.invalidValue, message, at: InputLocation(path: path)) }
        let json: JSONValue
        do throws(FormatError) { json = try JSONParser.parse(bytes) } catch { throw error.inFile(path) }
        guard json.objectValue != nil else { throw bad("a tiktoken sidecar is a JSON object") }
        let pattern: SplitPattern
        if let name = json["pattern"]?.stringValue {
            do throws(FormatError) { pattern = try SplitPattern.named(name) } catch { throw bad("\"pattern\": \(error.message)") }
        } else if let regex = json["pat_str"]?.stringValue {
            do throws(FormatError) { pattern = try SplitPattern(regex: regex) } catch { throw bad("\"pat_str\": \(error.message)") }
        } else {
            throw bad("no \"pattern\" or \"pat_str\": the split pattern is needed to encode")
        }
        var specials: [SpecialToken] = []
        if let entries = json["special_tokens"]?.objectValue {
            for (text, value) in entries {
                guard let id = value.intValue, id >= 0, id <= RankFile.maximumRank else {
                    throw bad("\"special_tokens\": the id of \(text) is not a token id")
                }
                specials.append(SpecialToken(id: TokenID(id), text: text, role: HFTokenizer.role(of: text, unknown: nil)))
            }
        } else if let value = json["special_tokens"], !value.isNull {
            throw bad("\"special_tokens\" is an object of text to id")
        }
        specials.sort { $0.id < $1.id }
        var normalization: NormalizationForm?
        if let value = json["normalizer"], !value.isNull {
            guard let text = value.stringValue, let form = Self.normalization(named: text) else {
                throw bad("\"normalizer\" is one of \(NormalizationForm.allCases.map { Self.normalizerName($0) }.joined(separator: ", ")) or null")
            }
            normalization = form
        }
        var merges: String?
        if let value = json["merges"], !value.isNull {
            guard let file = value.stringValue, !file.isEmpty, !file.hasPrefix("/") else {
                throw bad("\"merges\" is the name of a merges file beside the sidecar")
            }
            merges = file
        }
        return TiktokenSidecar(name: json["name"]?.stringValue ?? "custom", pattern: pattern,
                               specialTokens: specials, normalization: normalization,
                               individualDigits: json["individual_digits"]?.boolValue ?? false,
                               merges: merges)
    }

    /// The sidecar's JSON, one key per line.
    public func json() -> [UInt8] {
        var o: [UInt8] = Array("{\n  \"name\": ".utf8)
        JSONWriter.appendString(name, to: &o)
        o.append(contentsOf: ",\n  \"pat_str\": ".utf8)
        // `none` has no regex; a regex that takes the whole text keeps tiktoken users' encoding equal.
        JSONWriter.appendString(pattern.regexString ?? #"[\s\S]+"#, to: &o)
        o.append(contentsOf: ",\n  \"special_tokens\": {".utf8)
        for (k, token) in specialTokens.enumerated() {
            o.append(contentsOf: (k == 0 ? "" : ", ").utf8)
            JSONWriter.appendString(token.text, to: &o)
            o.append(contentsOf: ": ".utf8)
            JSONWriter.appendDecimal(token.id, to: &o)
        }
        o.append(contentsOf: "},\n  \"pattern\": ".utf8)
        if pattern.isScanner { JSONWriter.appendString(pattern.name, to: &o) } else { o.append(contentsOf: "null".utf8) }
        o.append(contentsOf: ",\n  \"normalizer\": ".utf8)
        if let normalization { JSONWriter.appendString(Self.normalizerName(normalization), to: &o) } else { o.append(contentsOf: "null".utf8) }
        if individualDigits { o.append(contentsOf: ",\n  \"individual_digits\": true".utf8) }
        if let merges {
            o.append(contentsOf: ",\n  \"merges\": ".utf8)
            JSONWriter.appendString(merges, to: &o)
        }
        o.append(contentsOf: "\n}\n".utf8)
        return o
    }

    /// The name of a normalization form as the `normalizer` key (and Hugging Face's type
    /// names) spell it: `NFC`, `NFKC`, …; `NFKC_Casefold` for case folding.
    public static func normalizerName(_ form: NormalizationForm) -> String {
        form == .nfkcCasefold ? "NFKC_Casefold" : form.rawValue.uppercased()
    }

    static func normalization(named name: String) -> NormalizationForm? {
        NormalizationForm.allCases.first { Self.normalizerName($0).lowercased() == name.lowercased() }
    }
}

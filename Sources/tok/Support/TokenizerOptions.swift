import ArgumentParser
import TokenKit
import TokenKitCatalog
import TokenKitBPE

/// The `-t SPEC` option every subcommand shares.
struct TokenizerOptions: ParsableArguments {
    @Option(
        name: [.customShort("t"), .customLong("tokenizer")],
        help: ArgumentHelp(
            "A built-in tokenizer name or a path to a tokenizer file or folder.",
            discussion: "Run `tok list` for the names and the file formats tok reads. A name whose file is not bundled is found offline in $TOKENKIT_VOCABULARIES, tiktoken's cache, or (ORG/NAME) the Hugging Face hub cache; a path wins over a name.",
            valueName: "spec"))
    var spec: String = TokenizerCatalog.defaultSpec

    @OptionGroup var split: SplitPatternOptions

    /// Loads the tokenizer, turning load failures into one-line CLI errors.
    func load() throws(CLIError) -> any Tokenizer {
        let tokenizer: any Tokenizer
        do throws(LoadError) {
            tokenizer = try TokenizerCatalog.standard.resolve(spec)
        } catch {
            // A rank file with no sidecar and no preset that fits still loads when --pattern
            // or --pattern-regex says how to split.
            if let pattern = try split.pattern(), FileIO.exists(spec), !FileIO.isDirectory(spec),
               let bpe = try? BPEFiles.loadRankFile(path: spec, preset: .custom(pattern: pattern)) {
                return bpe
            }
            throw CLIError(error.description)
        }
        guard let pattern = try split.pattern() else { return tokenizer }
        guard let bpe = tokenizer as? BPETokenizer else {
            throw CLIError("\(split.optionName) applies to byte-level BPE tokenizers; \(spec) is \(tokenizer.family)")
        }
        guard let name = split.name else { return bpe.withPattern(pattern) }
        do throws(FormatError) {
            return try bpe.withPattern(named: name)
        } catch {
            throw CLIError("--pattern \(error.message)")
        }
    }
}

/// `--pattern NAME` and `--pattern-regex REGEX`: the split pattern of byte-level BPE.
///
/// Names and regexes are separate options so that a misspelt name is a usage error instead of
/// a regex that matches nothing.
struct SplitPatternOptions: ParsableArguments {
    @Option(name: .customLong("pattern"), help: ArgumentHelp(
        "For byte-level BPE: the split pattern by name: \(SplitPattern.names.joined(separator: ", ")) (also r50k, p50k, llama4).",
        valueName: "name"))
    var name: String?

    @Option(name: .customLong("pattern-regex"), help: ArgumentHelp(
        "For byte-level BPE: a custom split regex (ICU syntax); text between matches is kept as pieces of its own.",
        valueName: "regex"))
    var regex: String?

    func validate() throws {
        if name != nil && regex != nil { throw ValidationError("give --pattern or --pattern-regex, not both") }
        if let name {
            do throws(FormatError) { _ = try SplitPattern.named(name) } catch {
                throw ValidationError("--pattern \(error.message); a custom regex goes in --pattern-regex")
            }
        }
        if let regex {
            do throws(FormatError) { _ = try SplitPattern(regex: regex) } catch {
                throw ValidationError("--pattern-regex: \(error.message)")
            }
        }
    }

    /// The option the user gave, for messages.
    var optionName: String { regex != nil ? "--pattern-regex" : "--pattern" }

    /// The pattern given, or `nil` when neither option is.
    ///
    /// - Throws: ``CLIError`` for an unknown name or a regex that does not compile.
    func pattern() throws(CLIError) -> SplitPattern? {
        do throws(FormatError) {
            if let name { return try SplitPattern.named(name) }
            if let regex { return try SplitPattern(regex: regex) }
            return nil
        } catch {
            throw CLIError("\(optionName): \(error.message)")
        }
    }
}

/// How text input that is not valid UTF-8 is handled.
enum InvalidUTF8Mode: String, ExpressibleByArgument, CaseIterable {
    /// Stop with the byte offset of the first bad byte.
    case error
    /// Replace each invalid sequence with U+FFFD before encoding.
    case replace
    /// Pass the raw bytes to the tokenizer (byte-level tokenizers accept them).
    case bytes
}

/// Options that control how text becomes ids.
struct EncodingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "What to do with input that is not valid UTF-8: error, replace (with U+FFFD) or bytes (encode raw bytes). Default: bytes for tokenizers whose round trip is any bytes (see `tok info`), else error.",
        valueName: "mode"))
    var invalidUTF8: InvalidUTF8Mode?

    @Option(help: ArgumentHelp(
        "Framing tokens (BOS/EOS/templates): default (the tokenizer's convention), none, or add.",
        valueName: "mode"))
    var framing: Framing = .tokenizerDefault

    @Option(help: ArgumentHelp(
        "Special-token text in the input: text (encode it as ordinary text), match (encode it as the special token), or error.",
        valueName: "mode"))
    var special: SpecialMode = .text

    var encodeOptions: EncodeOptions {
        EncodeOptions(framing: framing, specials: special.policy)
    }

    /// The UTF-8 policy for `tokenizer`: `--invalid-utf8` if given, else `bytes` exactly for the
    /// tokenizers whose round trip is any bytes (a binary file round-trips through them), else
    /// `error` (normalizing and text tokenizers would change such input).
    func utf8Mode(for tokenizer: any Tokenizer) -> InvalidUTF8Mode {
        invalidUTF8 ?? (tokenizer.roundTrip == .bytes ? .bytes : .error)
    }

    /// The error for invalid UTF-8 under `--invalid-utf8 error`, with the ways out.
    static func invalidUTF8Error(_ origin: String, at offset: Int) -> CLIError {
        CLIError("\(origin): invalid UTF-8 at byte \(offset) (use --invalid-utf8 replace or --invalid-utf8 bytes)")
    }

    /// Applies the UTF-8 policy `mode`; returns the bytes to encode.
    static func prepare(_ bytes: UnsafeBufferPointer<UInt8>, mode: InvalidUTF8Mode, origin: String) throws(CLIError) -> PreparedInput {
        switch mode {
        case .bytes:
            return .borrowed
        case .error:
            if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
                throw Self.invalidUTF8Error(origin, at: bad)
            }
            return .borrowed
        case .replace:
            if UTF8Validation.isValid(bytes) { return .borrowed }
            return .replaced(UTF8Validation.replacingInvalid(bytes))
        }
    }
}

/// The bytes to encode after the UTF-8 policy: the input itself or a repaired copy.
enum PreparedInput {
    case borrowed
    case replaced([UInt8])

    /// Runs `body` over the bytes to encode.
    func with<R>(_ original: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws(CLIError) -> R) throws(CLIError) -> R {
        switch self {
        case .borrowed:
            return try body(original)
        case .replaced(let copy):
            let result = copy.withUnsafeBufferPointer { buffer in
                Result { () throws(CLIError) -> R in try body(buffer) }
            }
            return try result.get()
        }
    }
}

/// `--special` values.
enum SpecialMode: String, ExpressibleByArgument, CaseIterable {
    case text, match, error

    var policy: SpecialTokenPolicy {
        switch self {
        case .text: .ordinary
        case .match: .matchAll
        case .error: .tiktokenDefault
        }
    }
}

extension Framing: ExpressibleByArgument {}

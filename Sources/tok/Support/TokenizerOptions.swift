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
            discussion: "Run `tok list` for the names and the file formats tok reads.",
            valueName: "spec"))
    var spec: String = TokenizerCatalog.defaultSpec

    @Option(help: ArgumentHelp(
        "For byte-level BPE: the split pattern, by name (gpt2, r50k, p50k, cl100k, llama3, o200k, llama4, qwen2) or as a regex.",
        valueName: "name|regex"))
    var pattern: String?

    /// Loads the tokenizer, turning load failures into one-line CLI errors.
    func load() throws(CLIError) -> any Tokenizer {
        let tokenizer: any Tokenizer
        do throws(LoadError) {
            tokenizer = try TokenizerCatalog.standard.resolve(spec)
        } catch {
            // A rank file that no published preset fits still loads when --pattern says how
            // to split (a vocabulary from `tok train bpe`, say).
            if let pattern, FileIO.exists(spec), !FileIO.isDirectory(spec) {
                let split: SplitPattern
                do throws(FormatError) { split = try SplitPattern.named(pattern) } catch {
                    throw CLIError("--pattern \(pattern): \(error.message)")
                }
                if let bpe = try? BPEFiles.loadRankFile(path: spec, preset: .custom(pattern: split)) { return bpe }
            }
            throw CLIError(error.description)
        }
        guard let pattern else { return tokenizer }
        guard let bpe = tokenizer as? BPETokenizer else {
            throw CLIError("--pattern applies to byte-level BPE tokenizers; \(spec) is \(tokenizer.family)")
        }
        do throws(FormatError) {
            return try bpe.withPattern(named: pattern)
        } catch {
            throw CLIError(error.description)
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

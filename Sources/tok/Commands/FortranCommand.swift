import ArgumentParser
import TokenKit
import TokenKitFortran

/// `tok fortran`: the Fortran lexer and Tokompiler's anonymizer.
struct FortranCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fortran",
        abstract: "Lex Fortran source and anonymize it (Tokompiler).",
        discussion: """
            Examples:
              tok fortran lex --json dgemm.f
              tok fortran anonymize --mode faithful heat.f90
              tok encode -t tokompiler:faithful heat.f90
            """,
        subcommands: [FortranLexCommand.self, FortranAnonymizeCommand.self])
}

/// Options shared by the Fortran subcommands.
struct FortranSourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Source form: free or fixed (default: from the extension, else the content).", valueName: "form"))
    var form: SourceForm?

    @Option(help: ArgumentHelp("Last statement column of fixed form.", valueName: "n"))
    var fixedLineLength = 72

    @Argument(help: ArgumentHelp("The Fortran file; - reads standard input.", valueName: "file"))
    var file: String = "-"

    func validate() throws {
        if fixedLineLength < 1 { throw ValidationError("--fixed-line-length must be at least 1, not \(fixedLineLength)") }
    }

    var lexerOptions: FortranLexer.Options { FortranLexer.Options(fixedLineLength: fixedLineLength) }

    /// Reads the file and picks the form.
    func read() throws(CLIError) -> (bytes: [UInt8], form: SourceForm) {
        let mapped = try InputFiles.open(file)
        let bytes = Array(mapped.bytes)
        let form = self.form ?? bytes.withUnsafeBufferPointer { SourceForm.detect(path: file == "-" ? nil : file, bytes: $0) }
        return (bytes, form)
    }
}

extension SourceForm: ExpressibleByArgument {}
extension TokompilerMode: ExpressibleByArgument {}

/// `tok fortran lex`: every token with its kind and byte range.
struct FortranLexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lex",
        abstract: "Print the tokens of a Fortran file, trivia included.",
        discussion: """
            The tokens cover every byte of the file in order: blanks, line ends, comments, \
            continuation marks and ignored columns are tokens of their own kinds, and anything \
            that is not Fortran is kind "error". Offsets are byte offsets (end exclusive). A token \
            split by continuation appears as several pieces of the same kind.

            With --json: a JSON array of {"kind", "text", "start", "end"}. Without: one line per \
            token, "start end kind text" with the text escaped.
            """)

    @OptionGroup var source: FortranSourceOptions

    @Flag(help: "Print a JSON array.")
    var json = false

    func run() throws {
        let (bytes, form) = try source.read()
        let file = FortranLexer(options: source.lexerOptions).lex(bytes, form: form)
        var out = OutputStream.standardOutput()
        var line: [UInt8] = []
        if json { try out.write("[") }
        for (k, t) in file.tokens.enumerated() {
            line.removeAll(keepingCapacity: true)
            let text = file.text(of: t)
            if json {
                if k > 0 { line.append(UInt8(ascii: ",")) }
                line.append(contentsOf: "\n{\"kind\":".utf8)
                JSONWriter.appendString(t.kind.description, to: &line)
                line.append(contentsOf: ",\"text\":".utf8)
                JSONWriter.appendString(text, to: &line)
                line.append(contentsOf: ",\"start\":".utf8)
                JSONWriter.appendDecimal(t.start, to: &line)
                line.append(contentsOf: ",\"end\":".utf8)
                JSONWriter.appendDecimal(t.end, to: &line)
                line.append(UInt8(ascii: "}"))
            } else {
                line.append(contentsOf: "\(t.start) \(t.end) \(t.kind) ".utf8)
                JSONWriter.appendString(text, to: &line)
                line.append(0x0A)
            }
            try out.write(line)
        }
        if json { try out.write("\n]\n") }
        try out.flush()
    }
}

/// `tok fortran anonymize`: the source with names replaced, and the mapping.
struct FortranAnonymizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "anonymize",
        abstract: "Anonymize Fortran source as Tokompiler does and print the mapping.",
        discussion: """
            Prints the source with every anonymized name and literal replaced (var_12, str_3, …), \
            then a line "! tokompiler mapping" and one "! NAME = ORIGINAL" line per name. With \
            --tokens, prints the lexicalized token stream instead of the source. With --json, \
            prints {"source", "tokens", "mapping": [{"name", "category", "number", "original"}]}.
            """)

    @OptionGroup var source: FortranSourceOptions

    @Option(help: ArgumentHelp("faithful (the reference's categories and leaks) or improved.", valueName: "mode"))
    var mode: TokompilerMode = .improved

    @Option(help: ArgumentHelp("Seed of faithful mode's random numbering.", valueName: "n"))
    var seed: UInt64 = 0

    @Flag(help: "Print the lexicalized tokens (one line, space-separated) instead of the source.")
    var tokens = false

    @Flag(help: "Print a JSON object.")
    var json = false

    func run() throws {
        let (bytes, form) = try source.read()
        let tokompiler = Tokompiler(options: .init(mode: mode, form: form, seed: seed, lexer: source.lexerOptions))
        let output: TokompilerOutput
        do throws(TokenizerError) { output = try tokompiler.run(bytes) } catch {
            throw CLIError(error, in: InputFiles.displayName(source.file))
        }
        var out = OutputStream.standardOutput()
        let anonymized = output.anonymizedSource(bytes)
        if json {
            var o: [UInt8] = Array("{\"source\":".utf8)
            JSONWriter.appendString(String(decoding: anonymized, as: UTF8.self), to: &o)
            o.append(contentsOf: ",\"tokens\":[".utf8)
            for (k, t) in output.tokens.enumerated() {
                if k > 0 { o.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(t, to: &o)
            }
            o.append(contentsOf: "],\"mapping\":[".utf8)
            for (k, name) in output.names.enumerated() {
                if k > 0 { o.append(UInt8(ascii: ",")) }
                o.append(contentsOf: "{\"name\":".utf8)
                JSONWriter.appendString(name.replacement, to: &o)
                o.append(contentsOf: ",\"category\":".utf8)
                JSONWriter.appendString(name.category.rawValue, to: &o)
                o.append(contentsOf: ",\"number\":".utf8)
                JSONWriter.appendDecimal(name.number, to: &o)
                o.append(contentsOf: ",\"original\":".utf8)
                JSONWriter.appendString(name.original, to: &o)
                o.append(UInt8(ascii: "}"))
            }
            o.append(contentsOf: "]}\n".utf8)
            try out.write(o)
            try out.flush()
            return
        }
        if tokens {
            try out.write(output.lexicalized)
            try out.write("\n")
            try out.flush()
            return
        }
        try out.write(anonymized)
        if anonymized.last != 0x0A { try out.write("\n") }
        try out.write("! tokompiler mapping\n")
        for name in output.names { try out.write("! \(name.replacement) = \(name.original)\n") }
        try out.flush()
    }
}

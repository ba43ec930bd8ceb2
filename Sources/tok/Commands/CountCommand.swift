import ArgumentParser
import TokenKit

/// `tok count`: tokens per file.
struct CountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "count",
        abstract: "Count the tokens of files.",
        discussion: """
            Prints one line COUNT<TAB>PATH per file, then TOTAL<TAB>N. Files are memory-mapped, so \
            huge files count in bounded memory; a progress bar shows on a terminal for large inputs.
            Like wc, a file that cannot be read or counted (missing, unreadable, invalid UTF-8 \
            under --invalid-utf8 error) gets one error line on standard error and the run goes on; \
            TOTAL sums the files counted, and the exit status is 1 if any file failed.

            Example:
              tok count -t byt5 corpus/*.txt
            """)

    @OptionGroup var tokenizer: TokenizerOptions
    @OptionGroup var encoding: EncodingOptions

    @Argument(help: ArgumentHelp("Files to count; - reads standard input.", valueName: "file"))
    var files: [String] = []

    func run() throws {
        let tokenizer = try tokenizer.load()
        let mode = encoding.utf8Mode(for: tokenizer)
        var out = OutputStream.standardOutput()
        var total = 0
        var failed = 0
        for path in InputFiles.paths(files) {
            // Like `wc`: a file that cannot be read or counted gets one line on stderr and the
            // run goes on; only failures to write the output stop it.
            let n: Int
            do throws(CLIError) {
                n = try count(tokenizer, path: path, mode: mode)
            } catch {
                printError("tok count: \(error.description)")
                failed += 1
                continue
            }
            total += n
            try out.write("\(n)\t\(path)\n")
            try out.flush()
        }
        try out.write("TOTAL\t\(total)\n")
        try out.flush()
        if failed > 0 { throw ExitCode.failure }
    }

    /// The token count of one file (or standard input), under the UTF-8 policy `mode`.
    private func count(_ tokenizer: any Tokenizer, path: String, mode: InvalidUTF8Mode) throws(CLIError) -> Int {
        let name = InputFiles.displayName(path)
        let file = try InputFiles.open(path)
        // Validate and count chunk by chunk, dropping consumed pages of the mapping: the
        // resident size stays at a few chunks whatever the file's size.
        let prepared: PreparedInput
        if mode == .error {
            if let bad = ChunkedWork.firstInvalidUTF8(file.bytes, consumed: { file.discardPages(before: $0) }) {
                throw EncodingOptions.invalidUTF8Error(name, at: bad)
            }
            prepared = .borrowed
        } else {
            prepared = try EncodingOptions.prepare(file.bytes, mode: mode, origin: name)
        }
        return try prepared.with(file.bytes) { bytes throws(CLIError) in
            do throws(TokenizerError) {
                return try ChunkedWork.count(tokenizer, bytes, options: encoding.encodeOptions, label: name,
                                             consumed: { file.discardPages(before: $0) })
            } catch {
                throw CLIError(error, in: name)
            }
        }
    }
}

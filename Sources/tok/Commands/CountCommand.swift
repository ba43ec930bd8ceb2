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
            A file that fails stops the run with an error; the lines already printed stay valid.

            Example:
              tok count -t byt5 corpus/*.txt
            """)

    @OptionGroup var tokenizer: TokenizerOptions
    @OptionGroup var encoding: EncodingOptions

    @Argument(help: ArgumentHelp("Files to count; - reads standard input.", valueName: "file"))
    var files: [String] = []

    func run() throws {
        let tokenizer = try tokenizer.load()
        var out = OutputStream.standardOutput()
        defer { out.flush() }
        var total = 0
        for path in InputFiles.paths(files) {
            let name = InputFiles.displayName(path)
            let file = try InputFiles.open(path)
            // Validate and count chunk by chunk, dropping consumed pages of the mapping: the
            // resident size stays at a few chunks whatever the file's size.
            let prepared: PreparedInput
            if encoding.invalidUTF8 == .error {
                if let bad = ChunkedWork.firstInvalidUTF8(file.bytes, consumed: { file.discardPages(before: $0) }) {
                    throw EncodingOptions.invalidUTF8Error(name, at: bad)
                }
                prepared = .borrowed
            } else {
                prepared = try encoding.prepare(file.bytes, origin: name)
            }
            let n = try prepared.with(file.bytes) { bytes throws(CLIError) in
                do throws(TokenizerError) {
                    return try ChunkedWork.count(tokenizer, bytes, options: encoding.encodeOptions, label: name,
                                                 consumed: { file.discardPages(before: $0) })
                } catch {
                    throw CLIError(error, in: name)
                }
            }
            total += n
            out.write("\(n)\t\(path)\n")
            out.flush()
        }
        out.write("TOTAL\t\(total)\n")
    }
}

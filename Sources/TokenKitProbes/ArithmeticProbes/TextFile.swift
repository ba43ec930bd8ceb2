import TokenKit

/// Whole-file writes and folder creation for manifests and reports, through TokenKit's
/// `AtomicFileWriter` (a reader never sees half a file).
enum TextFile {
    /// Writes `bytes` to `path`, replacing it atomically.
    static func write(_ bytes: [UInt8], to path: String) throws(ProbeError) {
        do throws(OutputError) { try AtomicFileWriter.write(bytes, to: path) } catch { throw ProbeError(error) }
    }

    /// Writes text.
    static func write(_ text: String, to path: String) throws(ProbeError) {
        try write(Array(text.utf8), to: path)
    }

    /// Creates a folder (and its parents) if needed.
    static func makeDirectory(_ path: String) throws(ProbeError) {
        do throws(OutputError) { try FileIO.makeDirectory(path) } catch { throw ProbeError(error) }
    }
}

extension ProbeManifest {
    /// Writes a manifest (one JSON object per line), replacing `path`.
    ///
    /// - Throws: ``ProbeError`` when the tokenizer fails or the file cannot be written.
    public static func write(_ problems: [ArithmeticProblem], tokenizer: (any Tokenizer)?, to path: String) throws(ProbeError) {
        var out: [UInt8] = []
        for p in problems {
            JSONWriter.append(try json(p, tokenizer: tokenizer), to: &out)
            out.append(0x0A)
        }
        try TextFile.write(out, to: path)
    }
}

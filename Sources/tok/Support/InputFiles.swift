import TokenKit

/// Opening the inputs named on the command line (`-` or none: standard input).
enum InputFiles {
    /// The paths to read; standard input is `-`.
    static func paths(_ files: [String]) -> [String] {
        files.isEmpty ? ["-"] : files
    }

    /// Maps a file (or reads standard input) with CLI-friendly errors.
    static func open(_ path: String) throws(CLIError) -> MappedFile {
        do throws(InputError) {
            return path == "-" ? try MappedFile(standardInput: ()) : try MappedFile(path: path)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Opens a line reader on a file or standard input.
    static func lines(_ path: String) throws(CLIError) -> LineReader {
        if path == "-" { return LineReader(standardInput: ()) }
        do throws(InputError) {
            return try LineReader(path: path)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Calls `body` with every line of a file (or standard input) and its `name:line` origin for
    /// messages, reading in bounded memory.
    static func forEachLine(_ path: String, _ body: ([UInt8], String) throws(CLIError) -> Void) throws(CLIError) {
        var reader = try lines(path)
        let name = displayName(path)
        while true {
            let line: [UInt8]?
            do throws(InputError) { line = try reader.nextLine() } catch { throw CLIError(error.description) }
            guard let line else { return }
            try body(line, "\(name):\(reader.lineNumber)")
        }
    }

    /// Whether a line holds only blanks (skipped in JSON-lines input).
    static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// The name of an input in messages.
    static func displayName(_ path: String) -> String {
        path == "-" ? "<stdin>" : path
    }
}

/// Encoding or counting a whole buffer, in chunks when the tokenizer allows it, with progress.
enum ChunkedWork {
    /// Bytes per chunk when the tokenizer has safe cut points.
    static let chunkSize = 1 << 22

    /// Counts the tokens of `bytes`, chunk by chunk when possible so progress can be shown.
    ///
    /// `consumed(n)` is called after each chunk with the bytes done so far (memory-mapped files
    /// drop those pages, so huge files count in bounded memory).
    static func count(_ tokenizer: some Tokenizer, _ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions,
                      label: String, consumed: (Int) -> Void = { _ in }) throws(TokenizerError) -> Int {
        var progress = ProgressBar(total: bytes.count, label: label)
        defer { progress.finish() }
        guard bytes.count > chunkSize, framingIsEmpty(tokenizer, options) else {
            return try tokenizer.count(bytes, options: options)
        }
        var total = 0
        var start = 0
        while start < bytes.count {
            let rest = UnsafeBufferPointer(rebasing: bytes[start...])
            var cut = rest.count <= chunkSize ? rest.count : (tokenizer.independentBoundary(in: rest, before: chunkSize) ?? rest.count)
            if cut <= 0 { cut = rest.count }
            total += try tokenizer.count(UnsafeBufferPointer(rebasing: rest[..<cut]), options: options)
            start += cut
            consumed(start)
            progress.update(done: start)
        }
        return total
    }

    /// Encodes `bytes` to ids, chunk by chunk when possible so progress can be shown.
    static func encode(_ tokenizer: some Tokenizer, _ bytes: UnsafeBufferPointer<UInt8>, options: EncodeOptions,
                       label: String) throws(TokenizerError) -> Encoding {
        var progress = ProgressBar(total: bytes.count, label: label)
        defer { progress.finish() }
        guard bytes.count > chunkSize, framingIsEmpty(tokenizer, options) else {
            return try tokenizer.encode(bytes, options: options)
        }
        var out = Encoding()
        var start = 0
        while start < bytes.count {
            let rest = UnsafeBufferPointer(rebasing: bytes[start...])
            var cut = rest.count <= chunkSize ? rest.count : (tokenizer.independentBoundary(in: rest, before: chunkSize) ?? rest.count)
            if cut <= 0 { cut = rest.count }
            let part = try tokenizer.encode(UnsafeBufferPointer(rebasing: rest[..<cut]), options: options)
            out.ids.append(contentsOf: part.ids)
            out.offsets.append(contentsOf: part.offsets.map { ($0.lowerBound + start)..<($0.upperBound + start) })
            start += cut
            progress.update(done: start)
        }
        return out
    }

    /// The offset of the first invalid UTF-8 sequence, validating chunk by chunk (cuts only
    /// before a byte that starts a character, so the answer equals a whole-buffer check) and
    /// reporting progress through `consumed`.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, consumed: (Int) -> Void) -> Int? {
        var start = 0
        while start < bytes.count {
            var end = min(bytes.count, start + chunkSize)
            var back = 0
            while end < bytes.count, back < 3, bytes[end] & 0xC0 == 0x80 { end -= 1; back += 1 }
            if end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += back }
            if let bad = UTF8Validation.firstInvalidOffset(in: UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                return start + bad
            }
            start = end
            consumed(start)
        }
        return nil
    }

    /// Whether the options add no framing tokens (so chunks can simply be concatenated).
    private static func framingIsEmpty(_ tokenizer: some Tokenizer, _ options: EncodeOptions) -> Bool {
        options.framing == .none || ((try? tokenizer.count([UInt8](), options: options)) ?? 1) == 0
    }
}

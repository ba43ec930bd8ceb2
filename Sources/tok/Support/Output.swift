import TokenKit

/// Buffered, checked writes to a file descriptor, without Foundation.
///
/// Output is flushed when the buffer fills and on ``flush()``; line modes flush after each line
/// so a consumer reading a pipe sees results as they come. Every write is checked: a failure
/// (`ENOSPC`, `EIO`, `EPIPE` when SIGPIPE is ignored) throws a ``CLIError`` naming the output, so
/// `tok … > /dev/full` exits 1 instead of losing data silently. Commands end with `try out.flush()`.
struct OutputStream: ~Copyable {
    private let fd: FileDescriptor
    private let name: String
    private var buffer: [UInt8] = []

    /// Bytes buffered before a write goes out.
    private static let capacity = 1 << 16

    /// A stream on `fd`, called `name` in error messages.
    init(fd: FileDescriptor, name: String) {
        self.fd = fd
        self.name = name
        buffer.reserveCapacity(Self.capacity)
    }

    /// Standard output.
    static func standardOutput() -> OutputStream { OutputStream(fd: .standardOutput, name: "standard output") }

    /// Standard error (for reports that are not the command's output).
    static func standardError() -> OutputStream { OutputStream(fd: .standardError, name: "standard error") }

    mutating func write(_ bytes: some Sequence<UInt8>) throws(CLIError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.capacity { try flush() }
    }

    mutating func write(_ text: String) throws(CLIError) {
        try write(text.utf8)
    }

    /// Writes ids separated by single spaces.
    ///
    /// - Complexity: O(*n*), digits appended straight to the buffer (no `String` per id).
    mutating func writeIDs(_ ids: [TokenID]) throws(CLIError) {
        for (k, id) in ids.enumerated() {
            if k > 0 { buffer.append(0x20) }
            JSONWriter.appendDecimal(id, to: &buffer)
            if buffer.count >= Self.capacity { try flush() }
        }
    }

    /// Writes the buffer out.
    ///
    /// - Throws: ``CLIError`` "write error: NAME: REASON"; the buffer is dropped, so the error is
    ///   reported once.
    mutating func flush() throws(CLIError) {
        defer { buffer.removeAll(keepingCapacity: true) }
        do throws(Errno) {
            try fd.writeAll(buffer)
        } catch {
            throw CLIError.writeFailed(name, error)
        }
    }

    deinit {
        // Commands flush explicitly; this only runs with bytes left when a command exits through
        // a thrown error, which is what gets reported, so a failure here is not reported again.
        _ = try? fd.writeAll(buffer)
    }
}

/// Writes one line to standard error.
///
/// Unchecked on purpose: standard error is where failures are reported, so there is nowhere left
/// to report its own.
func printError(_ message: String) {
    var line = Array(message.utf8)
    line.append(0x0A)
    _ = try? FileDescriptor.standardError.writeAll(line)
}

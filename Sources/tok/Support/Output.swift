#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TokenKit

/// Buffered writes to a file descriptor, without Foundation.
///
/// Output is flushed when the buffer fills, on ``flush()``, and at exit via the commands; line
/// modes flush after each line so a consumer reading a pipe sees results as they come.
struct OutputStream: ~Copyable {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    static func standardOutput() -> OutputStream { OutputStream(fd: 1) }

    mutating func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func write(_ text: String) {
        write(text.utf8)
    }

    /// Writes ids separated by single spaces.
    mutating func writeIDs(_ ids: [TokenID]) {
        for (k, id) in ids.enumerated() {
            if k > 0 { buffer.append(0x20) }
            JSONWriter.appendDecimal(id, to: &buffer)
        }
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                break  // EPIPE and friends: the reader went away; nothing useful to do.
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit {
        // Commands flush explicitly; this catches early exits through thrown errors.
        var rest = buffer
        var offset = 0
        while offset < rest.count {
            let n = rest.withUnsafeMutableBytes { raw in Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
            if n <= 0 { break }
            offset += n
        }
        rest.removeAll()
    }
}

/// Writes one line to standard error.
func printError(_ message: String) {
    var line = Array(message.utf8)
    line.append(0x0A)
    _ = line.withUnsafeBytes { Glibc.write(2, $0.baseAddress!, $0.count) }
}

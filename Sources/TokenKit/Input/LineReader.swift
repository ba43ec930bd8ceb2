/// Reads a file descriptor line by line in bounded memory.
///
/// Lines are split on `\n`; the terminator is not part of the line. A final line without a
/// terminator is still returned. Memory is one read buffer plus the longest line.
public struct LineReader: ~Copyable {
    private let fd: Int32
    private let ownsFD: Bool
    /// The path (or `<stdin>`) for error messages.
    public let path: String
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// The 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    /// Reads from standard input.
    public init(standardInput: Void = ()) {
        self.fd = 0
        self.ownsFD = false
        self.path = "<stdin>"
        self.buffer = [UInt8](repeating: 0, count: 1 << 16)
    }

    /// Opens a file.
    ///
    /// - Throws: ``InputError``.
    public init(path: String) throws(InputError) {
        let fd = system_open(path, _O_RDONLY | _O_CLOEXEC)
        if fd < 0 { throw FileIO.error(system_errno, path: path, doing: "cannot open") }
        var info = CInterop.Stat()
        if system_fstat(fd, &info) == 0 && system_isDirectory(info.st_mode) {
            system_close(fd)
            throw InputError(code: .isDirectory, path: path, errno: _EISDIR, message: "is a directory, not a file")
        }
        self.fd = fd
        self.ownsFD = true
        self.path = path
        self.buffer = [UInt8](repeating: 0, count: 1 << 16)
    }

    deinit {
        if ownsFD { system_close(fd) }
    }

    /// The next line, or `nil` at the end of input.
    ///
    /// - Throws: ``InputError`` when a read fails.
    public mutating func nextLine() throws(InputError) -> [UInt8]? {
        while true {
            if let nl = buffer[start..<end].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[start..<nl])
                start = nl + 1
                lineNumber += 1
                return line
            }
            if atEOF {
                if start < end {
                    let line = Array(buffer[start..<end])
                    start = end
                    lineNumber += 1
                    return line
                }
                return nil
            }
            // Compact, then grow if a single line fills the buffer.
            if start > 0 {
                let (from, length) = (start, end - start)
                buffer.withUnsafeMutableBufferPointer { b in
                    system_memmove(b.baseAddress!, b.baseAddress! + from, length)
                }
                end = length
                start = 0
            }
            if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
            let (fd, filled) = (self.fd, self.end)
            let n = buffer.withUnsafeMutableBytes { raw in system_read(fd, raw.baseAddress! + filled, raw.count - filled) }
            if n < 0 {
                if system_errno == _EINTR { continue }
                throw FileIO.error(system_errno, path: path, doing: "cannot read")
            }
            if n == 0 { atEOF = true } else { self.end += n }
        }
    }
}

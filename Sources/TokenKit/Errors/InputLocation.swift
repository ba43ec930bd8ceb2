/// Where in a file (or other named input) something was found.
///
/// Every field is optional because formats differ: a rank file has lines, a binary checkpoint
/// has byte offsets, a JSON document has both.
public struct InputLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file path or input name (`<stdin>`), if known.
    public var path: String?
    /// The 1-based line, if the format has lines.
    public var line: Int?
    /// The 1-based column (in bytes), if known.
    public var column: Int?
    /// The 0-based byte offset, if known.
    public var byteOffset: Int?

    /// Creates a location.
    public init(path: String? = nil, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    /// This location in another file.
    public func inFile(_ path: String?) -> InputLocation {
        var copy = self
        copy.path = path
        return copy
    }

    /// `path:line:column`, or `path: byte N` for binary formats; empty when nothing is known.
    public var description: String {
        var parts: [String] = []
        if let path { parts.append(path) }
        if let line {
            parts.append(String(line))
            if let column { parts.append(String(column)) }
        } else if let byteOffset {
            parts.append("byte \(byteOffset)")
        }
        return parts.joined(separator: ":")
    }
}

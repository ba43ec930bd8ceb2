/// Loading a tokenizer failed: the file could not be read, it is malformed, or the name is
/// not one TokenKit knows.
public enum LoadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case input(InputError)
    /// The file is malformed.
    case format(FormatError)
    /// No built-in tokenizer has this name and no file is at this path.
    case unknownTokenizer(String, hint: String)

    public var description: String {
        switch self {
        case .input(let error): error.description
        case .format(let error): error.description
        case .unknownTokenizer(let name, let hint): "unknown tokenizer '\(name)': \(hint)"
        }
    }
}

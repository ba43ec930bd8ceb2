import TokenKit

extension LlamaTokenizer {
    /// Reads a llama2.c tokenizer file: int32 max token length, then per id a float32 score,
    /// an int32 byte length and the piece bytes.
    ///
    /// The vocabulary size is not in the file; `vocabularySize` (the checkpoint header's) says
    /// how many pieces to read. Without it, pieces are read to the end of the file.
    ///
    /// - Throws: `LoadError` — `LoadError.input` when the file cannot be read, `LoadError.format`
    ///   with the byte offset for a truncated file, a negative or oversized length, trailing bytes,
    ///   or an empty file.
    public static func load(path: String, vocabularySize: Int? = nil) throws(LoadError) -> LlamaTokenizer {
        let file: MappedFile
        do throws(InputError) { file = try MappedFile(path: path) } catch { throw .input(error) }
        do throws(FormatError) {
            return try parse(file.bytes, vocabularySize: vocabularySize, source: path)
        } catch {
            throw .format(error.inFile(path))
        }
    }

    /// Parses the bytes of a llama2.c tokenizer file (see ``load(path:vocabularySize:)``).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, vocabularySize: Int? = nil, source: String) throws(FormatError) -> LlamaTokenizer {
        if bytes.isEmpty { throw FormatError(.empty, "the tokenizer file is empty") }
        var reader = BinaryReader(bytes, path: nil)
        let maxLength = Int(try reader.int32("the max-token-length header"))
        guard maxLength > 0 && maxLength <= 1 << 16 else {
            throw FormatError(.invalidValue, "max token length \(maxLength) is not in 1…65536", at: reader.location(0))
        }
        var pieces: [[UInt8]] = []
        var scores: [Float] = []
        while vocabularySize.map({ pieces.count < $0 }) ?? (reader.remaining > 0) {
            let at = reader.offset
            let score = try reader.float32("the score of piece \(pieces.count)")
            guard score.isFinite else {
                throw FormatError(.invalidValue, "piece \(pieces.count) has score \(score)", at: reader.location(at))
            }
            let lengthAt = reader.offset
            let length = Int(try reader.int32("the length of piece \(pieces.count)"))
            guard length >= 0 && length <= maxLength + 16 else {
                throw FormatError(.invalidValue, "piece \(pieces.count) has length \(length) (max token length \(maxLength))",
                                  at: reader.location(lengthAt))
            }
            pieces.append(Array(try reader.bytes(length, "the bytes of piece \(pieces.count)")))
            scores.append(score)
        }
        if reader.remaining > 0 {
            throw FormatError(.invalidValue, "\(reader.remaining) bytes follow the \(pieces.count) pieces the model's vocabulary needs",
                              at: reader.location())
        }
        return try LlamaTokenizer(pieces: pieces, scores: scores, maxTokenLength: maxLength, source: source)
    }
}

/// Reads llama2.c tokenizer files (`tokenizer.bin`, `tok512.bin`) for the catalog.
///
/// Recognized by content: an int32 max token length in 1…64, then piece records (finite score,
/// length within the maximum) as far as the file's head reaches.
public struct LlamaTokenizerLoader: TokenizerLoader {
    /// Creates the loader.
    public init() {}

    public var builtins: [(name: String, summary: String)] { [] }
    public var formats: [String] { ["llama2.c tokenizer.bin (SentencePiece BPE scores + pieces)"] }

    public func loadBuiltin(named name: String) throws(LoadError) -> (any Tokenizer)? { nil }

    public func recognizes(path: String, head: [UInt8]) -> Bool {
        guard head.count >= 13 else { return false }
        func int32(_ o: Int) -> Int32 {
            Int32(bitPattern: UInt32(head[o]) | UInt32(head[o + 1]) << 8 | UInt32(head[o + 2]) << 16 | UInt32(head[o + 3]) << 24)
        }
        let maxLength = int32(0)
        guard maxLength > 0 && maxLength <= 64 else { return false }
        // Walk the piece records inside the head: each must have a finite score and a length in
        // 0…maxLength. A checkpoint header fails within a record or two.
        var o = 4, records = 0
        while o + 8 <= head.count && records < 64 {
            let score = Float(bitPattern: UInt32(bitPattern: int32(o)))
            let length = int32(o + 4)
            guard score.isFinite, score <= 0 || score.magnitude < 1e6, length >= 0, length <= maxLength + 16 else { return false }
            o += 8 + Int(length)
            records += 1
        }
        return records >= 3 || o == head.count
    }

    public func load(path: String) throws(LoadError) -> any Tokenizer {
        try LlamaTokenizer.load(path: path)
    }
}

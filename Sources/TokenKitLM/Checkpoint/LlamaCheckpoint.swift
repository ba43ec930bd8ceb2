import TokenKit

/// Reads llama2.c "legacy" checkpoints: seven little-endian int32 (dim, hidden_dim, n_layers,
/// n_heads, n_kv_heads, vocab_size, seq_len; a negative vocab_size means a separate classifier),
/// then the float32 tensors in llama2.c's order (`LlamaWeights.layout(_:)`).
public enum LlamaCheckpoint {
    /// The size of the header in bytes.
    public static let headerSize = 28

    /// Loads a checkpoint file.
    ///
    /// - Throws: ``LMLoadError/input(_:)`` when unreadable; ``LMLoadError/format(_:)`` with the
    ///   byte offset when the header is invalid, the file is shorter or longer than the header
    ///   implies, or a weight is NaN or infinite.
    /// - Complexity: O(file size).
    public static func load(path: String) throws(LMLoadError) -> LlamaWeights {
        let file: MappedFile
        do throws(InputError) { file = try MappedFile(path: path) } catch { throw .input(error) }
        do throws(FormatError) {
            return try parse(file.bytes)
        } catch {
            throw .format(error.inFile(path))
        }
    }

    /// Parses checkpoint bytes (see ``load(path:)``).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(FormatError) -> LlamaWeights {
        if bytes.isEmpty { throw FormatError(.empty, "the checkpoint file is empty") }
        var reader = BinaryReader(bytes, path: nil)
        var header: [Int] = []
        for name in ["dim", "hidden_dim", "n_layers", "n_heads", "n_kv_heads", "vocab_size", "seq_len"] {
            header.append(Int(try reader.int32("the header field \(name)")))
        }
        let vocab = header[5]
        var config = LlamaConfig(dim: header[0], hiddenDim: header[1], layers: header[2], heads: header[3],
                                 kvHeads: header[4], vocabularySize: abs(vocab), sequenceLength: header[6],
                                 sharedClassifier: vocab > 0)
        try config.validate()
        config.vocabularySize = abs(vocab)
        let layout = LlamaWeights.layout(config)
        var total = 0
        for (_, count) in layout {
            let (sum, overflow) = total.addingReportingOverflow(count)
            if overflow || sum > Int.max / 8 { throw FormatError(.invalidValue, "the header describes an impossibly large model", at: reader.location(0)) }
            total = sum
        }
        let expected = headerSize + total * 4
        if bytes.count < expected {
            // Name the tensor the file ends in.
            var o = headerSize
            for (name, count) in layout {
                if o + count * 4 > bytes.count {
                    throw FormatError(.truncated, "the checkpoint ends inside tensor \(name) (which spans bytes \(o)..<\(o + count * 4)); the header implies \(expected) bytes, the file has \(bytes.count)",
                                      at: InputLocation(byteOffset: bytes.count))
                }
                o += count * 4
            }
        }
        if bytes.count > expected {
            throw FormatError(.invalidValue, "\(bytes.count - expected) bytes follow the \(expected) bytes the header implies (does the header match the weights?)",
                              at: InputLocation(byteOffset: expected))
        }
        var floats: [Float] = []
        try reader.floats(total, into: &floats, "the weights")
        // NaN or infinite weights make every output NaN; say where instead.
        var o = 0
        for (name, count) in layout {
            for k in o..<(o + count) where !floats[k].isFinite {
                throw FormatError(.invalidValue, "tensor \(name) has the non-finite value \(floats[k]) at element \(k - o)",
                                  at: InputLocation(byteOffset: headerSize + 4 * k))
            }
            o += count
        }
        return LlamaWeights(config: config, floats: floats)
    }
}

import TokenKit

/// Loads byte-level BPE tokenizers from files: tiktoken rank files, GPT-2's `encoder.json` +
/// `vocab.bpe`, and `vocab.json` + `merges.txt` (a folder holding them may be named).
public enum BPEFiles {
    /// Loads a rank file with a preset (default: the ``TiktokenSidecar`` beside the file, else
    /// a preset picked from the file name or rank count).
    ///
    /// - Throws: `LoadError` for unreadable or malformed files (the rank file or its sidecar),
    ///   or when no preset fits and none is given.
    public static func loadRankFile(path: String, preset: BPEPreset? = nil) throws(LoadError) -> BPETokenizer {
        let sidecar = preset == nil ? try TiktokenSidecar.load(besideRankFile: path) : nil
        if let sidecar, sidecar.individualDigits {
            throw .format(FormatError(.unsupported,
                "trained with individual digits, which a rank file cannot split; load the tokenizer.json written beside it",
                at: InputLocation(path: TiktokenSidecar.path(forRankFile: path))))
        }
        let table = try RankFile.load(path: path)
        guard let preset = preset ?? sidecar?.preset ?? BPEPreset.forRankFile(path: path, table: table) else {
            let sidecarPath = TiktokenSidecar.path(forRankFile: path)
            throw .format(FormatError(.unsupported,
                "no preset matches this rank file (\(table.tokenCount) ranks) and there is no \(sidecarPath) saying how to split; name the file after its encoding (cl100k_base.tiktoken, …), write that sidecar, or pass --pattern",
                at: InputLocation(path: path)))
        }
        if let sidecar, let merges = sidecar.merges {
            let folder = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
            let mergesPath = folder + "/" + merges
            let file: MappedFile
            do throws(InputError) { file = try MappedFile(path: mergesPath) } catch { throw .input(error) }
            let model = try mergeModel(table: table, merges: file.bytes, origin: mergesPath)
            return try tokenizer(model: model, table: table, preset: preset, path: path)
        }
        return try tokenizer(table: table, preset: preset, path: path)
    }

    /// Builds a rank-file tokenizer from a parsed table.
    public static func tokenizer(table: TokenTable, preset: BPEPreset, path: String) throws(LoadError) -> BPETokenizer {
        try tokenizer(model: BPEModel(table: table, rule: .ranks), table: table, preset: preset, path: path)
    }

    /// Builds a rank-file tokenizer from its model (by rank, or by a merges file's order).
    static func tokenizer(model: BPEModel, table: TokenTable, preset: BPEPreset, path: String) throws(LoadError) -> BPETokenizer {
        if let b = model.missingBytes.first {
            throw .format(FormatError(.invalidValue,
                "the rank file has no token for the single byte 0x\(String(b, radix: 16)) (\(model.missingBytes.count) bytes missing); every byte must have a rank",
                at: InputLocation(path: path)))
        }
        let specials = preset.specials.filter { !table.contains($0.id) }
        return BPETokenizer(model: model, pattern: preset.pattern, normalization: preset.normalization,
                            specialTokens: specials, name: preset.name, source: path)
    }

    /// Loads whatever byte-level BPE format is at `path` (file or folder).
    public static func load(path: String, preset: BPEPreset? = nil) throws(LoadError) -> BPETokenizer {
        if FileIO.isDirectory(path) {
            return try loadFolder(path: path, preset: preset)
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasSuffix(".json") || name.hasSuffix(".bpe") || name.hasSuffix(".txt") {
            let folder = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
            return try loadFolder(path: folder, preset: preset)
        }
        return try loadRankFile(path: path, preset: preset)
    }
}

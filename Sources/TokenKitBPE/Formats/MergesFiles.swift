import TokenKit

extension BPEFiles {
    /// Loads a folder with `encoder.json` + `vocab.bpe` (GPT-2) or `vocab.json` + `merges.txt`
    /// (+ `tokenizer_config.json` for added/special tokens), with Hugging Face merge semantics.
    ///
    /// The preset defaults to Qwen2 when the config says `Qwen2Tokenizer`, else GPT-2.
    public static func loadFolder(path: String, preset: BPEPreset? = nil) throws(LoadError) -> BPETokenizer {
        let names = Set(FileIO.contentsOfDirectory(path))
        let vocabName: String, mergesName: String
        if names.contains("vocab.json") && names.contains("merges.txt") {
            vocabName = "vocab.json"; mergesName = "merges.txt"
        } else if names.contains("encoder.json") && names.contains("vocab.bpe") {
            vocabName = "encoder.json"; mergesName = "vocab.bpe"
        } else {
            throw .format(FormatError(.missingField,
                "the folder has neither vocab.json + merges.txt nor encoder.json + vocab.bpe", at: InputLocation(path: path)))
        }
        return try loadVocabulary(vocab: path + "/" + vocabName, merges: path + "/" + mergesName,
                                  config: names.contains("tokenizer_config.json") ? path + "/tokenizer_config.json" : nil,
                                  preset: preset, source: path)
    }

    /// Loads a vocabulary (`vocab.json` or GPT-2's `encoder.json`) and its merges (`merges.txt`
    /// or `vocab.bpe`) wherever they are, as in tiktoken's download cache where files are named
    /// by a hash; `config` is a `tokenizer_config.json` for added and special tokens.
    ///
    /// - Throws: `LoadError` naming the file that cannot be read or is malformed.
    public static func loadVocabulary(vocab vocabPath: String, merges mergesPath: String, config configPath: String? = nil,
                                      preset: BPEPreset? = nil, source: String) throws(LoadError) -> BPETokenizer {
        var config: JSONValue?
        if let configPath { config = try readJSON(configPath) }
        let vocabJSON = try readJSON(vocabPath)
        guard let members = vocabJSON.objectValue else {
            throw .format(FormatError(.wrongType, "expected a JSON object of token → id, found \(vocabJSON.typeName)", at: InputLocation(path: vocabPath)))
        }
        var builder = TokenTable.Builder(capacity: members.count)
        var idOfText: [String: TokenID] = [:]
        idOfText.reserveCapacity(members.count)
        for (key, value) in members {
            guard let id = value.intValue, id >= 0, id <= RankFile.maximumRank else {
                throw .format(FormatError(.wrongType, "the id of token \(key.debugDescription) is not an integer in 0...\(RankFile.maximumRank)", at: InputLocation(path: vocabPath)))
            }
            guard let bytes = ByteLevelAlphabet.bytes(of: key) else {
                throw .format(FormatError(.invalidValue, "token \(key.debugDescription) has a character outside the byte-level alphabet", at: InputLocation(path: vocabPath)))
            }
            if !builder.add(bytes, id: TokenID(id)) {
                throw .format(FormatError(.duplicate, "id \(id) is given to two tokens (again for \(key.debugDescription))", at: InputLocation(path: vocabPath)))
            }
            idOfText[key] = TokenID(id)
        }
        let table: TokenTable
        do throws(TokenTable.Duplicate) { table = try builder.build() } catch {
            throw .format(FormatError(.duplicate, "ids \(error.firstID) and \(error.secondID) have the same token", at: InputLocation(path: vocabPath)))
        }
        let merges = try readMerges(mergesPath, idOfText: idOfText)
        var byteIDs: [TokenID?] = []
        for b in 0..<256 { byteIDs.append(idOfText[ByteLevelAlphabet.string(of: [UInt8(b)])]) }
        let model = BPEModel(table: table, rule: .pairs(PairTable(merges: merges)), ignoreMerges: false, byteIDs: byteIDs)

        let isQwen = config?["tokenizer_class"]?.stringValue?.hasPrefix("Qwen2") ?? false
        let chosen = preset ?? (isQwen ? .qwen2 : .gpt2)
        var specials: [SpecialToken] = []
        if let added = config?["added_tokens_decoder"]?.objectValue {
            for (key, value) in added {
                guard let id = Int(key), id >= 0, id <= RankFile.maximumRank, let text = value["content"]?.stringValue else {
                    throw .format(FormatError(.wrongType, "added_tokens_decoder entry \(key.debugDescription) needs an integer key and a \"content\" string", at: InputLocation(path: configPath)))
                }
                // An id the vocabulary already gives to other bytes would decode two ways.
                if table.contains(TokenID(id)), !table.bytes(TokenID(id)).elementsEqual(text.utf8) {
                    let ordinary = String(decoding: table.bytes(TokenID(id)), as: UTF8.self)
                    throw .format(FormatError(.duplicate, "added token \(text.debugDescription) has id \(id), which the vocabulary already gives to \(ordinary.debugDescription)", at: InputLocation(path: configPath)))
                }
                var role = SpecialToken.Role.control
                if config?["eos_token"]?.stringValue == text { role = .eos }
                else if config?["bos_token"]?.stringValue == text { role = .bos }
                else if config?["pad_token"]?.stringValue == text { role = .pad }
                specials.append(SpecialToken(id: TokenID(id), text: text, role: role))
            }
        } else {
            specials = chosen.specials.filter { $0.id >= table.idCount || !table.contains($0.id) || table.bytes($0.id).elementsEqual($0.text.utf8) }
        }
        return BPETokenizer(model: model, pattern: chosen.pattern, normalization: chosen.normalization,
                            specialTokens: specials, name: chosen.name, source: source)
    }

    static func readJSON(_ path: String) throws(LoadError) -> JSONValue {
        let file: MappedFile
        do throws(InputError) { file = try MappedFile(path: path) } catch { throw .input(error) }
        do throws(FormatError) { return try JSONParser.parse(file.bytes) } catch { throw .format(error.inFile(path)) }
    }

    /// Reads `a b` merge lines (a `#version` header is skipped) into id triples.
    static func readMerges(_ path: String, idOfText: [String: TokenID]) throws(LoadError) -> [(left: TokenID, right: TokenID, merged: TokenID)] {
        let file: MappedFile
        do throws(InputError) { file = try MappedFile(path: path) } catch { throw .input(error) }
        var out: [(left: TokenID, right: TokenID, merged: TokenID)] = []
        out.reserveCapacity(file.count / 12)
        let p = file.bytes
        var i = 0, line = 0
        let n = p.count
        while i < n {
            line += 1
            var e = i
            while e < n && p[e] != 0x0A { e += 1 }
            var end = e
            if end > i && p[end - 1] == 0x0D { end -= 1 }
            defer { i = e + 1 }
            if end == i || (line == 1 && p[i] == UInt8(ascii: "#")) { continue }
            guard let sp = p[i..<end].firstIndex(of: 0x20), sp > i, sp + 1 < end, p[(sp + 1)..<end].firstIndex(of: 0x20) == nil else {
                throw .format(FormatError(.syntax, "expected a merge 'left right' (two tokens separated by one space)", at: InputLocation(path: path, line: line, column: 1)))
            }
            let left = String(decoding: UnsafeBufferPointer(rebasing: p[i..<sp]), as: UTF8.self)
            let right = String(decoding: UnsafeBufferPointer(rebasing: p[(sp + 1)..<end]), as: UTF8.self)
            guard let l = idOfText[left] else {
                throw .format(FormatError(.unknownReference, "the merge names \(left.debugDescription), which is not in the vocabulary", at: InputLocation(path: path, line: line, column: 1)))
            }
            guard let r = idOfText[right] else {
                throw .format(FormatError(.unknownReference, "the merge names \(right.debugDescription), which is not in the vocabulary", at: InputLocation(path: path, line: line, column: sp - i + 2)))
            }
            guard let m = idOfText[left + right] else {
                throw .format(FormatError(.unknownReference, "the merged token \((left + right).debugDescription) is not in the vocabulary", at: InputLocation(path: path, line: line, column: 1)))
            }
            out.append((l, r, m))
        }
        return out
    }
}

extension BPEFiles {
    /// A BPE model over a rank file's table that merges in the order of a `merges.txt` (Hugging
    /// Face semantics) instead of by rank: the encoding of the `tokenizer.json` the two files
    /// were written with, which ranks alone miss when a merge re-spells an existing token.
    ///
    /// - Parameters:
    ///   - table: The tokens (id = rank).
    ///   - merges: `merges.txt`'s bytes: `left right` per line in byte-level strings, after an
    ///     optional `#version` header.
    ///   - origin: The merges file's name, for errors.
    /// - Throws: `LoadError/format(_:)` naming the line whose tokens are not in the table.
    /// - Complexity: O(vocabulary + merges).
    public static func mergeModel(table: TokenTable, merges: UnsafeBufferPointer<UInt8>, origin: String) throws(LoadError) -> BPEModel {
        var idOfText: [String: TokenID] = [:]
        for id in 0..<TokenID(table.idCount) where table.contains(id) {
            idOfText[ByteLevelAlphabet.string(of: table.bytes(id))] = id
        }
        var triples: [(left: TokenID, right: TokenID, merged: TokenID)] = []
        var line = 0
        for raw in merges.split(separator: 0x0A, omittingEmptySubsequences: false) {
            line += 1
            if raw.isEmpty { continue }
            // Only the header is a comment: "# #" and "# Ċ" are real merges.
            if line == 1 && raw.starts(with: Array("#version".utf8)) { continue }
            let parts = raw.split(separator: 0x20)
            guard parts.count == 2,
                  let left = idOfText[String(decoding: parts[0], as: UTF8.self)],
                  let right = idOfText[String(decoding: parts[1], as: UTF8.self)] else {
                throw .format(FormatError(.invalidValue, "merge line is not two known tokens", at: InputLocation(path: origin, line: line)))
            }
            let joined = Array(table.bytes(left)) + Array(table.bytes(right))
            let merged = joined.withUnsafeBufferPointer { buffer -> TokenID? in
                guard let base = buffer.baseAddress else { return nil }
                return table.id(of: base, count: buffer.count)
            }
            guard let merged else {
                throw .format(FormatError(.unknownReference, "merge result is not in the vocabulary", at: InputLocation(path: origin, line: line)))
            }
            triples.append((left, right, merged))
        }
        let byteIDs: [TokenID?] = (0..<256).map { idOfText[ByteLevelAlphabet.string(of: [UInt8($0)])] }
        return BPEModel(table: table, rule: .pairs(PairTable(merges: triples)), ignoreMerges: false, byteIDs: byteIDs)
    }
}

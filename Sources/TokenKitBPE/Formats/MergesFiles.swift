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
        let vocabPath = path + "/" + vocabName, mergesPath = path + "/" + mergesName
        var config: JSONValue?
        if names.contains("tokenizer_config.json") {
            config = try readJSON(path + "/tokenizer_config.json")
        }
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
                    throw .format(FormatError(.wrongType, "added_tokens_decoder entry \(key.debugDescription) needs an integer key and a \"content\" string", at: InputLocation(path: path + "/tokenizer_config.json")))
                }
                // An id the vocabulary already gives to other bytes would decode two ways.
                if table.contains(TokenID(id)), !table.bytes(TokenID(id)).elementsEqual(text.utf8) {
                    let ordinary = String(decoding: table.bytes(TokenID(id)), as: UTF8.self)
                    throw .format(FormatError(.duplicate, "added token \(text.debugDescription) has id \(id), which the vocabulary already gives to \(ordinary.debugDescription)", at: InputLocation(path: path + "/tokenizer_config.json")))
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
                            specialTokens: specials, name: chosen.name, source: path)
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

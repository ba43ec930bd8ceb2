import TokenKit

extension HFTokenizer {
    /// Loads a `tokenizer.json` file.
    ///
    /// - Parameters:
    ///   - path: The `tokenizer.json` file.
    ///   - scanners: Fast scanners for known split patterns (by default the BPE
    ///     engine's), or `nil` for the reference mode: ICU for every regex and the pipeline's own
    ///     merge loop, no fast path (the differential oracle of the fast path).
    /// - Throws: `LoadError` naming the file, and for format problems the JSON path, line and
    ///   column (`model.merges[12]: names the unknown token …`).
    public convenience init(contentsOf path: String, scanners: (any HFScannerProvider)? = EngineScanners()) throws(LoadError) {
        let bytes: [UInt8]
        do { bytes = try FileIO.readAll(path: path) } catch { throw .input(error) }
        do {
            try self.init(json: bytes, path: path, scanners: scanners)
        } catch {
            throw .format(error.location.path == nil ? error.inFile(path) : error)
        }
    }

    /// Parses `tokenizer.json` bytes.
    ///
    /// - Throws: `FormatError` with the JSON path, line and column of the problem.
    public convenience init(json bytes: [UInt8], path: String? = nil, scanners: (any HFScannerProvider)? = EngineScanners()) throws(FormatError) {
        if bytes.isEmpty { throw FormatError(.empty, "the tokenizer.json file is empty", at: InputLocation(path: path)) }
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch { throw error.inFile(path) }
        let document = HFConfigDocument(path: path, bytes: bytes)
        let config = HFConfigNode(root: root, document: document)
        guard case .object = root else { throw config.error(.wrongType, "expected a JSON object, found \(root.typeName)") }

        for key in ["truncation", "padding"] {
            if let n = config.optional(key) { throw n.unsupported("\(key) (set it to null)") }
        }

        var byteLevel = false
        let normalizer = try config.optional("normalizer").map { n throws(FormatError) in try HFComponents.normalizer(n) }
        let preTokenizer = try config.optional("pre_tokenizer").map { n throws(FormatError) in
            try HFComponents.preTokenizer(n, byteLevelSeen: &byteLevel, scanners: scanners)
        }
        let decoder = try config.optional("decoder").map { n throws(FormatError) in try HFComponents.decoder(n) }

        let (model, idByText, unknown) = try Self.parseModel(config.required("model"), byteLevel: byteLevel, useEngine: scanners != nil)

        var addedTokens: [HFAddedToken] = []
        if let list = config.optional("added_tokens") {
            for n in try list.array() {
                let id = try n.required("id").int()
                guard id >= 0, id < Int(Int32.max) else { throw n.error(.invalidValue, "id \(id) is out of range") }
                let special = try n.optionalBool("special") ?? false
                let normalized = try n.optionalBool("normalized")
                addedTokens.append(HFAddedToken(
                    id: TokenID(id), content: try n.required("content").string(),
                    special: special, normalized: normalized ?? !special,
                    lstrip: try n.optionalBool("lstrip") ?? false, rstrip: try n.optionalBool("rstrip") ?? false,
                    singleWord: try n.optionalBool("single_word") ?? false))
            }
        }
        // tokenizers re-adds the added tokens when it loads a file: a text already in the model's
        // vocabulary takes the model's id, a new one the next free id; declared ids that
        // disagree are overridden (with a warning there). Ids must match, so we do the same.
        var addedByText: [String: TokenID] = [:]
        let modelSize = model.definedCount
        var maxAdded: Int? = nil
        for k in addedTokens.indices {
            let content = addedTokens[k].content
            let id: TokenID
            if let existing = addedByText[content] ?? idByText[content] {
                id = existing
            } else if let m = maxAdded {
                id = TokenID(m >= modelSize || modelSize == 0 ? m + 1 : modelSize)
            } else {
                id = TokenID(modelSize)
            }
            addedTokens[k].id = id
            addedByText[content] = id
            maxAdded = max(maxAdded ?? Int(id), Int(id))
        }
        var post = HFPostProcessor.none
        if let n = config.optional("post_processor") {
            post = try HFComponents.postProcessor(n) { addedByText[$0] ?? idByText[$0] }
        }

        try self.init(source: path ?? "tokenizer.json", normalizer: normalizer, preTokenizer: preTokenizer, model: model,
                      addedTokens: addedTokens, unknownToken: unknown, decoder: decoder, postProcessor: post)
    }

    /// Reads the `model` section: vocabulary, merges and options.
    static func parseModel(_ node: HFConfigNode, byteLevel: Bool, useEngine: Bool) throws(FormatError) -> (HFBPEModel, [String: TokenID], String?) {
        if let typeNode = node.optional("type") {
            let type = try typeNode.string()
            guard type == "BPE" else { throw typeNode.unsupported("the model \"\(type)\" (only BPE is)") }
        }
        if let d = node.optional("dropout") {
            guard case .number(let v, _) = d.value, v == 0 else { throw d.unsupported("BPE dropout (must be null or 0)") }
        }
        let prefixText = try node.optionalString("continuing_subword_prefix") ?? ""
        let suffixText = try node.optionalString("end_of_word_suffix") ?? ""
        let unknownText = try node.optionalString("unk_token")
        let fuseUnknown = try node.optionalBool("fuse_unk") ?? false
        let byteFallback = try node.optionalBool("byte_fallback") ?? false
        let ignoreMerges = try node.optionalBool("ignore_merges") ?? false

        /// Model-space bytes of a vocabulary string (raw bytes in byte-level mode).
        func modelBytes(_ s: String) -> [UInt8]? {
            byteLevel ? ByteLevelAlphabet.bytes(of: s) : Array(s.utf8)
        }

        let vocabNode = try node.required("vocab")
        var idByText: [String: TokenID] = [:]
        var tokenText: [[UInt8]?] = []
        var vocabulary: [[UInt8]: TokenID] = [:]
        let members = try vocabNode.members()
        idByText.reserveCapacity(members.count)
        vocabulary.reserveCapacity(members.count)
        // Ids index dense tables: a sparse id far past the vocabulary's size would make them
        // huge, so it is refused (real vocabularies number their tokens 0..<n).
        let idLimit = max(members.count * 2, 1 << 22)
        for (text, n) in members {
            let id = try n.int()
            guard id >= 0, id < idLimit else {
                throw n.error(.invalidValue, "token id \(id) is out of range (0..<\(idLimit) for \(members.count) tokens)")
            }
            if id >= tokenText.count { tokenText.append(contentsOf: repeatElement(nil, count: id + 1 - tokenText.count)) }
            if tokenText[id] != nil { throw n.error(.duplicate, "token id \(id) is given to two tokens") }
            tokenText[id] = Array(text.utf8)
            idByText[text] = TokenID(id)
            // Tokens outside GPT-2's alphabet can never come out of a ByteLevel pre-tokenizer:
            // they stay decodable but are never looked up.
            if let key = modelBytes(text) { vocabulary[key] = TokenID(id) }
        }

        guard let prefix = modelBytes(prefixText), let suffix = modelBytes(suffixText) else {
            throw node.unsupported("a continuing_subword_prefix or end_of_word_suffix outside the byte-level alphabet")
        }
        var unknown: TokenID? = nil
        if let u = unknownText {
            guard let id = idByText[u] else { throw node.error(.unknownReference, "unk_token \"\(u)\" is not in the vocabulary") }
            unknown = id
        }
        var fallback: [TokenID?]? = nil
        if byteFallback {
            var table = [TokenID?](repeating: nil, count: 256)
            let hex = Array("0123456789ABCDEF".utf8)
            for b in 0..<256 {
                let name = String(decoding: [UInt8(ascii: "<"), UInt8(ascii: "0"), UInt8(ascii: "x"), hex[b >> 4], hex[b & 15], UInt8(ascii: ">")], as: UTF8.self)
                table[b] = idByText[name]
            }
            fallback = table
        }

        var merges: [UInt64: UInt64] = [:]
        let mergeNodes = try node.required("merges").array()
        merges.reserveCapacity(mergeNodes.count)
        for (rank, m) in mergeNodes.enumerated() {
            let a: String
            let b: String
            switch m.value {
            case .string(let line):
                let parts = line.split(separator: " ", omittingEmptySubsequences: false)
                guard parts.count == 2 else { throw m.error(.syntax, "a merge must be two tokens separated by one space, found \"\(line)\"") }
                a = String(parts[0])
                b = String(parts[1])
            case .array(let pair):
                guard pair.count == 2, let x = pair[0].stringValue, let y = pair[1].stringValue else {
                    throw m.error(.wrongType, "a merge must be a pair of strings")
                }
                a = x
                b = y
            default:
                throw m.error(.wrongType, "expected a string or a pair of strings, found \(m.value.typeName)")
            }
            guard let ia = idByText[a] else { throw m.error(.unknownReference, "names the unknown token \"\(a)\"") }
            guard let ib = idByText[b] else { throw m.error(.unknownReference, "names the unknown token \"\(b)\"") }
            let bBytes = Array(b.utf8)
            let prefixLength = prefixText.utf8.count
            guard bBytes.count >= prefixLength else {
                throw m.error(.invalidValue, "\"\(b)\" is shorter than the continuing_subword_prefix")
            }
            let merged = a + String(decoding: bBytes[prefixLength...], as: UTF8.self)
            guard let im = idByText[merged] else {
                throw m.error(.unknownReference, "the merge of \"\(a)\" and \"\(b)\" gives \"\(merged)\", which is not in the vocabulary")
            }
            merges[UInt64(ia) << 32 | UInt64(ib)] = UInt64(rank) << 32 | UInt64(im)
        }

        let model = HFBPEModel(
            tokenText: tokenText, vocabulary: vocabulary, merges: merges,
            continuingSubwordPrefix: prefix, endOfWordSuffix: suffix, unknown: unknown, fuseUnknown: fuseUnknown,
            byteFallback: fallback, ignoreMerges: ignoreMerges, byteLevel: byteLevel, vocabularyCount: members.count, useEngine: useEngine)
        return (model, idByText, unknownText)
    }
}

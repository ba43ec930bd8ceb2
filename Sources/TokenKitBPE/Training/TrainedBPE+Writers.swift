import TokenKit

extension TrainedBPE {
    /// The files ``write(to:)`` produces.
    public static let outputFiles = ["tokenizer.json", "vocab.json", "merges.txt", "tokenizer.tiktoken", "tokenizer.tiktoken.json"]

    /// Writes `tokenizer.json` (loadable by Hugging Face `tokenizers`), `vocab.json` +
    /// `merges.txt`, `tokenizer.tiktoken` (base64 token and rank per line; specials are
    /// not ranks) and its ``TiktokenSidecar`` `tokenizer.tiktoken.json` (pattern, specials,
    /// normalizer) into `directory`, creating it if needed.
    ///
    /// Every file is written and synced under a temporary name before any is renamed into place
    /// (TokenKit's `AtomicFileWriter`), so a failure never leaves a half-written vocabulary behind.
    ///
    /// - Throws: ``TrainingError/Code/unwritableOutput`` naming the path and the reason.
    public func write(to directory: String) throws(TrainingError) {
        do throws(OutputError) {
            try FileIO.makeDirectory(directory)
            try AtomicFileWriter.write([
                (directory + "/tokenizer.json", tokenizerJSON()),
                (directory + "/vocab.json", vocabJSON()),
                (directory + "/merges.txt", mergesText()),
                (directory + "/tokenizer.tiktoken", tiktokenRanks()),
                (directory + "/tokenizer.tiktoken.json", tiktokenSidecar(name: Self.encodingName(directory)).json()),
            ])
        } catch {
            throw TrainingError(error)
        }
    }

    /// `tokenizer.json` in Hugging Face's format with the pipeline the vocabulary was trained
    /// with: normalizer, pre-tokenizer, byte-level post-processor and decoder, BPE model.
    public func tokenizerJSON() -> [UInt8] {
        let pre = configuration.preTokenizer
        var o: [UInt8] = []
        func s(_ text: String) { o.append(contentsOf: text.utf8) }
        func str(_ text: String) { JSONWriter.appendString(text, to: &o) }
        s("{\n  \"version\": \"1.0\",\n  \"truncation\": null,\n  \"padding\": null,\n  \"added_tokens\": [")
        var first = true
        for id in tokens.indices where isSpecial[id] {
            s(first ? "\n    {" : ",\n    {")
            first = false
            s("\"id\": \(id), \"content\": ")
            str(String(decoding: tokens[id], as: UTF8.self))
            s(", \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false, \"special\": true}")
        }
        s(first ? "],\n" : "\n  ],\n")
        switch pre.normalization {
        case .nfc?: s("  \"normalizer\": {\"type\": \"NFC\"},\n")
        case .nfkc?: s("  \"normalizer\": {\"type\": \"NFKC\"},\n")
        case .nfd?: s("  \"normalizer\": {\"type\": \"NFD\"},\n")
        case .nfkd?: s("  \"normalizer\": {\"type\": \"NFKD\"},\n")
        case .nfkcCasefold?: s("  \"normalizer\": {\"type\": \"Sequence\", \"normalizers\": [{\"type\": \"NFKC\"}, {\"type\": \"Lowercase\"}]},\n")
        case nil: s("  \"normalizer\": null,\n")
        }
        if pre.pattern == .gpt2, !pre.individualDigits {
            s("  \"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true, \"use_regex\": true},\n")
        } else {
            s("  \"pre_tokenizer\": {\"type\": \"Sequence\", \"pretokenizers\": [{\"type\": \"Split\", \"pattern\": {\"Regex\": ")
            str(pre.exportedPattern.regexString ?? "")
            s("}, \"behavior\": \"Isolated\", \"invert\": false}, ")
            if pre.individualDigits { s("{\"type\": \"Digits\", \"individual_digits\": true}, ") }
            s("{\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true, \"use_regex\": false}]},\n")
        }
        s("  \"post_processor\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": false, \"use_regex\": false},\n")
        s("  \"decoder\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": true, \"use_regex\": true},\n")
        s("  \"model\": {\n    \"type\": \"BPE\",\n    \"dropout\": null,\n    \"unk_token\": null,\n")
        s("    \"continuing_subword_prefix\": null,\n    \"end_of_word_suffix\": null,\n    \"fuse_unk\": false,\n")
        s("    \"byte_fallback\": false,\n    \"ignore_merges\": false,\n    \"vocab\": {")
        for id in keys.indices {
            s(id == 0 ? "\n      " : ",\n      ")
            str(keyString(UInt32(id)))
            s(": \(id)")
        }
        s("\n    },\n    \"merges\": [")
        for (k, line) in mergeLines.enumerated() {
            s(k == 0 ? "\n      " : ",\n      ")
            str(line)
        }
        s("\n    ]\n  }\n}\n")
        return o
    }

    /// `vocab.json`: byte-level mapped token strings to ids.
    public func vocabJSON() -> [UInt8] {
        var o: [UInt8] = Array("{".utf8)
        for id in keys.indices {
            if id > 0 { o.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(keyString(UInt32(id)), to: &o)
            o.append(UInt8(ascii: ":"))
            JSONWriter.appendDecimal(id, to: &o)
        }
        o.append(contentsOf: "}\n".utf8)
        return o
    }

    /// `merges.txt` with the `#version: 0.2` header GPT-2's file has.
    public func mergesText() -> [UInt8] {
        var o: [UInt8] = Array("#version: 0.2\n".utf8)
        for line in mergeLines {
            o.append(contentsOf: line.utf8)
            o.append(0x0A)
        }
        return o
    }

    /// A tiktoken rank file: every non-special token, base64 and rank, with rank = id.
    ///
    /// Ranks keep the ids of `tokenizer.json` (the special tokens' ids are simply absent), so
    /// both files give the same ids. tiktoken merges by the rank of the merged token, which is
    /// merge order here, so it encodes like the BPE model whenever every merge made a new token
    /// (the usual case; a merge that re-spells an existing token keeps that token's rank).
    public func tiktokenRanks() -> [UInt8] {
        var o: [UInt8] = []
        var seen = Set<[UInt8]>()
        for id in tokens.indices where !isSpecial[id] {
            guard seen.insert(tokens[id]).inserted else { continue }
            Base64.append(tokens[id], to: &o)
            o.append(0x20)
            JSONWriter.appendDecimal(id, to: &o)
            o.append(0x0A)
        }
        return o
    }

    /// The settings `tokenizer.tiktoken` needs to encode as `tokenizer.json` does: the same
    /// pattern (``TrainingPreTokenizer/exportedPattern``), specials, normalizer and merge order
    /// (`merges.txt`, written beside it).
    ///
    /// - Parameter name: The encoding's name (tiktoken's `name`).
    public func tiktokenSidecar(name: String) -> TiktokenSidecar {
        let pre = configuration.preTokenizer
        let specials = tokens.indices.filter { isSpecial[$0] }.map { id in
            let text = String(decoding: tokens[id], as: UTF8.self)
            return SpecialToken(id: TokenID(id), text: text, role: HFTokenizer.role(of: text, unknown: nil))
        }
        return TiktokenSidecar(name: name, pattern: pre.exportedPattern, specialTokens: specials,
                               normalization: pre.normalization, individualDigits: pre.individualDigits,
                               merges: "merges.txt")
    }

    /// The last component of the output folder, as the encoding's name.
    static func encodingName(_ directory: String) -> String {
        directory.split(separator: "/").last.map(String.init) ?? "tokenizer"
    }
}

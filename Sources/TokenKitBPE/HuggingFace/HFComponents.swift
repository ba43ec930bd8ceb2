import TokenKit

/// Builds pipeline stages from the `normalizer`, `pre_tokenizer`, `decoder` and
/// `post_processor` sections of a `tokenizer.json`; anything unknown is an `unsupported`
/// error naming the component and where it is.
enum HFComponents {
    static func normalizer(_ node: HFConfigNode) throws(FormatError) -> any HFNormalizer {
        let type = try node.typeName()
        switch type {
        case "NFC": return HFUnicodeNormalizer(form: .nfc)
        case "NFD": return HFUnicodeNormalizer(form: .nfd)
        case "NFKC": return HFUnicodeNormalizer(form: .nfkc)
        case "NFKD": return HFUnicodeNormalizer(form: .nfkd)
        case "Lowercase": return HFLowercase()
        case "StripAccents": return HFStripAccents()
        case "Strip":
            return HFStrip(left: try node.optionalBool("strip_left") ?? true, right: try node.optionalBool("strip_right") ?? true)
        case "Prepend":
            return HFPrepend(prefix: Array(try node.required("prepend").string().utf8))
        case "Replace":
            return HFReplace(pattern: try pattern(node.required("pattern")), content: Array(try node.required("content").string().utf8))
        case "Sequence":
            var stages: [any HFNormalizer] = []
            for n in try node.required("normalizers").array() { stages.append(try normalizer(n)) }
            return HFNormalizerSequence(stages)
        default:
            throw node.unsupported("the normalizer \"\(type)\"")
        }
    }

    static func pattern(_ node: HFConfigNode) throws(FormatError) -> HFPattern {
        if let s = node.optional("String") { return .literal(Array(try s.string().utf8)) }
        if let r = node.optional("Regex") {
            let text = try r.string()
            do { return .regex(try ICURegex(text)) } catch {
                throw r.error(.unsupported, "the regex cannot be compiled by ICU (\(error)): \(text)")
            }
        }
        throw node.error(.missingField, "expected {\"String\": …} or {\"Regex\": …}")
    }

    static func behavior(_ node: HFConfigNode?, default def: HFSplitBehavior) throws(FormatError) -> HFSplitBehavior {
        guard let node else { return def }
        let s = try node.string()
        guard let b = HFSplitBehavior(rawValue: s) else { throw node.unsupported("the split behavior \"\(s)\"") }
        return b
    }

    /// A pre-tokenizer; `byteLevelSeen` tracks whether a ByteLevel stage has run, after which
    /// stages that look at the text would see GPT-2's alphabet, which TokenKit does not emulate.
    static func preTokenizer(_ node: HFConfigNode, byteLevelSeen: inout Bool, scanners: HFScannerProvider?) throws(FormatError) -> any HFPreTokenizer {
        let type = try node.typeName()
        if byteLevelSeen && type != "Sequence" && type != "ByteLevel" {
            throw node.unsupported("a \"\(type)\" pre-tokenizer after ByteLevel")
        }
        switch type {
        case "ByteLevel":
            byteLevelSeen = true
            let gpt2 = try split(pattern: .regex(regex(HFByteLevelPreTokenizer.gpt2Pattern, node)), source: HFByteLevelPreTokenizer.gpt2Pattern,
                                 behavior: .isolated, invert: false, scanners: scanners)
            return HFByteLevelPreTokenizer(
                addPrefixSpace: try node.optionalBool("add_prefix_space") ?? true,
                useRegex: try node.optionalBool("use_regex") ?? true, gpt2: gpt2)
        case "Split":
            let patternNode = try node.required("pattern")
            let p = try pattern(patternNode)
            var source: String? = nil
            if let r = patternNode.optional("Regex") { source = try r.string() }
            return try split(pattern: p, source: source, behavior: behavior(node.required("behavior"), default: .isolated),
                             invert: node.optionalBool("invert") ?? false, scanners: scanners)
        case "Digits":
            return HFDigits(individualDigits: try node.optionalBool("individual_digits") ?? false)
        case "Whitespace":
            return HFWhitespace()
        case "WhitespaceSplit":
            return HFWhitespaceSplit()
        case "Punctuation":
            return HFPunctuation(behavior: try behavior(node.optional("behavior"), default: .isolated))
        case "Metaspace":
            let replacement = try node.character("replacement", default: "\u{2581}")
            var scheme = HFMetaspace.PrependScheme.always
            if let s = node.optional("prepend_scheme") {
                let name = try s.string()
                guard let v = HFMetaspace.PrependScheme(rawValue: name) else { throw s.unsupported("the prepend scheme \"\(name)\"") }
                scheme = v
            } else if let legacy = try node.optionalBool("add_prefix_space") {
                scheme = legacy ? .always : .never
            }
            return HFMetaspace(replacement: replacement, prependScheme: scheme, split: try node.optionalBool("split") ?? true)
        case "Sequence":
            var stages: [any HFPreTokenizer] = []
            for n in try node.required("pretokenizers").array() {
                stages.append(try preTokenizer(n, byteLevelSeen: &byteLevelSeen, scanners: scanners))
            }
            return HFPreTokenizerSequence(stages)
        default:
            throw node.unsupported("the pre-tokenizer \"\(type)\"")
        }
    }

    static func regex(_ text: String, _ node: HFConfigNode) throws(FormatError) -> ICURegex {
        do { return try ICURegex(text) } catch { throw node.error(.unsupported, "ICU cannot compile \(text): \(error)") }
    }

    static func split(pattern: HFPattern, source: String?, behavior: HFSplitBehavior, invert: Bool, scanners: HFScannerProvider?) throws(FormatError) -> HFSplit {
        let scanner = source.flatMap { scanners?.scanner(forPattern: $0) }
        return HFSplit(pattern: pattern, behavior: behavior, invert: invert, scanner: scanner)
    }

    static func decoder(_ node: HFConfigNode) throws(FormatError) -> any HFDecoder {
        let type = try node.typeName()
        switch type {
        case "ByteLevel": return HFByteLevelDecoder()
        case "ByteFallback": return HFByteFallbackDecoder()
        case "Fuse": return HFFuseDecoder()
        case "Metaspace":
            let replacement = try node.character("replacement", default: "\u{2581}")
            var strip = true
            if let s = node.optional("prepend_scheme") {
                strip = try s.string() != "never"
            } else if let legacy = try node.optionalBool("add_prefix_space") {
                strip = legacy
            }
            return HFMetaspaceDecoder(replacement: replacement, stripFirstSpace: strip)
        case "Strip":
            return HFStripDecoder(content: try node.character("content", default: " "),
                                  start: try node.optionalInt("start") ?? 0, stop: try node.optionalInt("stop") ?? 0)
        case "Replace":
            return HFReplaceDecoder(pattern: try pattern(node.required("pattern")), content: Array(try node.required("content").string().utf8))
        case "BPEDecoder":
            return HFBPESuffixDecoder(suffix: Array((try node.optionalString("suffix") ?? "</w>").utf8))
        case "Sequence":
            var stages: [any HFDecoder] = []
            for n in try node.required("decoders").array() { stages.append(try decoder(n)) }
            return HFDecoderSequence(stages)
        default:
            throw node.unsupported("the decoder \"\(type)\"")
        }
    }

    /// The single-input template of a post-processor; `idOf` resolves token texts.
    static func postProcessor(_ node: HFConfigNode, idOf: (String) -> TokenID?) throws(FormatError) -> HFPostProcessor {
        let type = try node.typeName()
        switch type {
        case "ByteLevel":
            return .none
        case "TemplateProcessing":
            var specials: [String: [TokenID]] = [:]
            if let table = node.optional("special_tokens") {
                for (name, entry) in try table.members() {
                    var ids: [TokenID] = []
                    for idNode in try entry.required("ids").array() {
                        let v = try idNode.int()
                        guard v >= 0, v <= Int(UInt32.max) else { throw idNode.error(.invalidValue, "id \(v) out of range") }
                        ids.append(TokenID(v))
                    }
                    specials[name] = ids
                }
            }
            var pieces: [HFPostProcessor.Piece] = []
            for item in try node.required("single").array() {
                if let s = item.optional("SpecialToken") {
                    let name = try s.required("id").string()
                    guard let ids = specials[name] else {
                        throw s.error(.unknownReference, "template names the special token \"\(name)\", which special_tokens does not define")
                    }
                    pieces.append(.special(ids))
                } else if let seq = item.optional("Sequence") {
                    let which = try seq.required("id").string()
                    guard which == "A" else { throw seq.unsupported("a single-input template over sequence \"\(which)\"") }
                    pieces.append(.sequence)
                } else {
                    throw item.error(.invalidValue, "expected {\"SpecialToken\": …} or {\"Sequence\": …}")
                }
            }
            return HFPostProcessor(single: pieces)
        case "BertProcessing", "RobertaProcessing":
            func pair(_ key: String) throws(FormatError) -> TokenID {
                let n = try node.required(key)
                let parts = try n.array()
                guard parts.count == 2 else { throw n.error(.invalidValue, "expected [token, id]") }
                let v = try parts[1].int()
                guard v >= 0, v <= Int(UInt32.max) else { throw parts[1].error(.invalidValue, "id \(v) out of range") }
                return TokenID(v)
            }
            return HFPostProcessor(single: [.special([try pair("cls")]), .sequence, .special([try pair("sep")])])
        case "Sequence":
            var result = HFPostProcessor.none
            for n in try node.required("processors").array() {
                let p = try postProcessor(n, idOf: idOf)
                if p.addsTokens {
                    guard !result.addsTokens else { throw n.unsupported("a sequence of two framing post-processors") }
                    result = p
                }
            }
            return result
        default:
            throw node.unsupported("the post-processor \"\(type)\"")
        }
    }
}

/// Supplies fast scanners for split patterns the BPE engine knows (GPT-2, cl100k, o200k,
/// Qwen2), so `Split` stages with those regexes skip ICU.
public protocol HFScannerProvider: Sendable {
    /// A function giving the same matches as ICU for `pattern`, or `nil` if unknown.
    func scanner(forPattern pattern: String) -> (@Sendable ([UInt8]) -> [Range<Int>])?
}

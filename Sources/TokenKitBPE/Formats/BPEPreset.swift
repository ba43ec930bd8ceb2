import TokenKit

/// A named byte-level BPE configuration: split pattern, normalization and special tokens, as
/// the reference (tiktoken's `openai_public.py`, Meta's and Qwen's tokenizer code) publishes
/// them. The ranks come from a file; the preset supplies everything else.
public struct BPEPreset: Sendable, Hashable {
    /// The preset's name (`cl100k_base`).
    public var name: String
    /// The split pattern.
    public var pattern: SplitPattern
    /// Normalization before splitting.
    public var normalization: NormalizationForm?
    /// The special tokens (text, id).
    public var specials: [SpecialToken]
    /// The rank-file names this preset is picked for (`cl100k_base.tiktoken`).
    public var fileNames: [String]

    /// A preset for a rank file no published preset fits: the given pattern, no specials.
    public static func custom(pattern: SplitPattern, normalization: NormalizationForm? = nil) -> BPEPreset {
        BPEPreset(name: "custom", pattern: pattern, normalization: normalization, specials: [], fileNames: [])
    }

    /// tokenkit-32k: the project's own 32k vocabulary (cl100k pattern), embedded in the binary;
    /// `scripts/train-default-vocabulary.sh` says how it was trained.
    public static let tokenKit32k = BPEPreset(name: "tokenkit-32k", pattern: .cl100k, normalization: nil,
        specials: [SpecialToken(id: 0, text: "<|endoftext|>", role: .eos)], fileNames: ["tokenkit-32k.tiktoken"])
    /// r50k_base (GPT-2/GPT-3 ranks).
    public static let r50k = BPEPreset(name: "r50k_base", pattern: .gpt2, normalization: nil,
        specials: [SpecialToken(id: 50256, text: "<|endoftext|>", role: .eos)], fileNames: ["r50k_base.tiktoken"])
    /// p50k_base (Codex).
    public static let p50k = BPEPreset(name: "p50k_base", pattern: .gpt2, normalization: nil,
        specials: [SpecialToken(id: 50256, text: "<|endoftext|>", role: .eos)], fileNames: ["p50k_base.tiktoken"])
    /// p50k_edit (p50k_base's ranks with the fill-in-the-middle specials).
    public static let p50kEdit = BPEPreset(name: "p50k_edit", pattern: .gpt2, normalization: nil, specials: [
        SpecialToken(id: 50256, text: "<|endoftext|>", role: .eos),
        SpecialToken(id: 50281, text: "<|fim_prefix|>", role: .sentinel),
        SpecialToken(id: 50282, text: "<|fim_middle|>", role: .sentinel),
        SpecialToken(id: 50283, text: "<|fim_suffix|>", role: .sentinel),
    ], fileNames: [])
    /// cl100k_base (GPT-3.5/GPT-4).
    public static let cl100k = BPEPreset(name: "cl100k_base", pattern: .cl100k, normalization: nil, specials: [
        SpecialToken(id: 100257, text: "<|endoftext|>", role: .eos),
        SpecialToken(id: 100258, text: "<|fim_prefix|>", role: .sentinel),
        SpecialToken(id: 100259, text: "<|fim_middle|>", role: .sentinel),
        SpecialToken(id: 100260, text: "<|fim_suffix|>", role: .sentinel),
        SpecialToken(id: 100276, text: "<|endofprompt|>", role: .control),
    ], fileNames: ["cl100k_base.tiktoken"])
    /// o200k_base (GPT-4o).
    public static let o200k = BPEPreset(name: "o200k_base", pattern: .o200k, normalization: nil, specials: [
        SpecialToken(id: 199999, text: "<|endoftext|>", role: .eos),
        SpecialToken(id: 200018, text: "<|endofprompt|>", role: .control),
    ], fileNames: ["o200k_base.tiktoken"])
    /// o200k_harmony (o200k_base's ranks with the harmony chat format's specials, as tiktoken
    /// defines them: both `<|endofprompt|>` and `<|reserved_200018|>` are id 200018).
    public static let o200kHarmony: BPEPreset = {
        var specials = [
            SpecialToken(id: 199998, text: "<|startoftext|>", role: .bos),
            SpecialToken(id: 199999, text: "<|endoftext|>", role: .eos),
            SpecialToken(id: 200018, text: "<|endofprompt|>", role: .control),
        ]
        let named: [TokenID: String] = [200002: "<|return|>", 200003: "<|constrain|>", 200005: "<|channel|>",
                                        200006: "<|start|>", 200007: "<|end|>", 200008: "<|message|>", 200012: "<|call|>"]
        for id in TokenID(200000)..<201088 {
            specials.append(SpecialToken(id: id, text: named[id] ?? "<|reserved_\(id)|>", role: .control))
        }
        return BPEPreset(name: "o200k_harmony", pattern: .o200k, normalization: nil, specials: specials, fileNames: [])
    }()
    /// Llama 3 (128000 ranks + 256 specials, the Llama 3.2 names).
    public static let llama3: BPEPreset = {
        let basic = ["<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
                     "<|finetune_right_pad_id|>", "<|step_id|>", "<|start_header_id|>", "<|end_header_id|>",
                     "<|eom_id|>", "<|eot_id|>", "<|python_tag|>", "<|image|>"]
        let names = basic + (0..<(256 - basic.count)).map { "<|reserved_special_token_\(2 + $0)|>" }
        let roles: [String: SpecialToken.Role] = ["<|begin_of_text|>": .bos, "<|end_of_text|>": .eos,
                                                   "<|finetune_right_pad_id|>": .pad]
        let specials = names.enumerated().map { SpecialToken(id: TokenID(128000 + $0.offset), text: $0.element, role: roles[$0.element] ?? .control) }
        return BPEPreset(name: "llama3", pattern: .llama3, normalization: nil, specials: specials, fileNames: [])
    }()
    /// Llama 4 (200000 ranks, o200k pattern; the basic specials at 200000…).
    public static let llama4: BPEPreset = {
        let basic = ["<|begin_of_text|>", "<|end_of_text|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>",
                     "<|header_start|>", "<|header_end|>", "<|eom|>", "<|eot|>", "<|step|>"]
        let roles: [String: SpecialToken.Role] = ["<|begin_of_text|>": .bos, "<|end_of_text|>": .eos]
        let specials = basic.enumerated().map { SpecialToken(id: TokenID(200000 + $0.offset), text: $0.element, role: roles[$0.element] ?? .control) }
        return BPEPreset(name: "llama4", pattern: .o200k, normalization: nil, specials: specials, fileNames: [])
    }()
    /// Qwen2 (vocab.json + merges.txt; its specials come from `tokenizer_config.json`).
    public static let qwen2 = BPEPreset(name: "qwen2", pattern: .qwen2, normalization: .nfc, specials: [
        SpecialToken(id: 151643, text: "<|endoftext|>", role: .eos),
        SpecialToken(id: 151644, text: "<|im_start|>", role: .control),
        SpecialToken(id: 151645, text: "<|im_end|>", role: .control),
    ], fileNames: [])
    /// GPT-2 (`encoder.json` + `vocab.bpe`).
    public static let gpt2 = BPEPreset(name: "gpt2", pattern: .gpt2, normalization: nil,
        specials: [SpecialToken(id: 50256, text: "<|endoftext|>", role: .eos)], fileNames: [])

    /// Every preset.
    public static let all: [BPEPreset] = [.r50k, .p50k, .cl100k, .o200k, .llama3, .llama4, .qwen2, .gpt2, .p50kEdit, .o200kHarmony]

    /// The preset with this name (with or without `_base`; `gpt2` = `r50k_base` ranks).
    public static func named(_ name: String) -> BPEPreset? {
        let n = name.lowercased()
        return all.first { $0.name == n || $0.name == n + "_base" || ($0.name.hasSuffix("_base") && String($0.name.dropLast(5)) == n) }
    }

    /// The preset for a rank file: by file name (`cl100k_base.tiktoken`), then by rank count
    /// (Llama 3: 128000, Llama 4: 200000 ranks in a `tokenizer.model`).
    public static func forRankFile(path: String, table: TokenTable) -> BPEPreset? {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        if let p = all.first(where: { $0.fileNames.contains(file) }) { return p }
        let stem = file.split(separator: ".").first.map(String.init) ?? file
        if let p = named(stem) { return p }
        switch (table.tokenCount, table.idCount) {
        case (128000, 128000): return .llama3
        case (200000, 200000): return .llama4
        case (100256, 100256): return .cl100k
        case (199998, 199998): return .o200k
        case (50256, 50256): return .r50k
        case (50280, 50281): return .p50k
        default: return nil
        }
    }
}

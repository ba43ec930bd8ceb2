"""Writes the Hugging Face `tokenizers` reference fixtures for TokenKit (see hf-reference.sh)."""
import argparse, copy, json, os, struct, sys
import tokenizers
from tokenizers import Tokenizer, models, trainers, pre_tokenizers, decoders

VOCABS = {  # name -> (tokenizer.json inside shared/vocabularies, corpus folders or None = all)
    # GPT-NeoX is the HF-only vocabulary of the issue: all of shared/corpora. The others are also
    # covered by tiktoken-based digests elsewhere (gpt2 = r50k, dolma2 = cl100k) or equal NeoX
    # (olmo-1), so they get the anchor, prose and unicode folders to keep the run short.
    "gpt-neox-20b": ("gpt-neox-20b/tokenizer.json", None),
    "gpt2": ("gpt2/tokenizer.json", ["anchors", "prose", "unicode"]),
    "olmo-1": ("olmo/gpt-neox-olmo-dolma-v1_5.json", ["anchors", "prose", "unicode"]),
    "dolma2": ("olmo/dolma2.json", ["anchors", "prose", "unicode"]),
}

def fnv1a64(ids):
    h = 0xcbf29ce484222325
    for b in struct.pack("<%dI" % len(ids), *ids):
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h

def documents(raw, size=8192):
    """Cuts a file into documents at line ends once a document reaches `size` bytes (the
    TokenKit test cuts the same way), so the reference runs per document, as in the spec's
    benchmarks, instead of on one huge string (where tokenizers is very slow)."""
    docs, start, i = [], 0, 0
    while True:
        j = raw.find(b"\n", i)
        if j < 0:
            break
        i = j + 1
        if i - start >= size:
            docs.append(raw[start:i]); start = i
    if start < len(raw):
        docs.append(raw[start:])
    return docs

def digests(shared, fixtures):
    corpora = os.path.join(shared, "corpora")
    files = []
    for d in sorted(os.listdir(corpora)):
        full = os.path.join(corpora, d)
        if os.path.isdir(full):
            files += [d + "/" + f for f in sorted(os.listdir(full)) if f.endswith(".txt")]
    entries = []
    for name, (rel, folders) in VOCABS.items():
        tok = Tokenizer.from_file(os.path.join(shared, "vocabularies", rel))
        for f in files:
            if folders is not None and f.split("/")[0] not in folders:
                continue
            raw = open(os.path.join(corpora, f), "rb").read()
            try:
                docs = [d.decode("utf-8") for d in documents(raw)]
            except UnicodeDecodeError:
                continue
            ids = []
            for enc in tok.encode_batch(docs, add_special_tokens=False):
                ids += enc.ids
            entries.append({"vocab": name, "file": rel, "corpus": f, "bytes": len(raw), "documents": len(docs),
                            "count": len(ids), "fnv1a64": fnv1a64(ids)})
            print(name, f, len(ids), file=sys.stderr)
        write_digests(fixtures, entries)  # after each vocabulary, so a long run can be cut short

def write_digests(fixtures, entries):
    out = {"generator": "scripts/hf-reference.py", "tokenizers": tokenizers.__version__,
           "encode": "each ~8 KiB document (file cut at the first line end at or past 8192 bytes) with Tokenizer.encode_batch(docs, add_special_tokens=False); ids concatenated",
           "hash": "FNV-1a 64 over the ids as little-endian uint32", "entries": entries}
    with open(os.path.join(fixtures, "hf-corpus-digests.json"), "w") as fh:
        json.dump(out, fh, indent=1, ensure_ascii=False)
        fh.write("\n")

TEXTS = [
    "Hello world", " Hello  World!", "hello\tworld\nnew line\r\n", "   leading and trailing   ",
    "HELLO WoRLD İstanbul ΣΑΣ", "3.14159 and 1234567 apples, 42nd", "don't you're it's I'LL",
    "café café naïve ﬁne ① ½", "日本語のテキスト 中文", "emoji 👍🏽 family 👨‍👩‍👧 ok",
    "foo-bar_baz.qux(1, 2); x += y;", "a  b   c    d", "", " ", "\n\n", "...!!!???",
    "<s> special </s> and <unk>", "the word [MASK] here, xxMASKxx", "ll  ll", "Ünïcödé ÀÉÎÕÜ",
    "tab\there", "x" * 30, "mañana 😀 ok", "the end.",
]

def train(texts_for_training, pre, alphabet=None, prefix=None, suffix=None, vocab_size=500):
    mk = {"unk_token": "<unk>"}
    if prefix: mk["continuing_subword_prefix"] = prefix
    if suffix: mk["end_of_word_suffix"] = suffix
    model = models.BPE(**mk)
    tok = Tokenizer(model)
    tok.pre_tokenizer = pre
    kw = dict(vocab_size=vocab_size, special_tokens=["<unk>", "<s>", "</s>"], show_progress=False)
    if alphabet: kw["initial_alphabet"] = alphabet
    if prefix: kw["continuing_subword_prefix"] = prefix
    if suffix: kw["end_of_word_suffix"] = suffix
    tok.train_from_iterator(texts_for_training, trainers.BpeTrainer(**kw))
    d = json.loads(tok.to_str())
    d["pre_tokenizer"] = None
    d["normalizer"] = None
    d["decoder"] = None
    d["post_processor"] = None
    return d

def with_byte_tokens(d):
    d = copy.deepcopy(d)
    vocab = d["model"]["vocab"]
    n = max(vocab.values()) + 1
    for b in range(256):
        name = "<0x%02X>" % b
        if name not in vocab:
            vocab[name] = n; n += 1
    return d

def components(shared, fixtures):
    training = []
    for rel in ["prose/tinyshakespeare.txt", "anchors/multilingual-fortunes.txt"]:
        training += open(os.path.join(shared, "corpora", rel), encoding="utf-8").read()[:60000].split("\n")
    training += TEXTS
    bases = {
        "char": train(training, pre_tokenizers.Metaspace()),
        "bytes": train(training, pre_tokenizers.ByteLevel(add_prefix_space=False), alphabet=pre_tokenizers.ByteLevel.alphabet()),
        "affix": train(training, pre_tokenizers.Whitespace(), prefix="##", suffix="</w>"),
    }
    bases["char-bytes"] = with_byte_tokens(bases["char"])
    meta = {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": True}
    bl = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    bld = {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}
    metad = {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": True}
    gpt2re = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"
    def added(content, id_, **kw):
        t = {"id": id_, "content": content, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
        t.update(kw); return t
    V = []  # (name, base, patch)
    for form in ["NFC", "NFD", "NFKC", "NFKD"]:
        V.append((f"normalizer {form}", "char", {"normalizer": {"type": form}, "pre_tokenizer": meta, "decoder": metad}))
    V += [
        ("normalizer Lowercase", "char", {"normalizer": {"type": "Lowercase"}, "pre_tokenizer": meta, "decoder": metad}),
        ("normalizer Replace string", "char", {"normalizer": {"type": "Replace", "pattern": {"String": "ll"}, "content": "L"}, "pre_tokenizer": meta, "decoder": metad}),
        ("normalizer Replace regex", "char", {"normalizer": {"type": "Replace", "pattern": {"Regex": "\\s+"}, "content": " "}, "pre_tokenizer": meta, "decoder": metad}),
        ("normalizer Prepend", "char", {"normalizer": {"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "▁"}, {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]}, "decoder": metad}),
        ("normalizer Strip", "char", {"normalizer": {"type": "Strip", "strip_left": True, "strip_right": True}, "pre_tokenizer": meta, "decoder": metad}),
        ("normalizer Strip left", "char", {"normalizer": {"type": "Strip", "strip_left": True, "strip_right": False}, "pre_tokenizer": meta, "decoder": metad}),
        ("normalizer Sequence NFD StripAccents Lowercase", "char", {"normalizer": {"type": "Sequence", "normalizers": [{"type": "NFD"}, {"type": "StripAccents"}, {"type": "Lowercase"}]}, "pre_tokenizer": meta, "decoder": metad}),
    ]
    for behavior in ["Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous"]:
        for invert in [False, True]:
            V.append((f"Split regex {behavior} invert={invert}", "char", {"pre_tokenizer": {"type": "Sequence", "pretokenizers": [
                {"type": "Split", "pattern": {"Regex": "\\s+|[,.;!?]"}, "behavior": behavior, "invert": invert}, meta]}, "decoder": metad}))
        V.append((f"Split string {behavior}", "char", {"pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"String": " "}, "behavior": behavior, "invert": False}, meta]}, "decoder": metad}))
        V.append((f"Punctuation {behavior}", "char", {"pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Punctuation", "behavior": behavior}, meta]}, "decoder": metad}))
    for aps in [False, True]:
        for ur in [False, True]:
            V.append((f"ByteLevel add_prefix_space={aps} use_regex={ur}", "bytes", {"pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": aps, "trim_offsets": True, "use_regex": ur}, "decoder": bld, "post_processor": bl}))
    V += [
        ("Split gpt2 regex + ByteLevel(use_regex=false)", "bytes", {"pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": gpt2re}, "behavior": "Isolated", "invert": False},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]}, "decoder": bld}),
        ("Digits individual + ByteLevel", "bytes", {"pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Digits", "individual_digits": True}, {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}]}, "decoder": bld}),
        ("Digits contiguous", "char", {"pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "Digits", "individual_digits": False}, meta]}, "decoder": metad}),
        ("Whitespace", "affix", {"pre_tokenizer": {"type": "Whitespace"}, "decoder": {"type": "BPEDecoder", "suffix": "</w>"}}),
        ("WhitespaceSplit", "affix", {"pre_tokenizer": {"type": "WhitespaceSplit"}, "decoder": {"type": "BPEDecoder", "suffix": "</w>"}}),
        ("Metaspace first", "char", {"pre_tokenizer": {**meta, "prepend_scheme": "first"}, "decoder": {**metad, "prepend_scheme": "first"}}),
        ("Metaspace never", "char", {"pre_tokenizer": {**meta, "prepend_scheme": "never"}, "decoder": {**metad, "prepend_scheme": "never"}}),
        ("Metaspace no split", "char", {"pre_tokenizer": {**meta, "split": False}, "decoder": metad}),
        ("Metaspace first with added tokens", "char", {"pre_tokenizer": {**meta, "prepend_scheme": "first"}, "decoder": {**metad, "prepend_scheme": "first"},
            "added_tokens": [added("<s>", 1), added("</s>", 2)]}),
        ("byte_fallback llama-style", "char-bytes", {"model": {"byte_fallback": True, "fuse_unk": True},
            "normalizer": {"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "▁"}, {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
            "decoder": {"type": "Sequence", "decoders": [{"type": "Replace", "pattern": {"String": "▁"}, "content": " "}, {"type": "ByteFallback"}, {"type": "Fuse"}, {"type": "Strip", "content": " ", "start": 1, "stop": 0}]}}),
        ("unk fuse_unk", "char", {"model": {"fuse_unk": True}, "pre_tokenizer": meta, "decoder": metad}),
        ("unk no fuse", "char", {"model": {"fuse_unk": False}, "pre_tokenizer": meta, "decoder": metad}),
        ("ignore_merges", "bytes", {"model": {"ignore_merges": True}, "pre_tokenizer": bl, "decoder": bld}),
        ("continuing_subword_prefix end_of_word_suffix", "affix", {"pre_tokenizer": {"type": "Whitespace"}, "decoder": {"type": "BPEDecoder", "suffix": "</w>"}}),
        ("TemplateProcessing", "char", {"pre_tokenizer": meta, "decoder": metad, "added_tokens": [added("<s>", 1), added("</s>", 2)],
            "post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
                               "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
                               "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}, "</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]}}}}),
        ("added tokens flags", "char", {"pre_tokenizer": meta, "decoder": metad, "added_tokens": [
            added("<s>", 1), added("</s>", 2), added("<unk>", 0),
            added("[MASK]", 1000, lstrip=True, rstrip=True), added("MASK", 1001, special=False, single_word=True),
            added("ll", 1002, special=False, normalized=True), added("the end", 1003, special=False, normalized=False, rstrip=True)]}),
        ("added tokens normalized with Lowercase", "char", {"normalizer": {"type": "Lowercase"}, "pre_tokenizer": meta, "decoder": metad, "added_tokens": [
            added("HELLO", 1000, special=False, normalized=True), added("World", 1001, special=False, normalized=False)]}),
        ("decoder Strip Replace Fuse", "char", {"pre_tokenizer": meta, "decoder": {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"Regex": "▁+"}, "content": "_"}, {"type": "Fuse"}, {"type": "Strip", "content": "_", "start": 2, "stop": 1}]}}),
        ("no decoder", "char", {"pre_tokenizer": meta}),
        ("Split then ByteLevel(add_prefix_space)", "bytes", {"pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"String": " "}, "behavior": "Isolated", "invert": False},
            {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": False}]}, "decoder": bld}),
        ("Split digits then Metaspace first", "char", {"pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": "\\d+"}, "behavior": "Isolated", "invert": False}, {**meta, "prepend_scheme": "first"}]},
            "decoder": {**metad, "prepend_scheme": "first"}}),
        ("NFKC + llama3 Split + ByteLevel + ignore_merges + template", "bytes", {"normalizer": {"type": "NFKC"},
            "model": {"ignore_merges": True},
            "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
                {"type": "Split", "pattern": {"Regex": "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"}, "behavior": "Isolated", "invert": False},
                {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
            "decoder": bld, "added_tokens": [added("<s>", 1), added("</s>", 2)],
            "post_processor": {"type": "Sequence", "processors": [bl, {"type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
                "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}}]}}),
    ]
    out_variants = []
    for name, base, patch in V:
        d = copy.deepcopy(bases[base])
        for k, v in patch.items():
            if k == "model": d["model"].update(v)
            else: d[k] = v
        if "added_tokens" in patch:
            # Ids past the vocabulary get new rows, as tokenizers' add_tokens would.
            pass
        tok = Tokenizer.from_str(json.dumps(d))
        cases = []
        for text in TEXTS:
            enc = tok.encode(text)
            try:
                decoded = tok.decode(enc.ids, skip_special_tokens=False)
            except BaseException:  # tokenizers panics on some empty decodes (BPEDecoder)
                decoded = None
            cases.append({"text": text, "ids": enc.ids, "decoded": decoded})
        out_variants.append({"name": name, "base": base, "patch": patch, "cases": cases})
        print(name, file=sys.stderr)
    out = {"generator": "scripts/hf-reference.py", "tokenizers": tokenizers.__version__,
           "encode": "Tokenizer.encode(text) (add_special_tokens=True); decode(ids, skip_special_tokens=False)",
           "bases": bases, "variants": out_variants}
    with open(os.path.join(fixtures, "hf-components.json"), "w") as fh:
        json.dump(out, fh, ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("what", nargs="?", default="all", choices=["all", "components", "digests"])
    a = ap.parse_args()
    if a.what in ("all", "components"): components(a.shared, a.fixtures)
    if a.what in ("all", "digests"): digests(a.shared, a.fixtures)

#!/usr/bin/env python3
"""Peer side of scripts/bench-bpe.sh: encodes each corpus cut into ~8 KiB documents at
newlines, one encode call per document, with tiktoken, riptoken and HF tokenizers, and prints
one JSON line per (library, vocabulary, corpus) with the median MB per CPU-second."""
import base64, json, sys, time, os

def documents(data, size=8192):
    out, start = [], 0
    while start < len(data):
        end = min(start + size, len(data))
        if end < len(data):
            nl = data.find(b"\n", end)
            end = len(data) if nl < 0 else nl + 1
        out.append(data[start:end].decode("utf-8", errors="strict"))
        start = end
    return out

def load_ranks(path):
    ranks = {}
    with open(path, "rb") as f:
        for line in f:
            if line.strip():
                tok, rank = line.split()
                ranks[base64.b64decode(tok)] = int(rank)
    return ranks

PATTERNS = {}

def make(lib, vocab, path):
    import tiktoken
    from tiktoken_ext import openai_public as op
    spec = {"cl100k_base": op.cl100k_base, "o200k_base": op.o200k_base, "r50k_base": op.r50k_base, "p50k_base": op.p50k_base}
    ranks = load_ranks(path)
    # The presets' constructors download their rank file; hand them the local one instead.
    op.load_tiktoken_bpe = lambda *a, **k: ranks
    info = spec[vocab]()
    pat = info["pat_str"]
    specials = info["special_tokens"]
    if lib == "tiktoken":
        enc = tiktoken.Encoding(vocab, pat_str=pat, mergeable_ranks=ranks, special_tokens=specials)
        return lambda s: enc.encode_ordinary(s)
    if lib == "riptoken":
        import riptoken
        enc = riptoken.CoreBPE(ranks, specials, pat)
        f = getattr(enc, "encode_ordinary", None) or enc.encode
        return lambda s: f(s)
    if lib == "hf":
        from tokenizers import Tokenizer, models, pre_tokenizers, decoders, Regex
        # Rank file → HF merges: each token's merge is the last step of rank-ordered BPE on its bytes.
        bl = bytes_to_unicode()
        def tostr(b): return "".join(bl[x] for x in b)
        vocab_map = {tostr(k): v for k, v in ranks.items()}
        merges = []
        for tok, rank in sorted(ranks.items(), key=lambda kv: kv[1]):
            if len(tok) == 1: continue
            parts = [bytes([b]) for b in tok]
            while len(parts) > 2:
                best = None
                for i in range(len(parts) - 1):
                    r = ranks.get(parts[i] + parts[i + 1])
                    if r is not None and r < rank and (best is None or r < best[0]): best = (r, i)
                if best is None: break
                i = best[1]; parts[i:i + 2] = [parts[i] + parts[i + 1]]
            if len(parts) == 2: merges.append((tostr(parts[0]), tostr(parts[1])))
        tk = Tokenizer(models.BPE(vocab_map, merges, ignore_merges=True))
        tk.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Split(Regex(pat), behavior="isolated"),
                                                    pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
        return lambda s: tk.encode(s, add_special_tokens=False).ids
    raise SystemExit("unknown lib " + lib)

def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b); cs.append(256 + n); n += 1
    return dict(zip(bs, map(chr, cs)))

def main():
    lib, vocab, path, reps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    t0 = time.perf_counter()
    enc = make(lib, vocab, path)
    load = time.perf_counter() - t0
    for corpus in sys.argv[5:]:
        data = open(corpus, "rb").read()
        docs = documents(data)
        enc("warm up")
        rates, tokens = [], 0
        for _ in range(reps):
            c0 = time.process_time()
            n = 0
            for d in docs: n += len(enc(d))
            c1 = time.process_time()
            tokens = n
            rates.append(len(data) / 1e6 / (c1 - c0))
        rates.sort()
        print(json.dumps({"lib": lib, "vocab": vocab, "corpus": os.path.basename(corpus), "mb_per_cpu_s": round(rates[len(rates) // 2], 2),
                          "tokens": tokens, "docs": len(docs), "load_s": round(load, 3), "mode": "encode"}), flush=True)

if __name__ == "__main__":
    main()

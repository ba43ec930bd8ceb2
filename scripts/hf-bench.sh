#!/usr/bin/env bash
# Single-thread encode speed of TokenKit's tokenizer.json / GGUF path against Hugging Face
# tokenizers (PyPI, throwaway venv), same ~8 KiB documents, MB per CPU-second (median of reps).
# Usage: [HF_BENCH_BIN=path] scripts/hf-bench.sh [REPS]   (quiet machine; prints JSON lines + a ratio table)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="${TOKENKIT_SHARED:-$root/../shared}"
reps="${1:-5}"
venv="${HFREF_VENV:-/tmp/tokenkit-hfref-venv}"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; "$venv/bin/pip" install -q "tokenizers==0.23.3"; fi
cd "$root"
bench="${HF_BENCH_BIN:-}"   # a prebuilt hf-bench, or build one
if [ -z "$bench" ]; then
  swift build --package-path Benchmarks -c release --product hf-bench >/dev/null
  bench="$(swift build --package-path Benchmarks -c release --show-bin-path)/hf-bench"
fi
corpora=("$shared/corpora/prose/tinyshakespeare.txt" "$shared/corpora/anchors/multilingual-fortunes.txt" "$shared/corpora/anchors/code-python-stdlib.txt")
vocabs=("$shared/vocabularies/gpt2/tokenizer.json" "$shared/vocabularies/gpt-neox-20b/tokenizer.json" "$shared/vocabularies/olmo/dolma2.json")
out="$(mktemp)"
for v in "${vocabs[@]}"; do
  "$bench" --reps "$reps" "$v" "${corpora[@]}" | tee -a "$out"
  RAYON_NUM_THREADS=1 TOKENIZERS_PARALLELISM=false "$venv/bin/python" - "$v" "$reps" "${corpora[@]}" <<'PY' | tee -a "$out"
import sys, time, json
from tokenizers import Tokenizer
path, reps, corpora = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
tok = Tokenizer.from_file(path)
vocab = "/".join(path.split("/")[-2:])
for c in corpora:
    raw = open(c, "rb").read()
    docs, start = [], 0
    i = 0
    while True:
        j = raw.find(b"\n", i)
        if j < 0: break
        i = j + 1
        if i - start >= 8192: docs.append(raw[start:i].decode()); start = i
    if start < len(raw): docs.append(raw[start:].decode())
    rates = []
    for _ in range(reps):
        t0 = time.process_time()
        n = sum(len(tok.encode(d, add_special_tokens=False).ids) for d in docs)
        rates.append(len(raw) / 1e6 / (time.process_time() - t0))
    rates.sort()
    print(json.dumps({"lib": "hf-tokenizers", "vocab": vocab, "corpus": c.split("/")[-1], "mb_per_cpu_s": round(rates[len(rates) // 2], 2), "tokens": n, "docs": len(docs)}))
PY
done
python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
ours = {(r["vocab"], r["corpus"]): r for r in rows if r["lib"] == "tokenkit"}
print("\n| vocab | corpus | TokenKit MB/CPU-s | HF tokenizers MB/CPU-s | ratio | same token count |")
print("|---|---|---|---|---|---|")
for r in rows:
    if r["lib"] != "hf-tokenizers": continue
    o = ours.get((r["vocab"], r["corpus"]))
    if o: print(f"| {r['vocab']} | {r['corpus']} | {o['mb_per_cpu_s']} | {r['mb_per_cpu_s']} | {o['mb_per_cpu_s'] / r['mb_per_cpu_s']:.1f}x | {o['tokens'] == r['tokens']} |")
PY

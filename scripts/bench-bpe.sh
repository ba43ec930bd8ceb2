#!/usr/bin/env bash
# Byte-level BPE throughput: TokenKit vs tiktoken, riptoken and Hugging Face tokenizers, one
# after another in one run, single thread, on English prose, multilingual text and Python code
# from shared/corpora (cut into ~8 KiB documents at newlines, one encode call per document,
# like specs/bpe.md §3). Prints MB per CPU-second (median of REPS passes) and ratios.
#   scripts/bench-bpe.sh [REPS]            (default 5)
# Env: BENCH_VOCABS="cl100k_base o200k_base" BENCH_PEERS="tiktoken riptoken hf" BENCH_VENV=/tmp/…
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${TOKENKIT_SHARED:-$root/../shared}"
reps="${1:-5}"
venv="${BENCH_VENV:-/tmp/tokenkit-bpe-bench-venv}"
vocabs="${BENCH_VOCABS:-cl100k_base o200k_base}"
peers="${BENCH_PEERS:-tiktoken riptoken hf}"
corpora=("$shared/corpora/prose/tinyshakespeare.txt" "$shared/corpora/anchors/multilingual-fortunes.txt" "$shared/corpora/anchors/code-python-stdlib.txt")

cd "$root"
nice swift build --package-path Benchmarks -c release --product tokenkit-bench >&2
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q tiktoken tokenizers riptoken >&2
fi
out="$(mktemp /tmp/bench-bpe.XXXXXX.jsonl)"
for v in $vocabs; do
    file="$shared/vocabularies/openai-tiktoken/$v.tiktoken"
    echo "== $v: tokenkit" >&2
    RAYON_NUM_THREADS=1 "$root/Benchmarks/.build/release/tokenkit-bench" --reps "$reps" "$file" "${corpora[@]}" | tee -a "$out" >&2
    for p in $peers; do
        echo "== $v: $p" >&2
        RAYON_NUM_THREADS=1 TOKENIZERS_PARALLELISM=false "$venv/bin/python" "$root/scripts/bench_peers.py" "$p" "$v" "$file" "$reps" "${corpora[@]}" | tee -a "$out" >&2 || echo "($p failed)" >&2
    done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$venv/bin/python" - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cell = {(r["lib"], r["vocab"], r["corpus"]): r for r in rows}
libs = [l for l in ["tokenkit", "tiktoken", "riptoken", "hf"] if any(r["lib"] == l for r in rows)]
corpora = sorted({r["corpus"] for r in rows}, key=lambda c: ["tinyshakespeare.txt", "multilingual-fortunes.txt", "code-python-stdlib.txt"].index(c) if c in ["tinyshakespeare.txt", "multilingual-fortunes.txt", "code-python-stdlib.txt"] else 9)
print("| vocab | corpus | " + " | ".join(f"{l} MB/CPU-s" for l in libs) + " | " + " | ".join(f"TokenKit / {l}" for l in libs[1:]) + " | tokens equal |")
print("|---" * (2 + 2 * len(libs)) + "|---|")
for v in sorted({r["vocab"] for r in rows}):
    for c in corpora:
        base = cell.get(("tokenkit", v, c))
        if not base: continue
        vals = [cell.get((l, v, c)) for l in libs]
        rates = [f"{x['mb_per_cpu_s']:.1f}" if x else "–" for x in vals]
        ratios = [f"{base['mb_per_cpu_s'] / x['mb_per_cpu_s']:.2f}×" if x else "–" for x in vals[1:]]
        same = all(x is None or x["tokens"] == base["tokens"] for x in vals)
        print(f"| {v} | {c} | " + " | ".join(rates) + " | " + " | ".join(ratios) + f" | {'yes' if same else 'NO'} |")
PY
rm -f "$out"

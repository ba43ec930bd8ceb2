#!/usr/bin/env bash
# `tok mixture` on real tokenizers (GPT-2, cl100k = GPT-3.5/4, o200k = GPT-4o, Llama 3*), with the
# categories the shared corpora allow, for comparison with Table 4 of Hayase et al. (docs/mixture.md,
# "Real tokenizers"). Prints one JSON line per tokenizer and a summary table.
#
#   bash scripts/mixture-real-tokenizers.sh [--merges T] [--sample-bytes B] [--only NAME] [--work DIR]
#
# Categories (from ../shared/corpora or $TOKENKIT_SHARED/corpora):
#   english   lang/english.txt   — FLORES/NTREX/Tatoeba/UD sentences: news/Wikipedia-like English,
#                                  our stand-in for the paper's Web + Wikipedia
#   books     prose/             — Project Gutenberg books + tinyshakespeare (the paper: Books)
#   academic  code/tex.txt       — LaTeX sources (the paper's ArXiv split is LaTeX source too)
#   code      code/ except tex   — 15 programming/markup languages as one category (the paper: GitHub)
#   40 languages: every other lang/*.txt file (the paper: 111 OSCAR languages)
# Llama 3*: the first 100,000 merges (GPT-4's) are replayed without constraints (--skip-merges),
# the rest analysed. Defaults bound the run time: T = 30,000 analysed merges, 400 kB per category.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${TOKENKIT_SHARED:-$ROOT/../shared}
MERGES=30000
SAMPLE=400000
ONLY=""
WORK=${TMPDIR:-/tmp}/tokenkit-mixture-real
while [ $# -gt 0 ]; do
    case "$1" in
        --merges) MERGES=$2; shift 2 ;;
        --sample-bytes) SAMPLE=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --work) WORK=$2; shift 2 ;;
        *) echo "usage: $0 [--merges T] [--sample-bytes B] [--only gpt2|cl100k|o200k|llama3] [--work DIR]" >&2; exit 64 ;;
    esac
done
[ -d "$SHARED/corpora/lang" ] || { echo "no corpora at $SHARED/corpora (set TOKENKIT_SHARED)" >&2; exit 1; }

bash scripts/setup-highs.sh
# TOKENKIT_NO_BUILD=1 uses the release tok as it is.
[ -n "${TOKENKIT_NO_BUILD:-}" ] || swift build -c release --product tok >&2
TOK=$ROOT/.build/release/tok

mkdir -p "$WORK/code"
for f in "$SHARED"/corpora/code/*.txt; do
    [ "$(basename "$f")" = tex.txt ] || ln -sf "$f" "$WORK/code/"
done
CATS=(--category "english=$SHARED/corpora/lang/english.txt" --category "books=$SHARED/corpora/prose"
      --category "academic=$SHARED/corpora/code/tex.txt" --category "code=$WORK/code")
for f in "$SHARED"/corpora/lang/*.txt; do
    b=$(basename "$f" .txt)
    [ "$b" = english ] || CATS+=(--category "$b=$f")
done

V=$SHARED/vocabularies
declare -A SPEC=([gpt2]="$V/gpt2/tokenizer.json" [cl100k]="$V/openai-tiktoken/cl100k_base.tiktoken"
                 [o200k]="$V/openai-tiktoken/o200k_base.tiktoken" [llama3]="$V/llama3/tokenizer.model")
for name in gpt2 cl100k o200k llama3; do
    [ -z "$ONLY" ] || [ "$ONLY" = "$name" ] || continue
    skip=0
    [ "$name" = llama3 ] && skip=100000
    echo "== $name (T = $MERGES analysed, K = $skip skipped, $SAMPLE bytes per category)" >&2
    "$TOK" mixture -t "${SPEC[$name]}" --merges $(( MERGES + skip )) --skip-merges $skip --sample-bytes "$SAMPLE" \
        --cache "$WORK/cache" --json "${CATS[@]}" > "$WORK/$name.json" 2> "$WORK/$name.log" || { tail -3 "$WORK/$name.log" >&2; continue; }
    cat "$WORK/$name.json"
done

python3 - "$WORK" <<'PY'
import json, os, sys
work = sys.argv[1]
rows = ["english", "code", "books", "academic"]
cols = [n for n in ("gpt2", "cl100k", "o200k", "llama3") if os.path.exists(f"{work}/{n}.json")]
res = {n: json.load(open(f"{work}/{n}.json")) for n in cols}
print("| category | " + " | ".join(cols) + " |")
print("|---|" + "---:|" * len(cols))
for r in rows:
    print(f"| {r} | " + " | ".join(f"{100 * res[n]['proportions'][r]:.1f}" for n in cols) + " |")
print("| non-English (40 languages) | " + " | ".join(
    f"{100 * sum(v for k, v in res[n]['proportions'].items() if k not in rows):.1f}" for n in cols) + " |")
for n in cols:
    top = sorted(((v, k) for k, v in res[n]["proportions"].items() if k not in rows), reverse=True)[:6]
    print(f"- {n}: top languages " + ", ".join(f"{k} {100 * v:.1f}" for v, k in top)
          + f"; {res[n]['rounds']} rounds, {res[n]['rows']:,} rows, objective {res[n]['objective']:.4g}, "
          + f"{res[n]['missing_merges']} merges in no sample, {res[n]['seconds']:.0f} s")
PY

#!/usr/bin/env bash
# The LiB paper's claim, measured: tokens and types of a LiB lexicon vs byte-level BPE with the
# same number of ids, on English prose, Chinese (dividers removed) and Python code from
# ../shared/corpora. Each corpus is split by lines: the first 90% trains, the last 10% is the
# test set. Prints a Markdown table (docs/lib.md has the committed one).
#
# Usage: [LIB_ARGS="--omega 0.01 --life 3 --article-length 200"] scripts/lib-compare.sh [STEPS] [OUTDIR]
#   STEPS defaults to 200 (of 500 sentences, the reference defaults); LIB_ARGS adds options to
#   `tok train lib`; the trained lexicons stay in OUTDIR (default $TMPDIR/tokenkit-lib-compare).
# Needs: python3 with venv; installs Hugging Face `tokenizers` into a throwaway venv in /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS=${1:-200}
SHARED=${TOKENKIT_SHARED:-../shared}
WORK=${2:-${TMPDIR:-/tmp}/tokenkit-lib-compare}
read -r -a LIB_EXTRA <<< "${LIB_ARGS:-}"
VENV=${TMPDIR:-/tmp}/tokenkit-lib-venv
mkdir -p "$WORK"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import tokenizers' 2>/dev/null || "$VENV/bin/pip" install -q tokenizers
nice swift build -c release --product tok >&2
TOK=$(swift build -c release --show-bin-path)/tok

split() {  # split FILE NAME [filter]: train/test files in $WORK
  local n; n=$(grep -c '' "$1")
  local k=$(( n * 9 / 10 ))
  head -n "$k" "$1" | ${3:-cat} > "$WORK/$2.train"
  tail -n +"$((k + 1))" "$1" | ${3:-cat} > "$WORK/$2.test"
}
nospace() { tr -d ' '; }
split "$SHARED/corpora/lang/english.txt" english
split "$SHARED/corpora/lang/chinese_simplified.txt" chinese nospace
split "$SHARED/corpora/code/python.txt" python

echo "| corpus | tokenizer | vocabulary | test tokens | tokens/byte | types used | chars/token | EvalIndex | DL (kbit) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for name in english chinese python; do
  extra=(); [ "$name" = chinese ] && extra=(--remove-divider)
  start=$(date +%s.%N)
  "$TOK" train lib --steps "$STEPS" "${LIB_EXTRA[@]}" "${extra[@]}" --out "$WORK/$name.lib.txt" "$WORK/$name.train" 2>/dev/null
  end=$(date +%s.%N)
  echo "$name: trained in $(echo "$end - $start" | bc) s" >&2
  "$VENV/bin/python" scripts/lib_compare.py "$name" "$WORK/$name.train" "$WORK/$name.test" "$WORK/$name.lib.txt" "$TOK"
done

#!/usr/bin/env bash
# Times dynamic batch-merging to the plateau (tok stats reduction) in a release build.
# Usage: scripts/bench-dynamic.sh [BASE] [RUNS]   (BASE default: bytes; gpt2 needs $TOKENKIT_VOCABULARIES)
# Prints the median wall time of RUNS runs over 5 languages × 10 batches × 32 sentences.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-bytes}
RUNS=${2:-5}
SHARED=${TOKENKIT_SHARED:-../shared}
swift build -c release --product tok >/dev/null
TOK=.build/release/tok
FILES=()
for l in english german russian hindi chinese_simplified; do FILES+=("$SHARED/corpora/lang/$l.txt"); done
times=()
for _ in $(seq "$RUNS"); do
  start=$(date +%s.%N)
  "$TOK" stats reduction -t "$BASE" --mode pretokens --merges 20 "${FILES[@]}" >/dev/null
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc)")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "median %.3f s over %d runs (base %s, 1600 sentences, merged to the plateau)\n", m, NR, "'"$BASE"'"}'

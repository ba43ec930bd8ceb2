#!/usr/bin/env bash
# LiB speed: training sentences/s and segmentation MB/s (release build), medians of 5 runs.
#
# Usage: scripts/lib-bench.sh [CORPUS]   (default ../shared/corpora/lang/english.txt)
# Trains 100 steps of 500 sentences (production mode), then counts the tokens of the corpus
# with the trained lexicon (tok count: the allocation-free path) and encodes it to ids.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${TOKENKIT_SHARED:-../shared}
CORPUS=${1:-$SHARED/corpora/lang/english.txt}
WORK=${TMPDIR:-/tmp}/tokenkit-lib-bench
mkdir -p "$WORK"
nice swift build -c release --product tok >&2
TOK=$(swift build -c release --show-bin-path)/tok

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }

train_times=()
for _ in 1 2 3 4 5; do
  s=$(now); "$TOK" train lib --steps 100 --out "$WORK/bench.lib.txt" "$CORPUS" 2>/dev/null; e=$(now)
  train_times+=("$(echo "$e - $s" | bc)")
done
t=$(printf '%s\n' "${train_times[@]}" | median)
echo "training: 50000 sentences (100 steps x 500) in $t s (median of 5) = $(echo "50000 / $t" | bc) sentences/s"

bytes=$(stat -c %s "$CORPUS")
for mode in count encode; do
  times=()
  for _ in 1 2 3 4 5; do
    s=$(now); "$TOK" "$mode" -t "$WORK/bench.lib.txt" "$CORPUS" > /dev/null; e=$(now)
    times+=("$(echo "$e - $s" | bc)")
  done
  t=$(printf '%s\n' "${times[@]}" | median)
  echo "segmentation ($mode): $bytes bytes in $t s (median of 5, process start included) = $(echo "scale=1; $bytes / $t / 1000000" | bc) MB/s"
done

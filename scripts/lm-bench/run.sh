#!/usr/bin/env bash
# Tokens/s of greedy generation with stories260K: TokenKitLM (OpenBLAS and Swift backends)
# next to a plain C loop (scripts/lm-bench/plain_loop.c, -O3, the shape of llama2.c's run.c)
# and a FLOP-count ceiling. Single thread. Reports medians of RUNS runs.
#
# usage: scripts/lm-bench/run.sh [RUNS=7] [STEPS=256]
# Needs: the shared data beside the repo (../shared) or $TOKENKIT_SHARED; cc; OpenBLAS optional.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-7}
STEPS=${2:-256}
SHARED=${TOKENKIT_SHARED:-../shared}
MODEL=$SHARED/models/stories260K/stories260K.bin
TOK=$SHARED/models/stories260K/tok512.bin
export OPENBLAS_NUM_THREADS=1

nice swift build -c release --product tok >/dev/null
BIN=$(swift build -c release --show-bin-path)/tok
WORK=$(mktemp -d /tmp/lm-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cc -O3 -o "$WORK/plain_loop" scripts/lm-bench/plain_loop.c -lm

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# The rate per CPU second of the generating thread: robust on a shared, loaded machine.
rate() { sed -n 's/.*: \([0-9.e+]*\) tok\/s per CPU second.*/\1/p'; }

declare -A RESULT
for backend in openblas swift; do
  if ! "$BIN" lm generate --model "$MODEL" -t "$TOK" --backend "$backend" --steps 1 >/dev/null 2>&1; then
    echo "backend $backend unavailable"; continue
  fi
  for _ in $(seq "$RUNS"); do
    "$BIN" lm generate --model "$MODEL" -t "$TOK" --backend "$backend" --temperature 0 --steps "$STEPS" --stats 2>&1 >/dev/null | rate
  done > "$WORK/$backend"
  RESULT[$backend]=$(median < "$WORK/$backend")
done
for _ in $(seq "$RUNS"); do "$WORK/plain_loop" "$MODEL" "$STEPS" 2>&1 >/dev/null | rate; done > "$WORK/c"
RESULT[c]=$(median < "$WORK/c")

# Same greedy ids from the plain C loop and TokenKitLM (a cross-check, not a timing).
C_IDS=$("$WORK/plain_loop" "$MODEL" "$STEPS" 2>/dev/null | tr -s ' ' | sed 's/ *$//')
S_IDS=$("$BIN" lm generate --model "$MODEL" -t "$TOK" --backend swift --temperature 0 --steps "$STEPS" --json \
  | sed 's/.*"ids":\[\([0-9,]*\)\].*/\1/' | tr ',' ' ')
[ "$C_IDS" = "$S_IDS" ] && SAME=yes || SAME=no

# Ceiling: multiply-adds per token (matmuls + attention at the mean context STEPS/2), 2 FLOPs each.
FLOPS_PER_TOKEN=$(awk -v s="$STEPS" 'BEGIN { d=64; h=172; l=5; kv=32; v=512; hs=8; H=8;
  m = l*(d*d*2 + d*kv*2 + 3*d*h) + v*d + l*H*hs*(s/2)*2; print 2*m }')
echo "stories260K greedy, $STEPS positions, median of $RUNS runs, 1 thread ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
printf "%-22s %12s %10s\n" "runtime" "tok/s" "vs C loop"
for k in openblas swift c; do
  [ -n "${RESULT[$k]:-}" ] || continue
  printf "%-22s %12.0f %10.2f\n" "$k" "${RESULT[$k]}" "$(awk -v a="${RESULT[$k]}" -v b="${RESULT[c]}" 'BEGIN{print a/b}')"
done
# Peak of the default x86-64 target (SSE2, no FMA): a 4-wide multiply and a 4-wide add per cycle.
GHZ=$(awk -F'@ *' '/model name/ { sub(/GHz.*/, "", $2); print $2; exit }' /proc/cpuinfo)
GHZ=${GHZ:-2.5}
echo "FLOPs per token (mean context): $FLOPS_PER_TOKEN; SSE2 peak 8 FLOP/cycle at $GHZ GHz = $(awk -v g="$GHZ" 'BEGIN{print 8*g}') GFLOP/s: ceiling $(awk -v f="$FLOPS_PER_TOKEN" -v g="$GHZ" 'BEGIN{printf "%.0f", 8*g*1e9/f}') tok/s"
echo "greedy ids identical to the plain C loop: $SAME"

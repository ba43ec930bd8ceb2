#!/usr/bin/env bash
# LiB speed: training sentences/s and segmentation MB/s (release build), medians of 5 runs.
#
# Usage: scripts/lib-bench.sh [CORPUS]   (default ../shared/corpora/lang/english.txt)
# Trains 100 steps of 500 sentences (production mode), then counts (tok count: the
# allocation-free path) and encodes the corpus repeated 10 times with the trained lexicon.
# Reports wall time and CPU time (user + sys): on a shared machine CPU time is the steadier
# figure. Process start and lexicon loading are included.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${TOKENKIT_SHARED:-../shared}
CORPUS=${1:-$SHARED/corpora/lang/english.txt}
WORK=${TMPDIR:-/tmp}/tokenkit-lib-bench
mkdir -p "$WORK"
nice swift build -c release --product tok >&2
TOK=$(swift build -c release --show-bin-path)/tok
for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$CORPUS"; done > "$WORK/input.txt"

# run CMD...: prints "wall cpu" in seconds
run() {
  python3 - "$@" <<'PY'
import os, subprocess, sys, time
t = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(p.pid, 0)
assert status == 0, "command failed"
print(f"{time.perf_counter() - t:.3f} {usage.ru_utime + usage.ru_stime:.3f}")
PY
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
report() {  # report LABEL AMOUNT UNIT RESULTS...
  local label=$1 amount=$2 unit=$3; shift 3
  local wall cpu
  wall=$(printf '%s\n' "$@" | awk '{print $1}' | median)
  cpu=$(printf '%s\n' "$@" | awk '{print $2}' | median)
  echo "$label: wall $wall s ($(echo "scale=1; $amount / $wall" | bc) $unit), cpu $cpu s ($(echo "scale=1; $amount / $cpu" | bc) $unit)"
}

results=()
for _ in 1 2 3 4 5; do results+=("$(run "$TOK" train lib --steps 100 --out "$WORK/bench.lib.txt" "$CORPUS")"); done
report "training, 50000 sentences" 50000 "sentences/s" "${results[@]}"

bytes=$(stat -c %s "$WORK/input.txt")
for mode in count encode; do
  results=()
  for _ in 1 2 3 4 5; do results+=("$(run "$TOK" "$mode" -t "$WORK/bench.lib.txt" "$WORK/input.txt")"); done
  report "segmentation ($mode), $bytes bytes" "$bytes / 1000000" "MB/s" "${results[@]}"
done

#!/usr/bin/env bash
# Times `tok probe arithmetic analyze` on the released Singh & Strouse CSVs (median of N runs).
# Usage: scripts/bench-probes.sh [debug|release] [runs]   (default: debug 5)
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-debug}
runs=${2:-5}
shared=${TOKENKIT_SHARED:-../shared}
data="$shared/data/tokenization-counts"
[ -d "$data" ] || { echo "no $data (set TOKENKIT_SHARED)"; exit 1; }
nice swift build -c "$config" --product tok >/dev/null
tok=".build/$config/tok"
for f in "$data"/*.csv; do
    times=()
    for _ in $(seq "$runs"); do
        s=$(date +%s.%N)
        "$tok" probe arithmetic analyze --csv "$f" --json >/dev/null
        e=$(date +%s.%N)
        times+=("$(echo "$e - $s" | bc)")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
    rows=$(($(wc -l < "$f") - 1))
    echo "$(basename "$f"): $rows rows, median ${median} s ($config, $runs runs)"
done

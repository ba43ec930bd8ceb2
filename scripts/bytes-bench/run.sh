#!/usr/bin/env bash
# Byte-level generation speed on stories260K: LM calls per byte and bytes/s.
# Usage: scripts/bytes-bench/run.sh [RUNS] [BYTES]
# Builds tok in release, then greedy-generates BYTES bytes after "Once upon a ti" RUNS times
# (canonical and all-paths (BYTES/10) modes, Swift and OpenBLAS backends) and reports medians of `tok bytes generate --stats`.
set -euo pipefail
RUNS=${1:-7}
BYTES=${2:-400}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
M=${TOKENKIT_SHARED:-$ROOT/../shared}/models/stories260K
cd "$ROOT"
nice swift build -c release --product tok >/dev/null
TOK=$ROOT/.build/release/tok
for backend in swift openblas; do
  for mode in canonical all-paths; do
    n=$BYTES; [ "$mode" = all-paths ] && n=$((BYTES / 10))
    out=$(for _ in $(seq "$RUNS"); do
      "$TOK" bytes generate --model "$M/stories260K.bin" -t "$M/tok512.bin" --backend "$backend" --mode "$mode" \
        --prompt "Once upon a ti" --bytes "$n" --temperature 0 --stats 2>&1 >/dev/null || true
    done)
    echo "$out" | awk -v b="$backend" -v m="$mode" '
      /calls\/byte/ { c[n] = $6; f[n] = $8; w[n] = $10; p[n] = $12; n++ }
      function median(a, n,   i, j, t) { for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                          return n % 2 ? a[int(n / 2)] : (a[n / 2 - 1] + a[n / 2]) / 2 }
      END { if (n == 0) { print b, m, "no result"; exit }
            printf "%-8s %-9s runs %d  calls/byte %.3f  forward-steps/byte %.3f  bytes/s wall %.0f  bytes/s per CPU second %.0f\n", b, m, n, median(c, n), median(f, n), median(w, n), median(p, n) }'
  done
done

#!/usr/bin/env bash
# Cost of exact next-byte distributions on regex-pre-tokenized BPE (r50k, cl100k, o200k):
# every token is a candidate at every frontier (uniform source, like a real model);
# prefix-validity (exact) vs plain validity (inexact after whitespace runs).
# Usage: scripts/bytes-bench/regex.sh [RUNS]   — medians of RUNS runs.
set -euo pipefail
RUNS=${1:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
V=${TOKENKIT_SHARED:-$ROOT/../shared}/vocabularies/openai-tiktoken
cd "$ROOT"
nice swift build --package-path "$ROOT/Benchmarks" -c release --product bytes-regex-bench >/dev/null
BIN=$ROOT/Benchmarks/.build/release/bytes-regex-bench
for _ in $(seq "$RUNS"); do
  "$BIN" "$V/r50k_base.tiktoken" "$V/cl100k_base.tiktoken" "$V/o200k_base.tiktoken"
done | awk '
  { key = $1 " " $2; ms[key, n[key]++] = $6; rest[key] = $0 }
  END {
    for (k in n) {
      m = n[k]; for (i = 0; i < m; i++) a[i] = ms[k, i]
      for (i = 0; i < m; i++) for (j = i + 1; j < m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      med = m % 2 ? a[int(m / 2)] : (a[m / 2 - 1] + a[m / 2]) / 2
      printf "%s  median CPU ms/byte %.2f over %d runs   (last: %s)\n", k, med, m, rest[k]
    }
  }' | sort

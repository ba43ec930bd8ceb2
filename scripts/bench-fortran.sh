#!/bin/sh
# Fortran lexer and Tokompiler throughput (MB per CPU-second, median of N runs) on the shared
# corpora. Usage: scripts/bench-fortran.sh [runs]   (needs ../shared; builds in release)
set -eu
cd "$(dirname "$0")/.."
SHARED="${TOKENKIT_SHARED:-../shared}"
nice swift build --package-path Benchmarks -c release --product bench-fortran >/dev/null
Benchmarks/.build/release/bench-fortran "$SHARED/corpora/code/fortran_free.txt" "$SHARED/corpora/code/fortran_fixed.txt" --runs "${1:-9}"

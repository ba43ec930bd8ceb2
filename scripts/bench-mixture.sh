#!/usr/bin/env bash
# Speed of `tok mixture` (issue 11, item 6) on two LPs of the paper's shapes, for each LP backend:
#   A: n = 30 languages, T = 30,000 merges of a 30k tokenizer trained with `tok train bpe`;
#   B: n = 100 categories, T = 3,000 merges of a tokenizer trained on all corpora.
# Prints, per run, the total wall time (process, incl. loading the tokenizer), the process CPU
# time and its split (pretoken counting, merge replay, building the LP tables, check passes, LP
# solves) as a Markdown table row. On a shared machine CPU seconds are the fair measure.
#
#   bash scripts/bench-mixture.sh [--only A|B] [--solvers "highs clp"] [--work DIR]
#   (BENCH_MIXTURE_LIMIT=seconds stops a run that takes longer; default 1200)
#
# Data (../shared/corpora, or $TOKENKIT_SHARED/corpora), per file split by random blocks of 16
# lines: 60% trains the tokenizer, the other 40% is the category sample (disjoint text).
#   A: the first 30 files of lang/ in name order; training on their 60% parts as they are
#      (natural proportions), 30,256 + 1 tokens (256 bytes + 30,000 merges + [UNK]).
#   B: 100 categories = the 41 lang/ files' samples each cut into two halves (82 categories,
#      "<lang>.1"/"<lang>.2": same language, different sentences) + the 16 code/ files + the 2
#      prose/ files; the tokenizer is trained on the 60% parts of all 59 files (3,000 merges).
# Trajectories are not cached (--cache none): every run counts and replays from scratch.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${TOKENKIT_SHARED:-$ROOT/../shared}
CORPORA=$SHARED/corpora
[ -d "$CORPORA/lang" ] || { echo "bench-mixture: no corpora at $CORPORA (set TOKENKIT_SHARED)" >&2; exit 1; }
ONLY=""
SOLVERS="highs clp"
WORK=${TMPDIR:-/tmp}/tokenkit-bench-mixture
LIMIT=${BENCH_MIXTURE_LIMIT:-1200}   # seconds per inference run before it is stopped
while [ $# -gt 0 ]; do
    case "$1" in
        --only) ONLY=$2; shift 2 ;;
        --solvers) SOLVERS=$2; shift 2 ;;
        --work) WORK=$2; shift 2 ;;
        *) echo "usage: $0 [--only A|B] [--solvers \"highs clp\"] [--work DIR]" >&2; exit 64 ;;
    esac
done

bash scripts/setup-highs.sh
# TOKENKIT_NO_BUILD=1 uses the release tok as it is.
[ -n "${TOKENKIT_NO_BUILD:-}" ] || swift build -c release --product tok >&2
TOK=$ROOT/.build/release/tok

# split FILE TRAIN_OUT SAMPLE_OUT: blocks of 16 lines, each to the training part with probability
# 0.6 (seeded by the file name), the rest to the sample. The lang files concatenate several
# sources in order, so a head/tail split would train on one kind of text and infer from another
# (a distribution shift that multiplies the violated rows; docs/mixture.md, Validation).
split60() {
    python3 - "$1" "$2" "$3" <<'PY'
import random, sys, zlib
lines = open(sys.argv[1], "rb").read().splitlines(keepends=True)
rng = random.Random(zlib.crc32(sys.argv[1].rsplit("/", 1)[-1].encode()))
with open(sys.argv[2], "wb") as train, open(sys.argv[3], "wb") as sample:
    for k in range(0, len(lines), 16):
        (train if rng.random() < 0.6 else sample).writelines(lines[k:k + 16])
PY
}
prepare_a() {
    local d=$WORK/a
    [ -f "$d/tok/tokenizer.json" ] && return
    rm -rf "$d"; mkdir -p "$d/train" "$d/sample"
    for f in $(ls "$CORPORA"/lang/*.txt | sort | head -30); do
        local b; b=$(basename "$f" .txt)
        split60 "$f" "$d/train/$b.txt" "$d/sample/$b.txt"
    done
    echo "A: training a 30,000-merge tokenizer on $(cat "$d"/train/*.txt | wc -c) bytes" >&2
    /usr/bin/time -f "A: training took %e s" "$TOK" train bpe --vocab-size 30257 --special "[UNK]" --out "$d/tok" "$d"/train/*.txt >&2
}

prepare_b() {
    local d=$WORK/b
    [ -f "$d/tok/tokenizer.json" ] && return
    rm -rf "$d"; mkdir -p "$d/train" "$d/sample"
    for f in "$CORPORA"/lang/*.txt; do
        local b; b=$(basename "$f" .txt)
        split60 "$f" "$d/train/$b.txt" "$d/s.tmp"
        local n; n=$(wc -l < "$d/s.tmp")
        head -n $(( n / 2 )) "$d/s.tmp" > "$d/sample/$b.1.txt"
        tail -n +$(( n / 2 + 1 )) "$d/s.tmp" > "$d/sample/$b.2.txt"
    done
    for f in "$CORPORA"/code/*.txt "$CORPORA"/prose/*.txt; do
        local b; b=$(basename "$f" .txt)
        split60 "$f" "$d/train/$b.txt" "$d/sample/$b.txt"
    done
    rm -f "$d/s.tmp"
    echo "B: training a 3,000-merge tokenizer on $(cat "$d"/train/*.txt | wc -c) bytes" >&2
    "$TOK" train bpe --vocab-size 3257 --special "[UNK]" --out "$d/tok" "$d"/train/*.txt >&2
}

# run NAME MERGES SOLVER: one inference, JSON to $WORK/NAME-SOLVER.json, a summary line to stdout.
run() {
    local name=$1 merges=$2 solver=$3 d=$WORK/$(echo "$1" | tr AB ab)
    local args=()
    for f in "$d"/sample/*.txt; do args+=(--category "$(basename "$f" .txt)=$f"); done
    local out=$WORK/$name-$solver.json
    local start; start=$(date +%s.%N)
    if timeout "$LIMIT" "$TOK" mixture -t "$d/tok/tokenizer.json" --merges "$merges" --solver "$solver" --cache none --json "${args[@]}" \
        > "$out" 2> "$WORK/$name-$solver.log"; then
        local wall; wall=$(echo "$(date +%s.%N) - $start" | bc)
        python3 - "$out" "$name" "$solver" "$wall" "${#args[@]}" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r.get("seconds_split", {})
c = r.get("cpu_split", {})
print(f"| {sys.argv[2]} | {int(sys.argv[5]) // 2} | {r['merges_used']} | {sys.argv[3]} | {float(sys.argv[4]):.0f} | {r.get('cpu_seconds', float('nan')):.0f} | "
      + " | ".join(f"{c.get(k, float('nan')):.1f}" for k in ("counting", "replay", "lp_setup", "checks", "solves"))
      + f" | {r['rounds']} | {r['rows']:,} | {r['objective']:.6g} |")
PY
    else
        echo "| $name | $(( ${#args[@]} / 2 )) | $merges | $solver | stopped or failed after $(echo "$(date +%s.%N) - $start" | bc | cut -d. -f1) s: $(tail -1 "$WORK/$name-$solver.log") |"
    fi
}

mkdir -p "$WORK"
echo "| run | n | T | solver | wall s | CPU s | CPU: counting | replay | LP tables | checks | LP solves | rounds | rows | objective |"
echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for s in $SOLVERS; do
    if [ "$ONLY" != B ]; then prepare_a; run A 30000 "$s"; fi
    if [ "$ONLY" != A ]; then prepare_b; run B 3000 "$s"; fi
done

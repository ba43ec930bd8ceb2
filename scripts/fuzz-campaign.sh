#!/usr/bin/env bash
# Runs every libFuzzer harness of Fuzz/ for SECONDS each, with TokenKit's internal checks compiled
# in (TOKENKIT_INTERNAL_CHECKS: the `_checkInvariants()` calls and assertions of debug builds, in an
# optimized build so the fuzzer stays fast), and writes one summary line per target.
#
#   bash scripts/fuzz-campaign.sh SECONDS [TARGET ...]
#   TARGETS: json fortran rankfile merges scanner-cl100k scanner-o200k hf-json gguf (default: all)
#   FUZZ_PARALLEL=N runs N targets at once (default 2, one per core here).
#
# Corpora and crashing inputs go to fuzz-corpus/<target>/ and fuzz-artifacts/<target>/ (both
# git-ignored); the summary table to fuzz-artifacts/campaign.tsv. Exit 1 if any target crashed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${TOKENKIT_SHARED:-$root/../shared}"
seconds="${1:?usage: scripts/fuzz-campaign.sh SECONDS [TARGET ...]}"; shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json fortran rankfile merges scanner-cl100k scanner-o200k hf-json gguf)
cd "$root"
export SWIFT_BACKTRACE=enable=no
scratch=Fuzz/.build-fuzz-checks
flags=(-c release --sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DTOKENKIT_INTERNAL_CHECKS -Xswiftc -DFUZZING)
for product in fuzz-json fuzz-fortran fuzz-bpe-rankfile fuzz-bpe-merges fuzz-bpe-scanner FuzzHFTokenizerJSON FuzzGGUF; do
    swift build --package-path Fuzz --scratch-path "$scratch" "${flags[@]}" --product "$product" >&2
done
bin="$(swift build --package-path Fuzz --scratch-path "$scratch" "${flags[@]}" --show-bin-path)"

# seed TARGET CORPUS: a few valid inputs to start from.
seed() {
    local target=$1 corpus=$2
    case $target in
    json) printf '{"a":[1,2.5e3,"x\\u00e9",true,null],"b":{}}' > "$corpus/seed" ;;
    fortran) for f in "$shared"/corpora/code/fortran_*.txt; do
                 [ -f "$f" ] && head -c 16384 "$f" > "$corpus/seed-$(basename "$f")"; done 2>/dev/null || true
             printf 'program p\n  x = 1.0d0 ! c\nend program p\n' > "$corpus/seed" ;;
    rankfile) printf 'IQ== 0\nIg== 1\naGVsbG8= 2\n' > "$corpus/seed" ;;
    merges) python3 - "$corpus/seed" <<'PY'
import json, sys
bs = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
cs = bs[:] + [256 + n for n in range(256 - len(bs))]
vocab = {chr(c): i for i, c in enumerate(cs)}
merges = ["h e", "l l", "he ll", "o \u0120", "\u0120 w"]
for m in merges:
    a, b = m.split(" ")
    vocab.setdefault(a + b, len(vocab))
config = {"added_tokens_decoder": {str(len(vocab)): {"content": "<|end|>"}}, "eos_token": "<|end|>"}
open(sys.argv[1], "wb").write(json.dumps(vocab).encode() + b"\0" + ("#version: 0.2\n" + "\n".join(merges) + "\n").encode() + b"\0" + json.dumps(config).encode())
PY
    ;;
    scanner-*) printf "Hello world's 123 \n\n  x\xc5\xbf" > "$corpus/seed" ;;
    hf-json) python3 - "$root/Fixtures/hf-components.json" "$corpus" <<'PY'
import json, sys, copy
d = json.load(open(sys.argv[1]))
for k, v in enumerate(d["variants"][:60]):
    t = copy.deepcopy(d["bases"][v["base"]])
    for key, val in v["patch"].items():
        if key == "model": t["model"].update(val)
        else: t[key] = val
    t["model"]["merges"] = t["model"]["merges"][:40]
    open(f"{sys.argv[2]}/seed-{k}.json", "w").write(json.dumps(t))
PY
    ;;
    gguf) for f in "$shared"/vocabularies/gguf/*.gguf; do [ -f "$f" ] && head -c 65536 "$f" > "$corpus/seed-$(basename "$f")"; done ;;
    esac
}

# run TARGET: one libFuzzer run; prints "target<TAB>seconds<TAB>execs<TAB>corpus units<TAB>result".
run() {
    local target=$1 product args=() env=()
    case $target in
    json) product=fuzz-json ;;
    fortran) product=fuzz-fortran ;;
    rankfile) product=fuzz-bpe-rankfile; args=(-max_len=4096) ;;
    merges) product=fuzz-bpe-merges; args=(-max_len=65536) ;;
    scanner-*) product=fuzz-bpe-scanner; args=(-max_len=256 -dict="$root/Fuzz/scanner.dict"); env=(FUZZ_PATTERN="${target#scanner-}") ;;
    hf-json) product=FuzzHFTokenizerJSON; args=(-max_len=200000) ;;
    gguf) product=FuzzGGUF; args=(-max_len=2000000) ;;
    *) echo "fuzz-campaign: unknown target $target" >&2; return 2 ;;
    esac
    local corpus="fuzz-corpus/$target" artifacts="fuzz-artifacts/$target" log="fuzz-artifacts/$target.log"
    mkdir -p "$corpus" "$artifacts"
    seed "$target" "$corpus"
    local status=0
    env "${env[@]}" "$bin/$product" "$corpus" -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "${args[@]}" > "$log" 2>&1 || status=$?
    local execs units result
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    units=$(ls "$corpus" | wc -l)
    if [ $status -eq 0 ]; then result=ok; else result="CRASH (exit $status; see $log and $artifacts/)"; fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$target" "$seconds" "${execs:-?}" "$units" "$result"
}
export -f run seed
export bin seconds root shared

mkdir -p fuzz-artifacts
summary=fuzz-artifacts/campaign.tsv
printf 'target\tseconds\texecs\tcorpus units\tresult\n' > "$summary"
printf '%s\n' "${targets[@]}" | xargs -P "${FUZZ_PARALLEL:-2}" -I{} bash -c 'run "$@"' _ {} | tee -a "$summary"
echo "fuzz-campaign: commit $(git rev-parse --short HEAD), checks on; summary in $summary"
! grep -q CRASH "$summary"

#!/usr/bin/env bash
# Short libFuzzer runs of the BPE targets (the machine is shared: keep them short).
#   scripts/fuzz-bpe.sh SECONDS [target ...]    targets: rankfile gpt2 cl100k llama3 o200k qwen2
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-60}"; shift || true
targets=("${@:-rankfile gpt2 cl100k llama3 o200k qwen2}")
cd "$root"
export SWIFT_BACKTRACE=enable=no
for product in fuzz-bpe-rankfile fuzz-bpe-scanner; do
    nice swift build --scratch-path .build-fuzz -c release --product "$product" --sanitize=fuzzer -Xswiftc -parse-as-library >&2
done
bin="$root/.build-fuzz/release"
mkdir -p /tmp/tokenkit-fuzz
for t in ${targets[@]}; do
    corpus="/tmp/tokenkit-fuzz/$t"; mkdir -p "$corpus"
    if [ "$t" = rankfile ]; then
        printf 'IQ== 0\nIg== 1\naGVsbG8= 2\n' > "$corpus/seed"
        nice "$bin/fuzz-bpe-rankfile" -max_total_time="$secs" -max_len=4096 "$corpus" 2>&1 | tail -3
    else
        printf "Hello world's 123 \n\n  x\xc5\xbf" > "$corpus/seed"
        FUZZ_PATTERN="$t" nice "$bin/fuzz-bpe-scanner" -max_total_time="$secs" -max_len=256 -dict="$root/Fuzz/scanner.dict" "$corpus" 2>&1 | tail -3
    fi
    echo "== $t: ran $secs s"
done

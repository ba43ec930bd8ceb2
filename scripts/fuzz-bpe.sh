#!/usr/bin/env bash
# Short libFuzzer runs of the BPE targets (the machine is shared: keep them short).
#   scripts/fuzz-bpe.sh SECONDS [target ...]    targets: rankfile merges gpt2 cl100k llama3 o200k qwen2
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-60}"; shift || true
targets=("${@:-rankfile merges gpt2 cl100k llama3 o200k qwen2}")
cd "$root"
export SWIFT_BACKTRACE=enable=no
for product in fuzz-bpe-rankfile fuzz-bpe-merges fuzz-bpe-scanner; do
    nice swift build --package-path Fuzz --scratch-path Fuzz/.build-fuzz -c release --product "$product" --sanitize=fuzzer -Xswiftc -parse-as-library >&2
done
bin="$root/Fuzz/.build-fuzz/release"
mkdir -p /tmp/tokenkit-fuzz
for t in ${targets[@]}; do
    corpus="/tmp/tokenkit-fuzz/$t"; mkdir -p "$corpus"
    if [ "$t" = merges ]; then
        # Seed: the byte-level alphabet as a vocabulary, a few merges, a config with one special.
        python3 - "$corpus/seed" <<'PY'
import json, sys
bs = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
cs = bs[:] + [256 + n for n in range(256 - len(bs))]
alphabet = [chr(c) for c in cs]
vocab = {ch: i for i, ch in enumerate(alphabet)}
merges = ["h e", "l l", "he ll", "o \u0120", "\u0120 w"]
for m in merges:
    a, b = m.split(" ")
    vocab.setdefault(a + b, len(vocab))
text = "#version: 0.2\n" + "\n".join(merges) + "\n"
config = {"added_tokens_decoder": {str(len(vocab)): {"content": "<|end|>"}}, "eos_token": "<|end|>"}
open(sys.argv[1], "wb").write(json.dumps(vocab).encode() + b"\0" + text.encode() + b"\0" + json.dumps(config).encode())
PY
        nice "$bin/fuzz-bpe-merges" -max_total_time="$secs" -max_len=65536 "$corpus" 2>&1 | tail -3
    elif [ "$t" = rankfile ]; then
        printf 'IQ== 0\nIg== 1\naGVsbG8= 2\n' > "$corpus/seed"
        nice "$bin/fuzz-bpe-rankfile" -max_total_time="$secs" -max_len=4096 "$corpus" 2>&1 | tail -3
    else
        printf "Hello world's 123 \n\n  x\xc5\xbf" > "$corpus/seed"
        FUZZ_PATTERN="$t" nice "$bin/fuzz-bpe-scanner" -max_total_time="$secs" -max_len=256 -dict="$root/Fuzz/scanner.dict" "$corpus" 2>&1 | tail -3
    fi
    echo "== $t: ran $secs s"
done

#!/usr/bin/env bash
# Builds and runs the libFuzzer targets of the Hugging Face / GGUF loaders.
# Usage: scripts/fuzz-hf.sh TARGET SECONDS    (TARGET: FuzzHFTokenizerJSON | FuzzGGUF)
# Seeds: small real files and fixtures; corpus and crashes go to Fuzz/.build-fuzz-hf/fuzz/TARGET (ignored).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="${TOKENKIT_SHARED:-$root/../shared}"
target="${1:?target}"
seconds="${2:-60}"
cd "$root"
nice swift build --package-path Fuzz -c release --scratch-path Fuzz/.build-fuzz-hf --product "$target" \
  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING
bin="$(swift build --package-path Fuzz -c release --scratch-path Fuzz/.build-fuzz-hf --show-bin-path)/$target"
corpus="Fuzz/.build-fuzz-hf/fuzz/$target/corpus"
mkdir -p "$corpus" "Fuzz/.build-fuzz-hf/fuzz/$target/crashes"
seeds=()
if [ "$target" = FuzzGGUF ]; then
  # Vocabulary-only GGUF files are ~1–2 MB; seed with their first 64 KB and a whole small one.
  for f in "$shared"/vocabularies/gguf/*.gguf; do head -c 65536 "$f" > "$corpus/seed-$(basename "$f")"; done
  max_len=2000000
else
  python3 - "$root/Fixtures/hf-components.json" "$corpus" <<'PY'
import json, sys, copy
d = json.load(open(sys.argv[1]))
for k, v in enumerate(d["variants"][:60]):
    t = copy.deepcopy(d["bases"][v["base"]])
    for key, val in v["patch"].items():
        if key == "model": t["model"].update(val)
        else: t[key] = val
    # Shrink the vocabulary so mutations stay cheap.
    t["model"]["merges"] = t["model"]["merges"][:40]
    open(f"{sys.argv[2]}/seed-{k}.json", "w").write(json.dumps(t))
PY
  max_len=200000
fi
SWIFT_BACKTRACE=enable=no "$bin" "$corpus" -max_total_time="$seconds" -max_len="$max_len" \
  -artifact_prefix="Fuzz/.build-fuzz-hf/fuzz/$target/crashes/" -print_final_stats=1 2>&1 | tail -25

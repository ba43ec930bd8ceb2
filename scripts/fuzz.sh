#!/usr/bin/env bash
# Builds a libFuzzer harness with the toolchain's own runtime and runs it.
#   scripts/fuzz.sh fuzz-json [SECONDS]
# Uses a separate build folder (.build-fuzz) so the normal build stays valid. Crashing inputs
# are written to fuzz-artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-60}
export SWIFT_BACKTRACE=enable=no
swift build --scratch-path .build-fuzz -c release --product "$target" --sanitize=fuzzer -Xswiftc -parse-as-library
mkdir -p "fuzz-artifacts/$target" "fuzz-corpus/$target"
".build-fuzz/release/$target" -max_total_time="$seconds" -artifact_prefix="fuzz-artifacts/$target/" \
    "fuzz-corpus/$target" ${FUZZ_SEEDS:-}

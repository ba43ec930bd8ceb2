#!/usr/bin/env bash
# Builds a libFuzzer harness with the toolchain's own runtime and runs it.
#   scripts/fuzz.sh fuzz-json [SECONDS]
# Builds in the Fuzz package (Fuzz/Package.swift), in its own build folder Fuzz/.build-fuzz. Crashing inputs
# are written to fuzz-artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-60}
export SWIFT_BACKTRACE=enable=no
swift build --package-path Fuzz --scratch-path Fuzz/.build-fuzz -c release --product "$target" --sanitize=fuzzer -Xswiftc -parse-as-library
mkdir -p "fuzz-artifacts/$target" "fuzz-corpus/$target"
"Fuzz/.build-fuzz/release/$target" -max_total_time="$seconds" -artifact_prefix="fuzz-artifacts/$target/" \
    "fuzz-corpus/$target" ${FUZZ_SEEDS:-}

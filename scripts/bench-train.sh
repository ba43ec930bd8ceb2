#!/usr/bin/env bash
# Builds tok in release, installs Hugging Face tokenizers and sentencepiece into a throwaway venv,
# and runs the
# side-by-side training benchmark (scripts/bench-train.py). RUNS, MIX_BYTES, VOCAB, THREADS
# environment variables adjust it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tok
venv=$(mktemp -d)/venv
python3 -m venv "$venv"
"$venv/bin/pip" install -q tokenizers sentencepiece
"$venv/bin/python" scripts/bench-train.py
rm -rf "$(dirname "$venv")"

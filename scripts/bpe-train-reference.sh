#!/usr/bin/env bash
# Regenerates Fixtures/bpe-train/hf-reference.json with Hugging Face tokenizers from PyPI,
# installed into a throwaway venv.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=$(mktemp -d)/venv
python3 -m venv "$venv"
"$venv/bin/pip" install -q tokenizers
"$venv/bin/python" scripts/bpe-train-reference.py
rm -rf "$(dirname "$venv")"

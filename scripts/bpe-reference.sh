#!/usr/bin/env bash
# Regenerates Fixtures/bpe-corpus-digests.tsv with the Python references (tiktoken for rank
# files, Hugging Face tokenizers for Qwen2) installed in a throwaway venv. The tests compare
# TokenKitBPE against this fixture without Python.
#   scripts/bpe-reference.sh [vocab ...]       (default: all)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${TOKENKIT_SHARED:-$root/../shared}"
venv="${BPE_REFERENCE_VENV:-/tmp/tokenkit-bpe-reference-venv}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q tiktoken==0.14.0 tokenizers==0.23.3
fi
mkdir -p "$root/Fixtures"
nice "$venv/bin/python" "$root/scripts/bpe-reference.py" "$shared" "$root/Fixtures/bpe-corpus-digests.tsv" "$@"
echo "wrote $root/Fixtures/bpe-corpus-digests.tsv"

#!/usr/bin/env bash
# Regenerates the Hugging Face reference fixtures used by TokenKitBPETests:
#   Fixtures/hf-corpus-digests.json  (count + FNV-1a-64 of ids per corpus file per tokenizer.json)
#   Fixtures/hf-components.json      (small tokenizer.json variants, one per component/option,
#                                     with the ids and decoded text tokenizers gives)
# The reference (tokenizers from PyPI) lives in a throwaway venv; the tests never need Python.
# Usage: scripts/hf-reference.sh [components|digests|all]   (default: all)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="${TOKENKIT_SHARED:-$root/../shared}"
venv="${HFREF_VENV:-/tmp/tokenkit-hfref-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "tokenizers==0.23.3"
fi
exec nice "$venv/bin/python" "$here/hf-reference.py" --shared "$shared" --fixtures "$root/Fixtures" "${1:-all}"

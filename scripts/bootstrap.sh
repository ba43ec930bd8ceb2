#!/usr/bin/env bash
# Installs what TokenKit needs on a fresh Debian machine (apt packages, HiGHS into .deps/), builds `tok`, and runs it on the
# embedded default tokenizer. Swift 6.1+ must already be on PATH (swift.org toolchain).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-packages.sh

# HiGHS, the default LP backend of `tok mixture` (PyPI highsbox into .deps/highs; needs pip).
# Loaded at run time, found by the checkout's tok and tests; without it `tok mixture` uses CLP.
bash scripts/setup-highs.sh

swift build -c release --product tok
TOK=.build/release/tok

echo "== tok info (the embedded default tokenizer)"
$TOK info
echo "== tok encode"
echo "Hello, TokenKit! Ünïcödé and 漢字 too." | $TOK encode --format tokens
echo "== tok count README.md docs/*.md"
$TOK count README.md docs/*.md
echo "Done: $TOK is built. Try '$TOK --help' and '$TOK list'."

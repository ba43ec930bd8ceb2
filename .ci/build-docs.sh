#!/usr/bin/env bash
# CI: builds the DocC documentation of every library product with warnings treated as errors
# (an unresolved ``symbol`` link, a missing catalog page reference, …). Products are read from
# `swift package dump-package`, so a new product is covered without editing this script; every
# one must have a catalog (Sources/<Module>/<Module>.docc). One plugin run builds the symbol
# graphs of all of them. Output: .build/plugins/Swift-DocC/outputs/<Module>.doccarchive.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
products=$(swift package dump-package | python3 -c '
import json, sys
for product in json.load(sys.stdin)["products"]:
    if "library" in product["type"]:
        print(product["name"])
')
args=()
for p in $products; do
    [ -d "Sources/$p/$p.docc" ] || { echo "docs: Sources/$p has no $p.docc catalog" >&2; exit 1; }
    args+=(--target "$p")
done
swift package generate-documentation "${args[@]}" --warnings-as-errors
echo "docs: $(echo $products | wc -w) products in $(( $(date +%s) - start )) s"

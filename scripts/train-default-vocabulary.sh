#!/usr/bin/env bash
# Regenerates vocabularies/tokenkit-32k/, the vocabulary tok uses when -t is omitted, and the
# C source that embeds it in the binary (Sources/CTokenKitVocabularies/).
#
# Recipe (deterministic given ../shared/corpora):
#   corpus  = the whole lines within the first 23,000,000 bytes of, in order: anchors/multilingual-fortunes.txt,
#             prose/tinyshakespeare.txt, anchors/code-python-stdlib.txt, prose/english_gutenberg.txt,
#             every lang/*.txt (sorted), every code/*.txt (sorted)
#   trainer = tok train bpe --vocab-size 32000 --pattern cl100k --min-frequency 2
#             --special '<|endoftext|>'
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${TOKENKIT_SHARED:-../shared}
files=("$shared/corpora/anchors/multilingual-fortunes.txt" "$shared/corpora/prose/tinyshakespeare.txt"
       "$shared/corpora/anchors/code-python-stdlib.txt" "$shared/corpora/prose/english_gutenberg.txt")
for f in $(ls "$shared"/corpora/lang/*.txt | sort) $(ls "$shared"/corpora/code/*.txt | sort); do files+=("$f"); done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cat "${files[@]}" || true) | head -c 23000000 | head -n -1 > "$work/mix.txt"
swift build -c release --product tok
.build/release/tok train bpe --vocab-size 32000 --pattern cl100k --min-frequency 2 \
    --special '<|endoftext|>' --out "$work/tokenkit-32k" "$work/mix.txt"
mkdir -p vocabularies/tokenkit-32k
cp "$work/tokenkit-32k/tokenizer.tiktoken" "$work/tokenkit-32k/tokenizer.tiktoken.json" "$work/tokenkit-32k/tokenizer.json" \
    "$work/tokenkit-32k/merges.txt" vocabularies/tokenkit-32k/
# The binary embeds the ranks (ids and bytes) and the merges (HF merge order, which decides
# the encoding; ranks alone would encode some words differently).
python3 scripts/embed-vocabulary.py Sources/CTokenKitVocabularies/tokenkit_32k.c \
    tokenkit_32k_ranks=vocabularies/tokenkit-32k/tokenizer.tiktoken \
    tokenkit_32k_merges=vocabularies/tokenkit-32k/merges.txt
echo "vocabularies/tokenkit-32k and its embedded copy are up to date"

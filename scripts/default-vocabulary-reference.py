#!/usr/bin/env python3
"""Encodes shared corpus files with Hugging Face `tokenizers` loading the project's own
vocabularies/tokenkit-32k/tokenizer.json, and records count + SHA-256 of the ids per file in
Fixtures/bpe-train/tokenkit-32k-hf-ids.json. The Swift tests encode the same files with the
embedded rank-file copy and must agree: proof that the trainer's tokenizer.json loads in HF
and that the tiktoken-style ranks encode exactly like HF's merges.
Run with a venv that has `tokenizers` (see scripts/bpe-train-reference.sh)."""
import hashlib, json, os
from tokenizers import Tokenizer

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SHARED = os.environ.get("TOKENKIT_SHARED") or os.path.join(ROOT, "..", "shared")
FILES = ["corpora/lang/english.txt", "corpora/code/python.txt", "corpora/lang/chinese_simplified.txt",
         "corpora/lang/arabic.txt", "corpora/unicode/adversarial.txt", "corpora/lang/hindi.txt"]
tok = Tokenizer.from_file(os.path.join(ROOT, "vocabularies/tokenkit-32k/tokenizer.json"))
out = []
for rel in FILES:
    text = open(os.path.join(SHARED, rel), encoding="utf-8", newline="").read()  # keep \r as is
    ids = tok.encode(text, add_special_tokens=False).ids
    out.append({"file": rel, "count": len(ids), "sha256": hashlib.sha256(" ".join(map(str, ids)).encode()).hexdigest()})
with open(os.path.join(ROOT, "Fixtures/bpe-train/tokenkit-32k-hf-ids.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(json.dumps(out, indent=1))

#!/usr/bin/env python3
"""Trains Hugging Face's BpeTrainer on shared corpora and records digests of its merge lists.

TokenKit's trainer must produce the same merges. This script is the reference side: it writes
Fixtures/bpe-train/hf-reference.json, which the Swift tests compare against without Python.

    scripts/bpe-train-reference.sh            # makes a throwaway venv with `tokenizers`, runs this

Each case: corpus files (relative to the shared folder), vocabulary size, pattern, normalizer,
digits, min frequency. The pipeline mirrors TokenKit's defaults: the full 256-byte alphabet,
ByteLevel(add_prefix_space=False, use_regex=True) for the gpt2 pattern, otherwise
Sequence([Split(Regex(p), "isolated"), (Digits(individual_digits=True)), ByteLevel(use_regex=False)]).
"""
import hashlib, json, os, sys, tempfile
from tokenizers import Tokenizer, Regex, models, normalizers, pre_tokenizers, trainers

SHARED = os.environ.get("TOKENKIT_SHARED") or os.path.join(os.path.dirname(__file__), "..", "..", "shared")
OUT = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "bpe-train", "hf-reference.json")

PATTERNS = {
    "gpt2": r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""",
    "cl100k": r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+""",
}

CASES = [
    {"name": "english-prose", "files": ["corpora/prose/tinyshakespeare.txt"], "vocab": 2000, "pattern": "gpt2"},
    {"name": "python-code", "files": ["corpora/code/python.txt"], "vocab": 2000, "pattern": "gpt2"},
    {"name": "chinese", "files": ["corpora/lang/chinese_simplified.txt"], "vocab": 2000, "pattern": "cl100k", "normalizer": "nfc"},
    {"name": "arabic", "files": ["corpora/lang/arabic.txt"], "vocab": 2000, "pattern": "cl100k", "digits": "individual"},
    {"name": "mixed", "files": ["corpora/unicode/adversarial.txt", "corpora/lang/english.txt", "corpora/code/rust.txt"],
     "vocab": 3000, "pattern": "gpt2", "normalizer": "nfkc", "special": ["<|endoftext|>", "<pad>"], "min_frequency": 2},
]


def build(case):
    tok = Tokenizer(models.BPE())
    norm = case.get("normalizer")
    if norm == "nfc":
        tok.normalizer = normalizers.NFC()
    elif norm == "nfkc":
        tok.normalizer = normalizers.NFKC()
    pattern = case.get("pattern", "gpt2")
    individual = case.get("digits") == "individual"
    if pattern == "gpt2" and not individual:
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    else:
        parts = [pre_tokenizers.Split(Regex(PATTERNS[pattern]), behavior="isolated")]
        if individual:
            parts.append(pre_tokenizers.Digits(individual_digits=True))
        parts.append(pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False))
        tok.pre_tokenizer = pre_tokenizers.Sequence(parts)
    trainer = trainers.BpeTrainer(
        vocab_size=case["vocab"], min_frequency=case.get("min_frequency", 0), show_progress=False,
        special_tokens=case.get("special", []), initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    return tok, trainer


def main():
    results = []
    for case in CASES:
        tok, trainer = build(case)
        tok.train([os.path.join(SHARED, f) for f in case["files"]], trainer)
        with tempfile.TemporaryDirectory() as d:
            tok.model.save(d)
            with open(os.path.join(d, "merges.txt"), encoding="utf-8") as f:
                merges = [line.rstrip("\n") for line in f if not line.startswith("#version")]
        vocab = tok.get_vocab()
        vocab_digest = hashlib.sha256("\n".join(f"{i}\t{t}" for t, i in sorted(vocab.items(), key=lambda kv: kv[1])).encode()).hexdigest()
        results.append({**case, "merges": len(merges), "vocab_size": len(vocab),
                        "merges_sha256": hashlib.sha256("\n".join(merges).encode()).hexdigest(),
                        "vocab_sha256": vocab_digest, "first_merges": merges[:10]})
        print(f"{case['name']}: {len(merges)} merges, vocab {len(vocab)}", file=sys.stderr)
    import tokenizers
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"tokenizers_version": tokenizers.__version__, "cases": results}, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()

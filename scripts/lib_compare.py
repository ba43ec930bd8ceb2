#!/usr/bin/env python3
"""Tokens/types comparison of a LiB lexicon (via `tok`) and a byte-level BPE baseline.

Usage: lib_compare.py NAME TRAIN TEST LEXICON TOK_BINARY [--bpe-vocab N]

Encodes every line of TEST (without its newline) with the LiB lexicon through `tok encode
--lines --format json`, trains a Hugging Face byte-level BPE on TRAIN with the same number of
ids (LiB lexicon + 256 byte-fallback ids) and encodes the same lines, then prints one Markdown
table row per tokenizer. Metrics (all on TEST):
  tokens/byte    tokens divided by UTF-8 bytes (lower = fewer tokens)
  types used     distinct ids that occur
  chars/token    mean token length in Unicode scalars (LiB's TokenLength)
  EvalIndex      chars/token / log2(vocabulary size), as in the LiB demo
  DL (kbit)      description length = lexicon bits + corpus bits, where lexicon bits =
                 8 * sum over used types of (UTF-8 bytes + 1) and corpus bits =
                 -sum over tokens of log2(freq(type)/tokens) (an ideal unigram code)
"""
import json, math, subprocess, sys
from collections import Counter


def metrics(name, vocab_size, tokens, test_chars, test_bytes):
    """tokens: list of (id, byte length of the token)."""
    counts = Counter(i for i, _ in tokens)
    size = {i: n for i, n in tokens}
    total = len(tokens)
    corpus_bits = -sum(f * math.log2(f / total) for f in counts.values())
    lexicon_bits = 8 * sum(size[i] + 1 for i in counts)
    cpt = test_chars / total
    return {
        "tokenizer": name, "vocab": vocab_size, "tokens": total,
        "tokens/byte": total / test_bytes, "types used": len(counts),
        "chars/token": cpt, "EvalIndex": cpt / math.log2(vocab_size),
        "DL (kbit)": (lexicon_bits + corpus_bits) / 1000,
    }


def test_lines(test_path):
    raw = open(test_path, "rb").read().split(b"\n")
    if raw and raw[-1] == b"":
        raw.pop()
    return raw


def lib_tokens(tok, lexicon, test_path):
    out = subprocess.run([tok, "encode", "-t", lexicon, "--lines", "--format", "json", test_path],
                         check=True, capture_output=True)
    docs = out.stdout.decode().splitlines()
    assert len(docs) == len(test_lines(test_path)), "one JSON line per input line"
    tokens = []
    for js in docs:
        doc = json.loads(js)
        tokens += [(i, b - a) for i, (a, b) in zip(doc["ids"], doc["offsets"])]
    return tokens


def lexicon_size(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    k = lines.index("---")
    return len([l for l in lines[k + 1:] if l])


def bpe_tokens(train_path, test_path, vocab_size):
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers, decoders
    tk = Tokenizer(models.BPE())
    tk.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tk.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tk.train([train_path], trainer)
    vocab = tk.get_vocab()
    # Byte-level token strings use one character per byte.
    length = {i: len(t) for t, i in vocab.items()}
    tokens = []
    for line in test_lines(test_path):
        enc = tk.encode(line.decode("utf-8"))
        tokens += [(i, length[i]) for i in enc.ids]
    return tokens, tk.get_vocab_size()


def main():
    name, train, test, lexicon, tok = sys.argv[1:6]
    lines = test_lines(test)
    test_bytes = sum(len(l) for l in lines)
    test_chars = sum(len(l.decode("utf-8")) for l in lines)
    n = lexicon_size(lexicon)
    rows = [metrics(f"LiB ({n} entries + 256 bytes)", n + 256, lib_tokens(tok, lexicon, test), test_chars, test_bytes)]
    bpe, bpe_vocab = bpe_tokens(train, test, n + 256)
    rows.append(metrics("byte-level BPE (HF tokenizers)", bpe_vocab, bpe, test_chars, test_bytes))
    for r in rows:
        print(f"| {name} | {r['tokenizer']} | {r['vocab']} | {r['tokens']} | {r['tokens/byte']:.4f} | "
              f"{r['types used']} | {r['chars/token']:.2f} | {r['EvalIndex']:.3f} | {r['DL (kbit)']:.0f} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Side-by-side BPE training benchmark: TokenKit's `tok train bpe` vs Hugging Face's BpeTrainer
and SentencePiece's BPE trainer.

TokenKit and HF train a 32k byte-level BPE (GPT-2 pattern, min frequency 2, full byte alphabet)
on the same ~23 MB mix of ../shared/corpora; SentencePiece trains its own (different) BPE
algorithm at 32k with byte fallback, as specs/bpe.md §4 measured it. Each trainer runs in its
own process, N runs; the table gives medians of CPU seconds (user + system, the robust figure on
a loaded machine), wall seconds and peak RSS, and the ratios. Run through scripts/bench-train.sh,
which builds tok and makes the venv.
"""
import os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SHARED = os.environ.get("TOKENKIT_SHARED") or os.path.join(ROOT, "..", "shared")
# The mix: multilingual fortunes, Shakespeare, Python stdlib, English books, then 41 languages,
# cut at a line end once it reaches the target size.
MIX = ["corpora/anchors/multilingual-fortunes.txt", "corpora/prose/tinyshakespeare.txt",
       "corpora/anchors/code-python-stdlib.txt", "corpora/prose/english_gutenberg.txt"]
MIX += sorted("corpora/lang/" + f for f in os.listdir(os.path.join(SHARED, "corpora/lang")))
MIX += sorted("corpora/code/" + f for f in os.listdir(os.path.join(SHARED, "corpora/code")))


def make_mix(path, target):
    size = 0
    with open(path, "wb") as out:
        for rel in MIX:
            with open(os.path.join(SHARED, rel), "rb") as f:
                for line in f:
                    out.write(line)
                    size += len(line)
                    if size >= target:
                        return size
    return size


def measure(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    if status != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{err}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024.0


def main():
    runs = int(os.environ.get("RUNS", "3"))
    target = int(os.environ.get("MIX_BYTES", str(23_000_000)))
    vocab = os.environ.get("VOCAB", "32000")
    threads = os.environ.get("THREADS", "")
    tok = os.path.join(ROOT, ".build", "release", "tok")
    work = tempfile.mkdtemp()
    corpus = os.path.join(work, "mix.txt")
    size = make_mix(corpus, target)
    hf = [sys.executable, "-c", f"""
from tokenizers import Tokenizer, models, pre_tokenizers, trainers
t = Tokenizer(models.BPE())
t.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
tr = trainers.BpeTrainer(vocab_size={vocab}, min_frequency=2, show_progress=False,
                         initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
t.train([{corpus!r}], tr)
t.model.save({work!r})
"""]
    sp = [sys.executable, "-c", f"""
import sentencepiece as spm
spm.SentencePieceTrainer.train(input={corpus!r}, model_prefix={os.path.join(work, 'sp')!r}, vocab_size={vocab},
    model_type="bpe", byte_fallback=True, character_coverage=0.9995, num_threads=2, minloglevel=2)
"""]
    ours = [tok, "train", "bpe", "--vocab-size", vocab, "--min-frequency", "2", "--out", os.path.join(work, "tk"), corpus]
    env_note = f"RAYON_NUM_THREADS={threads}" if threads else "default threads"
    if threads:
        os.environ["RAYON_NUM_THREADS"] = threads
    rows = {}
    for name, cmd in [("TokenKit tok train bpe", ours), ("HF BpeTrainer (tokenizers)", hf), ("SentencePiece BPE", sp)]:
        samples = [measure(cmd) for _ in range(runs)]
        rows[name] = tuple(statistics.median(s[i] for s in samples) for i in range(3))
    same = open(os.path.join(work, "merges.txt"), "rb").read().split(b"\n")[1:] == \
        open(os.path.join(work, "tk", "merges.txt"), "rb").read().split(b"\n")[1:]
    print(f"corpus: {size / 1e6:.1f} MB mix of ../shared/corpora, vocab {vocab}, min frequency 2, {runs} runs, {env_note}")
    print(f"load average: {os.getloadavg()[0]:.1f}; identical merge lists: {same}")
    print(f"{'trainer':32} {'CPU s':>8} {'wall s':>8} {'peak RSS MiB':>13} {'MB/CPU-s':>9}")
    for name, (cpu, wall, rss) in rows.items():
        print(f"{name:32} {cpu:8.2f} {wall:8.2f} {rss:13.0f} {size / 1e6 / cpu:9.2f}")
    a = rows["TokenKit tok train bpe"]
    for peer in ("HF BpeTrainer (tokenizers)", "SentencePiece BPE"):
        b = rows[peer]
        print(f"ratio {peer} / TokenKit: CPU {b[0] / a[0]:.2f}x, wall {b[1] / a[1]:.2f}x, RSS {b[2] / a[2]:.2f}x")


if __name__ == "__main__":
    main()

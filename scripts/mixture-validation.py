#!/usr/bin/env python3
"""Controlled validation of `tok mixture` (Hayase et al. 2024, Table 1 at our scale).

For each trial: pick n categories from ../shared/corpora/lang (or code), draw Dirichlet(1)
byte weights, build a training corpus of TRAIN bytes with those shares from the first 60% of
each file (a category repeats its slice when it has too little text, as the paper duplicates
small categories), train a byte-level BPE with `tok train bpe` (GPT-2 pattern), then infer the
mixture with `tok mixture` from samples taken from the last 40% of each file (disjoint from
training). Prints log10 MSE per trial, mean ± std, and the random-guess baseline.

Usage: scripts/mixture-validation.py [--tok .build/release/tok] [--n 5] [--trials 5]
       [--vocab 3256] [--train-bytes 2000000] [--sample-bytes 300000] [--corpus lang] [--seed 1]
"""
import argparse, json, math, os, random, statistics, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--tok", default=".build/release/tok")
ap.add_argument("--n", type=int, default=5)
ap.add_argument("--trials", type=int, default=5)
ap.add_argument("--vocab", type=int, default=256 + 3000)
ap.add_argument("--train-bytes", type=int, default=2_000_000)
ap.add_argument("--sample-bytes", type=int, default=300_000)
ap.add_argument("--corpus", default="lang")
ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
ap.add_argument("--seed", type=int, default=1)
args = ap.parse_args()

folder = os.path.join(args.shared, "corpora", args.corpus)
names = sorted(f for f in os.listdir(folder) if f.endswith(".txt"))
rng = random.Random(args.seed)

def lines_slice(data, start, end):
    """Whole lines of data[start:end]."""
    s = data.rfind(b"\n", 0, start) + 1 if start > 0 else 0
    e = data.find(b"\n", end)
    return data[s:(len(data) if e < 0 else e + 1)]

def dirichlet(n):
    g = [rng.gammavariate(1.0, 1.0) for _ in range(n)]
    t = sum(g)
    return [x / t for x in g]

def random_guess_log10_mse(n, draws=2000):
    r = random.Random(12345)
    vals = []
    for _ in range(draws):
        a = [r.gammavariate(1, 1) for _ in range(n)]; sa = sum(a)
        b = [r.gammavariate(1, 1) for _ in range(n)]; sb = sum(b)
        vals.append(math.log10(sum((x / sa - y / sb) ** 2 for x, y in zip(a, b)) / n))
    return statistics.mean(vals), statistics.stdev(vals)

results = []
with tempfile.TemporaryDirectory(prefix="tok-mixture-") as tmp:
    for trial in range(args.trials):
        chosen = sorted(rng.sample(names, args.n))
        weights = dirichlet(args.n)
        train_path = os.path.join(tmp, f"train-{trial}.txt")
        written = []
        cats = []
        with open(train_path, "wb") as out:
            for name, w in zip(chosen, weights):
                data = open(os.path.join(folder, name), "rb").read()
                cut = int(len(data) * 0.6)
                head = lines_slice(data, 0, cut)
                tail = lines_slice(data, cut, len(data))
                nl = tail.find(b"\n", args.sample_bytes)
                tail = tail if nl < 0 else tail[: nl + 1]
                want = int(w * args.train_bytes)
                got = 0
                while got < want and head:
                    nl = head.find(b"\n", want - got)   # whole lines only (valid UTF-8)
                    piece = head if nl < 0 else head[: nl + 1]
                    if not piece.endswith(b"\n"):
                        piece += b"\n"
                    out.write(piece)
                    got += len(piece)
                written.append(got)
                sample = os.path.join(tmp, f"sample-{trial}-{name}")
                open(sample, "wb").write(tail)
                cats.append((name[:-4], sample))
        truth = [x / sum(written) for x in written]
        out_dir = os.path.join(tmp, f"tok-{trial}")
        t0 = time.time()
        subprocess.run([args.tok, "train", "bpe", "--vocab-size", str(args.vocab), "--out", out_dir, train_path],
                       check=True, stderr=subprocess.DEVNULL)
        t1 = time.time()
        cmd = [args.tok, "mixture", "-t", os.path.join(out_dir, "tokenizer.json"), "--json", "--cache", "none"]
        for name, path in cats:
            cmd += ["--category", f"{name}={path}"]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("tok mixture failed: " + r.stderr[-2000:])
        t2 = time.time()
        res = json.loads(r.stdout)
        est = [res["proportions"][name] for name, _ in cats]
        mse = sum((a - b) ** 2 for a, b in zip(est, truth)) / args.n
        lm = math.log10(max(mse, 1e-300))
        results.append(lm)
        print(f"trial {trial}: log10 MSE {lm:.2f}  (train {t1 - t0:.1f} s, infer {t2 - t1:.1f} s, "
              f"rounds {res['rounds']}, rows {res['rows']}, missing {res.get('missing_merges')})", flush=True)
        print("   truth " + " ".join(f"{n}={t:.4f}" for (n, _), t in zip(cats, truth)), flush=True)
        print("   est   " + " ".join(f"{n}={e:.4f}" for (n, _), e in zip(cats, est)), flush=True)

m = statistics.mean(results)
s = statistics.stdev(results) if len(results) > 1 else 0.0
rg = random_guess_log10_mse(args.n)
print(f"\nn = {args.n}, {len(results)} trials, vocab {args.vocab}, train {args.train_bytes} B, sample {args.sample_bytes} B/category")
print(f"ours:         log10 MSE {m:.2f} ± {s:.2f}")
print(f"random guess: log10 MSE {rg[0]:.2f} ± {rg[1]:.2f}")

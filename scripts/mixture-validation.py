#!/usr/bin/env python3
"""Controlled validation of `tok mixture` (Hayase et al. 2024, Table 1 at our scale).

Each category file of ../shared/corpora/{lang,code} is split ONCE into two disjoint halves:
lang files by blocks of 16 lines, code files by whole source files (`==== FILE:` separators),
each block assigned to the training or the sample half by a fixed seeded coin. Random blocks
(not the file's first 60%) matter: the lang files are concatenations of several sources
(FLORES/NTREX paragraphs first, short Tatoeba sentences last), so a head/tail split trains on
one source and infers from another — the paper's "distribution shift" setting (−3.5), not its
controlled one.

Per trial: pick n categories, draw Dirichlet(1) byte weights w, write a training corpus of
about TRAIN bytes holding w_i·TRAIN bytes of whole lines drawn at random (without
replacement; the half is reshuffled and reused only when a category needs more than its
half, as the paper duplicates small categories) from category i's training half, train a
byte-level BPE with `tok train bpe` (GPT-2 pattern, grouped digits), and run `tok mixture`
with each category's whole sample half. Truth = the bytes actually written per category
(whole lines, so it differs slightly from w). Prints log10 MSE per trial, mean ± std, the
random-guess baseline, and the CPU seconds used; `--out FILE` appends one JSON line per trial.

Diagnostics: --split head-tail (the old split), --sample-bytes B (smaller samples),
--diagnose (also score with the training text's bytes/pair), --oracle-samples (the training
text as the sample: the pipeline must then be exact). docs/mixture.md "Validation" has the
commands and results; --summarize FILE... prints one line per JSON-lines file.

Usage: scripts/mixture-validation.py [--tok .build/release/tok] [--corpus lang|code] [--n 5]
       [--trials 20] [--merges 1000] [--train-bytes 2000000] [--sample-bytes B] [--seed 1]
       [--code-unit file|block] [--split blocks|head-tail] [--out results.jsonl]
       scripts/mixture-validation.py --summarize results.jsonl...
"""
import argparse, json, math, os, random, resource, statistics, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--tok", default=".build/release/tok")
ap.add_argument("--corpus", default="lang")
ap.add_argument("--n", type=int, default=5)
ap.add_argument("--trials", type=int, default=20)
ap.add_argument("--merges", type=int, default=1000, help="merges learned = vocabulary − 256")
ap.add_argument("--infer-merges", type=int, default=None, help="T for tok mixture (default: all)")
ap.add_argument("--train-bytes", type=int, default=2_000_000)
ap.add_argument("--sample-bytes", type=int, default=None, help="cap per category sample (random blocks)")
ap.add_argument("--split", choices=["blocks", "head-tail"], default="blocks",
                help="head-tail = the old first-60%%/last-40%% split, for comparison")
ap.add_argument("--code-unit", choices=["file", "block"], default="file",
                help="code: split the halves by whole source files (default) or by 16-line blocks")
ap.add_argument("--shared", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared"))
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--first-trial", type=int, default=0, help="skip the draws of earlier trials (resume)")
ap.add_argument("--diagnose", action="store_true",
                help="also score with the TRAINING text's bytes/pair ratios (oracle unit conversion, GPT-2 pattern)")
ap.add_argument("--oracle-samples", action="store_true",
                help="diagnostic only, NOT disjoint: use each category's training text itself as its sample")
ap.add_argument("--out", default=None)
ap.add_argument("--keep", default=None, help="keep the trial folders here")
ap.add_argument("--summarize", nargs="+", metavar="FILE", help="summarise JSON-lines files written by --out, then exit")
args = ap.parse_args()

if args.summarize:
    for path in args.summarize:
        rs = [json.loads(line) for line in open(path) if line.strip()]
        if not rs:
            continue
        v = [r["log10_mse"] for r in rs]
        cpu = [r["train_cpu"] + r["infer_cpu"] for r in rs]
        o = [r["log10_mse_oracle_units"] for r in rs if r.get("log10_mse_oracle_units") is not None]
        print(f"{path}: {rs[0]['corpus']} n={rs[0]['n']} trials={len(rs)} merges={rs[0]['merges']} "
              f"log10 MSE {statistics.mean(v):.2f} ± {statistics.stdev(v) if len(v) > 1 else 0:.2f} "
              f"[{min(v):.2f} … {max(v):.2f}]; CPU/trial median {statistics.median(cpu):.1f} s, total {sum(cpu) / 60:.1f} min; "
              f"rows median {statistics.median(r['rows'] for r in rs):.0f}, rounds median {statistics.median(r['rounds'] for r in rs)}"
              + (f"; with training bytes/pair {statistics.mean(o):.2f}" if o else ""))
    sys.exit(0)

folder = os.path.join(args.shared, "corpora", args.corpus)
names = sorted(f for f in os.listdir(folder) if f.endswith(".txt"))
if args.n > len(names):
    sys.exit(f"--n {args.n}: only {len(names)} categories in {folder}")


def blocks_of(data):
    """Units assigned to a half: 16-line blocks (lang) or whole source files (code)."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    lines = [l + b"\n" for l in lines]
    if args.corpus == "code" and args.code_unit == "file":
        out = []
        for l in lines:
            if l.startswith(b"==== FILE:") or not out:
                out.append([])
            out[-1].append(l)
        return out
    return [lines[k:k + 16] for k in range(0, len(lines), 16)]


def halves(name):
    """(training lines, sample lines) of a category: a fixed split, the same in every trial."""
    data = open(os.path.join(folder, name), "rb").read()
    if args.split == "head-tail":
        cut = data.find(b"\n", int(len(data) * 0.6)) + 1
        return data[:cut].splitlines(keepends=True), data[cut:].splitlines(keepends=True)
    coin = random.Random("split:" + name)
    train, sample = [], []
    for b in blocks_of(data):
        (train if coin.random() < 0.5 else sample).extend(b)
    return train, sample


def dirichlet(rng, n):
    g = [rng.gammavariate(1.0, 1.0) for _ in range(n)]
    t = sum(g)
    return [x / t for x in g]


def random_guess_log10_mse(n, draws=20000):
    """log10 MSE between two independent uniform points of the simplex (the paper's baseline)."""
    r = random.Random(12345)
    vals = []
    for _ in range(draws):
        a, b = dirichlet(r, n), dirichlet(r, n)
        vals.append(math.log10(sum((x - y) ** 2 for x, y in zip(a, b)) / n))
    return statistics.mean(vals), statistics.stdev(vals)


GPT2 = None


def bytes_per_pair(lines):
    """B/P of whole lines under the GPT-2 split (each pretoken of k bytes has k − 1 pairs)."""
    global GPT2
    if GPT2 is None:
        import regex
        GPT2 = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")
    b = p = 0
    for line in lines:
        b += len(line)
        for m in GPT2.findall(line.decode("utf-8", "replace")):
            p += len(m.encode("utf-8")) - 1
    return b / p


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


split = {name: halves(name) for name in names}
rng = random.Random(f"{args.corpus}:{args.n}:{args.seed}")
draws = [(sorted(rng.sample(names, args.n)), dirichlet(rng, args.n)) for _ in range(args.first_trial + args.trials)]
results, oracles = [], []
tmp_root = args.keep or tempfile.mkdtemp(prefix="tok-mixval-")
os.makedirs(tmp_root, exist_ok=True)
for trial in range(args.first_trial, args.first_trial + args.trials):
    chosen, weights = draws[trial]
    pick = random.Random(f"lines:{args.corpus}:{args.n}:{args.seed}:{trial}")
    tdir = os.path.join(tmp_root, f"{args.corpus}-n{args.n}-t{trial}")
    os.makedirs(tdir, exist_ok=True)
    train_path = os.path.join(tdir, "train.txt")
    written, repeats, cats, ratios = [], [], [], []
    with open(train_path, "wb") as out:
        for name, w in zip(chosen, weights):
            train_lines, sample_lines = split[name]
            want = round(w * args.train_bytes)
            got, passes, order, taken = 0, 0, [], []
            while got < want:
                if not order:  # draw without replacement; reshuffle only when the half runs out
                    order = list(range(len(train_lines)))
                    pick.shuffle(order)
                    passes += 1
                line = train_lines[order.pop()]
                out.write(line)
                if args.diagnose or args.oracle_samples:
                    taken.append(line)
                got += len(line)
            written.append(got)
            repeats.append(passes)
            sample = taken if args.oracle_samples else sample_lines
            if args.sample_bytes is not None:
                order = list(range(len(sample_lines)))
                pick.shuffle(order)
                sample, size = [], 0
                for k in order:
                    if size >= args.sample_bytes:
                        break
                    sample.append(sample_lines[k])
                    size += len(sample_lines[k])
            spath = os.path.join(tdir, "sample-" + name)
            with open(spath, "wb") as f:
                f.write(b"".join(sample))
            cats.append((name[:-4], spath))
            if args.diagnose:
                ratios.append((bytes_per_pair(taken), bytes_per_pair(sample)))
    truth = [x / sum(written) for x in written]
    out_dir = os.path.join(tdir, "tok")
    cpu0, t0 = child_cpu(), time.time()
    train_cmd = [args.tok, "train", "bpe", "--vocab-size", str(256 + args.merges), "--out", out_dir, train_path]
    subprocess.run(train_cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cpu1, t1 = child_cpu(), time.time()
    cmd = [args.tok, "mixture", "-t", os.path.join(out_dir, "tokenizer.json"), "--json", "--cache", "none"]
    if args.infer_merges:
        cmd += ["--merges", str(args.infer_merges)]
    for name, path in cats:
        cmd += ["--category", f"{name}={path}"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("tok mixture failed: " + r.stderr[-2000:])
    cpu2, t2 = child_cpu(), time.time()
    res = json.loads(r.stdout)
    est = [res["proportions"][name] for name, _ in cats]
    mse = sum((a - b) ** 2 for a, b in zip(est, truth)) / args.n
    lm = math.log10(max(mse, 1e-300))
    results.append(lm)
    oracle = None
    if args.diagnose:  # α (pair units) recovered from β with the sample ratios, re-converted with the training ratios
        alpha = [e / s for e, (_, s) in zip(est, ratios)]
        beta = [a * t for a, (t, _) in zip(alpha, ratios)]
        beta = [x / sum(beta) for x in beta]
        oracle = math.log10(max(sum((a - b) ** 2 for a, b in zip(beta, truth)) / args.n, 1e-300))
        oracles.append(oracle)
    record = {"corpus": args.corpus, "n": args.n, "trial": trial, "seed": args.seed, "merges": args.merges,
              "train_bytes": sum(written), "split": args.split, "oracle_samples": args.oracle_samples, "code_unit": args.code_unit, "sample_cap": args.sample_bytes,
              "log10_mse": lm, "truth": dict(zip([c for c, _ in cats], truth)),
              "estimate": dict(zip([c for c, _ in cats], est)), "repeats": dict(zip([c for c, _ in cats], repeats)),
              "train_seconds": t1 - t0, "infer_seconds": t2 - t1, "train_cpu": cpu1 - cpu0, "infer_cpu": cpu2 - cpu1,
              "rounds": res["rounds"], "rows": res["rows"], "missing_merges": res.get("missing_merges"),
              "seconds_split": res.get("seconds_split"), "log10_mse_oracle_units": oracle,
              "bytes_per_pair": None if not ratios else dict(zip([c for c, _ in cats], ratios))}
    if args.out:
        with open(args.out, "a") as f:
            f.write(json.dumps(record) + "\n")
    worst = max(range(args.n), key=lambda k: abs(est[k] - truth[k]))
    print(f"trial {trial}: log10 MSE {lm:.2f}  train {t1 - t0:.1f} s ({cpu1 - cpu0:.1f} CPU), infer {t2 - t1:.1f} s "
          f"({cpu2 - cpu1:.1f} CPU), rounds {res['rounds']}, rows {res['rows']}, worst {cats[worst][0]} "
          f"{truth[worst]:.4f}→{est[worst]:.4f}" + ("" if oracle is None else f", with training B/P {oracle:.2f}"), flush=True)
    if args.n <= 10:
        print("   truth " + " ".join(f"{c}={t:.4f}" for (c, _), t in zip(cats, truth)), flush=True)
        print("   est   " + " ".join(f"{c}={e:.4f}" for (c, _), e in zip(cats, est)), flush=True)
    if not args.keep:
        subprocess.run(["rm", "-rf", tdir])

if not args.keep:
    os.rmdir(tmp_root)
m = statistics.mean(results)
s = statistics.stdev(results) if len(results) > 1 else 0.0
rg = random_guess_log10_mse(args.n)
print(f"\n{args.corpus}, n = {args.n}, {len(results)} trials, {args.merges} merges, train {args.train_bytes} B, "
      f"split {args.split}, {'ORACLE samples (the training text), ' if args.oracle_samples else ''}sample {'all of the half' if args.sample_bytes is None else args.sample_bytes} B/category")
print(f"ours:         log10 MSE {m:.2f} ± {s:.2f}  (min {min(results):.2f}, max {max(results):.2f})")
if oracles:
    print(f"with the training text's bytes/pair (diagnostic): {statistics.mean(oracles):.2f} ± {statistics.stdev(oracles) if len(oracles) > 1 else 0:.2f}")
print(f"random guess: log10 MSE {rg[0]:.2f} ± {rg[1]:.2f}")
print(f"CPU: {child_cpu():.0f} s in tok")

#!/usr/bin/env python3
"""Engines side by side, whole processes, one run (BENCHMARKS.md, "Engines side by side").

Builds (once, cached in bench-data/compare/, never committed):
  corpus.txt  64 MiB of government reports: the fixture texts, rotated and repeated;
  lex-N.txt   lexicons of N = 1, 10, 100, 1000, 5000, 50000 phrases: `100` is the built-in
              lexicon's phrases and variants (folded); the others are the corpus's most frequent
              3-6-character n-grams of CJK characters (ties broken by the n-gram), one a line.
Then, for each lexicon, times each command on the same file (page cache warmed before each
run; median of --runs runs, taken round robin: run 1 of every command, then run 2, ...) and prints
MB/s and the ratios to the aho-corasick DFA and to daachorse:
  tifa count --threads 1 (the real CLI, whole process: read, validate, match, print);
  examples/engines (in process, matching only): aho-corasick DFA / auto, daachorse charwise
  with and without its prefilter, tifa-core Matcher::count;
  rg -j1 -o -F -f, grep -o -F -f (whole processes, piped to wc -l);
  Python pyahocorasick iter_long and sum(str.count) where installed (str.count only up to
  1,000 phrases: it is quadratic in practice).
Counts are printed too: engines that agree on leftmost-longest semantics must agree on counts.

Usage: scripts/compare.py [--sizes 1,10,100,1000,5000,50000] [--runs 3] [--mib 64]
"""
import argparse, collections, csv, glob, json, os, re, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench-data", "compare")


def fixture_texts():
    texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(f"{ROOT}/fixtures/seeds/*.txt"))]
    texts += [json.loads(l)["content"] for l in open(f"{ROOT}/fixtures/cpc/cpc-congress-reports.jsonl", encoding="utf-8")]
    csv.field_size_limit(1 << 30)
    for p in sorted(glob.glob(f"{ROOT}/fixtures/provincial-2026/*.csv")):
        with open(p, encoding="utf-8-sig") as f:
            texts += [r["full_text"] for r in csv.DictReader(f)]
    return texts


def build(mib, sizes):
    os.makedirs(OUT, exist_ok=True)
    corpus = os.path.join(OUT, f"corpus-{mib}m.txt")
    texts = fixture_texts()
    if not os.path.exists(corpus):
        blob = "\n".join(texts)
        parts, n, i = [], 0, 0
        while n < mib << 20:
            k = (i * 7919) % len(blob)
            piece = blob[k:] + blob[:k] + "\n"
            parts.append(piece)
            n += len(piece.encode("utf-8"))
            i += 1
        with open(corpus, "w", encoding="utf-8") as f:
            f.write("".join(parts))
    lexicons = {}
    grams = None
    for size in sizes:
        path = os.path.join(OUT, f"lex-{size}.txt")
        lexicons[size] = path
        if os.path.exists(path):
            continue
        if size == 100:
            out = subprocess.run([f"{ROOT}/target/release/tifa", "lexicon", "export", "--format", "json"],
                                 capture_output=True, text=True, check=True).stdout
            phrases = []
            for e in json.loads(out):
                phrases += [e["phrase"]] + e.get("variants", [])
        else:
            if grams is None:
                counter = collections.Counter()
                for t in texts:
                    for run in re.findall(r"[\u4e00-\u9fff]+", t):
                        for n in range(3, 7):
                            for j in range(len(run) - n + 1):
                                counter[run[j:j + n]] += 1
                grams = [g for g, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]
            # Some n-grams are traditional forms of others; tifa folds them to
            # one phrase and rejects the pair, so drop the later one (as
            # `tifa lexicon check` reports it) and keep `size` phrases.
            phrases = grams[: size + size // 50 + 10]
            while True:
                with open(path, "w", encoding="utf-8") as f:
                    f.write("\n".join(phrases) + "\n")
                p = subprocess.run([f"{ROOT}/target/release/tifa", "lexicon", "check", path],
                                   capture_output=True, text=True)
                out = p.stdout + p.stderr
                bad = {int(m) for m in re.findall(re.escape(path) + r":(\d+): ", out)}
                if not bad:
                    break
                phrases = [p for i, p in enumerate(phrases, 1) if i not in bad]
            phrases = phrases[:size]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(dict.fromkeys(phrases)) + "\n")
    return corpus, lexicons


def warm(path):
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass


def once(cmd, path, parse):
    """One run: (seconds, count) or (None, error). A whole process is timed by its wall time (page cache
    warmed first); examples/engines (parse None) prints its own matching time and count."""
    if parse is not None:
        warm(path)
    t = time.perf_counter()
    p = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        return None, p.stderr.strip()[:80]
    if parse is None:
        f = p.stdout.split("\t")
        return float(f[3]), int(f[1])
    return wall, parse(p.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,10,100,1000,5000,50000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--mib", type=int, default=64)
    ap.add_argument("--only", default="", help="comma-separated labels to run (default: all)")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    # The CLI without `tifa sql` (DataFusion): the same counting code, a build of seconds, not minutes.
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "tifa-cli", "--no-default-features"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release", "-q", "--example", "engines"], cwd=ROOT, check=True)
    corpus, lexicons = build(a.mib, sizes)
    size = os.path.getsize(corpus)
    tifa = f"{ROOT}/target/release/tifa"
    engines = f"{ROOT}/target/release/examples/engines"
    try:
        import ahocorasick  # noqa: F401
        have_pyac = True
    except ImportError:
        have_pyac = False
    print(f"corpus {corpus}: {size / 1e6:.1f} MB; {os.cpu_count()} cores; median of {a.runs} runs; MB/s = corpus bytes / wall")
    for n in sizes:
        lex = lexicons[n]
        rows = []
        def add(label, secs, count, note=""):
            rows.append((label, secs, count, note))
        commands = [
            ("tifa count --threads 1 (whole process)",
             f"{tifa} count --threads 1 --lexicon-only --lexicon {lex} --format csv {corpus}",
             lambda o: sum(int(r["count"]) for r in csv.DictReader(o.splitlines()))),
        ]
        for e in ["ac-dfa", "ac-auto", "daachorse", "daachorse-nopf", "tifa", "tifa-ac", "tifa-da", "tifa-pf", "tifa-so", "tifa-an", "tifa-strict"]:
            commands.append((f"{e} (in process, matching only)", f"{engines} {e} {lex} {corpus}", None))
        if shutil.which("rg"):
            commands.append(("rg -j1 -o -F -f | wc -l", f"rg -j1 -o -F -f {lex} {corpus} | wc -l", lambda o: int(o)))
        if shutil.which("grep"):
            commands.append(("grep -o -F -f | wc -l", f"LC_ALL=C.UTF-8 grep -o -F -f {lex} {corpus} | wc -l", lambda o: int(o)))
        if have_pyac:
            commands.append(("python pyahocorasick iter_long",
                             f"python3 -c \"import ahocorasick,sys\nA=ahocorasick.Automaton()\n"
                             f"for i,p in enumerate(open(sys.argv[1],encoding='utf-8').read().split()):A.add_word(p,i)\n"
                             f"A.make_automaton();t=open(sys.argv[2],encoding='utf-8').read()\n"
                             f"print(sum(1 for _ in A.iter_long(t)))\" {lex} {corpus}", lambda o: int(o)))
        if n <= 1000:
            commands.append(("python sum(str.count)",
                             f"python3 -c \"import sys\nps=open(sys.argv[1],encoding='utf-8').read().split()\n"
                             f"t=open(sys.argv[2],encoding='utf-8').read()\nprint(sum(t.count(p) for p in ps))\" {lex} {corpus}",
                             lambda o: int(o)))
        only = [s for s in a.only.split(",") if s]
        commands = [c for c in commands if not only or any(o in c[0] for o in only)]
        # In each round the Python rows run first and the whole `tifa count` process last, after the
        # in-process engines, rg and grep, not right after Python: on this VM the first touch of memory another process just freed is slow (page
        # zeroing was 40-59% of such runs), and tifa reads the file into fresh memory (BENCHMARKS.md).
        rank = lambda label: 0 if label.startswith("python") else 2 if label.startswith("tifa count") else 1
        order = sorted(range(len(commands)), key=lambda k: rank(commands[k][0]))
        # Round robin: run r of every command, then run r + 1, so that a noisy stretch of this shared
        # machine falls on several commands, not on all runs of one.
        times = {label: [] for label, _, _ in commands}
        counts, errors = {}, {}
        for _ in range(a.runs):
            for label, cmd, parse in (commands[k] for k in order):
                if label in errors:
                    continue
                secs, count = once(cmd, corpus, parse)
                if secs is None:
                    errors[label] = count
                else:
                    times[label].append(secs)
                    counts[label] = count
        for label, _, _ in commands:
            if label in errors:
                add(label, None, None, errors[label])
            else:
                add(label, statistics.median(times[label]), counts[label])
        base = next((s for l, s, _, _ in rows if l.startswith("ac-dfa") and s), None)
        daac = next((s for l, s, _, _ in rows if l.startswith("daachorse (") and s), None)
        print(f"\n## {n} phrases ({lex})")
        print(f"| engine | MB/s | vs aho-corasick DFA | vs daachorse | matches |\n| --- | ---: | ---: | ---: | ---: |")
        for label, secs, count, note in rows:
            if secs is None:
                print(f"| {label} | failed: {note} | | | |")
                continue
            mbs = size / 1e6 / secs
            ratio = f"{base / secs:.2f}" if base else ""
            vs_daac = f"{daac / secs:.2f}" if daac else ""
            print(f"| {label.replace('|', chr(92) + '|')} | {mbs:,.0f} | {ratio} | {vs_daac} | {count} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

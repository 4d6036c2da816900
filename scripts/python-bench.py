#!/usr/bin/env python3
"""tifa from Python against what Python users use today: pyahocorasick,
flashtext and str.count, counting the built-in lexicon's phrases (and their
variants) in ~70 MB of government reports as a list of documents.

Each engine runs on one thread and on every core (tifa: threads=; the
others: a multiprocessing pool of one process per core, documents split
evenly). Median of --runs, taken round robin. Matches differ by semantics:
tifa counts leftmost-longest with its normalization (line breaks,
traditional forms); pyahocorasick's iter_long is leftmost-longest without
it; flashtext matches whole "words" (CJK characters are word boundaries to
it); str.count counts every phrase on its own (两院 inside 一府一委两院 too).

    pip install maturin pyahocorasick flashtext && (cd crates/python && maturin develop --release)
    python3 scripts/python-bench.py --runs 5
"""
import argparse
import json
import multiprocessing as mp
import os
import statistics
import sys
import time

import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "compare", os.path.join(os.path.dirname(os.path.abspath(__file__)), "compare.py"))
compare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare)

import tifa  # noqa: E402


def documents(mib):
    """The fixture reports, repeated until `mib` MiB: a list of str."""
    texts = compare.fixture_texts()
    docs, n = [], 0
    while n < mib << 20:
        for t in texts:
            docs.append(t)
            n += len(t.encode("utf-8"))
    return docs


def phrases():
    out = []
    for e in tifa.Lexicon().entries():
        out += [e["phrase"]] + e.get("variants", [])
    return list(dict.fromkeys(out))


# --- the engines, each counting all matches in a list of documents -------
_STATE = {}


def _init(name, words):
    if name == "pyahocorasick":
        import ahocorasick
        a = ahocorasick.Automaton()
        for w in words:
            a.add_word(w, w)
        a.make_automaton()
        _STATE["a"] = a
    elif name == "flashtext":
        from flashtext import KeywordProcessor
        k = KeywordProcessor()
        for w in words:
            k.add_keyword(w)
        _STATE["k"] = k
    _STATE["words"] = words


def _count(name, docs):
    if name == "pyahocorasick":
        a = _STATE["a"]
        return sum(1 for d in docs for _ in a.iter_long(d))
    if name == "flashtext":
        k = _STATE["k"]
        return sum(len(k.extract_keywords(d)) for d in docs)
    if name == "str.count":
        words = _STATE["words"]
        return sum(d.count(w) for d in docs for w in words)
    raise ValueError(name)


def _count_chunk(args):
    name, docs = args
    return _count(name, docs)


def run_python(name, words, docs, procs):
    if procs == 1:
        _init(name, words)
        t = time.perf_counter()
        n = _count(name, docs)
        return time.perf_counter() - t, n
    chunks = [docs[i::procs] for i in range(procs)]
    with mp.get_context("fork").Pool(procs, initializer=_init, initargs=(name, words)) as pool:
        pool.map(_count_chunk, [(name, []) for _ in range(procs)])  # start the workers
        t = time.perf_counter()
        n = sum(pool.map(_count_chunk, [(name, c) for c in chunks]))
        return time.perf_counter() - t, n


def run_tifa(docs, threads):
    t = time.perf_counter()
    cols = tifa.count_many(docs, threads=threads, as_="dict")
    secs = time.perf_counter() - t
    return secs, sum(cols["count"]) + sum(cols["expanded"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--mib", type=int, default=64)
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()
    docs = documents(args.mib)
    words = phrases()
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    cores = os.cpu_count() or 1
    engines = [("tifa.count_many", None), ("pyahocorasick", None), ("flashtext", None),
               ("str.count", None)]
    rows = {}
    for _ in range(args.runs):
        for name, _x in engines:
            for procs in (1, cores):
                if name == "tifa.count_many":
                    secs, n = run_tifa(docs, procs)
                else:
                    secs, n = run_python(name, words, docs, procs)
                rows.setdefault((name, procs), []).append((secs, n))
    print(f"{len(docs)} documents, {mb:.1f} MB, {len(words)} phrases and variants, "
          f"{cores} cores, median of {args.runs} runs\n")
    print("| engine | threads | MB/s | seconds | vs tifa (same threads) | matches |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    out = []
    for (name, procs), rs in rows.items():
        secs = statistics.median(s for s, _ in rs)
        tifa_secs = statistics.median(s for s, _ in rows[("tifa.count_many", procs)])
        n = rs[0][1]
        print(f"| {name} | {procs} | {mb / secs:,.0f} | {secs:.3f} | {secs / tifa_secs:.1f}× slower"
              f" | {n} |" if name != "tifa.count_many" else
              f"| {name} | {procs} | {mb / secs:,.0f} | {secs:.3f} | 1.0 | {n} |")
        out.append({"engine": name, "threads": procs, "seconds": secs, "mb_per_s": mb / secs,
                    "matches": n})
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()

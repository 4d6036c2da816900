#!/usr/bin/env python3
"""Writes crates/core/src/anchor/frequencies.tsv: how often characters and
pairs of adjacent characters occur in government reports, the ranking by
which the anchored strategy (crates/core/src/anchor.rs) picks each phrase's
rarest pair.

Counted over the provincial reports of 2026 and the seed reports in
fixtures/ only: the CPC congress reports (1921-2022) are left out so that the
benchmarks can show how the ranking does on prose it was not built from.
Every character seen is written with its count (`c<TAB>n`); pairs of two
characters (`cc<TAB>n`) only when seen at least MIN_PAIR times, the rest are
estimated by the reader (anchor/frequency.rs). Counts are of the text after
removing white space, as the matcher folds it. Rerun to regenerate:

    python3 scripts/anchor-frequencies.py
"""
import collections, csv, glob, os, re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates/core/src/anchor/frequencies.tsv")
MIN_PAIR = 4


def texts():
    for p in sorted(glob.glob(f"{ROOT}/fixtures/seeds/*.txt")):
        yield open(p, encoding="utf-8").read()
    csv.field_size_limit(1 << 30)
    for p in sorted(glob.glob(f"{ROOT}/fixtures/provincial-2026/*.csv")):
        with open(p, encoding="utf-8-sig") as f:
            for r in csv.DictReader(f):
                yield r["full_text"]


def main():
    chars, pairs = collections.Counter(), collections.Counter()
    total = 0
    for t in texts():
        t = re.sub(r"\s+", "", t)
        total += len(t)
        chars.update(t)
        pairs.update(t[i:i + 2] for i in range(len(t) - 1))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Character and pair counts for the anchored strategy's ranking; written by\n")
        f.write("# scripts/anchor-frequencies.py from the 2026 provincial and seed reports of fixtures/\n")
        f.write(f"# ({total} characters; pairs seen at least {MIN_PAIR} times). Tab-separated, one a line.\n")
        f.write(f"#total\t{total}\n")
        for c, n in sorted(chars.items(), key=lambda kv: (-kv[1], kv[0])):
            if c.isprintable() and c not in "#\t":
                f.write(f"{c}\t{n}\n")
        for p, n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
            if n >= MIN_PAIR and p.isprintable() and "#" not in p and "\t" not in p:
                f.write(f"{p}\t{n}\n")


if __name__ == "__main__":
    main()

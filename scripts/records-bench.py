#!/usr/bin/env python3
"""Whole-process benchmark of the record commands against counting
(BENCHMARKS.md, "Records, whole process"; issue 21).

Usage: scripts/records-bench.py [--rounds N] [--threads N] [BINARY ...]

Every command runs with --threads 1 (or the --threads given; 0: tifa's
default, every core) on bench-data/compare/corpus-64m.txt (made
by scripts/compare.py), round robin over the commands and the binaries given
(default: target/release/tifa), ROUNDS times (default 5), so that the drift of
a shared machine falls on all alike. Prints, per binary, each command's median
wall time, `tifa numbers` against `tifa count` (the 2x target), and the
records a second each record command adds over counting with the same lexicon:
records / (median of the command - median of count).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench-data", "compare")
TEXT = os.path.join(DATA, "corpus-64m.txt")
LEX = os.path.join(DATA, "lex-1000.txt")


def commands():
    """(name, arguments, the count it is compared with)."""
    phrases = ",".join(line.strip() for line in open(LEX, encoding="utf-8") if line.strip())
    big = ["--lexicon", LEX]
    return [
        ("count", ["count"], None),
        ("numbers --kind percent", ["numbers", "--kind", "percent"], "count"),
        ("numbers csv", ["numbers", "--format", "csv"], "count"),
        ("numbers jsonl", ["numbers", "--format", "jsonl"], "count"),
        ("count (1,000 phrases)", ["count", *big], None),
        ("scan csv", ["scan", *big, "--format", "csv"], "count (1,000 phrases)"),
        ("scan jsonl", ["scan", *big, "--format", "jsonl"], "count (1,000 phrases)"),
        ("kwic csv", ["kwic", *big, "--format", "csv", phrases], "count (1,000 phrases)"),
        ("kwic jsonl", ["kwic", *big, "--format", "jsonl", phrases], "count (1,000 phrases)"),
    ]


THREADS = ["--threads", "1"]


def run(binary, args):
    """Wall seconds, the output going to /dev/null (reading it here would
    cost more than printing it)."""
    start = time.perf_counter()
    subprocess.run(
        [binary, *args, *THREADS, TEXT],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start


def count_records(binary, args):
    """The records a command prints (lines of csv less the header, or of
    jsonl), counted in a run of its own, untimed."""
    proc = subprocess.Popen(
        [binary, *args, *THREADS, TEXT],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: proc.stdout.read(1 << 20), b""))
    proc.wait()
    csv = "--format" in args and args[args.index("--format") + 1] == "csv"
    return lines - 1 if csv else lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("binaries", nargs="*", default=[os.path.join(ROOT, "target/release/tifa")])
    args = parser.parse_args()
    THREADS[:] = ["--threads", str(args.threads)] if args.threads > 0 else []
    for path in (TEXT, LEX):
        if not os.path.exists(path):
            sys.exit(f"records-bench: {path} is missing: run scripts/compare.py first")
    cmds = commands()
    times = {(b, name): [] for b in args.binaries for name, _, _ in cmds}
    records = {name: count_records(args.binaries[0], cmd) for name, cmd, base in cmds if base}
    for _ in range(args.rounds):
        for name, cmd, _ in cmds:
            for b in args.binaries:
                times[(b, name)].append(run(b, cmd))
    for b in args.binaries:
        print(f"\n{b} ({args.rounds} rounds, medians)")
        median = {name: statistics.median(times[(b, name)]) for name, _, _ in cmds}
        for name, _, base in cmds:
            line = f"  {name:24} {median[name]:6.3f} s"
            if name.startswith("numbers"):
                line += f"   {median[name] / median['count']:.2f}x count"
            if base and not name.startswith("numbers"):
                extra = median[name] - median[base]
                if extra > 0:
                    line += f"   {records[name]:,} records, {records[name] / extra / 1e6:.2f} M/s over {base}"
            print(line)


if __name__ == "__main__":
    main()

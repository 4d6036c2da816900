#!/usr/bin/env python3
"""One large file on one and on two threads, runs alternated (BENCHMARKS.md, "One large file").

On these shared machines a noisy stretch hits whichever command runs during it; hyperfine runs all
runs of one command, then all of the other, so a stretch can skew one side. This runs the two
commands in turn, N times, and prints each one's median and minimum wall time and the median of
the per-pair ratios (1 thread / 2 threads).

Usage: scripts/scaling.py [FILE] [--runs 40] [--tifa target/release/tifa] [-- extra tifa args]
FILE defaults to bench-data/compare/corpus-64m.txt (made by scripts/compare.py).
"""
import argparse, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def wall(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=os.path.join(ROOT, "bench-data", "compare", "corpus-64m.txt"))
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--tifa", default=os.path.join(ROOT, "target", "release", "tifa"))
    ap.add_argument("extra", nargs="*")
    a = ap.parse_args()
    if not os.path.exists(a.file):
        sys.exit(f"{a.file}: no such file (scripts/compare.py makes the default one)")
    cmds = {t: [a.tifa, "count", "--threads", str(t), *a.extra, a.file] for t in (1, 2)}
    with open(a.file, "rb") as f:  # warm the page cache
        while f.read(1 << 24):
            pass
    for t in (1, 2, 1, 2):  # warm-up
        wall(cmds[t])
    times = {1: [], 2: []}
    ratios = []
    for _ in range(a.runs):
        one, two = wall(cmds[1]), wall(cmds[2])
        times[1].append(one)
        times[2].append(two)
        ratios.append(one / two)
    for t in (1, 2):
        print(f"--threads {t}: median {statistics.median(times[t]) * 1e3:.1f} ms, "
              f"min {min(times[t]) * 1e3:.1f} ms ({a.runs} runs)")
    print(f"scaling: median of paired ratios {statistics.median(ratios):.2f}x, "
          f"ratio of medians {statistics.median(times[1]) / statistics.median(times[2]):.2f}x, "
          f"ratio of minima {min(times[1]) / min(times[2]):.2f}x")


if __name__ == "__main__":
    main()

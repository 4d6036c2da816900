#!/usr/bin/env python3
"""Lists Rust functions longer than a limit (default 80 lines), by brace
matching from each `fn` line; test modules included. Exit 1 if any.

    python3 scripts/long-functions.py [LIMIT] [DIR…]
"""
import os
import re
import sys

FN = re.compile(r"^\s*(pub(\([a-z]+\))?\s+)?(async\s+)?(const\s+)?(unsafe\s+)?fn\s+([A-Za-z_0-9]+)")


def long_functions(path, limit):
    lines = open(path, encoding="utf-8").read().splitlines()
    out = []
    i = 0
    while i < len(lines):
        m = FN.match(lines[i])
        if not m:
            i += 1
            continue
        depth, started, j = 0, False, i
        while j < len(lines):
            code = re.sub(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])\'|//.*', "", lines[j])
            depth += code.count("{") - code.count("}")
            started = started or "{" in code
            if started and depth <= 0:
                break
            if not started and code.rstrip().endswith(";"):
                break
            j += 1
        n = j - i + 1
        if n > limit:
            out.append((n, m.group(6), i + 1))
        i += 1
    return out


def main():
    args = sys.argv[1:]
    limit = int(args.pop(0)) if args and args[0].isdigit() else 80
    roots = args or ["crates", "src", "tests", "benches", "examples"]
    found = []
    for root in roots:
        for dirpath, _, files in os.walk(root):
            if "target" in dirpath:
                continue
            for f in files:
                if f.endswith(".rs"):
                    p = os.path.join(dirpath, f)
                    found += [(n, name, p, line) for n, name, line in long_functions(p, limit)]
    for n, name, p, line in sorted(found, reverse=True):
        print(f"{n:5} {p}:{line} {name}")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()

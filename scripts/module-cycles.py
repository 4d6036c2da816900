#!/usr/bin/env python3
"""Prints the cycles among the top-level modules of a crate's src/ (code
references `crate::m` only; comments and tests are left out). Exit 1 if
there is one.

    python3 scripts/module-cycles.py crates/core/src
"""
import os
import re
import sys


def deps(root):
    mods = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            if not f.endswith(".rs"):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, root)[:-3]
            top = rel.replace(os.sep, "::").split("::")[0]
            if top in ("lib", "main", "tests"):
                top = "crate" if top != "tests" else "tests"
            code = open(path, encoding="utf-8").read().split("#[cfg(test)]")[0]
            code = "\n".join(l for l in code.splitlines() if not l.lstrip().startswith("//"))
            found = set(re.findall(r"crate::([a-z_0-9]+)", code))
            if os.path.basename(dirpath) != os.path.basename(root.rstrip("/")):
                pass
            mods.setdefault(top, set()).update(d for d in found if d != top)
    return mods


def cycles(mods):
    found = set()

    def walk(node, stack):
        for d in sorted(mods.get(node, ())):
            if d in stack:
                cyc = stack[stack.index(d):]
                i = cyc.index(min(cyc))
                found.add(tuple(cyc[i:] + cyc[:i]))
            elif len(stack) < 12:
                walk(d, stack + [d])

    for m in mods:
        walk(m, [m])
    return found


def main():
    bad = False
    for root in sys.argv[1:] or ["crates/core/src"]:
        for c in sorted(cycles(deps(root))):
            bad = True
            print(f"{root}: cycle {' -> '.join(c + (c[0],))}")
    if not bad:
        print("no module cycles")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

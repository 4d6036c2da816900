#!/usr/bin/env python3
"""Writes fixtures/hostile/: small hostile inputs for tests/hostile.rs.
Deterministic (fixed seed); run from the repository root. The 300 MiB
single-line document is made at test time instead (not committed)."""
import gzip, os, random

random.seed(20261124)
out = "fixtures/hostile"
os.makedirs(out, exist_ok=True)
good = "发展全过程人民民主，坚持一府一委两院。"

def w(name, data):
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)

rand = lambda n: bytes(random.randrange(256) for _ in range(n))
w("random.txt", rand(4096))
w("random.jsonl", rand(4096))
w("random.csv", rand(4096))
w("invalid-utf8.txt", good.encode() + b"\xff\xfe\xc3" + ("\n" + good).encode())
z = gzip.compress("".join(f'{{"text": "{good}{i}"}}\n' for i in range(400)).encode())
w("truncated.jsonl.gz", z[: len(z) // 2])
w("good.txt.gz", gzip.compress(good.encode()))
lines = [f'{{"id": "r{i}", "text": "{good}"}}' for i in range(1, 21)]
lines[9] = '{"id": "r10", "text": "' + good  # broken line 10
w("one-broken-line.jsonl", "\n".join(lines) + "\n")
w("ragged.csv", f"id,year,text\na,2020,{good}\nb,2021\nc,2022,{good},extra,fields\nd\n")
w("nul-heavy.txt", b"\x00" * 3000 + good.encode() + b"\x00" * 3000)
w("empty.txt", b"")
w("good.txt", good)
os.makedirs(os.path.join(out, "loop-dir"), exist_ok=True)
w("loop-dir/inside.txt", good)
link = os.path.join(out, "loop-dir", "loop")
if not os.path.islink(link):
    os.symlink("..", link)
print("wrote", out)

#!/usr/bin/env bash
# Whole-process benchmark of corpus runs (BENCHMARKS.md, "Corpus runs").
# Builds a directory of ~1 GiB of text from fixtures/ (deterministic; kept in
# bench-data/, never committed), warms the page cache, then times, one after
# another in this run:
#   the bare aho-corasick DFA over the same files, one thread (examples/bare_count.rs),
#   tifa-core's Matcher::count over the same files, one thread,
#   `tifa count` with --threads 1 and --threads 2,
# with wall time and peak memory from /usr/bin/time.
# Usage: scripts/corpus-bench.sh [SIZE_MIB]   (default 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-1024}
dir=bench-data/corpus-${size_mib}m
# The CLI without `tifa sql` (DataFusion): same counting code, a much shorter build.
cargo build --release -q -p tifa-cli --no-default-features
cargo build --release -q --example bare_count
if [ ! -f "$dir/.done" ]; then
  rm -rf "$dir"; mkdir -p "$dir"
  python3 - "$dir" "$size_mib" <<'PY'
import csv, glob, json, os, sys
out, size = sys.argv[1], int(sys.argv[2]) << 20
csv.field_size_limit(1 << 30)
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("fixtures/seeds/*.txt"))]
texts += [json.loads(l)["content"] for l in open("fixtures/cpc/cpc-congress-reports.jsonl", encoding="utf-8")]
for p in sorted(glob.glob("fixtures/provincial-2026/*.csv")):
    with open(p, encoding="utf-8-sig") as f:
        texts += [r["full_text"] for r in csv.DictReader(f)]
blob = "\n".join(texts)
written, i = 0, 0
while written < size:
    # ~1 MiB files, each a rotation of the fixture texts.
    k = (i * 7919) % len(blob)
    body = (blob[k:] + blob[:k])[: 350_000]
    sub = os.path.join(out, f"{i // 256:03d}")
    os.makedirs(sub, exist_ok=True)
    with open(os.path.join(sub, f"{i:05d}.txt"), "w", encoding="utf-8") as f:
        f.write(body)
    written += len(body.encode("utf-8")); i += 1
print(f"{i} files, {written / 2**20:.0f} MiB", file=sys.stderr)
PY
  touch "$dir/.done"
fi
bytes=$(du -sb "$dir" | cut -f1)
warm() { find "$dir" -name '*.txt' -print0 | xargs -0 cat > /dev/null; }
run() { # label, command...
  local label=$1; shift
  warm
  /usr/bin/time -f "%e s, peak %M KiB" -o /tmp/tifa-bench-time "$@" > /tmp/tifa-bench-out 2> /tmp/tifa-bench-err || { cat /tmp/tifa-bench-err; exit 1; }
  local t; t=$(cat /tmp/tifa-bench-time)
  local secs=${t%% s*}
  printf '%-44s %8.1f MB/s  %s\n' "$label" "$(echo "$bytes / 1000000 / $secs" | bc -l)" "$t"
  grep -h "matches\|documents read" /tmp/tifa-bench-out /tmp/tifa-bench-err | sed 's/^/    /' | head -2
}
echo "corpus: $dir, $bytes bytes, $(nproc) cores"
run "bare aho-corasick DFA, 1 thread"        target/release/examples/bare_count ac "$dir"
run "tifa-core Matcher::count, 1 thread"     target/release/examples/bare_count matcher "$dir"
run "tifa-core count, no expansions, 1 thr." target/release/examples/bare_count literal "$dir"
run "tifa count --threads 1"                 target/release/tifa count --threads 1 --format csv "$dir"
run "tifa count --threads 2"                 target/release/tifa count --threads 2 --format csv "$dir"

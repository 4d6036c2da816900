#!/usr/bin/env bash
# Whole-process benchmark of the SQL path (BENCHMARKS.md, "SQL on DataFusion").
# Builds ~1 GiB of documents as JSONL from fixtures/ (deterministic; kept in
# bench-data/sql/, never committed), exports it to Parquet with
# `tifa export --parquet`, warms the page cache, then times in one run,
# alternating, RUNS times each:
#   tifa count --by year over the JSONL,
#   tifa sql: the same count table by year over the Parquet file
#     (unnest(tifa_count(text)) grouped by year and phrase),
# on THREADS threads, and prints medians, documents/s and the ratio.
# Usage: scripts/sql-bench.sh [SIZE_MIB] [THREADS] [RUNS]  (default 1024 2 3)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-1024}
threads=${2:-2}
runs=${3:-3}
dir=bench-data/sql
mkdir -p "$dir"
jsonl=$dir/corpus-${size_mib}m.jsonl
parquet=$dir/corpus-${size_mib}m.parquet
cargo build --release -q --bin tifa
tifa=target/release/tifa
if [ ! -f "$jsonl.done" ]; then
  python3 - "$jsonl" "$size_mib" <<'PY'
import csv, glob, json, sys
out, size = sys.argv[1], int(sys.argv[2]) << 20
csv.field_size_limit(1 << 30)
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("fixtures/seeds/*.txt"))]
texts += [json.loads(l)["content"] for l in open("fixtures/cpc/cpc-congress-reports.jsonl", encoding="utf-8")]
for p in sorted(glob.glob("fixtures/provincial-2026/*.csv")):
    with open(p, encoding="utf-8-sig") as f:
        texts += [r["full_text"] for r in csv.DictReader(f)]
blob = "\n".join(texts)
written, i = 0, 0
with open(out, "w", encoding="utf-8") as f:
    while written < size:
        # Report-sized documents (4k to 40k characters), rotations of the
        # fixture texts, with a year from 2000 to 2025.
        n = 4000 + (i * 7919) % 36000
        k = (i * 104729) % len(blob)
        body = (blob[k:] + blob[:k])[:n]
        line = json.dumps({"id": f"d{i}", "year": 2000 + i % 26, "text": body}, ensure_ascii=False)
        f.write(line + "\n")
        written += len(line.encode("utf-8")) + 1
        i += 1
print(f"{i} documents, {written / 2**20:.0f} MiB", file=sys.stderr)
PY
  touch "$jsonl.done"
fi
if [ ! -f "$parquet.done" ]; then
  /usr/bin/time -f "export: %e s, peak %M KiB" "$tifa" export --parquet "$parquet" "$jsonl"
  touch "$parquet.done"
fi
docs=$(wc -l < "$jsonl")
ls -l "$jsonl" "$parquet"
query="SELECT year, c['phrase'] AS phrase, sum(c['count']) AS count, sum(c['expanded']) AS expanded, count(*) AS docs FROM (SELECT year, unnest(tifa_count(text)) AS c FROM corpus) GROUP BY year, phrase ORDER BY year, phrase"
# Same numbers from both, checked once.
"$tifa" count --by year --threads "$threads" --format csv "$jsonl" 2>/dev/null | cut -d, -f1,2,4,5,6 | sort > "$dir/count.csv"
"$tifa" sql --threads "$threads" --format csv --table corpus="$parquet" "$query" | sort > "$dir/sql.csv"
if diff -q "$dir/count.csv" "$dir/sql.csv" >/dev/null; then
  echo "same table: $(wc -l < "$dir/count.csv") rows"
else
  echo "DIFFERENT tables: see $dir/count.csv and $dir/sql.csv"; exit 1
fi
cat "$jsonl" "$parquet" > /dev/null
t_count=(); t_sql=()
for _ in $(seq "$runs"); do
  s=$(date +%s.%N); "$tifa" count --by year --threads "$threads" --format csv "$jsonl" >/dev/null 2>&1; e=$(date +%s.%N)
  t_count+=("$(echo "$e - $s" | bc)")
  s=$(date +%s.%N); "$tifa" sql --threads "$threads" --format csv --table corpus="$parquet" "$query" >/dev/null; e=$(date +%s.%N)
  t_sql+=("$(echo "$e - $s" | bc)")
done
python3 - "$docs" "$(stat -c %s "$jsonl")" "${t_count[*]}" "${t_sql[*]}" "$threads" <<'PY'
import statistics, sys
docs, size = int(sys.argv[1]), int(sys.argv[2])
tc = [float(x) for x in sys.argv[3].split()]
ts = [float(x) for x in sys.argv[4].split()]
mc, ms = statistics.median(tc), statistics.median(ts)
print(f"threads {sys.argv[5]}, {docs} documents, {size / 1e6:.0f} MB of JSONL")
print(f"tifa count (JSONL):   median {mc:.2f} s  {docs / mc:,.0f} docs/s  {size / mc / 1e6:.0f} MB/s  runs {tc}")
print(f"tifa sql (Parquet):   median {ms:.2f} s  {docs / ms:,.0f} docs/s  runs {ts}")
print(f"sql / count throughput: {mc / ms:.2f}")
PY

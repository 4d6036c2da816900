#!/usr/bin/env bash
# Bounded load test of tifa-server on loopback (BENCHMARKS.md): wrk with 64
# connections for 30 s, each request POSTing a seed report (text/plain) to
# /v1/analyze. Prints wrk's latency distribution and the server's resident
# memory before, every 10 s, and after. Needs Debian's wrk.
# Usage: scripts/load-test.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}; conns=${2:-64}; port=${PORT:-18090}
cargo build --release -q -p tifa-server
target/release/tifa-server --addr "127.0.0.1:$port" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s "127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
lua=$(mktemp --suffix=.lua)
python3 - "$lua" <<'PY'
import sys
body = open("fixtures/seeds/001_972b5afd0ef4ca2a.txt", encoding="utf-8").read()
esc = body.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
open(sys.argv[1], "w").write(
    'wrk.method = "POST"\nwrk.headers["Content-Type"] = "text/plain; charset=utf-8"\n'
    f'wrk.body = "{esc}"\n'
    'done = function(summary, latency, requests)\n'
    '  io.write(string.format("errors: connect %d, read %d, write %d, status %d, timeout %d\\n", summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))\n'
    '  for _, p in pairs({50, 90, 99, 99.9}) do io.write(string.format("p%g: %.2f ms\\n", p, latency:percentile(p) / 1000)) end\n'
    'end\n')
PY
rss() { awk '/VmRSS/ {print $2 " KiB"}' /proc/$server/status; }
echo "body: $(wc -c < fixtures/seeds/001_972b5afd0ef4ca2a.txt) bytes; rss before: $(rss)"
( for t in $(seq 10 10 $((secs - 1))); do sleep 10; echo "rss at ${t} s: $(rss); /healthz under load: $(curl -s -o /dev/null -w '%{time_total}' "127.0.0.1:$port/healthz") s"; done ) &
half=$!
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$lua" "http://127.0.0.1:$port/v1/analyze"
wait $half
echo "rss after: $(rss)"
curl -s "127.0.0.1:$port/metrics" | grep -E '^tifa_requests_total'

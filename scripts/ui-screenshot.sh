#!/usr/bin/env bash
# Renders tifa-server's web page in headless Chromium, with a seed report
# analyzed, and writes a PNG to look at: scripts/ui-screenshot.sh [OUT.png]
# Needs Debian's chromium (apt-get install chromium fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/ui-screenshot.png}
port=${PORT:-18089}
cargo build --release -q -p tifa-server
target/release/tifa-server --addr "127.0.0.1:$port" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s "127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
url=$(python3 - "$port" <<'PY'
import sys, urllib.parse
text = open("fixtures/seeds/000_3a8302a680ca68c2.txt", encoding="utf-8").read()[:520]
text += "\n全年召开常委会会议7次，听取审议专项工作报告18项，建设政治机关、国家权力机关、工作机关和代表机关。"
print(f"http://127.0.0.1:{sys.argv[1]}/?text=" + urllib.parse.quote(text))
PY
)
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --hide-scrollbars \
  --window-size=1400,1000 --virtual-time-budget=5000 --screenshot="$out" "$url" 2>/dev/null
echo "wrote $out"

#!/usr/bin/env bash
# Renders an HTML report (from `tifa trend --out report.html`) in headless
# Chromium to a PNG, to look at it as a reader would:
#   scripts/report-screenshot.sh report.html [OUT.png] [HEIGHT]
# Needs Debian's chromium and fonts-noto-cjk.
set -euo pipefail
html=$(realpath "$1"); out=${2:-${1%.html}.png}; height=${3:-2400}
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --hide-scrollbars \
  --window-size=1200,"$height" --screenshot="$out" "file://$html" 2>/dev/null
echo "wrote $out"

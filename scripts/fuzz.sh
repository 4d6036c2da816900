#!/usr/bin/env bash
# Runs fuzz targets with libFuzzer (cargo-fuzz on the stable toolchain via
# RUSTC_BOOTSTRAP=1, no sanitizer: the code forbids `unsafe`).
#   scripts/fuzz.sh SECONDS TARGET...      (targets: matcher numbers lexicon readers server)
# New inputs go to fuzz/work/<target> (not committed); the committed seeds in
# fuzz/corpus/<target> are read too. A crash is saved in fuzz/artifacts/<target>.
# Needs: cargo install cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=$1; shift
for t in "$@"; do
  mkdir -p "fuzz/work/$t"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -s none --fuzz-dir fuzz "$t" "fuzz/work/$t" "fuzz/corpus/$t" -- \
    -max_total_time="$secs" -print_final_stats=1 > "fuzz/work/$t.log" 2>&1 && echo "$t: ok" || echo "$t: FAILED (see fuzz/work/$t.log)"
done

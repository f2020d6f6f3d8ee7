#!/usr/bin/env bash
# Performance benchmark (not part of the test command): release bundle sizes, raw and gzip,
# and the median time from navigation to the organizations list painted over 20 loads in
# headless Chromium against the devserver (demo seed, loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
scripts/setup.sh > /dev/null
trunk build --release > /dev/null 2>&1 || trunk build --release

printf '%-10s %10s %10s\n' kind raw gzip
total_raw=0; total_gz=0
for kind in wasm js css; do
  raw=0; gz=0
  for f in dist/*."$kind"; do
    raw=$((raw + $(wc -c < "$f")))
    gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
  done
  printf '%-10s %10d %10d\n' "$kind" "$raw" "$gz"
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
done
html_raw=$(wc -c < dist/index.html); html_gz=$(gzip -9 -c dist/index.html | wc -c)
printf '%-10s %10d %10d\n' html "$html_raw" "$html_gz"
printf '%-10s %10d %10d\n' total $((total_raw + html_raw)) $((total_gz + html_gz))

cargo run --quiet --release -p molecule-e2e --bin bench

#!/usr/bin/env bash
# Performance benchmark (not part of the test command): release bundle sizes, raw and gzip; the
# gzip transfer of everything the organizations list page loads; and the median time from
# navigation to the organizations list painted over 20 loads in headless Chromium against the
# devserver (demo seed, loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
scripts/setup.sh > /dev/null
trunk build --release > /dev/null 2>&1 || trunk build --release

gz() { gzip -9 -c "$1" | wc -c; }
row() { printf '%-34s %6s %10s %10s\n' "$@"; }
sum_files() { # label, files...
  local label=$1; shift
  local n=0 raw=0 g=0
  for f in "$@"; do
    [ -f "$f" ] || continue
    n=$((n + 1)); raw=$((raw + $(wc -c < "$f"))); g=$((g + $(gz "$f")))
  done
  row "$label" "$n" "$raw" "$g"
}
pkg=$(ls -d dist/pkg-*)
row "build output" files raw gzip
sum_files "main wasm" "$pkg/molecule-console_bg.wasm"
sum_files "route chunks (wasm, lazy)" "$pkg"/split_*.wasm
sum_files "shared chunks (wasm, lazy)" "$pkg"/chunk_*.wasm
sum_files "js" "$pkg"/*.js
sum_files "css" dist/*.css
sum_files "html" dist/index.html

out=$(cargo run --quiet --release -p molecule-e2e --bin bench)
grep -v '^loaded ' <<< "$out"
mapfile -t loaded < <(grep '^loaded ' <<< "$out" | cut -d' ' -f2 | sort -u | sed 's#^#dist#')
echo
sum_files "organizations list page, loaded" dist/index.html "${loaded[@]}"
printf '  %s\n' "${loaded[@]#dist}"

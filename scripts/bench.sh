#!/usr/bin/env bash
# Performance benchmark (not part of the test command): release build sizes (raw, and the
# brotli/gzip variants the server sends), then, read from the browser itself in headless
# Chromium against the devserver (demo seed, loopback): bytes on the wire for a first visit with
# nothing cached, the organizations list's time to paint (median of 20 loads), and every route's
# first visit (files, bytes on the wire, time to content) and a click on a prefetched link.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
scripts/setup.sh > /dev/null
trunk build --release > /dev/null 2>&1 || trunk build --release

# Build output on disk: raw bytes and the precompressed variants the server sends (.br, .gz).
size() { [ -f "$1" ] && wc -c < "$1" || echo 0; }
row() { printf '%-34s %6s %10s %10s %10s\n' "$@"; }
sum_files() { # label, files...
  local label=$1; shift
  local n=0 raw=0 br=0 g=0
  for f in "$@"; do
    [ -f "$f" ] || continue
    n=$((n + 1)); raw=$((raw + $(size "$f")))
    # A file without a variant is sent as it is.
    if [ -f "$f.br" ]; then br=$((br + $(size "$f.br"))); else br=$((br + $(size "$f"))); fi
    if [ -f "$f.gz" ]; then g=$((g + $(size "$f.gz"))); else g=$((g + $(size "$f"))); fi
  done
  row "$label" "$n" "$raw" "$br" "$g"
}
pkg=$(ls -d dist/pkg-*)
row "build output" files raw brotli gzip
sum_files "main wasm" "$pkg/molecule-console_bg.wasm"
sum_files "area packs (wasm, lazy)" "$pkg"/pack_*.wasm
sum_files "js" "$pkg"/*.js
sum_files "css" dist/*.css
sum_files "html" dist/index.html
echo
# What the browser received (its own timing entries), per route.
cargo run --quiet --release -p molecule-e2e --bin bench

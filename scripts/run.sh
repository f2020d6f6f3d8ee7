#!/usr/bin/env bash
# Sets the machine up, builds the console for release and starts the local platform with the
# demo data. Extra arguments go to the devserver (e.g. `scripts/run.sh --port 9000`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
scripts/setup.sh
trunk build --release
exec cargo run --release -p molecule-devserver -- --seed demo --db "${MOLECULE_DB:-molecule-dev.sqlite}" --dist dist "$@"

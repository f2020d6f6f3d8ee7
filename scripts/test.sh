#!/usr/bin/env bash
# The whole test suite, from nothing: setup, format, lint, contract checks, native tests,
# release build, component tests in headless Chromium, end-to-end tests, contract fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true CARGO_TERM_COLOR=never
step() { printf '\n=== %s ===\n' "$*"; }

step "setup"
scripts/setup.sh

step "format"
cargo fmt --all --check

step "the contract validates as OpenAPI 3.0 (openapi-spec-validator)"
"${MOLECULE_TOOLS_DIR:-$HOME/.cache/molecule-tools}/venv/bin/openapi-spec-validator" spec/management.yaml

step "generated SDK is in step with the spec"
cargo run --quiet -p molecule-sdk-codegen -- --check

step "structure: file length, nesting depth, import circles (scripts/structure.py)"
python3 scripts/structure.py --report

step "build scripts' unit tests (scripts/test_wasm_slim.py)"
python3 scripts/test_wasm_slim.py

step "clippy (native, all targets)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
step "clippy (console for wasm32)"
cargo clippy -p molecule-console --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

step "release build of the console"
trunk build --release

step "native tests (unit, spec, SDK, devserver, end-to-end in Chromium)"
cargo test --workspace -- --test-threads=2

step "contract fuzzing of the running devserver (schemathesis)"
scripts/fuzz.sh

step "component tests (wasm-bindgen-test in headless Chromium)"
cargo test -p molecule-console --target wasm32-unknown-unknown --test web

step "screenshot sheet of the end-to-end run (target/screenshots/index.html)"
python3 scripts/screenshot-sheet.py

step "all tests passed"

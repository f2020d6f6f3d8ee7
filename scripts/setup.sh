#!/usr/bin/env bash
# Idempotent machine setup for Molecule Console.
# Installs only what is missing or at the wrong version; safe to run on every CI start.
# Pins (see Trunk.toml and Cargo.toml, they must agree):
#   trunk 0.21.14 (0.22 needs a newer rustc than this machine's 1.95)
#   wasm-bindgen-cli == the wasm-bindgen version in Cargo.lock
#   wasm-split-cli 0.2.4 (crate wasm_split_cli_support): splits the console per lazy route
#   terser 5.39.0 from npm (minifies the JavaScript glue)
#   axe-core 4.14.1 from npm (accessibility checks in the end-to-end tests)
#   wasm-opt from npm binaryen@132 (never Debian's binaryen 108: it breaks externref tables)
#   Debian chromium + chromium-driver for browser tests
#   schemathesis from PyPI for the contract fuzz run
set -euo pipefail

TRUNK_VER=0.21.14
WB_VER=0.2.130
WASM_SPLIT_VER=0.2.4
BINARYEN_VER=132.0.0
TERSER_VER=5.39.0
SCHEMATHESIS_VER=3.39.16
# hypothesis newer than this breaks hypothesis-jsonschema 0.23 (schemathesis 3.39 errors on every operation)
HYPOTHESIS_VER=6.135.0
OPENAPI_VALIDATOR_VER=0.7.1
TOOLS_DIR="${MOLECULE_TOOLS_DIR:-$HOME/.cache/molecule-tools}"

export PATH="$HOME/.cargo/bin:$PATH"
SETUP_START=$SECONDS
log() { printf '[setup %4ss] %s\n' "$((SECONDS - SETUP_START))" "$*"; }
# The tools' own speed does not matter, their build time does: install them without LTO, with
# parallel codegen and light optimisation (trunk's own release profile alone took ~10 minutes).
fast_install() {
  CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=64 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false \
  CARGO_PROFILE_RELEASE_INCREMENTAL=false CARGO_PROFILE_RELEASE_STRIP=true \
    cargo install "$@"
}

# 1. wasm target
installed_targets="$(rustup target list --installed)"
if ! grep -qx wasm32-unknown-unknown <<< "$installed_targets"; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
# 1b. the standard library's source: the release console rebuilds std for size with it
# (scripts/build_wasm.py, std_source). Optional: without it the release build uses the
# prebuilt std (about 21 KB more brotli on the first visit) and says so.
if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  log "adding rust component rust-src (for the size-optimised release build)"
  timeout 300 rustup component add rust-src \
    || log "rust-src could not be installed; release builds use the prebuilt std"
fi

# 2. Debian packages: chromium + its driver (same source package, always in step)
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if ((${#missing[@]})); then
  log "apt installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
if dpkg -s binaryen >/dev/null 2>&1; then
  log "removing Debian binaryen (wasm-opt 108 silently breaks the app)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get remove -y -qq binaryen
fi

# 3. wasm-opt from npm binaryen, exposed through a wrapper in ~/.cargo/bin (first on PATH)
case "$(wasm-opt --version 2>/dev/null || true)" in
  "wasm-opt version ${BINARYEN_VER%%.*}"*) ;;
  *)
    log "installing binaryen@$BINARYEN_VER from npm"
    mkdir -p "$TOOLS_DIR"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VER"
    mkdir -p "$HOME/.cargo/bin"
    printf '#!/bin/sh\nexec "%s/node_modules/.bin/wasm-opt" "$@"\n' "$TOOLS_DIR" > "$HOME/.cargo/bin/wasm-opt"
    chmod +x "$HOME/.cargo/bin/wasm-opt"
    ;;
esac

# 3b. terser (minifies the wasm-bindgen glue in release builds), next to binaryen
if [ "$("$TOOLS_DIR/node_modules/.bin/terser" --version 2>/dev/null || true)" != "terser $TERSER_VER" ]; then
  log "installing terser@$TERSER_VER from npm"
  mkdir -p "$TOOLS_DIR"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "terser@$TERSER_VER"
fi

# 3c. axe-core (the accessibility checker the end-to-end tests inject into each page)
AXE_VER=4.14.1
if [ "$(node -p "require('$TOOLS_DIR/node_modules/axe-core/package.json').version" 2>/dev/null || true)" != "$AXE_VER" ]; then
  log "installing axe-core@$AXE_VER from npm"
  mkdir -p "$TOOLS_DIR"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "axe-core@$AXE_VER"
fi

# 4. cargo tools, compared by --version
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VER" ]; then
  log "installing trunk $TRUNK_VER (takes ~4 minutes on 2 cores)"
  fast_install "trunk@$TRUNK_VER" --locked --no-default-features --force
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VER" ]; then
  log "installing wasm-bindgen-cli $WB_VER (takes ~2 minutes)"
  # --locked fails for this release (its lockfile pins a webpki-roots that the index lacks)
  fast_install wasm-bindgen-cli --version "$WB_VER" --force
fi
# wasm-split-cli has no --version; cargo's install list records the crate version.
if ! command -v wasm-split-cli >/dev/null 2>&1 \
   || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VER:"; then
  log "installing wasm-split-cli $WASM_SPLIT_VER (takes ~2 minutes)"
  fast_install "wasm_split_cli_support@$WASM_SPLIT_VER" --locked --features build-binary --force
fi

# 5. schemathesis (contract fuzzing) in a private virtualenv
if [ "$("$TOOLS_DIR/venv/bin/schemathesis" --version 2>/dev/null || true)" != "schemathesis, version $SCHEMATHESIS_VER" ] \
   || [ "$("$TOOLS_DIR/venv/bin/python" -c 'import hypothesis; print(hypothesis.__version__)' 2>/dev/null || true)" != "$HYPOTHESIS_VER" ]; then
  log "installing schemathesis $SCHEMATHESIS_VER with hypothesis $HYPOTHESIS_VER"
  python3 -m venv "$TOOLS_DIR/venv"
  "$TOOLS_DIR/venv/bin/pip" install --quiet --disable-pip-version-check \
    "schemathesis==$SCHEMATHESIS_VER" "hypothesis==$HYPOTHESIS_VER"
fi
validator_info="$("$TOOLS_DIR/venv/bin/pip" show openapi-spec-validator 2>/dev/null || true)"
if ! grep -qx "Version: $OPENAPI_VALIDATOR_VER" <<< "$validator_info"; then
  log "installing openapi-spec-validator $OPENAPI_VALIDATOR_VER"
  "$TOOLS_DIR/venv/bin/pip" install --quiet --disable-pip-version-check "openapi-spec-validator==$OPENAPI_VALIDATOR_VER"
fi

log "ok: $(trunk --version), $(wasm-bindgen --version), wasm-split-cli $WASM_SPLIT_VER, $(wasm-opt --version), $(chromedriver --version | cut -d' ' -f1-2)"

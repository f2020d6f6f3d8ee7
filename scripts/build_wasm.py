#!/usr/bin/env python3
"""Trunk post-build hook: build the console's wasm, split it per lazy route, and load it.

trunk 0.21 cannot split a wasm module, so the console's Rust build is this hook instead of a
`rel="rust"` asset. Steps (all tools are pinned by scripts/setup.sh and checked here):

1. `cargo build` the `molecule-console` binary for wasm32 (`.cargo/config.toml` adds
   `--emit-relocs`, which the splitter needs);
2. `wasm-split-cli` moves the code only reachable from each lazy route (`src/pages/mod.rs`) into
   its own module, and code shared by several routes into shared chunks, and writes
   `__wasm_split.js`, the loader the main module imports (the pages of an area are one split);
3. `wasm-bindgen --keep-lld-exports` on the main module (the chunks import its table, memory and
   stack pointer, so those exports must survive); then `scripts/wasm_slim.py` drops the unused
   exported classes of wasm-streams and gives the JavaScript imports short names;
4. `wasm-opt -Oz` on every module and terser on the JavaScript (release only);
4b. `pack`: each split's module and the shared chunks it needs become one file,
   `pack_<split>.wasm`, and the loader is rewritten to fetch that one file per split;
5. everything goes into `pkg-<content hash>/` in the staging directory (the chunks import each
   other by relative URL, so hashing the directory busts every cache at once), with `boot.js`;
5b. the page's stylesheets (one file each from trunk) become one file, `console-<hash>.css`;
6. index.html gets the boot script and preloads for the main module; the console's CSP allows no
   inline script, so none is written, and the page is checked for one;
7. (release) every text or wasm file of the build gets `.br` (brotli 11, by Node's zlib) and
   `.gz` (gzip 9) siblings, kept only where smaller, which the server picks by
   `Accept-Encoding` (see devserver/src/assets.rs and "Hosting the console" in the README).

Steps 2-4b and the package's compression take about a minute and depend only on the linked
module and this script, so their result is kept in `<target>/molecule-wasm/<key>/` (the latest
one only) and reused when cargo links the same module again: a build with nothing changed
takes seconds.
"""
import base64
import gzip
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import wasm_slim

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAME = "molecule-console"
WASM_OPT_VERSION = "wasm-opt version 132"
TERSER_VERSION = "terser 5.39.0"
TOOLS_DIR = os.environ.get("MOLECULE_TOOLS_DIR", os.path.expanduser("~/.cache/molecule-tools"))
TERSER = os.path.join(TOOLS_DIR, "node_modules", ".bin", "terser")
WASM_OPT_FLAGS = [
    "-Oz",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    # Functions in the order of their (mangled) names: instances of one generic function, and
    # one module's code, sit side by side, which brotli compresses better: 1.6 KB less for the
    # main module (180,333 -> 178,717 bytes), more than by use count (180,550). Runs before the
    # names are stripped.
    "--reorder-functions-by-name",
    "--strip-debug",
    "--strip-producers",
]


def fail(msg: str) -> None:
    sys.exit(f"build_wasm: {msg}")


def run(cmd: list, **kw) -> str:
    kw.setdefault("stdout", subprocess.PIPE)
    try:
        return subprocess.run(cmd, check=True, text=True, **kw).stdout
    except FileNotFoundError:
        fail(f"{cmd[0]} is not installed (run scripts/setup.sh)")
    except subprocess.CalledProcessError as e:
        fail(f"{' '.join(map(str, cmd))} failed with status {e.returncode}")


def locked_wasm_bindgen() -> str:
    lock = open(os.path.join(ROOT, "Cargo.lock"), encoding="utf-8").read()
    m = re.search(r'name = "wasm-bindgen"\nversion = "([^"]+)"', lock)
    if not m:
        fail("no wasm-bindgen in Cargo.lock")
    return m.group(1)


def config_rustflags() -> list:
    """The wasm32 rustflags of .cargo/config.toml (one place for them)."""
    import tomllib

    with open(os.path.join(ROOT, ".cargo", "config.toml"), "rb") as f:
        cfg = tomllib.load(f)
    return list(cfg["target"]["wasm32-unknown-unknown"]["rustflags"])


def check_tools(release: bool) -> None:
    want = f"wasm-bindgen {locked_wasm_bindgen()}"
    have = run(["wasm-bindgen", "--version"]).strip()
    if have != want:
        fail(f"{have!r} does not match Cargo.lock ({want!r}); run scripts/setup.sh")
    if release:
        have = run(["wasm-opt", "--version"]).strip()
        if not have.startswith(WASM_OPT_VERSION):
            fail(f"{have!r} is not {WASM_OPT_VERSION!r}; run scripts/setup.sh")
        have = run([TERSER, "--version"]).strip()
        if have != TERSER_VERSION:
            fail(f"{have!r} is not {TERSER_VERSION!r}; run scripts/setup.sh")
    if shutil.which("wasm-split-cli") is None:
        fail("wasm-split-cli is not installed (run scripts/setup.sh)")


def cargo_build(release: bool) -> str:
    """Builds the console for wasm32; returns the linked module's path."""
    cmd = ["cargo", "build", "--target", "wasm32-unknown-unknown", "-p", NAME, "--bin", NAME]
    env = dict(os.environ)
    if release:
        cmd.append("--release")
        # Panic locations name source files; keep machine paths (home, registry) out of them.
        # RUSTFLAGS replaces the config's flags, so those are passed on too.
        cargo_home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
        flags = config_rustflags() + [
            f"--remap-path-prefix={cargo_home}/registry/src=/deps",
            f"--remap-path-prefix={ROOT}=/console",
        ]
        if std_source() and os.environ.get("MOLECULE_BUILD_STD", "1") != "0":
            # The standard library rebuilt for size with the console (see std_source).
            env["RUSTC_BOOTSTRAP"] = "1"
            cmd += ["-Zbuild-std=std,panic_abort"]
            flags += ["-Zunstable-options", "-Cpanic=immediate-abort", "-Zfmt-debug=none"]
        else:
            print("build_wasm: rust-src is not installed; the standard library is the prebuilt "
                  "one (about 21 KB more brotli; scripts/setup.sh installs rust-src)")
        env["CARGO_ENCODED_RUSTFLAGS"] = "\x1f".join(flags)
        env.pop("RUSTFLAGS", None)
    run(cmd, cwd=ROOT, stdout=None, env=env)
    profile = "release" if release else "debug"
    return os.path.join(target_dir(), "wasm32-unknown-unknown", profile, f"{NAME}.wasm")


def std_source() -> bool:
    """Whether the toolchain's standard library source (rustup's rust-src) is installed.

    With it, the release build compiles core, alloc and std together with the console, at
    `opt-level = "z"`, with panics that abort at once (`-Cpanic=immediate-abort`: no panic
    message formatting, no location strings); and `{:?}` formats nothing (`-Zfmt-debug=none`:
    the console never shows a Debug rendering to anyone, and no code of it or its libraries
    depends on one). Those are unstable cargo and rustc options of this same 1.95 toolchain,
    enabled for this one build by RUSTC_BOOTSTRAP. std's `optimize_for_size` feature was
    measured too (637 bytes less on the first visit, 16 KB less over all lazy packs, but the
    demo workspace list 17 ms slower to show in that run) and is left off. The price: a panic
    in the browser shows no message (debug builds keep the panic hook's message), and a cold
    build compiles std (about a minute). Set MOLECULE_BUILD_STD=0 to build with the prebuilt
    library instead."""
    sysroot = run(["rustc", "--print", "sysroot"]).strip()
    return os.path.isfile(os.path.join(sysroot, "lib", "rustlib", "src", "rust", "library",
                                       "Cargo.lock"))


def target_dir() -> str:
    return os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def cached_build(release: bool, work: str) -> str:
    """The finished package files of this linked module: from the cache when this module and
    this script made them before, else built (and compressed, for release) and kept."""
    linked = cargo_build(release)
    key = hashlib.sha256()
    for part in (open(linked, "rb").read(), open(__file__, "rb").read(),
                 open(wasm_slim.__file__, "rb").read(), str(release).encode()):
        key.update(hashlib.sha256(part).digest())
    cache_root = os.path.join(target_dir(), "molecule-wasm")
    cache = os.path.join(cache_root, key.hexdigest()[:16])
    if os.path.isfile(os.path.join(cache, "complete")):
        print(f"build_wasm: module unchanged, reusing {cache}")
        return cache
    out = build(linked, release, work)
    if release:
        compress_files(package_files(out))
    if os.path.isdir(cache_root):
        shutil.rmtree(cache_root)
    shutil.copytree(out, cache)
    open(os.path.join(cache, "complete"), "w").close()
    return out


def build(linked: str, release: bool, work: str) -> str:
    """Splits, binds and optimises `linked`; returns the directory holding the finished files."""
    split = os.path.join(work, "split")
    run(["wasm-split-cli", "--target", "web", "--out-name", NAME, linked, split])
    out = os.path.join(work, "out")
    os.makedirs(out)
    run(["wasm-bindgen", "--target", "web", "--keep-lld-exports", "--no-typescript",
         "--out-dir", out, "--out-name", NAME, os.path.join(split, f"{NAME}.wasm")])
    for f in os.listdir(split):
        if f.endswith(".js") or (f.endswith(".wasm") and f != f"{NAME}.wasm"):
            shutil.copy(os.path.join(split, f), out)
    try:
        saved = wasm_slim.slim(os.path.join(out, f"{NAME}_bg.wasm"), os.path.join(out, f"{NAME}.js"))
    except wasm_slim.Fail as e:
        fail(f"slimming the main module: {e} (wasm-bindgen's output changed?)")
    print(f"build_wasm: unused stream classes dropped and imports renamed ({saved} bytes)")
    if release:
        # One process per file (about a hundred chunks), as many at a time as there are cores.
        def optimise(f: str) -> None:
            p = os.path.join(out, f)
            if f.endswith(".wasm"):
                run(["wasm-opt", *WASM_OPT_FLAGS, p, "-o", p], stderr=subprocess.DEVNULL)
            elif f.endswith(".js"):
                run([TERSER, p, "--module", "--compress", "--mangle", "-o", p])

        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            list(pool.map(optimise, sorted(f for f in os.listdir(out) if f != LOADER)))
    pack(out)
    if release:
        loader = os.path.join(out, LOADER)
        run([TERSER, loader, "--module", "--compress", "--mangle", "-o", loader])
    with open(os.path.join(out, "boot.js"), "w", encoding="utf-8") as f:
        f.write(
            f'import init from "./{NAME}.js";\n'
            f'init({{ module_or_path: new URL("./{NAME}_bg.wasm", import.meta.url) }});\n'
        )
    return out


LOADER = "__wasm_split.js"
# The loader's runtime, replacing wasm-split's one-fetch-per-module loaders: a split's pack holds
# its own module and every shared chunk it needs, fetched as one file; a chunk already
# instantiated (by another split's pack) is not instantiated again. A failed fetch or
# instantiation is not remembered, so the next load tries again.
PACK_RUNTIME = """
const instances = new Map();
function instantiate(name, bytes) {
    let done = instances.get(name);
    if (done === undefined) {
        done = WebAssembly.instantiate(bytes, getSharedImports());
        done.catch(() => { if (instances.get(name) === done) instances.delete(name); });
        instances.set(name, done);
    }
    return done;
}
function packLoad(file) {
    return async () => {
        const response = await fetch(new URL(file, import.meta.url));
        if (!response.ok) throw new Error(`${file}: ${response.status}`);
        const bytes = new Uint8Array(await response.arrayBuffer());
        const size = new DataView(bytes.buffer).getUint32(0, true);
        const parts = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + size)));
        let start = 4 + size;
        const load = parts.map(([name, length]) =>
            [name, bytes.subarray(start, start += length)]);
        const own = load.at(-1)[0].startsWith("split_") ? load.pop() : null;
        await Promise.all(load.map(([name, part]) => instantiate(name, part)));
        if (own) await instantiate(...own);
    };
}
"""


def pack(out: str) -> None:
    """Rewrites wasm-split's loader so that loading a split fetches one file, its pack.

    wasm-split puts code used by several splits into a shared chunk per combination of splits
    (about thirty), and its loader fetches each one separately. Here every split's pack is its
    own module followed by every chunk it needs (`pack_<split>.wasm`); the loader fetches the pack
    and instantiates the parts, each chunk only once per page. The pack says what it holds: a
    4-byte little-endian length, then that many bytes of JSON `[[name, bytes], ...]` (the split's
    own module last), then the parts in that order. (The table was in the loader until session
    13: 12 KB of offsets in the first download, about 2.5 KB brotli.) A chunk
    used by two areas is in both packs: a visit to the second area fetches it again (but does not
    instantiate it again).
    """
    path = os.path.join(out, LOADER)
    js = open(path, encoding="utf-8").read()
    chunks = re.findall(r'/\* ([^*]*) \*/\nconst __chunk_\d+ = makeLoad\(\(\) => \{\s*'
                        r'const src = fetch\(new URL\("\./(chunk_\d+)\.wasm"', js)
    splits = re.findall(r"export const __wasm_split_load_(\w+) = ", js)
    runtime_end = js.find("/* ") if chunks else js.find("export const")
    if not splits or runtime_end < 0 or len(chunks) != js.count("const __chunk_"):
        fail(f"{LOADER} is not in the form this script knows (wasm-split-cli changed?)")
    lines = [js[:runtime_end], PACK_RUNTIME]
    for split in splits:
        parts, data = [], bytearray()
        members = [name for sets, name in chunks if split in sets.split(", ")]
        own = f"split_{split}"
        if os.path.exists(os.path.join(out, own + ".wasm")):
            members.append(own)
        if not members:
            fail(f"split {split} has no module and no chunk")
        for name in members:
            blob = open(os.path.join(out, name + ".wasm"), "rb").read()
            parts.append([name, len(blob)])
            data += blob
        header = json.dumps(parts, separators=(",", ":")).encode()
        file = f"pack_{split}.wasm"
        with open(os.path.join(out, file), "wb") as f:
            f.write(len(header).to_bytes(4, "little") + header + data)
        lines.append(
            f"export const __wasm_split_load_{split} = wrapAsyncCb("
            f"packLoad({json.dumps('./' + file)}));\n"
        )
    for name in [c for _, c in chunks] + [f"split_{s}" for s in splits]:
        if os.path.exists(os.path.join(out, name + ".wasm")):
            os.remove(os.path.join(out, name + ".wasm"))
    open(path, "w", encoding="utf-8").write("".join(lines))


def publish(out: str, staging: str) -> str:
    digest = hashlib.sha256()
    names = sorted(f for f in os.listdir(out) if f != "complete")
    for f in names:
        digest.update(f.encode())
        digest.update(open(os.path.join(out, f), "rb").read())
    pkg = f"pkg-{digest.hexdigest()[:16]}"
    for old in os.listdir(staging):
        if old.startswith("pkg-"):
            shutil.rmtree(os.path.join(staging, old))
    shutil.copytree(out, os.path.join(staging, pkg), ignore=shutil.ignore_patterns("complete"))
    return pkg


STYLESHEET = re.compile(r'<link(?=[^>]*\brel="?stylesheet\b)[^>]*\bhref="?/([\w.-]+\.css)"?[^>]*>')


def merge_css(staging: str) -> None:
    """trunk writes one file per stylesheet (eight), each a request of its own on a first
    visit (headers and all) and each compressed alone. They become one file, in the order
    index.html lists them (layers.css, which declares the cascade layers' order, first), named
    by its content's hash so it is cached as immutable like the rest."""
    index = os.path.join(staging, "index.html")
    html = open(index, encoding="utf-8").read()
    names = STYLESHEET.findall(html)
    if len(names) < 2:
        return
    css = "\n".join(open(os.path.join(staging, n), encoding="utf-8").read().strip()
                    for n in names) + "\n"
    data = css.encode()
    merged = f"console-{hashlib.sha256(data).hexdigest()[:16]}.css"
    open(os.path.join(staging, merged), "wb").write(data)
    sri = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
    first = True

    def swap(m: re.Match) -> str:
        nonlocal first
        keep, first = first, False
        return f'<link rel="stylesheet" href="/{merged}" integrity="{sri}">' if keep else ""

    html = STYLESHEET.sub(swap, html)
    for n in names:
        os.remove(os.path.join(staging, n))
    open(index, "w", encoding="utf-8").write(html)
    print(f"build_wasm: {len(names)} stylesheets merged into {merged} ({len(data)} bytes)")


def wire_index(staging: str, pkg: str) -> None:
    index = os.path.join(staging, "index.html")
    html = open(index, encoding="utf-8").read()
    tags = (
        f'<link rel="modulepreload" href="/{pkg}/{NAME}.js">'
        f'<link rel="preload" href="/{pkg}/{NAME}_bg.wasm" as="fetch" type="application/wasm" crossorigin>'
        f'<script type="module" src="/{pkg}/boot.js"></script>'
    )
    if "</head>" not in html:
        fail("index.html has no </head>")
    # The placeholder that keeps trunk from building the crate itself (`data-trunk-skip`).
    html = re.sub(r"<link[^>]*\bdata-trunk-skip\b[^>]*>", "", html)
    html = html.replace("</head>", tags + "</head>", 1)
    leftover = re.search(r"<script(?![^>]*\bsrc=)[^>]*>.{0,120}", html, re.S)
    if leftover:
        fail(f"index.html contains an inline script: {leftover.group(0)!r}")
    if re.search(r"\son[a-z]+=", html):
        fail("index.html contains an inline event handler")
    open(index, "w", encoding="utf-8").write(html)


COMPRESSIBLE = (".wasm", ".js", ".css", ".html", ".svg", ".json", ".txt")
BROTLI_JS = """
const zlib = require("zlib"), fs = require("fs");
for (const f of process.argv.slice(1)) {
  const data = fs.readFileSync(f);
  fs.writeFileSync(f + ".br", zlib.brotliCompressSync(data, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
}
"""


def package_files(directory: str) -> list:
    """The compressible files under `directory` that have no compressed sibling yet."""
    files = []
    for root, _, names in os.walk(directory):
        for n in names:
            f = os.path.join(root, n)
            if n.endswith(COMPRESSIBLE) and not any(os.path.exists(f + e) for e in (".br", ".gz")):
                files.append(f)
    return files


def compress_files(files: list) -> None:
    """Writes .br and .gz beside every file; drops a variant that is not smaller."""
    for f in files:
        data = open(f, "rb").read()
        open(f + ".gz", "wb").write(gzip.compress(data, compresslevel=9, mtime=0))
    # One node process per half of the files (brotli 11 is slow), both at once.
    halves = [files[0::2], files[1::2]]
    procs = [subprocess.Popen(["node", "-e", BROTLI_JS, *h]) for h in halves if h]
    for p in procs:
        if p.wait() != 0:
            fail("brotli compression failed")
    saved = 0
    for f in files:
        size = os.path.getsize(f)
        for ext in (".br", ".gz"):
            variant = f + ext
            if os.path.getsize(variant) >= size:
                os.remove(variant)
            elif ext == ".br":
                saved += size - os.path.getsize(variant)
    print(f"build_wasm: compressed {len(files)} files (brotli saves {saved} bytes)")


def main() -> None:
    staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else None)
    if not staging:
        fail("run by trunk (TRUNK_STAGING_DIR) or with the output directory as argument")
    release = os.environ.get("TRUNK_PROFILE", "release") == "release"
    check_tools(release)
    with tempfile.TemporaryDirectory(prefix="molecule-wasm-") as work:
        out = cached_build(release, work)
        pkg = publish(out, staging)
    merge_css(staging)
    wire_index(staging, pkg)
    if release:
        # The package was compressed with the build (and cached); the rest of the page here.
        compress_files(package_files(staging))
    print(f"build_wasm: {pkg} ({'release' if release else 'debug'})")


if __name__ == "__main__":
    main()

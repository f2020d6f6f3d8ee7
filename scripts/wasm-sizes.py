#!/usr/bin/env python3
"""What the console's main wasm module is made of: code bytes per crate, from the function names.

Usage: scripts/wasm-sizes.py [--top N] [--grep TEXT]

Reads the release build's linked module (`trunk build --release` or `scripts/bench.sh` first),
splits it the way `scripts/build_wasm.py` does (wasm-split-cli), and sums the code-section size
of every function the main module keeps, by the first crate its (demangled) name mentions. The
figures are before wasm-opt (which shrinks code about a quarter) and without wasm-bindgen's
describe functions (wasm-bindgen removes them). `--grep` lists the largest functions whose
name contains TEXT. The name section is read directly; no other tool is needed.
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAME = "molecule-console"


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, i
def parse(path):
    b = open(path, 'rb').read(); i = 8; nimp = 0; sizes = []; names = {}
    while i < len(b):
        sid = b[i]; i += 1; n, i = leb(b, i); end = i + n
        if sid == 2:
            cnt, j = leb(b, i)
            for _ in range(cnt):
                l, j = leb(b, j); j += l; l, j = leb(b, j); j += l
                kind = b[j]; j += 1
                if kind == 0: _, j = leb(b, j); nimp += 1
                elif kind == 1: j += 1; fl, j = leb(b, j); _, j = leb(b, j); j = leb(b, j)[1] if fl & 1 else j
                elif kind == 2: fl, j = leb(b, j); _, j = leb(b, j); j = leb(b, j)[1] if fl & 1 else j
                elif kind == 3: j += 2
                elif kind == 4: j += 1; _, j = leb(b, j)
        elif sid == 10:
            cnt, j = leb(b, i)
            for _ in range(cnt):
                sz, j = leb(b, j); sizes.append(sz); j += sz
        elif sid == 0:
            l, j = leb(b, i); nm = b[j:j+l].decode(); j += l
            if nm == 'name':
                while j < end:
                    sub = b[j]; j += 1; sl, j = leb(b, j); se = j + sl
                    if sub == 1:
                        cnt, k = leb(b, j)
                        for _ in range(cnt):
                            idx, k = leb(b, k); l, k = leb(b, k); names[idx] = b[k:k+l].decode('utf8', 'replace'); k += l
                    j = se
        i = end
    return [(names.get(nimp + k, f'f{nimp+k}'), s) for k, s in enumerate(sizes)]

def crate_of(name: str) -> str:
    """The crate a function belongs to, read from a legacy (`_ZN`) or v0 (`_R`) symbol."""
    if name.startswith("_ZN"):
        m = re.match(r"_ZN(\d+)", name)
        first = name[3 + len(m.group(1)):3 + len(m.group(1)) + int(m.group(1))] if m else name
        # Trait impls (`_<T as crate::Trait>`) name the crate of the trait's code.
        m2 = re.search(r"(?:\$LT\$|_)?([a-z_][a-z0-9_]*)\.\.", first)
        return m2.group(1) if m2 else first
    m = re.search(r"C[sa][0-9A-Za-z_]*?_(\d+)([a-z_][a-z0-9_]*)", name)
    if m:
        return m.group(2)[: int(m.group(1))]
    return "(unnamed)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--grep")
    args = ap.parse_args()
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    linked = os.path.join(target, "wasm32-unknown-unknown", "release", f"{NAME}.wasm")
    if not os.path.exists(linked):
        sys.exit(f"{linked} is missing: run `trunk build --release` first")
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["wasm-split-cli", "--target", "web", "--out-name", NAME, linked, work],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        funcs = parse(os.path.join(work, f"{NAME}.wasm"))
    funcs = [(n, s) for n, s in funcs if "__wbindgen_describe" not in n]
    total = sum(s for _, s in funcs)
    by = collections.Counter()
    for n, s in funcs:
        by[crate_of(n)] += s
    print(f"main module: {len(funcs)} functions, {total:,} code bytes before wasm-opt")
    for crate, size in by.most_common(args.top):
        print(f"{size:>9,}  {100 * size / total:5.1f} %  {crate}")
    if args.grep:
        print(f"\nlargest functions naming {args.grep!r}:")
        for n, s in sorted((x for x in funcs if args.grep in x[0]), key=lambda x: -x[1])[:30]:
            print(f"{s:>9,}  {n[:150]}")


if __name__ == "__main__":
    main()

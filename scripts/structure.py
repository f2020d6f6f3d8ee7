#!/usr/bin/env python3
"""Structure rules a reviewer would otherwise check by eye (run by scripts/test.sh):

1. no console source file (`src/**.rs`) is longer than 250 lines;
2. no line of console code is nested deeper than 8 levels (indentation / 4);
3. one module-file style: a module with children is `name/mod.rs`, never `name.rs` beside `name/`;
4. no import circle between modules, in the console (`src/`) and the devserver
   (`devserver/src/`): a file that names `crate::a::b` or `super::x` depends on that module's
   file; a module and its own ancestors are not counted (declaring a child is not a use).

Prints every breach and exits 1 if there is one; `--report` prints the figures either way.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_LINES = 250
MAX_DEPTH = 8
PATH_RE = re.compile(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")


def rust_files(base):
    for d, _, files in os.walk(base):
        for f in files:
            if f.endswith(".rs"):
                yield os.path.join(d, f)


def module_of(base, path):
    """`src/pages/orgs/list.rs` -> ('pages', 'orgs', 'list'); `mod.rs`/`lib.rs` name their dir."""
    rel = os.path.relpath(path, base)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return tuple(rel)


LEXEMES = re.compile(r'//[^\n]*|/\*.*?\*/|r#+".*?"#+|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)\'', re.S)


def strip_comments(text):
    """Code without comments, and with every string and char literal emptied (one pass, left
    to right, so `"http://"` is a string and `// don't` a comment)."""
    return LEXEMES.sub(lambda m: "" if m.group(0).startswith("/") else '""', text)


def flatten(tree):
    """`a::{b, c::{d, e}}` -> ['a::b', 'a::c::d', 'a::c::e']."""
    tree = tree.strip()
    brace = tree.find("{")
    if brace < 0:
        return [tree.split(" as ")[0].strip()] if tree else []
    prefix, inner = tree[:brace], tree[brace + 1 : tree.rindex("}")]
    parts, depth_, start = [], 0, 0
    for i, ch in enumerate(inner):
        if ch == "{":
            depth_ += 1
        elif ch == "}":
            depth_ -= 1
        elif ch == "," and depth_ == 0:
            parts.append(inner[start:i])
            start = i + 1
    parts.append(inner[start:])
    out = []
    for part in parts:
        for leaf in flatten(part):
            out.append(prefix + leaf if leaf != "self" else prefix.rstrip(":"))
    return out


USE_RE = re.compile(r"\buse\s+([^;]+);")


def targets(module, is_mod_file, text):
    """Module paths this file's code names (possibly with trailing item names)."""
    own_dir = module if is_mod_file else module[:-1]
    found = []

    def resolve(path):
        parts = [p for p in re.sub(r"\s+", "", path).split("::") if p]
        if not parts:
            return None
        if parts[0] == "crate":
            return tuple(parts[1:])
        if parts[0] in ("super", "self"):
            base = list(own_dir)
            if parts[0] == "self":
                parts.pop(0)
            while parts and parts[0] == "super":
                parts.pop(0)
                base = base[:-1]
            return tuple(base + parts)
        return None

    for m in USE_RE.finditer(text):
        for leaf in flatten(m.group(1)):
            t = resolve(leaf)
            if t is not None:
                found.append(t)
    for m in PATH_RE.finditer(USE_RE.sub("", text)):
        t = resolve(m.group(1) + m.group(2))
        if t is not None:
            found.append(t)
    return found


def graph(base):
    files = {}
    for path in rust_files(base):
        files[module_of(base, path)] = path
    edges = {m: set() for m in files}
    for module, path in files.items():
        is_mod = os.path.basename(path) in ("mod.rs", "lib.rs", "main.rs")
        text = strip_comments(open(path, encoding="utf-8").read())
        for target in targets(module, is_mod, text):
            # The most specific module file the path points into.
            while target and target not in files:
                target = target[:-1]
            if not target or target == module:
                continue
            # A module and its ancestors: structural, not a dependency.
            if module[: len(target)] == target or target[: len(module)] == module:
                continue
            edges[module].add(target)
    return edges


def cycles(edges):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10_000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted("::".join(c) or "crate" for c in comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def depth(line):
    stripped = line.lstrip(" ")
    if not stripped.strip():
        return 0
    return (len(line) - len(stripped)) // 4


def main():
    report = "--report" in sys.argv
    breaches = []
    console = os.path.join(ROOT, "src")
    longest, deepest = (0, ""), (0, "")
    for path in sorted(rust_files(console)):
        rel = os.path.relpath(path, ROOT)
        lines = open(path, encoding="utf-8").read().splitlines()
        if len(lines) > longest[0]:
            longest = (len(lines), rel)
        if len(lines) > MAX_LINES:
            breaches.append(f"{rel}: {len(lines)} lines (at most {MAX_LINES})")
        for n, line in enumerate(lines, 1):
            d = depth(line)
            if d > deepest[0]:
                deepest = (d, f"{rel}:{n}")
            if d > MAX_DEPTH:
                breaches.append(f"{rel}:{n}: nested {d} levels deep (at most {MAX_DEPTH})")
                break
    for name, base in (("console", console), ("devserver", os.path.join(ROOT, "devserver", "src"))):
        for d, dirs, _ in os.walk(base):
            for sub in dirs:
                if os.path.isfile(os.path.join(d, sub + ".rs")):
                    rel = os.path.relpath(os.path.join(d, sub), ROOT)
                    breaches.append(f"{rel}.rs beside {rel}/: use {rel}/mod.rs")
        for comp in cycles(graph(base)):
            breaches.append(f"{name}: import circle between " + ", ".join(comp))
    if report or breaches:
        print(f"longest console file: {longest[1]} ({longest[0]} lines)")
        print(f"deepest console line: {deepest[1]} ({deepest[0]} levels)")
    for b in breaches:
        print("BREACH", b)
    sys.exit(1 if breaches else 0)


if __name__ == "__main__":
    main()

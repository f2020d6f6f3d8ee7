"""Bytes the browser need not download: post-processing of wasm-bindgen's output for the console.

Used by `scripts/build_wasm.py` between `wasm-bindgen` and `wasm-opt`, on the main module and
its JavaScript glue (the split packs import nothing from JavaScript: they reach the browser
through the main module's table):

- `drop_stream_classes`: leptos always enables `server_fn`'s browser client, which brings
  `wasm-streams` and its three exported classes (`IntoUnderlyingSource`, `...ByteSource`,
  `...Sink`). The console calls no server function and nothing constructs them, but an export
  keeps its code alive. Both halves are removed (the JavaScript classes and the wasm exports),
  and wasm-opt then drops the code only they reached.
- `shorten_imports`: wasm-bindgen names every JavaScript import `__wbg_<name>_<16 hex digits>`,
  and each name is written twice (the wasm import and the glue's key), about 250 times. The hex
  digits do not compress. Each import is renamed to a short one (`a`, `b`, ..., `aa`, ...) in
  both files.

Each step checks that the glue has the shape it expects and fails the build otherwise, so a new
wasm-bindgen cannot leave a module and its glue that disagree.
"""
import re

GLUE_MODULE = "./molecule-console_bg.js"
STREAM_CLASS = re.compile(r"^export class (IntoUnderlying\w+) \{\n.*?^\}\n", re.S | re.M)
STREAM_DISPOSE = re.compile(r"^if \(Symbol\.dispose\) IntoUnderlying\w+\.prototype.*\n", re.M)
STREAM_REGISTRY = re.compile(
    r"^const IntoUnderlying\w+Finalization = \(typeof FinalizationRegistry === 'undefined'\)\n"
    r"(?:    .*\n){2}", re.M)
STREAM_EXPORT = re.compile(r"^(?:__wbg_)?intounderlying")


class Fail(Exception):
    pass


def leb(b: bytes, i: int):
    """An unsigned LEB128 number at `b[i]`: (value, next index)."""
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def uleb(n: int) -> bytes:
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | 0x80 if n else b)
        if not n:
            return bytes(out)


def name(s: str) -> bytes:
    raw = s.encode()
    return uleb(len(raw)) + raw


def sections(b: bytes):
    """(id, body) of every section of a wasm module."""
    if b[:4] != b"\0asm":
        raise Fail("not a wasm module")
    i = 8
    while i < len(b):
        sid = b[i]
        n, j = leb(b, i + 1)
        yield sid, b[j:j + n]
        i = j + n


def assemble(head: bytes, parts) -> bytes:
    return head[:8] + b"".join(bytes([sid]) + uleb(len(body)) + body for sid, body in parts)


def skip_desc(body: bytes, k: int) -> int:
    """The index after an import's descriptor (its kind byte at `body[k]`)."""
    kind = body[k]
    k += 1
    if kind == 0:  # function: type index
        return leb(body, k)[1]
    if kind == 1:  # table: reftype, limits
        k += 1
    if kind in (1, 2):  # limits (memory: flags, min, max if flags & 1)
        flags, k = leb(body, k)
        k = leb(body, k)[1]
        return leb(body, k)[1] if flags & 1 else k
    if kind == 3:  # global: valtype, mutability
        return k + 2
    raise Fail(f"unknown import kind {kind}")


def read_name(body: bytes, k: int):
    """A length-prefixed UTF-8 name at `body[k]`: (text, next index)."""
    n, k = leb(body, k)
    return body[k:k + n].decode(), k + n


def imports(body: bytes):
    """(module, field, descriptor bytes) of an import section."""
    count, k = leb(body, 0)
    for _ in range(count):
        module, k = read_name(body, k)
        field, k = read_name(body, k)
        end = skip_desc(body, k)
        yield module, field, body[k:end]
        k = end


def exports(body: bytes):
    """(name, descriptor bytes) of an export section: a kind byte and an index each."""
    count, k = leb(body, 0)
    for _ in range(count):
        field, k = read_name(body, k)
        end = leb(body, k + 1)[1]
        yield field, body[k:end]
        k = end


def short_name(i: int) -> str:
    """0 -> a, 51 -> Z, 52 -> aa, ...: a JavaScript identifier and a valid wasm name."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    i += 1
    while i:
        i -= 1
        out = letters[i % 52] + out
        i //= 52
    return out


def drop_stream_classes(wasm: bytes, js: str):
    """The module and glue without wasm-streams' exported classes (unchanged if there are none)."""
    classes = STREAM_CLASS.findall(js)
    if not classes:
        return wasm, js
    js = STREAM_CLASS.sub("", js)
    js = STREAM_DISPOSE.sub("", js)
    js = STREAM_REGISTRY.sub("", js)
    if re.search(r"IntoUnderlying|intounderlying", js):
        raise Fail("wasm-streams' classes are still referenced by the glue")
    parts = []
    removed = 0
    for sid, body in sections(wasm):
        if sid == 7:
            kept = [(f, d) for f, d in exports(body) if not STREAM_EXPORT.match(f)]
            removed = leb(body, 0)[0] - len(kept)
            body = uleb(len(kept)) + b"".join(name(f) + d for f, d in kept)
        parts.append((sid, body))
    if removed == 0:
        raise Fail("wasm-streams' classes are in the glue but not exported by the module")
    return assemble(wasm, parts), js


def shorten_imports(wasm: bytes, js: str):
    """The module and glue with the glue's imports renamed to short names."""
    parts = []
    renamed = {}
    for sid, body in sections(wasm):
        if sid == 2:
            rows = list(imports(body))
            out = [uleb(len(rows))]
            for module, field, desc in rows:
                if module == GLUE_MODULE:
                    key = re.compile(r"(?<=\n        )" + re.escape(field) + r"(?=: function\()")
                    if len(key.findall(js)) != 1:
                        raise Fail(f"import {field} is not a key of the glue's import object")
                    renamed[field] = short_name(len(renamed))
                    field = renamed[field]
                out.append(name(module) + name(field) + desc)
            body = b"".join(out)
        parts.append((sid, body))
    if not renamed:
        raise Fail(f"the module imports nothing from {GLUE_MODULE}")
    pattern = re.compile(r"(?<=\n        )(" + "|".join(map(re.escape, renamed)) + r")(?=: function\()")
    js = pattern.sub(lambda m: renamed[m.group(1)], js)
    return assemble(wasm, parts), js


def slim(wasm_path: str, js_path: str) -> int:
    """Both steps on the files in place; returns the bytes saved before wasm-opt and terser."""
    wasm = open(wasm_path, "rb").read()
    js = open(js_path, encoding="utf-8").read()
    before = len(wasm) + len(js.encode())
    wasm, js = drop_stream_classes(wasm, js)
    wasm, js = shorten_imports(wasm, js)
    open(wasm_path, "wb").write(wasm)
    open(js_path, "w", encoding="utf-8").write(js)
    return before - len(wasm) - len(js.encode())

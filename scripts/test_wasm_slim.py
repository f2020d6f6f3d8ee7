"""Unit tests of scripts/wasm_slim.py (run by scripts/test.sh: python3 -m unittest)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wasm_slim as w  # noqa: E402

HEAD = b"\0asm\x01\0\0\0"
GLUE = "./molecule-console_bg.js"


def module(imports, exports) -> bytes:
    """A module with one function type, the given function imports and function exports."""
    types = (1, b"\x01\x60\x00\x00")
    imp = w.uleb(len(imports)) + b"".join(w.name(m) + w.name(f) + b"\x00\x00" for m, f in imports)
    exp = w.uleb(len(exports)) + b"".join(w.name(f) + b"\x00\x00" for f in exports)
    return w.assemble(HEAD, [types, (2, imp), (7, exp)])


def glue(keys, extra="") -> str:
    body = "".join(f"        {k}: function(arg0) {{\n            return arg0;\n        }},\n" for k in keys)
    return f"function __wbg_get_imports() {{\n    const import0 = {{\n        __proto__: null,\n{body}    }};\n}}\n{extra}"


STREAMS = """export class IntoUnderlyingSink {
    free() {
        wasm.__wbg_intounderlyingsink_free(this.__wbg_ptr, 0);
    }
}
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;
const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));
export function kept() {}
"""


class Names(unittest.TestCase):
    def test_short_names_are_distinct_identifiers(self):
        names = [w.short_name(i) for i in range(3000)]
        self.assertEqual(names[:3], ["a", "b", "c"])
        self.assertEqual(names[51:54], ["Z", "aa", "ab"])
        self.assertEqual(len(set(names)), 3000)
        self.assertTrue(all(n.isalpha() for n in names))

    def test_leb_round_trip(self):
        for n in (0, 1, 127, 128, 300, 624485, 2**32 - 1):
            self.assertEqual(w.leb(w.uleb(n), 0), (n, len(w.uleb(n))))


class Imports(unittest.TestCase):
    def test_glue_imports_get_short_names_in_both_files(self):
        long = ["__wbg_log_0123456789abcdef", "__wbg_now_fedcba9876543210"]
        wasm = module([(GLUE, long[0]), ("./__wasm_split.js", "__wasm_split_load_x"),
                       (GLUE, long[1])], ["main"])
        out, js = w.shorten_imports(wasm, glue(reversed(long)))
        rows = [(m, f) for m, f, _ in w.imports(dict(w.sections(out))[2])]
        self.assertEqual(rows, [(GLUE, "a"), ("./__wasm_split.js", "__wasm_split_load_x"), (GLUE, "b")])
        self.assertIn("        b: function(arg0)", js)
        self.assertIn("        a: function(arg0)", js)
        self.assertNotIn("0123456789abcdef", js)

    def test_an_import_missing_from_the_glue_fails(self):
        wasm = module([(GLUE, "__wbg_log_0123456789abcdef")], [])
        with self.assertRaises(w.Fail):
            w.shorten_imports(wasm, glue(["__wbg_other_0123456789abcdef"]))


class Streams(unittest.TestCase):
    def test_stream_classes_and_their_exports_go(self):
        wasm = module([], ["__wbg_intounderlyingsink_free", "intounderlyingsink_write", "main"])
        out, js = w.drop_stream_classes(wasm, glue([], STREAMS))
        self.assertEqual([f for f, _ in w.exports(dict(w.sections(out))[7])], ["main"])
        self.assertNotIn("IntoUnderlying", js)
        self.assertIn("export function kept() {}", js)

    def test_without_stream_classes_nothing_changes(self):
        wasm = module([], ["main"])
        self.assertEqual(w.drop_stream_classes(wasm, "export function kept() {}\n"),
                         (wasm, "export function kept() {}\n"))

    def test_a_leftover_reference_fails(self):
        wasm = module([], ["intounderlyingsink_write"])
        with self.assertRaises(w.Fail):
            w.drop_stream_classes(wasm, STREAMS + "IntoUnderlyingSink.x = 1;\n")


if __name__ == "__main__":
    unittest.main()

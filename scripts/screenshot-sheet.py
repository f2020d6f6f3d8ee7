#!/usr/bin/env python3
"""Writes target/screenshots/index.html: every screenshot the end-to-end run left there, on
one page, grouped by how it was taken (light, dark, phone), to look over the console at once.

Usage: scripts/screenshot-sheet.py [folder]   (default: target/screenshots)
"""
import html
import pathlib
import sys

folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/screenshots")
shots = sorted(folder.glob("*.png"))
if not shots:
    sys.exit(f"no screenshots in {folder}: run the end-to-end tests first")


def group(name: str) -> str:
    if name.startswith("component-"):
        return "Components shown on request (palette, dialogs, toasts)"
    if name.startswith("phone-"):
        return "Phone (390 px)"
    if "-dark-" in name:
        return "Dark"
    if "-light-" in name:
        return "Light"
    return "Other"


groups: dict[str, list[pathlib.Path]] = {}
for s in shots:
    groups.setdefault(group(s.stem), []).append(s)

parts = [
    "<!doctype html><html lang=en><meta charset=utf-8>",
    "<title>Molecule Console: screenshots</title>",
    "<style>body{font:14px system-ui,sans-serif;margin:1.5rem;background:#f4f5f7}"
    "h2{margin-top:2rem}.grid{display:grid;gap:1rem;"
    "grid-template-columns:repeat(auto-fill,minmax(300px,1fr))}"
    "figure{margin:0;background:#fff;border:1px solid #d0d4da;border-radius:6px;padding:.5rem}"
    "img{width:100%;height:auto;display:block}figcaption{font-size:12px;margin-top:.4rem;"
    "word-break:break-all}</style>",
    f"<h1>Molecule Console: {len(shots)} screenshots</h1>",
]
ORDER = ["Light", "Dark", "Phone (390 px)", "Components shown on request (palette, dialogs, toasts)",
         "Other"]
for title in ORDER:
    items = groups.get(title)
    if not items:
        continue
    parts.append(f"<h2>{title} ({len(items)})</h2><div class=grid>")
    for s in items:
        name = html.escape(s.name)
        parts.append(
            f'<figure><a href="{name}"><img src="{name}" alt="" loading=lazy></a>'
            f"<figcaption>{html.escape(s.stem)}</figcaption></figure>"
        )
    parts.append("</div>")
out = folder / "index.html"
out.write_text("\n".join(parts) + "\n")
print(f"{out}: {len(shots)} screenshots")

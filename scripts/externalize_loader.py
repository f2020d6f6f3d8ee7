#!/usr/bin/env python3
"""Trunk post-build hook: move trunk's inline module loader into an external file.

The console's Content-Security-Policy has no 'unsafe-inline' and no nonces for scripts, so the
bootstrap that trunk inlines into index.html is written to boot-<hash>.js and referenced with
src=. Runs in $TRUNK_STAGING_DIR; fails loudly if the page still has an inline script after.
"""
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
index = os.path.join(staging, "index.html")
html = open(index, encoding="utf-8").read()
# trunk's minifier may drop the attribute quotes (`<script type=module>`).
pattern = re.compile(r"<script\s+type=[\"']?module[\"']?(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


def replace(match: re.Match) -> str:
    body = match.group("body").strip() + "\n"
    digest = hashlib.sha256(body.encode()).hexdigest()[:16]
    name = f"boot-{digest}.js"
    with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
        f.write(body)
    return f'<script type="module" src="/{name}"></script>'


html = pattern.sub(replace, html)
leftover = re.search(r"<script(?![^>]*\bsrc=)[^>]*>.{0,120}", html, re.S)
if leftover:
    sys.exit(f"externalize_loader: index.html still contains an inline script: {leftover.group(0)!r}")
if re.search(r"\son[a-z]+=", html):
    sys.exit("externalize_loader: index.html contains an inline event handler")
open(index, "w", encoding="utf-8").write(html)

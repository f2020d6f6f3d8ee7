#!/usr/bin/env python3
"""Writes target/screenshots/index.html: every screenshot the end-to-end run left there, on
one page, grouped by how it was taken (light, dark, phone), to look over the console at once.
Its components group is the design system's gallery: one labelled entry per component, its
light and dark pictures side by side (`component-<name>-<theme>.png`, saved by the browser
test `the_gallery_shows_every_component_in_light_and_dark`), with a full-page picture of it
in use when another test saved one (`component-<name>.png`).

Usage: scripts/screenshot-sheet.py [folder]   (default: target/screenshots)
"""
import html
import pathlib
import sys

folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/screenshots")
shots = sorted(folder.glob("*.png"))
if not shots:
    sys.exit(f"no screenshots in {folder}: run the end-to-end tests first")

# The gallery's components, in the order a page is built from them: name in the file names,
# heading, and what the picture shows. A component not listed here still appears, after these.
COMPONENTS = [
    ("page-header", "Page header", "Title with the page's primary action (Workspaces)."),
    ("page-header-context", "Page header with context", "Title with its line of context (API keys)."),
    ("breadcrumbs", "Breadcrumbs", "Where the page sits (an organization's overview)."),
    ("org-switcher", "Org switcher (combobox)", "The header's organization switcher, open: a combobox over the organizations one belongs to."),
    ("tabs", "Tabs", "A workspace's sections, the current one marked."),
    ("card", "Card", "A dashboard section with its link, a stat tile and a description list."),
    ("stat-tile", "Stat tile", "One figure with its label and a line of context."),
    ("bar-chart", "Bar chart", "Spend against budget per workspace, with the budget markers."),
    ("line-chart", "Line chart", "Daily spend over the last 30 days."),
    ("burn-down", "Credits burn-down", "How long the credits last at the last week's spend, and the projected balance."),
    ("description-list", "Description list", "A workspace's facts, label beside value."),
    ("copy-button", "Copy button", "A value with the button that copies it."),
    ("form-row-error", "Form row", "Label, field, hint and the error a bad slug gets."),
    ("list-controls", "List controls", "Search and status filter above a list."),
    ("table", "Table with pager", "A list's table, sorted by a column, and its pager."),
    ("menu", "Menu", "A row's action menu, open under its button."),
    ("confirm-dialog", "Confirm dialog", "A destructive act asks first, here with the name to type."),
    ("toast", "Toast", "What an act did, in the corner."),
    ("empty-state", "Empty state", "A page with nothing to show, and the way on."),
    ("error-state", "Error state", "A read that failed, in its own place, with Try again."),
    ("loading-state", "Loading state", "A list whose read has not arrived yet: its skeleton under the controls."),
    ("palette", "Command palette", "Search or jump to anywhere (Ctrl K)."),
    ("shortcuts-dialog", "Keyboard shortcuts", "The shortcuts, shown with ?."),
]
THEMES = ["light", "dark"]
COMPONENTS_GROUP = "Components: the gallery, light and dark"


def group(name: str) -> str:
    if name.startswith("component-"):
        return COMPONENTS_GROUP
    if name.startswith("phone-"):
        return "Phone (390 px)"
    if "-dark-" in name:
        return "Dark"
    if "-light-" in name:
        return "Light"
    return "Other"


def component_of(stem: str) -> tuple[str, str]:
    """`component-menu-dark` -> ("menu", "dark"); `component-palette` -> ("palette", "page")."""
    rest = stem.removeprefix("component-")
    for theme in THEMES:
        if rest.endswith(f"-{theme}"):
            return rest.removesuffix(f"-{theme}"), theme
    return rest, "page"


def figure(shot: pathlib.Path, caption: str) -> str:
    name = html.escape(shot.name)
    return (
        f'<figure><a href="{name}"><img src="{name}" alt="" loading=lazy></a>'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


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
    "word-break:break-all}"
    ".component{margin:1.5rem 0;padding-top:.5rem;border-top:1px solid #d0d4da}"
    ".component h3{margin:0}.component p{margin:.25rem 0 .75rem;color:#4a5160}"
    # Light and dark side by side where both fit at their own size, one above the other where not.
    ".pair{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}"
    ".pair figure{max-width:100%;box-sizing:border-box}.pair img{width:auto;max-width:100%}</style>",
    f"<h1>Molecule Console: {len(shots)} screenshots</h1>",
]


def gallery(items: list[pathlib.Path]) -> None:
    found: dict[str, dict[str, pathlib.Path]] = {}
    for s in items:
        name, variant = component_of(s.stem)
        found.setdefault(name, {})[variant] = s
    known = [c for c in COMPONENTS if c[0] in found]
    others = [(n, n.replace("-", " ").capitalize(), "") for n in sorted(found)
              if n not in {c[0] for c in COMPONENTS}]
    missing = [title for name, title, _ in COMPONENTS if name not in found]
    parts.append(f"<h2>{COMPONENTS_GROUP} ({len(found)} components)</h2>")
    if missing:
        parts.append(f"<p>Not in this run: {html.escape(', '.join(missing))}.</p>")
    for name, title, about in known + others:
        variants = found[name]
        parts.append(f'<section class=component id="{html.escape(name)}">'
                     f"<h3>{html.escape(title)}</h3><p>{html.escape(about)}</p><div class=pair>")
        for variant in THEMES + ["page"]:
            if variant in variants:
                label = "in a page" if variant == "page" else variant
                parts.append(figure(variants[variant], f"{label}: {variants[variant].name}"))
        parts.append("</div></section>")


ORDER = ["Light", "Dark", "Phone (390 px)", COMPONENTS_GROUP, "Other"]
for title in ORDER:
    items = groups.get(title)
    if not items:
        continue
    if title == COMPONENTS_GROUP:
        gallery(items)
        continue
    parts.append(f"<h2>{title} ({len(items)})</h2><div class=grid>")
    for s in items:
        parts.append(figure(s, s.stem))
    parts.append("</div>")
out = folder / "index.html"
out.write_text("\n".join(parts) + "\n")
print(f"{out}: {len(shots)} screenshots")

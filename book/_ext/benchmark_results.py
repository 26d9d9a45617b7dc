"""Render the benchmark results into the "How fast is it" page at build time.

The page's source holds a placeholder line (``% benchmark-results``). When
Sphinx reads the page, the placeholder is replaced by the Markdown of every
``benchmarks/results/*.md`` file present, each as a section of its own with its
headings moved below the page title. A missing results folder or file is not
an error: the page then says how to produce the results. The page is re-read
on every build, so a new or updated result always shows.
"""

from __future__ import annotations

import re
from pathlib import Path

PLACEHOLDER = "% benchmark-results"
PAGE = "book/performance"
RESULTS = Path("benchmarks") / "results"
# The benchmarks the course ships, in reading order; any other result follows, by name.
ORDER = ("linear", "mlp", "grading")
HEADING = re.compile(r"^(#{1,6})(\s+\S.*)$")
FENCE = re.compile(r"^\s*(```|~~~)")

MISSING = """\
```{{note}}
No benchmark results are present in this copy of the course. Run `make bench` (or
`python benchmarks/bench_NAME.py` for one of them) and rebuild the book: every
`benchmarks/results/*.md` file appears {where}.
```
"""


def result_files(results_dir: Path) -> list[Path]:
    """The results' Markdown files, the known benchmarks first."""
    if not results_dir.is_dir():
        return []
    files = {p.stem: p for p in results_dir.glob("*.md") if p.is_file()}
    known = [files.pop(name) for name in ORDER if name in files]
    return known + [files[name] for name in sorted(files)]


def shift_headings(markdown: str, top: int = 2) -> str:
    """Renumber the headings of ``markdown`` so that they start at level ``top``.

    The distinct levels used are mapped to consecutive levels (``#`` and ``###``
    become ``##`` and ``###``), so a page never skips a level. Lines inside code
    fences are left alone.
    """
    lines = markdown.splitlines()
    inside = False
    levels = set()
    for line in lines:
        if FENCE.match(line):
            inside = not inside
        elif not inside and (match := HEADING.match(line)):
            levels.add(len(match.group(1)))
    mapping = {level: min(top + rank, 6) for rank, level in enumerate(sorted(levels))}
    out = []
    inside = False
    for line in lines:
        if FENCE.match(line):
            inside = not inside
        elif not inside and (match := HEADING.match(line)):
            line = "#" * mapping[len(match.group(1))] + match.group(2)
        out.append(line)
    return "\n".join(out)


def title_from_name(stem: str) -> str:
    return stem.replace("_", " ").replace("-", " ").capitalize()


def render_results(results_dir: Path) -> str:
    """The Markdown that replaces the placeholder."""
    files = result_files(results_dir)
    if not files:
        return MISSING.format(where="here")
    parts = []
    for path in files:
        text = path.read_text(encoding="utf-8").strip()
        if not HEADING.match(text.splitlines()[0] if text else ""):
            text = f"# {title_from_name(path.stem)}\n\n{text}"
        parts.append(shift_headings(text))
        parts.append(f"\n*Source: `benchmarks/results/{path.name}`.*\n")
    return "\n\n".join(parts) + "\n"


def fill_placeholder(app, docname: str, source: list[str]) -> None:
    if PLACEHOLDER not in source[0]:
        return
    results_dir = Path(app.srcdir) / RESULTS
    for path in result_files(results_dir):
        app.env.note_dependency(str(path))
    source[0] = source[0].replace(PLACEHOLDER, render_results(results_dir), 1)


def always_reread(app, env, added, changed, removed) -> list[str]:
    return [PAGE] if PAGE in env.found_docs else []


def setup(app):
    app.connect("source-read", fill_placeholder)
    app.connect("env-get-outdated", always_reread)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Serve MathJax from the built book, so that it renders with no network.

MathJax 3 comes from a package installed with the ``book`` extra
(``django-static-mathjax``, which ships MathJax's ``es5`` build as static
files; only the files are used). At the end of an HTML build the parts that
``tex-mml-chtml.js`` needs are copied into ``_static/mathjax``; nothing is
committed and nothing is fetched from a CDN.
"""

from __future__ import annotations

import shutil
from pathlib import Path

# The combined TeX/MathML component, its CommonHTML fonts, and the pieces it
# may load on demand (menu, accessibility, TeX extensions). The speech engine
# (sre) is left out: it is large and only loaded when a reader turns speech on.
PARTS = ("tex-mml-chtml.js", "output/chtml", "ui", "a11y", "input/tex/extensions", "input/mml")
MATHJAX_PATH = "mathjax/tex-mml-chtml.js"


def mathjax_source() -> Path:
    try:
        import mathjax
    except ImportError as exc:  # pragma: no cover - the book extra installs it
        raise RuntimeError(
            "MathJax is not installed: install the book extra (pip install 'curriculum[book]')."
        ) from exc
    return Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


def copy_mathjax(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in PARTS:
        src = source / part
        dst = target / part
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)


def use_local_mathjax(app, config) -> None:
    config.mathjax_path = MATHJAX_PATH


def setup(app):
    app.connect("config-inited", use_local_mathjax, priority=900)
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Make the built book self-contained, so that it renders with no network.

- MathJax 3 comes from a package installed with the ``book`` extra
  (``django-static-mathjax``, which ships MathJax's ``es5`` build as static
  files; only the files are used). At the end of an HTML build the parts that
  ``tex-mml-chtml.js`` needs are copied into ``_static/mathjax``; nothing is
  committed and nothing is fetched from a CDN.
- sphinx-thebe (always loaded by Jupyter Book) is switched off: it would only
  add a script pointing at a CDN and a live-code configuration the course does
  not use (and its inline script is added twice, a console error).
- The site's ``index.html`` redirect names the favicon, so that opening the
  book's root does not make the browser ask for a missing ``/favicon.ico``.
"""

from __future__ import annotations

import html
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


def disable_thebe(app) -> None:
    """Remove sphinx-thebe's event handlers and stylesheet (it is set up before us)."""
    for listeners in app.events.listeners.values():
        listeners[:] = [
            listener
            for listener in listeners
            if not getattr(listener.handler, "__module__", "").startswith("sphinx_thebe")
        ]
    app.registry.css_files[:] = [
        (name, attrs) for name, attrs in app.registry.css_files if "thebe" not in str(name)
    ]


REDIRECT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="icon" href="_static/{favicon}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body><p><a href="{target}">{title}</a></p></body>
</html>
"""


def write_index_redirect(app, exception) -> None:
    """Write ``index.html`` (a redirect to the root page) before sphinx-external-toc does."""
    if exception is not None or app.builder.name != "html" or app.config.root_doc == "index":
        return
    favicon = Path(app.config.html_favicon or "favicon.svg").name
    target = app.builder.get_target_uri(app.config.root_doc)
    title = html.escape(app.config.html_title or app.config.project)
    page = REDIRECT.format(title=title, favicon=favicon, target=target)
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


def setup(app):
    disable_thebe(app)
    app.connect("config-inited", use_local_mathjax, priority=900)
    app.connect("build-finished", copy_mathjax)
    # Before sphinx-external-toc's handler (priority 500), which keeps an existing index.html.
    app.connect("build-finished", write_index_redirect, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

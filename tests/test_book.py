"""The built book: links and anchors, offline assets, the two editions, downloads, generated pages.

Tests marked ``book`` read the built HTML (``make book-strict`` and ``make
book-student`` run before them in ``make test``); the others test the book's
Sphinx extensions and build script on small inputs.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html"))
STUDENT_BOOK = Path(os.environ.get("STUDENT_BOOK_HTML", ROOT / "_build" / "student" / "html"))
NOTEBOOKS = ROOT / "notebooks"
ZIP = Path("_downloads") / "student-notebooks.zip"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import benchmark_results  # noqa: E402
import build_student  # noqa: E402
import student_downloads  # noqa: E402

from curriculum.authoring import BEGIN, END, student_notebook  # noqa: E402


def built(folder: Path, command: str) -> Path:
    if not (folder / "book" / "intro.html").is_file():
        message = f"no built book in {folder}: run `{command}` first"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return folder


@pytest.fixture(scope="module")
def book() -> Path:
    return built(BOOK, "make book")


@pytest.fixture(scope="module")
def student_book() -> Path:
    return built(STUDENT_BOOK, "make book-student")


EDITIONS = {"book": "make book", "student": "make book-student"}


@pytest.fixture(scope="module", params=sorted(EDITIONS))
def edition(request) -> Path:
    return built(BOOK if request.param == "book" else STUDENT_BOOK, EDITIONS[request.param])


# --- reading built pages ----------------------------------------------------------------


class PageParser(HTMLParser):
    """Collects a page's ids, its references (tag, attribute, value) and its visible text."""

    REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.references: list[tuple[str, str, str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.add(attributes[name])
        wanted = self.REFERENCES.get(tag)
        if wanted and attributes.get(wanted):
            self.references.append((tag, wanted, attributes[wanted], attributes))
        if tag == "img" and attributes.get("srcset"):
            for candidate in attributes["srcset"].split(","):
                self.references.append((tag, "srcset", candidate.split()[0], attributes))

    def handle_data(self, data):
        self.text.append(data)


_parsed: dict[Path, PageParser] = {}


def parse(path: Path) -> PageParser:
    if path not in _parsed:
        parser = PageParser()
        parser.feed(path.read_text(encoding="utf-8"))
        _parsed[path] = parser
    return _parsed[path]


def pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.html") if "_static" not in p.relative_to(folder).parts)


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")


def normalise(text: str) -> str:
    return " ".join(text.split())


def contains(text: str, piece: str) -> bool:
    """``piece`` occurs in ``text`` as whole words (``return Y`` is not in ``return Y_hat``)."""
    start = text.find(piece)
    while start != -1:
        end = start + len(piece)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (piece[0].isalnum() and (before.isalnum() or before == "_")) and not (
            piece[-1].isalnum() and (after.isalnum() or after == "_")
        ):
            return True
        start = text.find(piece, start + 1)
    return False


# --- links, anchors and offline assets --------------------------------------------------


@pytest.mark.book
def test_every_local_link_and_anchor_resolves(edition):
    broken = []
    checked = 0
    for page in pages(edition):
        for tag, attribute, value, _ in parse(page).references:
            if is_external(value) or value.startswith(("mailto:", "javascript:")):
                continue
            parts = urlsplit(value)
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(edition)}: <{tag} {attribute}={value!r}>"
            checked += 1
            if not target.is_file():
                broken.append(f"{where}: no file {target}")
            elif parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in parse(target).ids:
                    broken.append(f"{where}: no anchor #{parts.fragment} in {target.relative_to(edition)}")
    assert checked > 500, f"only {checked} local references found: is the book complete?"
    assert not broken, f"{len(broken)} broken local references:\n" + "\n".join(broken)


@pytest.mark.book
def test_pages_load_nothing_from_the_network(edition):
    """Scripts, styles, images and fonts all come from the build folder."""
    outside = []
    for page in pages(edition):
        for tag, attribute, value, _ in parse(page).references:
            if tag == "a" or not is_external(value):
                continue
            outside.append(f"{page.relative_to(edition)}: <{tag} {attribute}={value!r}>")
        if "THEBE_JS_URL" in page.read_text(encoding="utf-8"):
            outside.append(f"{page.relative_to(edition)}: sphinx-thebe's CDN script")
    remote_css = re.compile(r"(@import\s+(url\()?\s*['\"]?|url\(\s*['\"]?)(https?:)?//", re.I)
    for css in sorted(edition.rglob("*.css")):
        for match in remote_css.finditer(css.read_text(encoding="utf-8", errors="replace")):
            outside.append(f"{css.relative_to(edition)}: {match.group(0)}")
    assert not outside, "\n".join(outside)


@pytest.mark.book
def test_mathjax_is_served_from_the_build(edition):
    lesson = edition / "notebooks" / "ml" / "01_univariate_linear_regression.html"
    scripts = [v for tag, _, v, _ in parse(lesson).references if tag == "script"]
    mathjax = [urlsplit(s).path for s in scripts if "mathjax" in s.lower()]
    assert mathjax == ["../../_static/mathjax/tex-mml-chtml.js"]
    fonts = edition / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2"
    assert len(list(fonts.glob("*.woff"))) > 10


@pytest.mark.book
def test_root_redirects_to_the_first_page(book):
    index = (book / "index.html").read_text(encoding="utf-8")
    assert 'url=book/intro.html"' in index
    assert '<link rel="icon" href="_static/favicon.svg">' in index
    assert (book / "_static" / "favicon.svg").is_file()


# --- the notebooks, their pages and downloads -------------------------------------------------


def toc_files() -> list[str]:
    return re.findall(r"^\s*-?\s*file:\s*(\S+)\s*$", (ROOT / "_toc.yml").read_text(), re.MULTILINE)


def course_notebooks() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def test_every_course_notebook_is_in_the_table_of_contents():
    listed = set(toc_files())
    missing = [p.relative_to(ROOT).with_suffix("").as_posix() for p in course_notebooks()
               if p.relative_to(ROOT).with_suffix("").as_posix() not in listed]
    assert not missing, f"notebooks missing from _toc.yml (so from the book): {missing}"


def test_every_solution_cell_is_collapsed_in_the_book():
    """Solutions are code cells tagged ``hide-input``: the book shows them folded."""
    unfolded = []
    for path in course_notebooks():
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if BEGIN in cell.source and (cell.cell_type != "code" or "hide-input" not in cell.metadata.get("tags", [])):
                unfolded.append(f"{path.relative_to(ROOT)}, cell {index} ({cell.cell_type})")
    assert not unfolded, "solution cells without the hide-input tag:\n" + "\n".join(unfolded)


@pytest.mark.book
def test_solutions_are_inside_folded_cells(book):
    for name in toc_files():
        page = book / f"{name}.html"
        source = page.read_text(encoding="utf-8")
        if BEGIN not in source:
            continue
        cells = re.split(r'<div class="cell[ "]', source)[1:]
        for cell in cells:
            if BEGIN in cell:
                classes = cell.split(">", 1)[0]
                assert "tag_hide-input" in classes and '<details class="admonition hide above-input">' in cell, name


@pytest.mark.book
def test_every_page_of_the_toc_is_built(edition):
    missing = [f for f in toc_files() if not (edition / f"{f}.html").is_file()]
    assert not missing
    assert len(pages(edition)) >= len(toc_files())


@pytest.mark.book
def test_every_notebook_page_offers_its_notebook(edition):
    student = edition == STUDENT_BOOK
    notebooks = [f for f in toc_files() if (ROOT / f"{f}.ipynb").is_file()]
    assert notebooks, "no notebook in the table of contents"
    for name in notebooks:
        page = edition / f"{name}.html"
        downloads = [
            v for tag, _, v, attributes in parse(page).references
            if tag == "a" and "btn-download-source-button" in attributes.get("class", "")
        ]
        assert len(downloads) == 1, f"{name}: {downloads}"
        assert downloads[0].endswith(f"_sources/{name}.ipynb")
        offered = nbformat.read(page.parent / downloads[0], as_version=4)
        text = "\n".join(cell.source for cell in offered.cells)
        if student:
            assert offered.metadata["curriculum"]["edition"] == "student", name
            assert BEGIN not in text, name
        else:
            original = nbformat.read(ROOT / f"{name}.ipynb", as_version=4)
            assert [c.source for c in offered.cells] == [c.source for c in original.cells], name


@pytest.mark.book
def test_the_book_offers_a_zip_of_all_student_notebooks(edition):
    with zipfile.ZipFile(edition / ZIP) as archive:
        names = set(archive.namelist())
        expected = {f"student-notebooks/{p.relative_to(NOTEBOOKS).as_posix()}" for p in course_notebooks()}
        assert expected <= names, sorted(expected - names)
        for name in sorted(expected):
            notebook = nbformat.reads(archive.read(name).decode("utf-8"), as_version=4)
            nbformat.validate(notebook)
            assert notebook.metadata["curriculum"]["edition"] == "student"
            assert all(BEGIN not in cell.source for cell in notebook.cells), name
    for page in ("book/setup.html", "book/instructor.html"):
        links = [v for tag, _, v, _ in parse(edition / page).references if tag == "a"]
        assert "../_downloads/student-notebooks.zip" in links, page


# --- the student edition holds no solution ----------------------------------------------------


def solution_regions(notebook) -> list[list[str]]:
    """The lines between the solution markers of every cell, one list per region."""
    regions, current = [], None
    for cell in notebook.cells:
        for line in cell.source.splitlines():
            stripped = line.strip()
            if stripped.startswith(BEGIN):
                current = []
            elif stripped.startswith(END):
                regions.append(current)
                current = None
            elif current is not None:
                current.append(line)
    return regions


def notebook_text(notebook) -> str:
    parts = []
    for cell in notebook.cells:
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts += [str(v) for k, v in output.get("data", {}).items() if k.startswith("text/")]
    return "\n".join(parts)


def edition_text(folder: Path) -> str:
    """Everything a reader of the built edition can see or download, as plain text."""
    parts = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "_static" in path.relative_to(folder).parts:
            continue  # the theme's and MathJax's own files
        if path.suffix == ".html":
            parts.append("".join(parse(path).text))
        elif path.suffix == ".ipynb":
            parts.append(notebook_text(nbformat.read(path, as_version=4)))
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith(".ipynb"):
                        parts.append(notebook_text(nbformat.reads(archive.read(name).decode(), as_version=4)))
        elif path.suffix in (".js", ".txt", ".md", ".json", ".py"):
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return normalise(html.unescape("\n".join(parts)))


@pytest.fixture(scope="module")
def solutions() -> dict[str, set[str]]:
    """Per notebook of the book: the text of its solutions that no student copy contains.

    That is every whole solution region and every line of one (of 8 characters or
    more), whitespace-normalised, except those that also appear in a student copy:
    a lesson may show ``theta = np.asarray(theta)`` too, and that is no leak.
    """
    student_text = normalise("\n".join(notebook_text(student_notebook(nbformat.read(p, as_version=4)))
                                       for p in course_notebooks()))
    in_book = {f"{name}.ipynb" for name in toc_files()}
    found = {}
    for path in course_notebooks():
        if path.relative_to(ROOT).as_posix() not in in_book:
            continue
        pieces = set()
        for region in solution_regions(nbformat.read(path, as_version=4)):
            pieces.add(normalise("\n".join(region)))
            pieces.update(normalise(line) for line in region if len(line.strip()) >= 8)
        pieces = {piece for piece in pieces if piece and not contains(student_text, piece)}
        if pieces:
            found[path.relative_to(NOTEBOOKS).as_posix()] = pieces
    assert "ml/01_univariate_linear_regression_exercises.ipynb" in found
    return found


@pytest.mark.book
def test_student_edition_contains_no_solution(student_book, solutions):
    text = edition_text(student_book)
    leaks = [f"{name}: {piece[:100]!r}" for name, pieces in solutions.items() for piece in sorted(pieces)
             if contains(text, piece)]
    assert "raise NotImplementedError()" in text
    assert not leaks, f"{len(leaks)} pieces of solution in the student edition:\n" + "\n".join(leaks)


@pytest.mark.book
def test_the_solution_search_would_find_a_leak(book, solutions):
    """The instructor edition shows the solutions: the same search must find them there."""
    text = edition_text(book)
    pieces = [piece for found in solutions.values() for piece in found]
    assert len(pieces) >= 10
    missing = [piece for piece in pieces if not contains(text, piece)]
    assert not missing, missing[:10]


# --- generated and prose pages -----------------------------------------------------------------


@pytest.mark.book
def test_performance_page_shows_every_result_file(edition):
    text = normalise("".join(parse(edition / "book" / "performance.html").text))
    results = benchmark_results.result_files(ROOT / benchmark_results.RESULTS)
    if not results:
        assert "No benchmark results are present" in text
    for path in results:
        first = path.read_text(encoding="utf-8").strip().splitlines()[0]
        title = first.lstrip("#").strip() if first.startswith("#") else benchmark_results.title_from_name(path.stem)
        assert normalise(title) in text, path.name
        assert f"benchmarks/results/{path.name}" in text


@pytest.mark.book
def test_glossary_is_complete_and_linked_from_the_lessons(book):
    glossary = parse(book / "book" / "glossary.html")
    terms = {i for i in glossary.ids if i.startswith("term-")}
    assert len(terms) >= 30
    for term in ("hypothesis", "loss", "gradient", "gradient-descent", "learning-rate", "feature-scaling",
                 "epoch", "overfitting", "regularisation", "cross-validation"):
        assert f"term-{term}" in terms, term
    lesson = parse(book / "notebooks" / "ml" / "01_univariate_linear_regression.html")
    linked = {v.split("#")[1] for tag, _, v, _ in lesson.references if tag == "a" and "glossary.html#term-" in v}
    assert {"term-hypothesis", "term-gradient-descent", "term-learning-rate", "term-feature-scaling"} <= linked


@pytest.mark.book
def test_bibliography_lists_every_entry(book):
    keys = re.findall(r"^@\w+\{([^,]+),", (ROOT / "book" / "references.bib").read_text(), re.MULTILINE)
    assert len(keys) >= 20
    page = (book / "book" / "references.html").read_text(encoding="utf-8")
    assert page.count('<div class="citation"') == len(keys)
    dois = re.findall(r"doi\s*=\s*\{([^}]+)\}", (ROOT / "book" / "references.bib").read_text())
    assert [doi for doi in dois if f"https://doi.org/{doi}" not in page] == []


# --- the extensions and the build script on small inputs --------------------------------------


def test_solution_pieces_are_matched_as_whole_words():
    assert contains("x = 1\n    return Y", "return Y")
    assert contains("(return Y)", "return Y")
    assert not contains("return Y_hat", "return Y")
    assert not contains("a_return Y", "return Y")
    assert contains("f(x)=1", "(x)=1")


def test_shift_headings_starts_below_the_page_title_and_never_skips_a_level():
    text = "# Title\n\ntext\n\n### Deep\n\n```python\n# a comment\n```\n\n#### Deeper"
    shifted = benchmark_results.shift_headings(text)
    assert shifted.splitlines()[0] == "## Title"
    assert "### Deep" in shifted and "#### Deeper" in shifted
    assert "# a comment" in shifted.splitlines()


def test_render_results_orders_known_benchmarks_first_and_handles_absence(tmp_path):
    assert "No benchmark results" in benchmark_results.render_results(tmp_path / "missing")
    assert "No benchmark results" in benchmark_results.render_results(tmp_path)
    (tmp_path / "zeta.md").write_text("no heading here\n")
    (tmp_path / "mlp.md").write_text("# MLP\n\n| a |\n|---|\n| 1 |\n")
    (tmp_path / "linear.md").write_text("# Linear\n")
    rendered = benchmark_results.render_results(tmp_path)
    assert rendered.index("## Linear") < rendered.index("## MLP") < rendered.index("## Zeta")
    assert "`benchmarks/results/zeta.md`" in rendered


def _exercise_notebook():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Exercises"),
        nbformat.v4.new_code_cell(f"def f(x):\n    {BEGIN}\n    return x + 41\n    {END}"),
        nbformat.v4.new_code_cell('check("some.id", f)'),
    ]
    notebook.cells[1].metadata["tags"] = ["hide-input"]
    return notebook


def test_student_zip_holds_student_copies(tmp_path):
    source = tmp_path / "notebooks"
    (source / "ml").mkdir(parents=True)
    nbformat.write(_exercise_notebook(), source / "ml" / "01_x_exercises.ipynb")
    target = tmp_path / "out" / "student.zip"
    assert student_downloads.write_student_zip(source, target, "A course") == 1
    first = target.read_bytes()
    assert student_downloads.write_student_zip(source, target, "A course") == 1
    assert target.read_bytes() == first, "the zip should not change between identical builds"
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["student-notebooks/README.txt", "student-notebooks/ml/01_x_exercises.ipynb"]
        notebook = nbformat.reads(archive.read("student-notebooks/ml/01_x_exercises.ipynb").decode(), as_version=4)
    assert "return x + 41" not in notebook.cells[1].source
    assert "raise NotImplementedError()" in notebook.cells[1].source


@pytest.mark.parametrize("line", ['title: "A course"', "title: 'A course'", "title: A course"])
def test_student_edition_says_so_in_its_title(line):
    config = f"author: me\n{line}\nhtml:\n  title: keep\n"
    assert build_student.student_title(config) == 'author: me\ntitle: "A course (student edition)"\nhtml:\n  title: keep\n'


def test_student_source_tree_mirrors_the_course(tmp_path):
    root = tmp_path / "course"
    (root / "book" / "_ext").mkdir(parents=True)
    (root / "notebooks" / "ml" / "images").mkdir(parents=True)
    (root / "benchmarks" / "results").mkdir(parents=True)
    (root / "_config.yml").write_text("title: x\n")
    (root / "_toc.yml").write_text("root: book/intro\n")
    (root / "book" / "intro.md").write_text("# Intro\n")
    (root / "benchmarks" / "results" / "linear.md").write_text("# Linear\n")
    (root / "notebooks" / "ml" / "images" / "plot.png").write_bytes(b"png")
    (root / "notebooks" / "ml" / "scratch_nbqa_ipynb.py").write_text("x = 1\n")
    nbformat.write(_exercise_notebook(), root / "notebooks" / "ml" / "01_x_exercises.ipynb")
    work = tmp_path / "work"
    (work / "stale").mkdir(parents=True)
    assert build_student.mirror(root, work) == 1
    assert not (work / "stale").exists()
    for name in ("_config.yml", "_toc.yml", "book/intro.md", "benchmarks/results/linear.md",
                 "notebooks/ml/images/plot.png"):
        assert (work / name).is_file(), name
    assert not (work / "notebooks" / "ml" / "scratch_nbqa_ipynb.py").exists()
    copy = nbformat.read(work / "notebooks" / "ml" / "01_x_exercises.ipynb", as_version=4)
    assert copy.metadata["curriculum"]["edition"] == "student"
    assert all("return x + 41" not in cell.source for cell in copy.cells)
    assert json.loads((work / "notebooks" / "ml" / "01_x_exercises.ipynb").read_text())["nbformat"] == 4

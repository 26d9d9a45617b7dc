"""The built book in a real browser: Debian's Chromium, driven by Playwright.

The book in ``_build/html`` (and the student edition in ``_build/student/html``
when it is built) is served on 127.0.0.1 by a throw-away HTTP server. Every
page opened must typeset its maths, show its outputs and plots, log no console
error and make no request that fails or leaves the machine (the book must work
offline). Screenshots go to ``test-artifacts/browser/``.

In CI (``CI=true``) a missing Chromium or Playwright is a failure; elsewhere
the tests are skipped. ``BOOK_HTML`` and ``STUDENT_BOOK_HTML`` point the test at
other build folders. Playwright never downloads a browser here: it drives the
system's ``/usr/bin/chromium`` (``CHROMIUM=...`` to use another).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parents[1]
BOOK = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html"))
STUDENT_BOOK = Path(os.environ.get("STUDENT_BOOK_HTML", ROOT / "_build" / "student" / "html"))
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PARTS = ("python", "ml", "mlp")
ML_LESSON = "notebooks/ml/01_univariate_linear_regression.html"
ML_EXERCISES = "notebooks/ml/01_univariate_linear_regression_exercises.html"
TIMEOUT_MS = 30_000


def unavailable(reason: str):
    """Fail in CI, skip elsewhere."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser test must run, not skip)", pytrace=False)
    pytest.skip(reason)


# --- server and browser ---------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that navigates away closes its connections mid-transfer; that is not an error.
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def servers():
    """One local server per built edition: ``{"book": url, "student": url or None}``."""
    if not (BOOK / "book" / "intro.html").is_file():
        unavailable(f"the book is not built in {BOOK} (run `make book` first)")
    running, urls = [], {}
    for name, folder in (("book", BOOK), ("student", STUDENT_BOOK)):
        if not (folder / "book" / "intro.html").is_file():
            urls[name] = None
            continue
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = QuietServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        running.append(server)
        urls[name] = f"http://127.0.0.1:{server.server_address[1]}/"
    yield urls
    for server in running:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        unavailable(
            f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package "
            "(.ci/run does) or set CHROMIUM=/path/to/chromium"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (it comes with the `test` extra)")
    shutil.rmtree(ARTIFACTS, ignore_errors=True)  # this run's screenshots only
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


class Visit:
    """A browser tab that records everything that went wrong while it was open."""

    def __init__(self, browser, base_url: str, name: str):
        self.base = base_url
        self.name = name
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.problems: list[str] = []
        self.aborted: list[str] = []
        self.loaded: set[str] = set()
        host = urlsplit(base_url).netloc
        # The network is "off": anything that is not the local server is refused and recorded.
        self.context.route("**/*", self._route(host))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)

    def _route(self, host):
        def handle(route, request):
            parts = urlsplit(request.url)
            if parts.scheme in ("data", "blob", "about") or (parts.scheme == "http" and parts.netloc == host):
                route.continue_()
            else:
                self.problems.append(f"request outside the book: {request.url}")
                route.abort()

        return handle

    def _console(self, message):
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _failed(self, request):
        if request.failure == "net::ERR_ABORTED":
            # Cancelled by a navigation (a redirect page's favicon); judged in `report`.
            self.aborted.append(request.url)
        else:
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")
        else:
            self.loaded.add(response.url)

    def report(self) -> list[str]:
        """Everything that went wrong; an aborted request counts unless it later succeeded."""
        aborted = [f"request aborted: {url}" for url in self.aborted if url not in self.loaded]
        return [f"{self.name}: {problem}" for problem in self.problems + aborted]

    def open(self, path: str, *, idle: bool = True):
        self.page.goto(self.base + path, wait_until="load")
        if idle:
            self.page.wait_for_load_state("networkidle")
        return self.page

    def screenshot(self, suffix: str = "", full_page: bool = False):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = f"{self.name}{'-' + suffix if suffix else ''}.png"
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, servers, request):
    """``visit(path_name, edition="book")`` -> an open :class:`Visit`; checked at teardown."""
    opened: list[Visit] = []

    def make(name: str, edition: str = "book") -> Visit:
        base = servers[edition]
        if base is None:
            unavailable(f"the {edition} edition is not built (run `make book-student`)")
        tab = Visit(browser, base, name)
        opened.append(tab)
        return tab

    yield make
    problems = []
    for tab in opened:
        problems += tab.report()
        tab.close()
    assert not problems, "\n".join(problems)


# --- what a rendered page must look like -------------------------------------------


def wait_for_mathjax(page) -> None:
    page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.evaluate("() => MathJax.startup.promise")


def assert_maths_typeset(page, *, required: bool) -> int:
    """Every maths element holds rendered MathJax output; no TeX source is left visible."""
    total = page.locator("article .math").count()
    if total or required:
        # Sphinx loads MathJax only on pages that have maths.
        wait_for_mathjax(page)
    typeset = page.locator("article .math mjx-container").count()
    if required:
        assert total > 0, "this page should contain maths"
    assert typeset >= total, f"only {typeset} of {total} maths elements are typeset"
    assert page.locator("mjx-container").count() >= total
    # The prose only: code may legitimately hold TeX (a plot's label, r"$\theta$").
    text = page.evaluate(PROSE_TEXT)
    for raw in ("$$", "\\(", "\\[", "\\frac", "\\theta"):
        assert raw not in text, f"raw TeX {raw!r} left in the visible text"
    return total


PROSE_TEXT = """() => {
  const article = document.querySelector('article').cloneNode(true);
  article.querySelectorAll('pre, code, .cell_input, .cell_output, mjx-container')
         .forEach(node => node.remove());
  return article.textContent;
}"""


def assert_outputs_visible(page, *, plots_required: bool) -> None:
    """Code cells show their outputs, and every plot image has loaded."""
    outputs = page.locator("article .cell_output")
    assert outputs.count() > 0, "no code output on the page"
    assert outputs.first.is_visible()
    images = page.locator("article .cell_output img")
    if plots_required:
        assert images.count() > 0, "no plot on the page"
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        assert image.is_visible(), f"plot {index} is not visible"
        width = image.evaluate("img => img.complete ? img.naturalWidth : 0")
        assert width > 0, f"plot {index} did not load ({image.get_attribute('src')})"


def first_lesson_page(part: str) -> str | None:
    """The first lesson notebook of ``notebooks/PART`` that has a page in the book."""
    for notebook in sorted((ROOT / "notebooks" / part).glob("*.ipynb")):
        if notebook.stem.endswith("_exercises"):
            continue
        page = f"notebooks/{part}/{notebook.stem}.html"
        if (BOOK / page).is_file():
            return page
    return None


# --- the tests ------------------------------------------------------------------------------


def test_home_page(visit):
    tab = visit("home")
    page = tab.open("index.html")
    page.wait_for_url("**/book/intro.html")
    assert page.title().startswith("Machine learning from scratch")
    navigation = page.locator("nav.bd-links")
    for caption in ("Getting started", "Part I", "Part II", "Part III"):
        assert navigation.get_by_text(caption, exact=False).first.is_visible(), caption
    # Icons come from the bundled Font Awesome: its font must have loaded from the build.
    loaded = page.evaluate(
        "() => Array.from(document.fonts).filter("
        "f => f.family.includes('Font Awesome') && f.status === 'loaded').length"
    )
    assert loaded > 0, "the icon font did not load"
    tab.screenshot()


@pytest.mark.parametrize("part", [*PARTS, "ml/01"])
def test_lesson_page_of_each_part(visit, part):
    """The first lesson of each part in the book, and the ml/01 lesson in any case."""
    path = ML_LESSON if part == "ml/01" else first_lesson_page(part)
    if path is None:
        pytest.skip(f"no lesson of notebooks/{part} is in the book yet")
    tab = visit(f"lesson-{part.replace('/', '')}")
    page = tab.open(path)
    tab.screenshot()
    count = assert_maths_typeset(page, required=(part != "python"))
    assert_outputs_visible(page, plots_required=(part != "python"))
    if path == ML_LESSON:
        assert count >= 40, f"the ml/01 lesson should have dozens of formulas, found {count}"
        # Glossary words are links into the glossary.
        assert page.locator("article a[href*='glossary.html#term-']").count() >= 5
    tab.screenshot("full", full_page=True)


@pytest.mark.parametrize("path", ["book/maths.html", "book/notation.html", "book/glossary.html"])
def test_maths_of_the_prose_pages(visit, path):
    tab = visit(Path(path).stem)
    page = tab.open(path)
    assert_maths_typeset(page, required=True)
    tab.screenshot()


def test_every_page_of_the_book_renders_offline(visit):
    """Each page of the table of contents: maths typeset, plots loaded, nothing fetched outside."""
    import re

    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    paths = [f"{name}.html" for name in re.findall(r"^\s*-?\s*(?:file|root):\s*(\S+)\s*$", toc, re.M)]
    tab = visit("all-pages")
    formulas = 0
    for path in paths:
        page = tab.open(path, idle=False)
        formulas += assert_maths_typeset(page, required=False)
        broken = page.evaluate(
            "() => Array.from(document.querySelectorAll('article img'))"
            ".filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src)"
        )
        assert not broken, f"{path}: images that did not load: {broken}"
    assert formulas > 100


def test_solution_is_collapsed_and_opens_on_click(visit):
    tab = visit("solution")
    page = tab.open(ML_EXERCISES)
    assert_maths_typeset(page, required=True)
    cell = page.locator("article .cell.tag_hide-input").first
    cell.scroll_into_view_if_needed()
    details = cell.locator("details").first
    code = cell.locator(".cell_input")
    assert details.get_attribute("open") is None, "the solution starts open"
    assert not code.is_visible(), "the solution code is visible before any click"
    assert cell.get_by_text("Show code cell source").is_visible()
    tab.screenshot("collapsed")
    cell.locator("summary").first.click()
    code.wait_for(state="visible")
    assert details.get_attribute("open") is not None
    assert "### BEGIN SOLUTION" in code.inner_text()
    tab.screenshot("opened")


def test_search_finds_gradient_descent(visit):
    tab = visit("search")
    page = tab.open("search.html?q=gradient+descent")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(state="visible")
    links = [results.nth(i).locator("a").first.get_attribute("href") for i in range(results.count())]
    assert any("univariate_linear_regression" in href for href in links), links
    assert any("glossary" in href for href in links), links
    tab.screenshot()


def test_student_edition_page(visit):
    tab = visit("student-exercises", edition="student")
    page = tab.open(ML_EXERCISES)
    assert_maths_typeset(page, required=True)
    article = page.locator("article")
    assert article.locator(".cell.tag_hide-input").count() == 0
    text = article.inner_text()
    assert "raise NotImplementedError()" in text
    assert "BEGIN SOLUTION" not in text
    tab.screenshot()

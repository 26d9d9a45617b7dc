"""Build the student edition of the book: the same pages, from the student notebooks.

Usage (from the course folder; ``make book-student`` runs it)::

    python book/_ext/build_student.py [JUPYTER-BOOK OPTIONS...]

A source tree that mirrors the course's layout is written to
``_build/student/src``: the book's configuration, table of contents and pages,
the benchmark results, and, in ``notebooks/``, the student copy of every
notebook (``curriculum.authoring.write_student_copies``, the code behind
``curriculum student``). Jupyter Book builds it, and the HTML is moved to
``_build/student/html``. Options (``--warningiserror --nitpick --keep-going``)
are passed to ``jupyter-book build``. Nothing in the course folder outside
``_build/student`` is touched.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STUDENT = ROOT / "_build" / "student"
WORK = STUDENT / "src"
HTML = STUDENT / "html"
# Files of notebooks/ that are not pages but may be used by them (images, small data files).
SKIP = shutil.ignore_patterns("*.ipynb", "*.py", ".*", "__pycache__", ".ipynb_checkpoints")


def mirror(root: Path, work: Path) -> int:
    """Write the student source tree into ``work``; return the number of notebooks."""
    from curriculum.authoring import write_student_copies

    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(root / name, work / name)
    config = work / "_config.yml"
    config.write_text(student_title(config.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copytree(root / "book", work / "book", ignore=shutil.ignore_patterns("__pycache__"))
    results = root / "benchmarks" / "results"
    if results.is_dir():
        shutil.copytree(results, work / "benchmarks" / "results", ignore=shutil.ignore_patterns("*.tmp"))
    shutil.copytree(root / "notebooks", work / "notebooks", ignore=SKIP)
    return len(write_student_copies(root / "notebooks", work / "notebooks"))


def student_title(config: str) -> str:
    """The book's configuration with " (student edition)" added to its title."""
    match = re.search(r"^title:[ \t]*(?P<q>[\"']?)(?P<title>.*?)(?P=q)[ \t]*$", config, re.MULTILINE)
    if match is None:
        return config
    title = f'title: "{match.group("title")} (student edition)"'
    return config[: match.start()] + title + config[match.end() :]


def jupyter_book() -> str:
    local = Path(sys.executable).with_name("jupyter-book")
    return str(local) if local.exists() else "jupyter-book"


def main(argv: list[str]) -> int:
    count = mirror(ROOT, WORK)
    print(f"student edition: {count} student notebooks written to {WORK.relative_to(ROOT)}/notebooks")
    command = [jupyter_book(), "build", str(WORK), "--path-output", str(WORK), *argv]
    status = subprocess.run(command, cwd=ROOT).returncode
    if status != 0:
        return status
    if HTML.exists():
        shutil.rmtree(HTML)
    (WORK / "_build" / "html").rename(HTML)
    print(f"The student edition is at {HTML / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

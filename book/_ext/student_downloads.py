"""Offer every student notebook in one zip, built with the book.

At the end of an HTML build, the notebooks under ``notebooks/`` (of the source
tree being built) go through ``curriculum.authoring.student_notebook`` (the
same transformation as ``curriculum student``) and are written to
``_downloads/student-notebooks.zip`` in the output folder, with the folder
layout kept (``student-notebooks/ml/01_....ipynb``). Pages link to it with a
plain relative link. The zip is deterministic: fixed member dates and order.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

ZIP_PATH = Path("_downloads") / "student-notebooks.zip"
TOP = "student-notebooks"
FIXED_DATE = (2020, 1, 1, 0, 0, 0)

README = """\
Student notebooks of the course "{title}".

Open them with JupyterLab from a Python environment where the course's package
is installed (see the "Setting up" page of the book), for example:

    jupyter lab --notebook-dir=student-notebooks

In an exercises notebook, write each function where it says YOUR CODE HERE, run
its cell, then run the check(...) cell under it.
"""


def course_notebooks(notebooks_dir: Path) -> list[Path]:
    return sorted(
        p
        for p in notebooks_dir.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts and not p.name.startswith(".")
    )


def write_student_zip(notebooks_dir: Path, target: Path, title: str) -> int:
    """Write the zip of student copies; return the number of notebooks in it."""
    import nbformat

    from curriculum.authoring import student_notebook

    paths = course_notebooks(notebooks_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(f"{TOP}/README.txt", FIXED_DATE)
        archive.writestr(info, README.format(title=title), zipfile.ZIP_DEFLATED)
        for path in paths:
            relative = path.relative_to(notebooks_dir).as_posix()
            student = student_notebook(nbformat.read(path, as_version=4))
            student.metadata.setdefault("curriculum", {})["source"] = relative
            info = zipfile.ZipInfo(f"{TOP}/{relative}", FIXED_DATE)
            archive.writestr(info, nbformat.writes(student) + "\n", zipfile.ZIP_DEFLATED)
    tmp.replace(target)
    return len(paths)


def build_zip(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    notebooks_dir = Path(app.srcdir) / "notebooks"
    if not notebooks_dir.is_dir():
        return
    title = app.config.html_title or app.config.project
    write_student_zip(notebooks_dir, Path(app.outdir) / ZIP_PATH, title)


def setup(app):
    app.connect("build-finished", build_zip)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

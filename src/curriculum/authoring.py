"""Instructor notebook -> student notebook: remove the solutions, keep the rest.

A solution is any region between ``### BEGIN SOLUTION`` and ``### END
SOLUTION`` lines in a code cell (nbgrader's markers). In the student copy the
region becomes ``# YOUR CODE HERE`` and ``raise NotImplementedError()`` at the
region's indentation. In a Markdown cell the region becomes ``YOUR ANSWER
HERE``. The outputs of exercise cells (cells that had a solution, and the
``check(...)`` cells after them) are cleared; every other cell, output and
metadata is kept.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
CHECK_CALL = re.compile(r"^\s*(?:\w+\s*=\s*)?check\(", re.MULTILINE)
SOLUTION_TAGS = ("hide-input", "solution")


class SolutionMarkerError(ValueError):
    """A cell's solution markers are unbalanced or nested."""


def strip_solutions(source: str, *, markdown: bool = False, where: str = "cell") -> tuple[str, int]:
    """Replace every solution region of ``source``; return the new source and the count.

    Raises
    ------
    SolutionMarkerError
        If a region is not closed, is closed twice or is nested.
    """
    out: list[str] = []
    inside = False
    indent = ""
    count = 0
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        stripped = line.strip()
        if stripped.startswith(BEGIN):
            if inside:
                raise SolutionMarkerError(f"{where}, line {number}: nested {BEGIN!r}.")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            count += 1
            if markdown:
                out.append(f"{indent}YOUR ANSWER HERE\n")
            else:
                out.append(f"{indent}# YOUR CODE HERE\n{indent}raise NotImplementedError()\n")
            continue
        if stripped.startswith(END):
            if not inside:
                raise SolutionMarkerError(f"{where}, line {number}: {END!r} without a BEGIN.")
            inside = False
            continue
        if not inside:
            out.append(line)
    if inside:
        raise SolutionMarkerError(f"{where}: {BEGIN!r} is never closed by {END!r}.")
    return "".join(out), count


def student_notebook(notebook):
    """Return a student copy of an in-memory notebook (``nbformat.NotebookNode``)."""
    student = copy.deepcopy(notebook)
    exercise_cell_seen = False
    for index, cell in enumerate(student.cells):
        where = f"cell {index}"
        source = cell.source
        if cell.cell_type == "markdown":
            cell.source, _ = strip_solutions(source, markdown=True, where=where)
            continue
        if cell.cell_type != "code":
            continue
        cell.source, count = strip_solutions(source, where=where)
        is_check = bool(CHECK_CALL.search(source))
        if count or is_check:
            exercise_cell_seen = True
            cell.outputs = []
            cell.execution_count = None
            tags = [t for t in cell.metadata.get("tags", []) if t not in SOLUTION_TAGS]
            if tags:
                cell.metadata["tags"] = tags
            else:
                cell.metadata.pop("tags", None)
    meta = student.metadata.setdefault("curriculum", {})
    meta["edition"] = "student"
    meta["has_exercises"] = exercise_cell_seen
    return student


def write_student_copies(source_dir: Path, out_dir: Path, *, progress: bool = False) -> list[Path]:
    """Write a student copy of every notebook under ``source_dir`` into ``out_dir``.

    The folder structure is kept. Returns the written paths.
    """
    import nbformat

    source_dir, out_dir = Path(source_dir), Path(out_dir)
    paths = sorted(
        p for p in source_dir.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )
    if not paths:
        raise FileNotFoundError(f"no notebooks found under {source_dir}")
    written = []
    iterator = paths
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(paths, desc="student copies", unit="notebook")
    for path in iterator:
        relative = path.relative_to(source_dir)
        notebook = nbformat.read(path, as_version=4)
        try:
            student = student_notebook(notebook)
        except SolutionMarkerError as exc:
            raise SolutionMarkerError(f"{relative}: {exc}") from None
        student.metadata.setdefault("curriculum", {})["source"] = relative.as_posix()
        nbformat.validate(student)
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(student, target)
        written.append(target)
    return written


def course_notebook_key(notebook, path: Path | None = None) -> str | None:
    """The registry key of a notebook (``"ml/01_..._exercises.ipynb"``).

    Read from the notebook's ``curriculum.notebook`` metadata, else guessed from
    the file name and its folder.
    """
    key = notebook.metadata.get("curriculum", {}).get("notebook")
    if key:
        return key
    if path is not None:
        path = Path(path)
        return f"{path.parent.name}/{path.name}"
    return None


def run_notebook_checks(path: Path) -> dict:
    """Run a trusted notebook's code in this process and check each of its exercises.

    Code cells are executed in order in one fresh namespace, with their output
    discarded; ``check(...)`` cells are skipped and a cell that raises (for
    example a student copy's ``NotImplementedError``) does not stop the run.
    Only for the course's own notebooks: untrusted submissions go through the
    sandboxed grader.

    Returns
    -------
    dict
        ``{exercise_id: CheckResult}`` for every exercise of the notebook.
    """
    import contextlib
    import io
    import os

    import nbformat

    from .exercises import exercises_for, run_check
    from .exercises.checker import CheckResult
    from .exercises.judge import CaseOutcome

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    key = course_notebook_key(notebook, path)
    namespace: dict = {"__name__": "__main__"}
    previous = Path.cwd()
    os.chdir(path.parent)
    try:
        for cell in notebook.cells:
            if cell.cell_type != "code" or CHECK_CALL.search(cell.source):
                continue
            code = "\n".join(
                line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))
            )
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                try:
                    exec(compile(code, f"{path.name}", "exec"), namespace)
                except Exception:
                    pass
    finally:
        os.chdir(previous)
    results = {}
    for exercise in exercises_for(key):
        func = namespace.get(exercise.function)
        if func is None:
            results[exercise.id] = CheckResult(
                exercise.id, "error", [CaseOutcome("", "error", f"{exercise.function} is not defined")]
            )
        else:
            results[exercise.id] = run_check(exercise, func)
    return results

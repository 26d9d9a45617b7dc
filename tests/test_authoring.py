"""Student copies: no solution survives, the copy is valid, and its checks all fail."""

from __future__ import annotations

import nbformat
import pytest
from conftest import NOTEBOOKS

from curriculum.authoring import (
    BEGIN,
    END,
    SolutionMarkerError,
    run_notebook_checks,
    strip_solutions,
    student_notebook,
)
from curriculum.exercises import notebooks as exercise_notebooks

ALL_NOTEBOOKS = sorted(p.relative_to(NOTEBOOKS).as_posix() for p in NOTEBOOKS.rglob("*.ipynb"))


def solution_lines(path):
    """Every non-blank line inside a solution region of a notebook."""
    lines = []
    for cell in nbformat.read(path, as_version=4).cells:
        inside = False
        for line in cell.source.splitlines():
            if line.strip().startswith(BEGIN):
                inside = True
            elif line.strip().startswith(END):
                inside = False
            elif inside and line.strip():
                lines.append(line.strip())
    return lines


def test_strip_keeps_indentation_and_counts_regions():
    source = f"def f(x):\n    {BEGIN}\n    return x + 1\n    {END}\n\nprint(1)\n"
    stripped, count = strip_solutions(source)
    assert count == 1
    assert stripped == "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n\nprint(1)\n"


@pytest.mark.parametrize(
    "source",
    [f"{BEGIN}\nx = 1\n", f"x = 1\n{END}\n", f"{BEGIN}\n{BEGIN}\n{END}\n{END}\n"],
)
def test_unbalanced_markers_are_refused(source):
    with pytest.raises(SolutionMarkerError):
        strip_solutions(source)


def test_markdown_regions_become_answer_placeholders():
    stripped, count = strip_solutions(f"Why?\n\n{BEGIN}\nBecause.\n{END}\n", markdown=True)
    assert count == 1 and "Because" not in stripped and "YOUR ANSWER HERE" in stripped


@pytest.mark.parametrize("relative", ALL_NOTEBOOKS)
def test_student_copy_has_no_solution_and_is_valid(relative, student_dir):
    original = NOTEBOOKS / relative
    copy_path = student_dir / relative
    assert copy_path.exists()
    copy = nbformat.read(copy_path, as_version=4)
    nbformat.validate(copy)
    text = "\n".join(cell.source for cell in copy.cells)
    assert BEGIN not in text and END not in text
    # Every solution line that is not also written outside a solution region must be gone.
    outside = "\n".join(
        cell.source for cell in student_notebook(nbformat.read(original, as_version=4)).cells
    )
    for line in solution_lines(original):
        if line not in ("pass", "return x"):
            assert line not in outside, f"solution line survived in {relative}: {line!r}"
    # Outputs of exercise cells are cleared; the lesson's other outputs are kept.
    for cell in copy.cells:
        if cell.cell_type == "code" and ("NotImplementedError" in cell.source or "check(" in cell.source):
            assert cell.outputs == []
    assert copy.metadata["curriculum"]["edition"] == "student"


def test_lesson_outputs_survive_in_the_student_copy(student_dir):
    relative = "ml/01_univariate_linear_regression.ipynb"
    original = nbformat.read(NOTEBOOKS / relative, as_version=4)
    copy = nbformat.read(student_dir / relative, as_version=4)
    assert [c.get("outputs") for c in copy.cells] == [c.get("outputs") for c in original.cells]


@pytest.mark.parametrize("key", exercise_notebooks())
def test_instructor_passes_and_student_fails_every_check(key, student_dir):
    instructor = run_notebook_checks(NOTEBOOKS / key)
    student = run_notebook_checks(student_dir / key)
    assert instructor, f"no exercises found for {key}"
    failing = {k: r.report() for k, r in instructor.items() if not r.passed}
    assert not failing, failing
    assert set(student) == set(instructor)
    assert all(r.status == "not attempted" for r in student.values()), {
        k: r.status for k, r in student.items()
    }

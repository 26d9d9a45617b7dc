"""``curriculum validate``: the course's exercises notebooks pass their checks; student copies pass none."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from .._validation import require
from ._common import find_notebooks_dir


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check that every exercises notebook passes its checks and its student copy passes none",
        description=(
            "For every course notebook that holds exercises: run it (trusted, in this process) and "
            "check that every exercise passes; then make its student copy and check that no "
            "exercise passes. Exit code 1 if anything is wrong."
        ),
    )
    parser.add_argument(
        "--source", type=Path, default=None, help="folder of instructor notebooks (default: notebooks/)"
    )
    parser.set_defaults(handler=run)


def validate(source: Path, keys: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Return (summary lines, problems) for the registered exercises notebooks under ``source``.

    ``keys`` limits the check to some notebooks (registry keys); by default, all.
    """
    import nbformat

    from ..authoring import run_notebook_checks, student_notebook
    from ..exercises import exercises_for, notebooks

    lines, problems = [], []
    with tempfile.TemporaryDirectory(prefix="curriculum-validate-") as tmp:
        for key in keys if keys is not None else notebooks():
            path = source / key
            if not path.exists():
                problems.append(f"{key}: registered exercises, but the notebook is missing")
                continue
            expected = {e.id for e in exercises_for(key)}
            course = run_notebook_checks(path)
            copy = Path(tmp) / key
            copy.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(student_notebook(nbformat.read(path, as_version=4)), copy)
            student = run_notebook_checks(copy)
            passed = sorted(i for i, r in course.items() if r.status == "passed")
            leaked = sorted(i for i, r in student.items() if r.status == "passed")
            for exercise_id in sorted(expected - set(passed)):
                result = course.get(exercise_id)
                detail = result.report().splitlines()[-1] if result is not None and result.outcomes else "not run"
                problems.append(f"{key}: {exercise_id} does not pass in the course notebook: {detail}")
            for exercise_id in leaked:
                problems.append(f"{key}: {exercise_id} passes in the student copy (is its solution marked?)")
            ok = len(passed) == len(expected) and not leaked
            lines.append(
                f"{'✔' if ok else '✘'} {key}: {len(passed)}/{len(expected)} pass in the course notebook, "
                f"{len(leaked)}/{len(expected)} in the student copy"
            )
    return lines, problems


def run(args: argparse.Namespace) -> int:
    require("nbformat", extra="test")
    source = args.source or find_notebooks_dir()
    if source is None or not Path(source).is_dir():
        print(f"curriculum validate: no notebooks folder found at {source or 'notebooks/'}; pass --source.", file=sys.stderr)
        return 2
    lines, problems = validate(Path(source))
    for line in lines:
        print(line)
    for problem in problems:
        print(f"problem: {problem}")
    print(f"{len(lines)} exercises notebook(s) checked, {len(problems)} problem(s)")
    return 1 if problems else 0

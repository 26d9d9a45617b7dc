"""Build submission notebooks for the grader's tests, from the course's own notebook."""

from __future__ import annotations

import copy
import json
import re
import textwrap
from pathlib import Path

from conftest import NOTEBOOKS

KEY = "ml/01_univariate_linear_regression_exercises.ipynb"
COURSE = NOTEBOOKS / KEY
FILE_NAME = Path(KEY).name
FUNCTIONS = ["predict", "loss", "gradient_loop", "gradient", "gradient_descent", "zscore", "min_max"]


def _load() -> dict:
    return json.loads(COURSE.read_text(encoding="utf-8"))


def _source(cell) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def _code_cell(source: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}


def submission(
    folder: Path,
    *,
    replace: dict[str, str] | None = None,
    before: list[str] = (),
    after: list[str] = (),
    unfinished: tuple[str, ...] = (),
    name: str = FILE_NAME,
    metadata: bool = True,
) -> Path:
    """Write a submission: the course notebook (all solutions in) with some changes.

    ``replace`` maps a function name to the new source of the cell defining it
    (dedented); ``before``/``after`` are extra code cells put after the first
    (import) cell or at the end; functions named in ``unfinished`` become
    ``raise NotImplementedError()``.
    """
    notebook = copy.deepcopy(_load())
    replace = {k: textwrap.dedent(v).strip() + "\n" for k, v in (replace or {}).items()}
    cells = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            source = _source(cell)
            match = re.match(r"\s*def (\w+)\(", source)
            if match and match.group(1) in replace:
                cell = dict(cell, source=replace[match.group(1)])
            elif match and match.group(1) in unfinished:
                header = source.split("\n", 1)[0]
                cell = dict(cell, source=f"{header}\n    raise NotImplementedError()\n")
        cells.append(cell)
    extra_before = [_code_cell(textwrap.dedent(s).strip() + "\n") for s in before]
    extra_after = [_code_cell(textwrap.dedent(s).strip() + "\n") for s in after]
    notebook["cells"] = cells[:2] + extra_before + cells[2:] + extra_after
    if not metadata:
        notebook["metadata"].pop("curriculum", None)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return path


def by_student(report: dict) -> dict[str, dict]:
    """Submissions of a report keyed by student (one notebook each in these tests)."""
    return {r["student"]: r for r in report["submissions"]}


def verdicts(result: dict) -> dict[str, str]:
    return {e["function"]: e["verdict"] for e in result["exercises"]}


def exercise(result: dict, function: str) -> dict:
    return next(e for e in result["exercises"] if e["function"] == function)

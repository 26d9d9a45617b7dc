"""Find submissions, read them, and say which course notebook each one answers.

A PATH given to ``curriculum grade`` is a notebook or a folder. In a folder,
a notebook directly inside is one student's submission when its file name is
not a course notebook's name (``alice.ipynb``: student ``alice``), and the
folder's student's otherwise (``alice/01_..._exercises.ipynb`` given as
``alice``); a notebook in a sub-folder belongs to the student named by its
first sub-folder (``cohort/alice/ml/01_..._exercises.ipynb``: ``alice``). A
folder, or a student's sub-folder, without any notebook is reported as an
empty submission rather than skipped.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..authoring import CHECK_CALL
from ..exercises.static import PARSE_LOCK

MAGIC = re.compile(r"^\s*[%!]")


class UsageError(ValueError):
    """A PATH that is not there or is not a notebook (exit code 2)."""


@dataclass
class Submission:
    """One notebook (or one empty folder) to grade."""

    path: Path
    student: str
    display: str
    empty: bool = False

    def digest(self) -> str:
        if self.empty:
            return "empty"
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


@dataclass
class ReadNotebook:
    """What the parent learns from a submission without running it."""

    key: str | None = None
    cells: list[tuple[int, str]] = field(default_factory=list)
    syntax_errors: dict[int, str] = field(default_factory=dict)
    error: str | None = None


def _notebooks_under(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def course_file_names() -> dict[str, str]:
    """Map the file name of every course exercises notebook to its registry key."""
    from ..exercises import notebooks

    return {key.rsplit("/", 1)[-1]: key for key in notebooks()}


def collect(paths: list[Path]) -> list[Submission]:
    """Expand the command's PATHs into submissions; raise :class:`UsageError` for a bad PATH."""
    names = course_file_names()
    found: list[Submission] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{raw}: no such file or folder")
        if path.is_file():
            if path.suffix != ".ipynb":
                raise UsageError(f"{raw}: not a notebook (expected a .ipynb file or a folder)")
            resolved = path.resolve()
            student = resolved.parent.name if path.name in names else path.stem
            found.append(Submission(path, student or path.stem, str(raw)))
            continue
        folder_student = path.resolve().name
        notebooks = _notebooks_under(path)
        subfolders = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
        if not notebooks and not subfolders:
            found.append(Submission(path, folder_student, str(raw), empty=True))
            continue
        for sub in subfolders:
            if not _notebooks_under(sub):
                found.append(Submission(sub, sub.name, str(Path(raw) / sub.name), empty=True))
        for notebook in notebooks:
            relative = notebook.relative_to(path)
            if len(relative.parts) >= 2:
                student = relative.parts[0]
            elif notebook.name in names:
                student = folder_student
            else:
                student = notebook.stem
            found.append(Submission(notebook, student, str(Path(raw) / relative)))
    # The same file named twice (a folder and a file in it) is graded once.
    unique, seen = [], set()
    for submission in found:
        marker = (submission.path.resolve(), submission.empty)
        if marker not in seen:
            seen.add(marker)
            unique.append(submission)
    return unique


def identify(metadata_key: str | None, path: Path) -> str | None:
    """The registry key of the course notebook a submission answers, or None."""
    from ..exercises import notebooks

    keys = set(notebooks())
    if metadata_key in keys:
        return metadata_key
    names = course_file_names()
    if path.name in names:
        return names[path.name]
    # Renamed copies: "01_..._exercises (1).ipynb", "alice_01_..._exercises.ipynb".
    stem = path.stem.lower()
    matches = {key for name, key in names.items() if name[: -len(".ipynb")].lower() in stem}
    if len(matches) == 1:
        return matches.pop()
    return None


def cell_code(source: str) -> str:
    """A code cell's source without IPython magics and shell escapes (kept as blank lines)."""
    return "\n".join("" if MAGIC.match(line) else line for line in source.splitlines())


def read_submission(path: Path) -> ReadNotebook:
    """Read a submission; never raises on a broken file.

    Notebooks in the current format (nbformat 4) are read as JSON directly:
    only the code cells and the metadata are needed, and importing
    :mod:`nbformat` (with its schema validator) costs seconds per process.
    Older formats are converted with :mod:`nbformat`.
    """
    result = ReadNotebook()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        result.error = f"the file could not be read ({exc.strerror})"
        return result
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        result.error = "the file is not a notebook: it is not UTF-8 text"
        return result
    except ValueError as exc:
        result.error = f"the file is not a notebook: invalid JSON ({exc})"
        return result
    except RecursionError:
        result.error = "the file is not a notebook: its JSON is nested too deeply"
        return result
    if not isinstance(data, dict) or not isinstance(data.get("nbformat"), int):
        result.error = "the file is not a notebook: valid JSON, but no 'nbformat' version"
        return result
    if data["nbformat"] != 4:
        try:
            import nbformat

            data = nbformat.reads(raw.decode("utf-8"), as_version=4)
        except Exception as exc:  # nbformat raises several kinds for malformed input
            result.error = f"the file is not a valid notebook ({type(exc).__name__}: {str(exc)[:200]})"
            return result
    cells = data.get("cells")
    if not isinstance(cells, list):
        result.error = "the file is not a valid notebook: 'cells' is not a list"
        return result
    metadata = data.get("metadata", {})
    curriculum_meta = metadata.get("curriculum", {}) if isinstance(metadata, dict) else {}
    key = curriculum_meta.get("notebook") if isinstance(curriculum_meta, dict) else None
    result.key = identify(key if isinstance(key, str) else None, path)
    for index, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(str(s) for s in source)
        if not isinstance(source, str) or CHECK_CALL.search(source):
            continue
        code = cell_code(source)
        try:
            with PARSE_LOCK:
                compile(code, f"<cell {index}>", "exec", dont_inherit=True)
        except SyntaxError as exc:
            result.syntax_errors[index] = f"{exc.msg} (line {exc.lineno})"
        except (ValueError, RecursionError, MemoryError) as exc:
            result.syntax_errors[index] = f"{type(exc).__name__}"
        result.cells.append((index, code))
    return result

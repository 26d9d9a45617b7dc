"""Helpers shared by the sub-commands."""

from __future__ import annotations

from pathlib import Path


def find_notebooks_dir(start: Path | None = None) -> Path | None:
    """Find the course's ``notebooks/`` folder from the current directory upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "notebooks"
        if candidate.is_dir() and (folder / "pyproject.toml").exists():
            return candidate
    return None

"""Shared fixtures and markers for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def pytest_configure(config):
    config.addinivalue_line("markers", "book: needs the built book in _build/html (run after the build)")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def student_dir(tmp_path_factory) -> Path:
    """Student copies of every course notebook, written once per session."""
    from curriculum.authoring import write_student_copies

    out = tmp_path_factory.mktemp("student")
    write_student_copies(NOTEBOOKS, out)
    return out

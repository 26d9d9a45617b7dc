"""The ``curriculum`` command: student copies and deterministic re-execution."""

from __future__ import annotations

import nbformat
import pytest
from conftest import NOTEBOOKS

from curriculum.cli import main


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("student", "execute"):
        assert command in out


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().out


def test_student_writes_every_notebook(tmp_path, capsys):
    out = tmp_path / "student"
    assert main(["student", str(out), "--source", str(NOTEBOOKS)]) == 0
    written = sorted(p.relative_to(out) for p in out.rglob("*.ipynb"))
    expected = sorted(p.relative_to(NOTEBOOKS) for p in NOTEBOOKS.rglob("*.ipynb"))
    assert written == expected
    assert f"wrote {len(expected)} student notebooks" in capsys.readouterr().out


def test_student_reports_a_missing_source(tmp_path, capsys):
    assert main(["student", str(tmp_path / "out"), "--source", str(tmp_path / "nowhere")]) == 2
    assert "no notebooks folder" in capsys.readouterr().out


def test_student_refuses_unbalanced_markers(tmp_path, capsys):
    source = tmp_path / "src"
    source.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("def f():\n    ### BEGIN SOLUTION\n    return 1\n")]
    nbformat.write(notebook, source / "broken.ipynb")
    assert main(["student", str(tmp_path / "out"), "--source", str(source)]) == 2
    assert "never closed" in capsys.readouterr().out


def test_execute_is_deterministic(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("import numpy as np\nrng = np.random.default_rng(0)\nprint(rng.normal(size=3).round(4))"),
        nbformat.v4.new_code_cell("{'b': 1, 'a': 2}"),
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "tiny.ipynb"
    nbformat.write(notebook, path)
    assert main(["execute", str(path), "--jobs", "1"]) == 0
    first = path.read_text()
    executed = nbformat.read(path, as_version=4)
    assert executed.cells[0].outputs[0]["text"].strip() == "[ 0.1257 -0.1321  0.6404]"
    assert main(["execute", str(path), "--jobs", "1"]) == 0
    assert path.read_text() == first


def test_execute_reports_a_failing_notebook(tmp_path, capsys):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("1 / 0")]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "bad.ipynb"
    nbformat.write(notebook, path)
    assert main(["execute", str(path), "--jobs", "1"]) == 1
    assert "FAILED" in capsys.readouterr().out


def test_execute_refuses_a_missing_path(tmp_path, capsys):
    assert main(["execute", str(tmp_path / "missing.ipynb")]) == 2


def test_course_notebooks_are_stored_executed():
    for path in NOTEBOOKS.rglob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code" and c.source.strip()]
        assert all(c.execution_count is not None for c in code), f"{path} has unexecuted cells"
        assert not any(o.get("output_type") == "error" for c in code for o in c.outputs), path



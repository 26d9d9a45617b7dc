"""The grader: finding submissions, the command, its reports, resuming, validate."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import NOTEBOOKS, ROOT
from grading_helpers import FILE_NAME, FUNCTIONS, KEY, by_student, submission, verdicts

from curriculum.grading import Settings, UsageError, grade_paths
from curriculum.grading import engine as engine_module
from curriculum.grading.decode import InvalidData, decode
from curriculum.grading.journal import Journal, journal_path
from curriculum.grading.report import to_csv, to_table
from curriculum.grading.static_scan import forbidden_for, parse_program, tampering
from curriculum.grading.submissions import collect, identify, read_submission

TIMEOUT = "3"


def cli(*args, cwd=None, timeout=240) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "curriculum.cli", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, timeout=timeout,
    )


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """A small cohort: right, wrong, unfinished, broken, empty."""
    folder = tmp_path_factory.mktemp("mixed") / "cohort"
    submission(folder / "ada")
    submission(folder / "bob", replace={"loss": "def loss(x, y, theta):\n    return float(np.mean((theta[0] + theta[1] * x - y) ** 2))"})
    submission(folder / "cy", unfinished=("zscore", "min_max"))
    submission(folder / "dee", replace={"gradient": "def gradient(x, y, theta)\n    pass"})
    (folder / "eve").mkdir()
    return folder


# --- finding and reading submissions ------------------------------------------------


def test_collect_names_students_from_folders_and_files(tmp_path):
    submission(tmp_path / "cohort" / "ann")
    submission(tmp_path / "cohort", name="ben.ipynb")
    (tmp_path / "cohort" / "cat").mkdir()
    found = {s.student: s for s in collect([tmp_path / "cohort"])}
    assert set(found) == {"ann", "ben", "cat"}
    assert found["cat"].empty and not found["ann"].empty
    single = collect([tmp_path / "cohort" / "ann" / FILE_NAME])
    assert [s.student for s in single] == ["ann"]


@pytest.mark.parametrize("bad", ["missing.ipynb", "notes.txt"])
def test_collect_refuses_bad_paths(tmp_path, bad):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(UsageError):
        collect([tmp_path / bad])


def test_course_notebook_is_found_from_metadata_or_file_name(tmp_path):
    renamed = submission(tmp_path, name="homework.ipynb")
    assert read_submission(renamed).key == KEY
    no_meta = submission(tmp_path / "x", metadata=False)
    assert read_submission(no_meta).key == KEY
    assert identify(None, tmp_path / f"alice_{FILE_NAME}") == KEY
    assert identify(None, tmp_path / "something_else.ipynb") is None


def test_reading_skips_check_cells_and_magics(tmp_path):
    path = submission(tmp_path, before=["%matplotlib inline\n!ls\nvalue = 1"])
    read = read_submission(path)
    code = "\n".join(source for _, source in read.cells)
    assert "check(" not in code and "%matplotlib" not in code and "!ls" not in code
    assert "value = 1" in code and not read.syntax_errors


@pytest.mark.parametrize("content", ["{", "[]", '{"cells": []}', "\xff\xfe"])
def test_reading_never_raises_on_garbage(tmp_path, content):
    path = tmp_path / FILE_NAME
    path.write_bytes(content.encode("latin-1"))
    assert read_submission(path).error


# --- static scan and decoding ------------------------------------------------------


def test_static_scan_follows_aliases_and_helpers():
    cells = [
        (1, "import numpy as np\nfrom statistics import mean as average"),
        (2, "def helper(v):\n    return average(v)"),
        (3, "def my_mean(v):\n    return helper(v)"),
        (4, "def clean(v):\n    total = np.sum(v)\n    return total / len(v)"),
        (5, "mean = 3"),
    ]
    program = parse_program(cells)
    assert forbidden_for(program, "my_mean", ("statistics", "np.mean")) == ["statistics"]
    assert forbidden_for(program, "clean", ("statistics", "np.mean")) == []
    assert forbidden_for(program, "clean", ("numpy.sum",)) == ["numpy.sum"]
    assert tampering(program) == []
    builtin_use = parse_program([(1, "def twice(v):\n    return list(map(lambda t: 2 * t, v))"),
                                 (2, "def own(v, filter=None):\n    return [filter(t) for t in v]")])
    assert forbidden_for(builtin_use, "twice", ("builtins.map",)) == ["builtins.map"]
    assert forbidden_for(builtin_use, "own", ("builtins.filter",)) == []


def test_static_scan_allows_check_but_not_the_registry():
    allowed = parse_program([(1, "from curriculum.exercises import check")])
    assert tampering(allowed) == []
    hostile = parse_program([(1, "import curriculum.exercises.registry as r\nfrom curriculum import grading")])
    assert tampering(hostile) == ["curriculum.exercises.registry", "curriculum.grading"]


@pytest.mark.parametrize(
    "data",
    [
        {"__fn__": "system"},
        {"__fn__": ["square"]},
        {"__new__": {"__tuple__": []}},
        {"__ndarray__": "not base64!"},
        {"__dict__": [[1]]},
        "deep",
    ],
)
def test_decoding_child_data_refuses_anything_but_plain_values(data):
    if data == "deep":
        data = 1
        for _ in range(200):
            data = [data]
    with pytest.raises(InvalidData):
        decode(data)


def test_decoding_markers_has_no_side_effects(tmp_path, monkeypatch):
    from curriculum import _wire

    monkeypatch.chdir(tmp_path)
    marker = decode({"__file__": ["x.txt", "content"]})
    assert isinstance(marker, _wire.TextFile) and list(tmp_path.iterdir()) == []
    assert isinstance(decode({"__fn__": "square"}), _wire.Fn)


def test_decoding_round_trips_plain_values():
    import numpy as np

    from curriculum import _wire

    value = {"a": (1, 2.5, "x"), "b": [np.arange(3.0), {1, 2}], "c": None, "d": np.float64(2.0)}
    back = decode(_wire.to_data(value))
    assert back["a"] == (1, 2.5, "x") and back["b"][1] == {1, 2} and back["c"] is None
    assert np.array_equal(back["b"][0], np.arange(3.0)) and back["d"] == 2.0


# --- the command ---------------------------------------------------------------------


def test_cli_usage_errors_exit_2(tmp_path):
    (tmp_path / "notes.txt").write_text("hi")
    for args in ([tmp_path / "nope"], [tmp_path / "notes.txt"], [tmp_path, "--jobs", "0"]):
        done = cli("grade", *args, "--no-progress")
        assert done.returncode == 2, done.stderr
        assert "curriculum grade:" in done.stderr


def test_cli_table_json_csv_and_identical_reruns(mixed, tmp_path):
    first = cli("grade", mixed, "--jobs", "2", "--timeout", TIMEOUT, "--format", "json", "--no-progress")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["schema"] == "curriculum-grade-report" and report["version"] == 1
    results = by_student(report)
    assert verdicts(results["ada"]) == {f: "passed" for f in FUNCTIONS}
    assert verdicts(results["bob"])["loss"] == "failed"
    assert verdicts(results["cy"])["zscore"] == "not attempted"
    assert verdicts(results["dee"])["gradient"] == "missing"
    assert results["eve"]["status"] == "empty"
    assert [s["student"] for s in report["students"]] == ["ada", "bob", "cy", "dee", "eve"]
    assert report["students"][0]["score"] == 1.0
    # The same folder graded again gives the same bytes.
    second = cli("grade", mixed, "--jobs", "2", "--timeout", TIMEOUT, "--format", "json", "--no-progress")
    assert second.stdout == first.stdout
    # The other renderings of the same report.
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert len(rows) == 4 * 7 + 1
    assert {r["verdict"] for r in rows if r["student"] == "bob"} == {"passed", "failed"}
    table = to_table(report)
    assert "\x1b[" not in table and "ada" in table and "mean squared error" in table
    assert "\x1b[31m" in to_table(report, colour=True)


def test_cli_output_file_and_resume(mixed, tmp_path):
    out = tmp_path / "report.csv"
    done = cli("grade", mixed, "--timeout", TIMEOUT, "--jobs", "2", "--format", "csv", "--output", out, "--no-progress")
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("student,path,notebook")
    lines = journal_path(out).read_text().splitlines()
    assert len(lines) == 5


def test_resume_after_a_partial_journal_regrades_only_the_rest(mixed, tmp_path, monkeypatch):
    journal_file = tmp_path / "report.json.journal.jsonl"
    full = grade_paths([mixed], Settings(timeout=3), jobs=2, journal=Journal(journal_file))
    lines = journal_file.read_text().splitlines()
    # Keep two results, and half of a third (a run killed while writing).
    journal_file.write_text("\n".join(lines[:2]) + "\n" + lines[2][: len(lines[2]) // 2])
    graded = []
    original = engine_module.grade_submission

    def counting(submission, *args, **kwargs):
        graded.append(submission.student)
        return original(submission, *args, **kwargs)

    monkeypatch.setattr("curriculum.grading.grade_submission", counting)
    resumed = grade_paths([mixed], Settings(timeout=3), jobs=2, journal=Journal(journal_file))
    assert len(graded) == 3
    assert json.dumps(resumed, sort_keys=True) == json.dumps(full, sort_keys=True)
    # Everything is now stored: a third run grades nothing.
    graded.clear()
    again = grade_paths([mixed], Settings(timeout=3), jobs=2, journal=Journal(journal_file))
    assert graded == [] and again == full


def test_killed_batch_resumes_without_losing_anything(tmp_path):
    folder = tmp_path / "batch"
    for index in range(6):
        # Each notebook sleeps a little so that the kill lands mid-batch.
        submission(folder / f"s{index}", before=["import time\ntime.sleep(0.5)"])
    out = tmp_path / "report.json"
    args = [sys.executable, "-m", "curriculum.cli", "grade", str(folder), "--jobs", "1",
            "--timeout", TIMEOUT, "--format", "json", "--output", str(out), "--no-progress"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    journal = journal_path(out)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if journal.exists() and len(journal.read_text().splitlines()) >= 2:
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done_before = len(journal.read_text().splitlines())
    assert 2 <= done_before < 6 and not out.exists()
    resumed = subprocess.run(args, capture_output=True, text=True, timeout=240)
    assert resumed.returncode == 0, resumed.stderr
    clean = cli("grade", folder, "--jobs", "2", "--timeout", TIMEOUT, "--format", "json", "--no-progress")
    assert out.read_text() == clean.stdout
    report = json.loads(clean.stdout)
    assert report["summary"]["verdicts"]["passed"] == 6 * 7


def test_a_grader_failure_is_exit_code_1_and_the_rest_is_still_graded(mixed, tmp_path, monkeypatch):
    from curriculum.grading import sandbox

    broken = tmp_path / "child.py"
    broken.write_text("import sys\nsys.exit(7)\n")
    monkeypatch.setattr(sandbox, "CHILD_SCRIPT", broken)
    faults = []
    report = grade_paths([mixed], Settings(timeout=3), jobs=2, faults=faults)
    results = by_student(report)
    assert {path for path, _ in faults} == {r["path"] for r in report["submissions"] if r["status"] == "grader error"}
    assert len(faults) == 4 and results["eve"]["status"] == "empty"
    assert "did not start" in results["ada"]["message"] and "exit code 7" in results["ada"]["message"]


# --- other isolation modes -----------------------------------------------------------


def _userns_available() -> bool:
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--net", "--mount", "true"], capture_output=True) \
        if Path("/usr/bin/unshare").exists() else None
    return probe is not None and probe.returncode == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="namespaces are Linux-only")
def test_user_namespace_mode_blocks_writes_and_network(tmp_path):
    if not _userns_available():
        pytest.skip("unprivileged user namespaces are not allowed on this system")
    target = ROOT / f"grader-userns-{os.getpid()}"
    submission(
        tmp_path / "cohort" / "attacker",
        before=[f"try:\n    open({str(target)!r}, 'w').write('x')\nexcept OSError:\n    print('refused')\n"
                "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
                "except OSError as exc:\n    print('offline', type(exc).__name__)"],
    )
    report = grade_paths([tmp_path / "cohort"], Settings(timeout=3, isolation="userns"))
    target.unlink(missing_ok=True)
    entry = by_student(report)["attacker"]
    assert report["isolation"]["mode"] == "user namespace"
    assert report["isolation"]["notes"] == []
    assert verdicts(entry) == {f: "passed" for f in FUNCTIONS}
    assert "refused" in entry["output"] and "offline" in entry["output"]


def test_limits_only_mode_still_grades_and_says_so(tmp_path):
    submission(tmp_path / "cohort" / "ok")
    submission(tmp_path / "cohort" / "loops", replace={"min_max": "def min_max(x):\n    while True:\n        pass"})
    report = grade_paths([tmp_path / "cohort"], Settings(timeout=2, isolation="none"), jobs=2)
    results = by_student(report)
    assert verdicts(results["ok"]) == {f: "passed" for f in FUNCTIONS}
    assert verdicts(results["loops"])["min_max"] == "timeout"
    assert report["isolation"]["mode"] == "none"
    assert "NOT isolated" in to_table(report)


@pytest.mark.skipif(not (hasattr(os, "geteuid") and os.geteuid() == 0), reason="needs root to start a process as another user")
def test_every_process_of_a_dedicated_user_is_killed():
    from curriculum.grading.sandbox import UID_BASE, _kill_all_of_user

    uid = UID_BASE + 4095
    sleeper = subprocess.Popen(["sleep", "60"], user=uid, group=uid, extra_groups=[], start_new_session=True)
    _kill_all_of_user(uid)
    assert sleeper.wait(timeout=10) == -signal.SIGKILL


# --- the whole course and validate -----------------------------------------------------


def test_every_course_notebook_passes_in_the_sandbox_and_its_student_copy_fails(tmp_path, student_dir):
    """Every registered exercise of every course notebook, through the real sandbox."""
    from curriculum.exercises import notebooks

    keys = notebooks()
    course = grade_paths([NOTEBOOKS / k for k in keys], Settings(timeout=20), jobs=2)
    for entry in course["submissions"]:
        assert entry["status"] == "graded", (entry["path"], entry.get("message"))
        bad = {e["id"]: e["message"] for e in entry["exercises"] if e["verdict"] != "passed"}
        assert bad == {}, entry["path"]
    student = grade_paths([student_dir / k for k in keys], Settings(timeout=20), jobs=2)
    for entry in student["submissions"]:
        assert {e["verdict"] for e in entry["exercises"]} == {"not attempted"}, entry["path"]
    assert course["summary"]["exercises"] == student["summary"]["exercises"] > 0


def test_validate_passes_on_the_course():
    done = cli("validate", cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 problem(s)" in done.stdout


def test_validate_catches_an_unmarked_solution(tmp_path):
    from curriculum.commands.validate import validate

    source = tmp_path / "notebooks"
    notebook = json.loads((NOTEBOOKS / KEY).read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if text.startswith("def predict"):
            cell["source"] = "".join(line for line in text.splitlines(keepends=True) if "### " not in line)
    (source / "ml").mkdir(parents=True)
    (source / KEY).write_text(json.dumps(notebook), encoding="utf-8")
    lines, problems = validate(source, keys=[KEY])
    assert any("ml.univariate.predict passes in the student copy" in p for p in problems)
    assert len(lines) == 1 and lines[0].startswith("✘")

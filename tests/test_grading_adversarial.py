"""The grader against hostile and broken submissions.

One cohort of submissions, each attacking the grader in its own way, is graded
once (two at a time, short time limit); each test then checks that the run
completed, that the attack got the right verdict with a useful message, and
that the well-behaved parts of every notebook were still graded right.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from pathlib import Path

import pytest
from conftest import ROOT
from grading_helpers import FILE_NAME, FUNCTIONS, by_student, exercise, submission, verdicts

from curriculum.grading import Settings, grade_paths

TIMEOUT = 2.0
TOKEN = uuid.uuid4().hex[:12]
ORPHAN_MARK = f"grader-orphan-{TOKEN}"
ALL_PASS = {f: "passed" for f in FUNCTIONS}


def passed_except(**changes):
    return {**ALL_PASS, **changes}


class Listener:
    """A TCP server on the loopback interface that counts connections."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self.stop = True
        self.thread.join(timeout=2)
        self.sock.close()


def outside_targets(tmp: Path) -> list[Path]:
    return [tmp / f"outside-{TOKEN}.txt", ROOT / f"grader-pwned-{TOKEN}", Path("/tmp") / f"grader-pwned-{TOKEN}"]


def build_cohort(folder: Path, port: int, outside: list[Path]) -> None:
    S = lambda name, **kw: submission(folder / name, **kw)  # noqa: E731
    S("correct")
    S("unfinished", unfinished=("gradient", "gradient_descent", "min_max"))
    S(
        "wrong",
        replace={
            "predict": "def predict(x, theta):\n    return (theta[0] + theta[1] * np.asarray(x)).reshape(-1, 1)",
            "loss": "def loss(x, y, theta):\n    return float(np.mean((theta[0] + theta[1] * x - y) ** 2))",
            "gradient": (
                "def gradient(x, y, theta):\n    x_b = np.column_stack([np.ones(len(x)), x])\n"
                "    return x_b.T @ (x_b @ theta - y)"
            ),
            "zscore": "def zscore(x):\n    x -= x.mean()\n    x /= x.std()\n    return x",
            "min_max": "def min_max(x):\n    x = np.asarray(x)\n    return (x - x.min()) // (x.max() - x.min())",
        },
    )
    S("renamed", replace={"min_max": "def minmax(x):\n    return x"})
    S("syntax_error", replace={"loss": "def loss(x, y, theta)\n    return 1.0"})
    S("raises_at_import", before=["raise RuntimeError('setup failed')"],
      replace={"zscore": "import nonexistent_module_xyz\n\ndef zscore(x):\n    return x"})
    S("endless_loop", replace={"min_max": "def min_max(x):\n    while True:\n        pass"})
    S("endless_cell", before=["while True:\n    pass"])
    S(
        "stubborn_loop",  # catches the in-process alarm: only the grader's deadline stops it
        replace={"gradient_loop": (
            "def gradient_loop(x, y, theta):\n    while True:\n        try:\n            while True:\n"
            "                pass\n        except BaseException:\n            pass"
        )},
    )
    S("memory_bomb", replace={"min_max": "def min_max(x):\n    big = np.ones(50 * 1024**3 // 8)\n    return big[: len(x)]"},
      before=["hog = bytearray(50 * 1024**3)"])
    S("sys_exit", replace={"predict": "def predict(x, theta):\n    import sys\n    sys.exit()"})
    S("os_exit", replace={"gradient_loop": "def gradient_loop(x, y, theta):\n    import os\n    os._exit(0)"})
    S("exit_at_import", after=["import os\nos._exit(3)"])
    S(
        "prints_100mb",
        before=["print('x' * 100_000_000)"],
        replace={"min_max": (
            "def min_max(x):\n    import os\n    os.write(1, b'y' * 100_000_000)\n"
            "    x = np.asarray(x, dtype=float)\n    return (x - x.min()) / (x.max() - x.min())"
        )},
    )
    S(
        "spawns_orphans",
        before=[
            f"""
            import os, subprocess, sys
            subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)  # {ORPHAN_MARK}'],
                             start_new_session=True)
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(301)  # {ORPHAN_MARK}'])
                os._exit(0)
            """
        ],
    )
    targets = ", ".join(repr(str(p)) for p in outside)
    S(
        "writes_outside",
        before=[
            f"""
            for target in [{targets}]:
                try:
                    with open(target, 'w') as handle:
                        handle.write('pwned')
                    print('WROTE', target)
                except OSError as exc:
                    print('refused', type(exc).__name__)
            with open('scratch-file.txt', 'w') as handle:
                handle.write('fine')
            """
        ],
    )
    S(
        "network",
        before=[
            f"""
            import socket
            try:
                socket.create_connection(('127.0.0.1', {port}), timeout=2).close()
                print('CONNECTED')
            except OSError as exc:
                print('no network:', type(exc).__name__)
            """
        ],
    )
    S(
        "reads_solutions",
        replace={
            "predict": """
            def predict(x, theta):
                import curriculum, pathlib
                source = pathlib.Path(curriculum.__file__).parent / 'exercises' / 'catalog' / 'ml' / 'univariate.py'
                text = source.read_text()
                return None
            """,
            "min_max": f"""
            def min_max(x):
                import json
                course = json.load(open({str(ROOT / 'notebooks' / 'ml' / FILE_NAME)!r}))
                return None
            """,
        },
    )
    S("imports_reference", replace={
        "zscore": "def zscore(x):\n    from curriculum.exercises.catalog.ml.univariate import zscore as z\n    return z(x)"})
    S("dynamic_import", replace={"min_max": (
        "def min_max(x):\n    import importlib\n"
        "    registry = importlib.import_module('curriculum.' + 'exercises.registry')\n"
        "    return registry.get('ml.univariate.min_max').reference(x)"
    )})
    S("library_function", replace={
        "zscore": "def zscore(x):\n    from curriculum.preprocessing import StandardScaler\n    return x",
        "min_max": "def min_max(x):\n    from sklearn.preprocessing import minmax_scale\n    return minmax_scale(x)",
    })
    S("runtime_sklearn", replace={"min_max": (
        "def min_max(x):\n    mod = __import__('sk' + 'learn.preprocessing', fromlist=['minmax_scale'])\n"
        "    return mod.minmax_scale(x)"
    )})
    S("runtime_library", replace={"min_max": (
        "def min_max(x):\n    namespace = {}\n"
        "    exec('import curriculum.linear' + '_model as lm', namespace)\n    return x"
    )})
    S(
        "monkeypatch",
        before=[
            """
            import numpy
            numpy.allclose = lambda *a, **k: True
            numpy.isclose = lambda a, b, **k: numpy.ones(numpy.shape(a), bool)
            numpy.array_equal = lambda *a, **k: True
            import curriculum.exercises
            curriculum.exercises.check = lambda *a, **k: True
            """
        ],
        replace={"loss": "def loss(x, y, theta):\n    return 0.0"},
    )
    S(
        "liars",
        replace={
            "loss": (
                "def loss(x, y, theta):\n    class Agree:\n        def __eq__(self, other):\n"
                "            return True\n        __hash__ = None\n    return Agree()"
            ),
            "min_max": (
                "def min_max(x):\n    class Lie(np.ndarray):\n        def __eq__(self, other):\n"
                "            return np.ones(self.shape, bool)\n        def all(self, *a, **k):\n"
                "            return True\n        def __array__(self, *a, **k):\n"
                "            return np.full(self.shape, 0.5)\n"
                "    return np.zeros(len(x)).view(Lie)"
            ),
        },
    )
    S(
        "forges_answers",  # writes fake protocol messages to every descriptor it can find
        after=[
            """
            import os, json
            fake = json.dumps({"executed": {"errors": []}}) + "\\n"
            for fd in range(3, 64):
                try:
                    os.write(fd, fake.encode() + b"not json at all\\n")
                except OSError:
                    pass
            """
        ],
    )
    (folder / "invalid_json").mkdir()
    (folder / "invalid_json" / FILE_NAME).write_text("{ this is not json", encoding="utf-8")
    (folder / "not_a_notebook").mkdir()
    (folder / "not_a_notebook" / FILE_NAME).write_text("[1, 2, 3]", encoding="utf-8")
    (folder / "empty_folder").mkdir()


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cohort")
    folder = tmp / "submissions"
    listener = Listener()
    outside = outside_targets(tmp)
    build_cohort(folder, listener.port, outside)
    try:
        report = grade_paths([folder], Settings(timeout=TIMEOUT), jobs=2)
    finally:
        listener.close()
    written = [p for p in outside if p.exists()]
    for path in written:
        path.unlink()
    return {"report": report, "results": by_student(report), "listener": listener, "written": written}


def isolated(report) -> bool:
    return (report.get("isolation") or {}).get("mode") not in (None, "none")


def result(cohort, name):
    entry = cohort["results"][name]
    if name not in ("invalid_json", "not_a_notebook", "empty_folder"):
        assert entry["status"] == "graded", (entry["status"], entry["message"])
    return entry


def test_every_submission_has_a_result(cohort):
    results = cohort["results"]
    assert len(results) == 29
    for name, entry in results.items():
        if entry["status"] == "graded":
            assert [e["function"] for e in entry["exercises"]] == FUNCTIONS, name


def test_correct_submission_passes_everything(cohort):
    entry = result(cohort, "correct")
    assert verdicts(entry) == ALL_PASS
    assert entry["score"] == 1.0
    assert "J after 50 steps" in entry["output"]


def test_unfinished_functions_are_not_attempted(cohort):
    entry = result(cohort, "unfinished")
    assert verdicts(entry) == passed_except(
        gradient="not attempted", gradient_descent="not attempted", min_max="not attempted"
    )
    assert entry["passed"] == 4 and entry["total"] == 7


def test_typical_mistakes_fail_with_their_hint(cohort):
    entry = result(cohort, "wrong")
    got = verdicts(entry)
    for name in ("predict", "loss", "gradient", "zscore", "min_max"):
        assert got[name] == "failed", name
    assert "shape (3, 1)" in exercise(entry, "predict")["message"]
    assert "mean squared error" in exercise(entry, "loss")["hint"]
    assert "divide by m" in exercise(entry, "gradient")["hint"]
    assert "modified its input" in exercise(entry, "zscore")["message"]
    assert "case 1" in exercise(entry, "loss")["message"]
    assert got["gradient_loop"] == "passed"


def test_misnamed_function_is_missing(cohort):
    entry = result(cohort, "renamed")
    assert verdicts(entry) == passed_except(min_max="missing")
    assert "min_max" in exercise(entry, "min_max")["message"]


def test_syntax_error_makes_the_function_missing_and_says_where(cohort):
    entry = result(cohort, "syntax_error")
    assert verdicts(entry)["loss"] == "missing"
    message = exercise(entry, "loss")["message"]
    assert "syntax error" in message and "cell" in message
    assert verdicts(entry)["predict"] == "passed"
    assert any("syntax error" in note for note in entry["notes"])


def test_exception_at_import_is_a_note_and_only_its_cell_is_lost(cohort):
    entry = result(cohort, "raises_at_import")
    assert verdicts(entry) == passed_except(min_max="passed", zscore="missing")
    assert "ModuleNotFoundError" in exercise(entry, "zscore")["message"]
    assert any("RuntimeError: setup failed" in note for note in entry["notes"])


def test_endless_loop_in_a_function_is_a_timeout(cohort):
    entry = result(cohort, "endless_loop")
    assert verdicts(entry) == passed_except(min_max="timeout")
    assert "did not return" in exercise(entry, "min_max")["message"]


def test_endless_loop_at_top_level_only_loses_that_cell(cohort):
    entry = result(cohort, "endless_cell")
    assert verdicts(entry) == ALL_PASS
    assert any("GradingTimeout" in note or "time limit" in note for note in entry["notes"])


def test_loop_that_catches_the_alarm_is_killed_and_the_rest_still_graded(cohort):
    entry = result(cohort, "stubborn_loop")
    assert verdicts(entry) == passed_except(gradient_loop="timeout")


def test_memory_bomb_is_an_error_naming_the_memory_limit(cohort):
    entry = result(cohort, "memory_bomb")
    assert verdicts(entry) == passed_except(min_max="error")
    message = exercise(entry, "min_max")["message"]
    assert "MemoryError" in message and "memory limit" in message
    assert any("MemoryError" in note for note in entry["notes"])


def test_sys_exit_in_a_function_is_an_error(cohort):
    entry = result(cohort, "sys_exit")
    got = verdicts(entry)
    assert got["predict"] == "error"
    assert "SystemExit" in exercise(entry, "predict")["message"]
    assert "sys.exit" in exercise(entry, "predict")["message"]
    assert got["gradient"] == got["zscore"] == got["min_max"] == "passed"


def test_os_exit_in_a_function_is_an_error_and_later_exercises_are_graded(cohort):
    entry = result(cohort, "os_exit")
    assert verdicts(entry) == passed_except(gradient_loop="error")
    assert "process ended" in exercise(entry, "gradient_loop")["message"]


def test_exit_at_top_level_skips_that_cell(cohort):
    entry = result(cohort, "exit_at_import")
    assert verdicts(entry) == ALL_PASS
    assert any("ended the process" in note and "skipped" in note for note in entry["notes"])


def test_huge_output_is_truncated(cohort):
    entry = result(cohort, "prints_100mb")
    assert verdicts(entry) == ALL_PASS
    assert len(entry["output"]) < 50_000
    assert "not kept" in entry["output"]


def _processes_with(mark: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if mark.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to look for processes")
def test_processes_started_by_a_submission_do_not_outlive_grading(cohort):
    entry = result(cohort, "spawns_orphans")
    assert verdicts(entry) == ALL_PASS
    survivors = _processes_with(ORPHAN_MARK)
    for pid in survivors:  # do not leave them behind whatever the outcome
        try:
            os.kill(pid, 9)
        except OSError:
            pass
    assert survivors == []


def test_writing_outside_the_scratch_folder_is_blocked(cohort):
    if not isolated(cohort["report"]):
        pytest.skip("no namespaces on this system: the grader cannot block writes (documented)")
    entry = result(cohort, "writes_outside")
    assert verdicts(entry) == ALL_PASS
    assert cohort["written"] == []
    assert "WROTE" not in entry["output"] and entry["output"].count("refused") == 3


def test_network_is_blocked(cohort):
    if not isolated(cohort["report"]):
        pytest.skip("no network namespace on this system: the grader cannot block the network (documented)")
    entry = result(cohort, "network")
    assert verdicts(entry) == ALL_PASS
    assert cohort["listener"].connections == 0
    assert "no network" in entry["output"]


def test_reference_solutions_and_course_notebooks_cannot_be_read(cohort):
    if not isolated(cohort["report"]):
        pytest.skip("no mount namespace on this system: files stay readable (documented)")
    entry = result(cohort, "reads_solutions")
    got = verdicts(entry)
    assert got["predict"] == "error" and got["min_max"] == "error"
    assert "FileNotFoundError" in exercise(entry, "predict")["message"]
    assert "FileNotFoundError" in exercise(entry, "min_max")["message"]


def test_importing_the_reference_is_forbidden(cohort):
    entry = result(cohort, "imports_reference")
    assert set(verdicts(entry).values()) == {"forbidden"}
    assert "curriculum.exercises.catalog" in exercise(entry, "zscore")["message"]


def test_importing_the_registry_at_run_time_is_forbidden(cohort):
    entry = result(cohort, "dynamic_import")
    assert verdicts(entry) == passed_except(min_max="forbidden")
    assert "curriculum.exercises.registry" in exercise(entry, "min_max")["message"]


def test_library_functions_the_exercise_forbids(cohort):
    entry = result(cohort, "library_function")
    assert verdicts(entry) == passed_except(zscore="forbidden", min_max="forbidden")
    assert "curriculum.preprocessing" in exercise(entry, "zscore")["message"]
    assert "sklearn" in exercise(entry, "min_max")["message"]


def test_forbidden_module_imported_at_run_time_is_caught(cohort):
    entry = result(cohort, "runtime_sklearn")
    assert verdicts(entry) == passed_except(min_max="forbidden")
    assert "sklearn" in exercise(entry, "min_max")["message"]


def test_module_the_exercise_forbids_imported_at_run_time_is_caught(cohort):
    entry = result(cohort, "runtime_library")
    assert verdicts(entry) == passed_except(min_max="forbidden")
    assert "curriculum.linear_model" in exercise(entry, "min_max")["message"]


def test_monkeypatching_numpy_or_check_changes_nothing(cohort):
    entry = result(cohort, "monkeypatch")
    got = verdicts(entry)
    assert got["loss"] == "failed" and got["gradient_descent"] == "failed"
    assert got["predict"] == got["gradient"] == "passed"


def test_objects_that_lie_about_equality_fail(cohort):
    entry = result(cohort, "liars")
    got = verdicts(entry)
    assert got["loss"] == "failed" and "not plain data" in exercise(entry, "loss")["message"]
    assert got["min_max"] == "failed" and "differs" in exercise(entry, "min_max")["message"]
    assert " at 0x" not in exercise(entry, "loss")["message"]


def test_forged_protocol_messages_earn_nothing(cohort):
    # Forged messages can only spoil the forger's own results: never a pass it did not earn.
    entry = result(cohort, "forges_answers")
    assert set(verdicts(entry).values()) <= {"passed", "error"}
    assert "error" in verdicts(entry).values()


def test_invalid_notebooks_are_reported_not_fatal(cohort):
    for name, words in (("invalid_json", "invalid JSON"), ("not_a_notebook", "not a notebook")):
        entry = result(cohort, name)
        assert entry["status"] == "unreadable"
        assert words in entry["message"]
        assert set(verdicts(entry).values()) == {"error"} and entry["total"] == 7


def test_empty_folder_is_an_empty_submission(cohort):
    entry = result(cohort, "empty_folder")
    assert entry["status"] == "empty" and entry["total"] == 0 and entry["score"] is None


def test_report_names_the_isolation_in_force(cohort):
    isolation = cohort["report"]["isolation"]
    assert isolation["mode"] in ("root", "user namespace", "none")
    if hasattr(os, "geteuid") and os.geteuid() == 0 and Path("/proc/self/ns/net").exists():
        assert isolation["mode"] == "root"
        assert "blocked" in isolation["network"]

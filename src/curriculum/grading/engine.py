"""Grade one submission: read it, scan it, run it in a sandbox, judge the answers.

Expected outputs, hidden cases and the known mistakes are computed here, in
the grader's process, from the registry; the child only ever receives inputs.
Every answer is judged with :func:`curriculum.exercises.judge.judge_case`, the
same function the notebook's ``check`` uses, so a verdict never depends on
where the code ran.
"""

from __future__ import annotations

import re
import shutil
import sys
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from .. import _wire
from ..exercises import Exercise, exercises_for
from ..exercises.checker import expected_output, mistake_outputs, overall_status
from ..exercises.judge import CaseOutcome, judge_case
from ..exercises.static import function_source, has_loop
from . import static_scan
from .decode import InvalidData, decode
from .sandbox import (
    Child,
    ChildDied,
    ChildGarbage,
    ChildTimeout,
    Limits,
    SandboxPolicy,
    make_scratch,
)
from .submissions import ReadNotebook, Submission, read_submission

VERDICTS = ("passed", "failed", "forbidden", "error", "timeout", "missing", "not attempted")
BLOCKED_ALWAYS = ["curriculum.exercises", "curriculum.grading", "curriculum.cli", "curriculum.commands", "sklearn"]
DEFAULT_SEED = "curriculum-grade"
STARTUP_SECONDS = 60.0
GRACE_SECONDS = 3.0
MAX_STARTS = 4
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


class GraderFault(RuntimeError):
    """Something failed on the grader's side (not the submission's): exit code 1."""


@dataclass
class Settings:
    """How to grade (the command's options)."""

    timeout: float = 10.0
    memory_mb: int = 1024
    seed: str = DEFAULT_SEED
    isolation: str = "auto"  # the sandbox mode, see SandboxPolicy
    policy: SandboxPolicy | None = None  # None: sandbox.default_policy() hiding the PATHs too
    output_chars: int = 4000
    scratch_base: Path | None = None

    def limits(self) -> Limits:
        return Limits(timeout=self.timeout, memory_mb=self.memory_mb, output_chars=max(self.output_chars, 1000))

    def fingerprint(self) -> str:
        """What a stored result depends on besides the file: a change means grading again."""
        from .. import exercises

        ids = ",".join(e.id for e in exercises.all_exercises())
        text = f"{self.timeout}|{self.memory_mb}|{self.seed}|{self.isolation}|{ids}|{_version()}"
        return f"{zlib.crc32(text.encode()):08x}"


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("curriculum")
    except Exception:
        return "unknown"


def hidden_seed(seed: str, exercise_id: str) -> int:
    """The seed of an exercise's random cases when grading (not the notebook's)."""
    return zlib.crc32(f"{seed}:{exercise_id}".encode())


@dataclass
class PreparedCase:
    label: str
    request: dict
    expected: object
    inputs_before: object
    case: object


class Expectations:
    """Cases, expected outputs and mistake outputs per exercise, computed once per run."""

    def __init__(self, seed: str):
        self.seed = seed
        self._cases: dict[str, list[PreparedCase]] = {}
        self._mistakes: dict[tuple[str, int], list] = {}
        self._modules: dict[str, bool] = {}
        self._lock = threading.Lock()

    def cases(self, exercise: Exercise) -> list[PreparedCase]:
        with self._lock:
            if exercise.id not in self._cases:
                prepared = []
                for case in exercise.cases(hidden_seed(self.seed, exercise.id)):
                    prepared.append(
                        PreparedCase(
                            label=case.label,
                            request={
                                "args": _wire.encode_input(tuple(case.args)),
                                "kwargs": _wire.encode_input(dict(case.kwargs)),
                                "steps": _wire.encode_input(tuple(case.steps)),
                            },
                            expected=_wire.from_data(expected_output(exercise, case)),
                            inputs_before=_wire.from_data(_wire.encode_input((tuple(case.args), case.kwargs))),
                            case=case,
                        )
                    )
                self._cases[exercise.id] = prepared
            return self._cases[exercise.id]

    def mistakes(self, exercise: Exercise, index: int) -> list:
        key = (exercise.id, index)
        with self._lock:
            if key not in self._mistakes:
                self._mistakes[key] = mistake_outputs(exercise, self._cases[exercise.id][index].case)
            return self._mistakes[key]

    def blocked_modules(self, exercise: Exercise) -> list[str]:
        """The forbidden entries of an exercise that are modules (refused at import in the child)."""
        modules = []
        for entry in (*static_scan.ALWAYS_FORBIDDEN, *exercise.forbidden):
            if entry.startswith(".") or entry.startswith("np."):
                continue
            with self._lock:
                if entry not in self._modules:
                    self._modules[entry] = is_module(entry)
                if self._modules[entry]:
                    modules.append(entry)
        return modules


def is_module(name: str) -> bool:
    """True if ``name`` is an importable module, found without importing anything."""
    import importlib.machinery
    import importlib.util

    parts = name.split(".")
    try:
        spec = importlib.util.find_spec(parts[0]) if parts[0] not in sys.modules else sys.modules[parts[0]].__spec__
        for index in range(1, len(parts)):
            locations = getattr(spec, "submodule_search_locations", None) if spec is not None else None
            if not locations:
                return False
            spec = importlib.machinery.PathFinder.find_spec(".".join(parts[: index + 1]), list(locations))
    except (ImportError, ValueError, AttributeError):
        return False
    return spec is not None


def exercise_result(exercise: Exercise, verdict: str, message: str = "", hint: str = "", case: str | None = None) -> dict:
    return {
        "id": exercise.id,
        "function": exercise.function,
        "title": exercise.title,
        "verdict": verdict,
        "message": ADDRESS.sub("", message),
        "hint": hint,
        "case": case,
        "warnings": [],
    }


def _submission_result(submission: Submission, digest: str) -> dict:
    return {
        "path": submission.display,
        "student": submission.student,
        "sha256": digest,
        "notebook": None,
        "status": "graded",
        "message": "",
        "exercises": [],
        "passed": 0,
        "total": 0,
        "score": None,
        "notes": [],
        "output": "",
        "isolation": None,
    }


def _finish(result: dict) -> dict:
    result["total"] = len(result["exercises"])
    result["passed"] = sum(e["verdict"] == "passed" for e in result["exercises"])
    result["score"] = round(result["passed"] / result["total"], 4) if result["total"] else None
    return result


def grade_submission(submission: Submission, settings: Settings, expectations: Expectations) -> dict:
    """Grade one submission; every problem of the submission becomes part of the result."""
    digest = submission.digest()
    result = _submission_result(submission, digest)
    if submission.empty:
        result["status"] = "empty"
        result["message"] = "no notebook was found in this folder"
        return _finish(result)
    read = read_submission(submission.path)
    if read.error:
        result["status"] = "unreadable"
        result["message"] = read.error
        from .submissions import identify

        key = identify(None, submission.path)
        if key:
            result["notebook"] = key
            result["exercises"] = [
                exercise_result(e, "error", f"not graded: {read.error}") for e in exercises_for(key)
            ]
        return _finish(result)
    if read.key is None:
        result["status"] = "unknown notebook"
        result["message"] = (
            "could not tell which course notebook this is: it has no 'curriculum.notebook' "
            "metadata and its file name matches no course exercises notebook"
        )
        return _finish(result)
    result["notebook"] = read.key
    exercises = exercises_for(read.key)
    program = static_scan.parse_program(read.cells)
    verdicts: dict[str, dict] = {}
    tampering = static_scan.tampering(program)
    for exercise in exercises:
        if tampering:
            verdicts[exercise.id] = exercise_result(
                exercise, "forbidden",
                f"the notebook uses {', '.join(tampering)}: submissions may not read the "
                f"exercises' answers or the grader",
            )
            continue
        used = static_scan.forbidden_for(program, exercise.function, exercise.forbidden)
        if used:
            verdicts[exercise.id] = exercise_result(
                exercise, "forbidden", f"{exercise.function} uses {', '.join(used)}, which this exercise does not allow"
            )
    to_run = [e for e in exercises if e.id not in verdicts]
    if to_run:
        _run_in_sandbox(submission, read, to_run, settings, expectations, verdicts, result)
    code = "\n\n".join(source for _, source in read.cells)
    for exercise in exercises:
        entry = verdicts[exercise.id]
        if exercise.vectorised and entry["verdict"] == "passed":
            source = function_source(code, exercise.function)
            if source and has_loop(source):
                entry["warnings"].append("uses a Python loop or comprehension; the exercise asks for a vectorised version")
        result["exercises"].append(entry)
    return _finish(_scrub(result, result.pop("_scratch", [])))


def _scrub(result: dict, scratches: list[str]) -> dict:
    """Replace the random scratch paths (limits-only mode) so that reports repeat exactly."""
    def clean(text: str) -> str:
        for path in scratches:
            text = text.replace(path, "<scratch>")
        return text

    result["output"] = clean(result["output"])
    result["notes"] = [clean(n) for n in result["notes"]]
    for entry in result["exercises"]:
        entry["message"] = clean(entry["message"])
    return result


def _defining_cell(read: ReadNotebook, name: str) -> int | None:
    pattern = re.compile(rf"^\s*(?:async\s+)?(?:def|class)\s+{re.escape(name)}\b|^\s*{re.escape(name)}\s*=", re.M)
    for index, source in read.cells:
        if pattern.search(source):
            return index
    return None


def _missing_message(exercise: Exercise, read: ReadNotebook, cell_errors: list[dict]) -> str:
    name = exercise.function
    message = f"no function or class named {name} is defined"
    cell = _defining_cell(read, name)
    if cell is None:
        return message + " (check the spelling of its name)"
    if cell in read.syntax_errors:
        return message + f": cell {cell}, which defines it, has a syntax error: {read.syntax_errors[cell]}"
    for error in cell_errors:
        if error.get("cell") == cell and "type" in error:
            return message + f": cell {cell} raised {error['type']}: {error.get('message', '')} before defining it"
    return message


def _run_in_sandbox(submission, read, to_run, settings, expectations, verdicts, result) -> None:
    """Run the submission in as many child processes as it takes.

    A cell that ends the process or runs past every time limit is skipped in
    the next start; an exercise that does so gets its verdict, and the
    exercises after it run in a fresh child.
    """
    limits = settings.limits()
    pending = list(to_run)
    skipped: dict[int, str] = {}
    starts = 0
    first = True
    cell_errors: list[dict] | None = None
    while pending:
        starts += 1
        if starts > MAX_STARTS:
            for exercise in pending:
                verdicts[exercise.id] = exercise_result(
                    exercise, "error", "not run: the submission's process ended too many times"
                )
            break
        scratch = make_scratch(submission.path, settings.scratch_base)
        result.setdefault("_scratch", []).append(str(scratch))
        child = Child(scratch, limits, settings.policy)
        cells = [(i, code) for i, code in read.cells if i not in skipped]
        try:
            try:
                # A child that dies at once makes start() itself fail (a broken pipe).
                child.start(cells, BLOCKED_ALWAYS, len(pending))
                ready = child.receive(STARTUP_SECONDS)
            except (ChildTimeout, ChildDied, ChildGarbage) as exc:
                raise GraderFault(
                    f"the sandbox did not start ({type(exc).__name__}; {child.exit_description()}): "
                    f"{child.output()[-500:]}"
                ) from None
            if first:
                result["isolation"] = ready.get("ready")
            failure = _run_notebook(child, limits)
            if failure is not None:
                cell, verdict, message = failure
                if cell is not None and cell not in skipped:
                    skipped[cell] = message
                    continue  # start again without that cell
                for exercise in pending:
                    verdicts[exercise.id] = exercise_result(exercise, verdict, f"{message}; nothing could be graded")
                break
            if cell_errors is None:
                cell_errors = child.executed[1]
            while pending:
                exercise = pending.pop(0)
                verdicts[exercise.id] = _run_exercise(child, exercise, read, limits, expectations, cell_errors)
                if child.dead:
                    break
        finally:
            child.close()
            if first:
                result["output"] = ADDRESS.sub("", child.output())
            first = False
            shutil.rmtree(scratch, ignore_errors=True)
    result["notes"] = _notes(read, cell_errors or [], skipped)


def _notes(read: ReadNotebook, errors: list[dict], skipped: dict[int, str]) -> list[str]:
    notes = [f"cell {cell}: syntax error: {message}" for cell, message in sorted(read.syntax_errors.items())]
    for error in errors:
        if "blocked" in error:
            notes.append(f"cell {error['cell']}: import refused while grading: {', '.join(map(str, error['blocked']))}")
        elif error.get("type") and error.get("type") != "SyntaxError":
            where = f" ({error['where']})" if error.get("where") else ""
            notes.append(f"cell {error['cell']}: raised {error['type']}: {error.get('message', '')}{where}")
    for _, message in sorted(skipped.items()):
        notes.append(f"{message}; the cell was skipped")
    return [ADDRESS.sub("", str(n)) for n in notes]


def _run_notebook(child, limits):
    """Run the notebook's cells; return None, or (cell, verdict, message) if the process was lost."""
    child.dead = False
    cell = None
    total_deadline = time.monotonic() + 5 * limits.timeout + GRACE_SECONDS
    while True:
        left = min(limits.timeout + GRACE_SECONDS, total_deadline - time.monotonic())
        try:
            message = child.receive(max(left, 0.0))
        except ChildTimeout:
            child.dead = True
            where = f"cell {cell}" if cell is not None else "the notebook's code"
            return cell, "timeout", f"{where} did not finish within the time limit"
        except (ChildDied, ChildGarbage) as exc:
            child.dead = True
            how = child.exit_description() if isinstance(exc, ChildDied) else str(exc)
            where = f"cell {cell}" if cell is not None else "the notebook's code"
            return cell, "error", f"{where} ended the process ({how})"
        if "cell" in message:
            cell = message["cell"]
        elif "executed" in message:
            executed = message["executed"]
            errors = executed.get("errors", []) if isinstance(executed, dict) else []
            child.executed = (executed, [e for e in errors if isinstance(e, dict)])
            return None


def _tampering_from_cells(errors: list[dict]) -> list[str]:
    hits = set()
    for error in errors:
        for name in error.get("blocked", []):
            if any(str(name) == p or str(name).startswith(p + ".") for p in static_scan.TAMPERING):
                hits.add(str(name))
    return sorted(hits)


def _run_exercise(child, exercise: Exercise, read, limits, expectations: Expectations, cell_errors) -> dict:
    tampered = _tampering_from_cells(cell_errors)
    if tampered:
        return exercise_result(
            exercise, "forbidden", f"the notebook tried to import {', '.join(tampered)}, which submissions may not use"
        )
    cases = expectations.cases(exercise)
    request = {
        "exercise": exercise.id,
        "function": exercise.function,
        "view": list(exercise.view),
        "blocked": expectations.blocked_modules(exercise),
        "cases": [c.request for c in cases],
    }
    try:
        child.send(request)
        reply = child.receive(limits.timeout + GRACE_SECONDS)
    except ChildTimeout:
        child.dead = True
        return exercise_result(
            exercise, "timeout", f"{exercise.function} did not return within {limits.timeout:g} s (an endless loop?)"
        )
    except ChildDied:
        child.dead = True
        how = child.exit_description()
        return exercise_result(
            exercise, "error",
            f"the process ended ({how}) while running {exercise.function}: a graded function must return "
            f"its result, not exit (os._exit, a crash, or the memory limit of {limits.memory_mb} MB)",
        )
    except ChildGarbage as exc:
        child.dead = True
        return exercise_result(exercise, "error", f"the process sent {exc} while running {exercise.function}")
    if reply.get("exercise") != exercise.id:
        child.dead = True
        return exercise_result(exercise, "error", f"the process answered out of turn while running {exercise.function}")
    return judge_reply(exercise, reply, read, limits, expectations, cell_errors)


def judge_reply(exercise: Exercise, reply: dict, read, limits, expectations: Expectations, cell_errors) -> dict:
    """Turn the child's answer for one exercise into a verdict."""
    name = exercise.function
    status = reply.get("status")
    blocked = [str(b) for b in reply.get("blocked", []) if isinstance(b, str)]
    if blocked:
        return exercise_result(
            exercise, "forbidden", f"{name} tried to import {', '.join(blocked)}, which this exercise does not allow"
        )
    if status == "missing":
        return exercise_result(exercise, "missing", _missing_message(exercise, read, cell_errors))
    if status == "not callable":
        return exercise_result(exercise, "error", f"{name} is a {str(reply.get('type'))[:60]}, not a function or class")
    if status == "crashed":
        error = reply.get("error") or {}
        return exercise_result(
            exercise, "error", f"running {name} failed: {str(error.get('type'))[:60]}: {str(error.get('message'))[:300]}"
        )
    if status != "ran" or not isinstance(reply.get("results"), list):
        return exercise_result(exercise, "error", f"the process sent an answer the grader does not understand for {name}")
    cases = expectations.cases(exercise)
    outcomes: list[CaseOutcome] = []
    for index, item in enumerate(reply["results"][: len(cases)]):
        prepared = cases[index]
        try:
            if not isinstance(item, list) or len(item) != 2:
                raise InvalidData("a malformed answer")
            got, after = decode(item[0]), decode(item[1])
        except InvalidData as exc:
            return exercise_result(exercise, "error", f"case {index + 1}: the result could not be read: {exc}")
        if isinstance(got, _wire.Raised) and got.type_name == "GradingTimeout":
            return exercise_result(
                exercise, "timeout", f"case {index + 1} ({prepared.label}): {name} did not return within "
                f"{limits.timeout:g} s (an endless loop?)", case=prepared.label,
            )
        try:
            outcome = judge_case(
                prepared.label, prepared.expected, got,
                rtol=exercise.rtol, atol=exercise.atol,
                inputs_before=prepared.inputs_before, inputs_after=after,
                mistake_outputs=lambda index=index: expectations.mistakes(exercise, index),
            )
        except Exception as exc:  # a strange value the comparison cannot handle: the submission's doing
            outcome = CaseOutcome(prepared.label, "failed", f"the result could not be compared ({type(exc).__name__})")
        outcomes.append(outcome)
        if outcome.status == "not implemented":
            break
    if not outcomes:
        return exercise_result(exercise, "error", f"the process returned no result for {name}")
    finished = outcomes[-1].status == "not implemented" or len(outcomes) == len(cases)
    if not finished:
        return exercise_result(exercise, "error", f"the process answered {len(outcomes)} of {len(cases)} cases for {name}")
    status = overall_status(outcomes)
    if status == "passed":
        return exercise_result(exercise, "passed")
    if status == "not attempted":
        return exercise_result(exercise, "not attempted", f"{name} still raises NotImplementedError")
    # The first case that did not pass decides between failed and error, and is shown.
    position, first = next((i, o) for i, o in enumerate(outcomes) if o.status != "passed")
    label = f"case {position + 1}" + (f" ({first.label})" if first.label else "")
    verdict = "error" if first.status == "error" else "failed"
    message = _error_message(first.message, limits) if verdict == "error" else first.message
    return exercise_result(exercise, verdict, f"{label}: {message}", first.hint, first.label)


def _error_message(message: str, limits: Limits) -> str:
    if message.startswith("raised SystemExit"):
        return message + " (the function called sys.exit() or exit(); a graded function must return its result)"
    if message.startswith("raised MemoryError"):
        return message + f" (the memory limit is {limits.memory_mb} MB)"
    return message

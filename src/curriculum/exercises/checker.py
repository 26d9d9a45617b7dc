"""``check(exercise_id, func)``: precise, kind feedback inside a notebook."""

from __future__ import annotations

import inspect
import re
import sys
import textwrap
from dataclasses import dataclass, field

from .. import _wire
from .judge import CaseOutcome, judge_case
from .registry import Case, Exercise, get
from .static import forbidden_used, has_loop

SYMBOLS = {"passed": "✔", "failed": "✘", "error": "✘", "not implemented": "…"}


@dataclass
class CheckResult:
    """What ``check`` found. True in a boolean context when every case passed.

    ``status`` is ``"passed"``, ``"failed"``, ``"error"`` or ``"not attempted"``.
    """

    exercise_id: str
    status: str
    outcomes: list[CaseOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _shown_in: int | None = field(default=None, repr=False)

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @property
    def n_passed(self) -> int:
        return sum(o.status == "passed" for o in self.outcomes)

    def __bool__(self) -> bool:
        return self.passed

    def report(self) -> str:
        return "\n".join(_report_lines(self))

    def __str__(self) -> str:
        return self.report()

    def __repr__(self) -> str:
        return (
            f"CheckResult({self.exercise_id!r}, status={self.status!r}, "
            f"passed={self.n_passed}/{len(self.outcomes)})"
        )

    def _ipython_display_(self):
        # check() has already printed the report in the cell that called it;
        # shown again only when displayed from a later cell.
        if self._shown_in is not None and self._shown_in == _execution_count():
            return
        print(self.report())


def _execution_count() -> int | None:
    shell = sys.modules.get("IPython")
    if shell is None:
        return None
    try:
        ip = shell.get_ipython()
    except Exception:
        return None
    return getattr(ip, "execution_count", None) if ip is not None else None


def overall_status(outcomes: list[CaseOutcome]) -> str:
    """Summarise case outcomes into one exercise status."""
    statuses = {o.status for o in outcomes}
    if statuses == {"passed"}:
        return "passed"
    if "not implemented" in statuses and "passed" not in statuses:
        return "not attempted"
    if "error" in statuses and "failed" not in statuses:
        return "error"
    return "failed"


def _report_lines(result: CheckResult) -> list[str]:
    lines = []
    name = result.exercise_id
    if result.status == "not attempted":
        lines.append(
            f"… {name}: not implemented yet. Replace `raise NotImplementedError()` with your "
            f"code, run the cell, then run this check again."
        )
        return lines + [f"⚠ {w}" for w in result.warnings]
    hints_shown = set()
    for i, outcome in enumerate(result.outcomes, start=1):
        label = f"case {i}" + (f" ({outcome.label})" if outcome.label else "")
        symbol = SYMBOLS.get(outcome.status, "?")
        if outcome.status == "passed":
            lines.append(f"{symbol} {label}: passed")
        else:
            lines.append(f"{symbol} {label}: {outcome.message}")
            if outcome.hint and outcome.hint not in hints_shown:
                hints_shown.add(outcome.hint)
                lines.append(f"    hint: {outcome.hint}")
    lines.extend(f"⚠ {w}" for w in result.warnings)
    total = len(result.outcomes)
    if result.status == "passed":
        lines.append(f"{name}: all {total} cases passed. Well done!")
    else:
        lines.append(f"{name}: {result.n_passed} of {total} cases passed.")
    return lines


def _source_of(func) -> str | None:
    try:
        return textwrap.dedent(inspect.getsource(func))
    except (OSError, TypeError):
        return None


def _steps(case: Case) -> tuple:
    """The case's steps as the grader's child receives them (helper names become functions)."""
    return _wire.decode_input(_wire.encode_input(tuple(case.steps))) if case.steps else ()


def expected_output(exercise: Exercise, case: Case):
    """Run the reference on a case; return the encoded output."""
    args = _wire.decode_input(_wire.encode_input(case.args))
    kwargs = _wire.decode_input(_wire.encode_input(case.kwargs))
    output, _ = _wire.run_call(exercise.reference, args, kwargs, _steps(case), exercise.view)
    return output


def mistake_outputs(exercise: Exercise, case: Case) -> list[tuple[object, str]]:
    """Decoded outputs of every known mistake on this case, with their hints."""
    results = []
    for mistake in exercise.mistakes:
        args = _wire.decode_input(_wire.encode_input(case.args))
        kwargs = _wire.decode_input(_wire.encode_input(case.kwargs))
        output, _ = _wire.run_call(mistake.func, args, kwargs, _steps(case), exercise.view)
        results.append((_wire.from_data(output), mistake.hint))
    return results


def static_warnings(exercise: Exercise, source: str | None) -> list[str]:
    """Warnings from reading the learner's source: forbidden names, loops."""
    if not source:
        return []
    warnings = []
    used = forbidden_used(source, exercise.forbidden)
    if used:
        warnings.append(
            f"this exercise asks you not to use {', '.join(used)}: write it yourself "
            f"(a grader would mark this submission 'forbidden')."
        )
    if exercise.vectorised and has_loop(source):
        warnings.append(
            "your function uses a Python loop or comprehension; this exercise asks for a "
            "vectorised version built from whole-array NumPy operations."
        )
    return warnings


_SYMBOLS = {"add": "+", "sub": "-", "mul": "*", "truediv": "/", "matmul": "@", "eq": "==",
            "ne": "!=", "lt": "<", "le": "<="}


def _operand(value, class_name: str) -> str:
    """Show a step operand as the learner would write it (``New(1, 2)`` -> ``Vector(1, 2)``)."""
    if isinstance(value, _wire.New):
        return f"{class_name}({', '.join(_operand(a, class_name) for a in value.args)})"
    if isinstance(value, _wire.Fn):
        return value.name
    if isinstance(value, list):
        return "[" + ", ".join(_operand(v, class_name) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(_operand(v, class_name) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def describe_step(step, class_name: str = "obj") -> str:
    """A step of a class exercise as a line of Python: ``obj.dot(Vector([1, 2]))``."""
    op, *operands = step
    shown = [_operand(o, class_name) for o in operands]
    if op == "call":
        args = [_operand(a, class_name) for a in (operands[1] if len(operands) > 1 else ())]
        kwargs = operands[2] if len(operands) > 2 else {}
        args += [f"{k}={_operand(v, class_name)}" for k, v in (kwargs or {}).items()]
        return f"obj.{operands[0]}({', '.join(args)})"
    if op == "get":
        return f"obj.{operands[0]}"
    if op == "set":
        return f"obj.{operands[0]} = {shown[1]}"
    if op == "op":
        symbol = _SYMBOLS.get(operands[0])
        return f"obj {symbol} {shown[1]}" if symbol else f"obj[{shown[1]}]"
    if op == "rop":
        return f"{shown[1]} {_SYMBOLS.get(operands[0], operands[0])} obj"
    if op == "unary":
        return {"neg": "-obj", "self": "obj"}.get(operands[0], f"{operands[0]}(obj)")
    if op == "invoke":
        args = [_operand(a, class_name) for a in (operands[0] if operands else ())]
        kwargs = operands[1] if len(operands) > 1 else {}
        args += [f"{k}={_operand(v, class_name)}" for k, v in kwargs.items()]
        return f"obj({', '.join(args)})"
    if op == "take":
        return f"the first {operands[0]} items of iter(obj)"
    return repr(step)


def _name_steps(outcome: CaseOutcome, case: Case, class_name: str) -> CaseOutcome:
    """Say "the result of step 2 (`obj + Vector([1])`)" instead of "item 1 of the result"."""

    def replace(match):
        index = int(match.group(1))
        if index >= len(case.steps):
            return match.group(0)
        return f"the result of step {index + 1} (`{describe_step(case.steps[index], class_name)}`)"

    outcome.message = re.sub(r"item (\d+) of the result", replace, outcome.message)
    return outcome


def run_check(exercise: Exercise, func, *, seed: int | None = None) -> CheckResult:
    """Check ``func`` against ``exercise`` without printing; see :func:`check`."""
    outcomes = []
    for case in exercise.cases(seed):
        encoded_args = _wire.encode_input(case.args)
        encoded_kwargs = _wire.encode_input(case.kwargs)
        expected = _wire.from_data(expected_output(exercise, case))
        args = _wire.decode_input(encoded_args)
        kwargs = _wire.decode_input(encoded_kwargs)
        # Snapshot the very inputs passed (a TextFile is now its path), to detect mutation.
        before = _wire.from_data(_wire.encode_input((tuple(args), kwargs)))
        got_data, after_data = _wire.run_call(func, args, kwargs, _steps(case), exercise.view)
        outcome = judge_case(
            case.label,
            expected,
            _wire.from_data(got_data),
            rtol=exercise.rtol,
            atol=exercise.atol,
            inputs_before=before,
            inputs_after=_wire.from_data(after_data),
            mistake_outputs=lambda case=case: mistake_outputs(exercise, case),
        )
        if case.steps:
            outcome = _name_steps(outcome, case, exercise.function)
        outcomes.append(outcome)
        if outcome.status == "not implemented":
            break
    status = overall_status(outcomes)
    warnings = static_warnings(exercise, _source_of(func)) if status != "not attempted" else []
    return CheckResult(exercise.id, status, outcomes, warnings)


def check(exercise_id: str, func, *, seed: int | None = None) -> CheckResult:
    """Check a learner's function against the reference and print one line per case.

    Parameters
    ----------
    exercise_id : str
        The exercise, as written in the notebook (e.g. ``"ml.univariate.gradient"``).
    func : callable
        The learner's function (or class, for class exercises).
    seed : int, optional
        Seed for the randomised cases; the default depends only on the
        exercise, so that the printed report is the same at every run.

    Returns
    -------
    CheckResult
        Never raises on a wrong answer: the result says what went wrong.
    """
    exercise = get(exercise_id)
    if not callable(func):
        result = CheckResult(
            exercise_id,
            "error",
            [CaseOutcome("", "error", f"expected a function, got {type(func).__name__}.")],
        )
    else:
        result = run_check(exercise, func, seed=seed)
    print(result.report())
    result._shown_in = _execution_count()
    return result

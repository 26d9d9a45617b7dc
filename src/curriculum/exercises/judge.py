"""Compare a learner's output with the reference and explain any difference.

Both sides arrive here as decoded plain data (see :mod:`curriculum._wire`), so
this module works the same for the in-notebook checker and for the grader,
whose learner outputs come from another process.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .._wire import ObjectView, Raised, Unserialisable


@dataclass
class CaseOutcome:
    """The verdict on one case.

    ``status`` is ``"passed"``, ``"failed"``, ``"error"`` (the code raised an
    unexpected exception) or ``"not implemented"``.
    """

    label: str
    status: str
    message: str = ""
    hint: str = ""

    def to_dict(self) -> dict:
        return {"label": self.label, "status": self.status, "message": self.message, "hint": self.hint}


def short(value, width: int = 70) -> str:
    """A compact, deterministic description of a value for messages."""
    if isinstance(value, np.ndarray):
        body = np.array2string(value, precision=4, threshold=6, edgeitems=2, separator=", ")
        body = " ".join(body.split())
        text = f"array of shape {value.shape}, dtype {value.dtype}: {body}"
    elif isinstance(value, float):
        text = f"{value:.6g}"
    elif isinstance(value, Unserialisable):
        text = f"a {value.type_name} object ({value.text})"
    elif isinstance(value, list | tuple) and value:
        inner = ", ".join(short(v, width) for v in value[:4]) + (", ..." if len(value) > 4 else "")
        text = f"[{inner}]" if isinstance(value, list) else f"({inner})"
    elif isinstance(value, np.generic):
        text = short(value.item(), width)
    else:
        text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def _kind(value) -> str:
    if value is None:
        return "None"
    if isinstance(value, bool | np.bool_):
        return "bool"
    if isinstance(value, np.ndarray):
        return "array" if value.ndim else "scalar"
    if isinstance(value, numbers.Number):
        return "number"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list | tuple):
        return "sequence"
    if isinstance(value, set):
        return "set"
    if isinstance(value, dict):
        return "dict"
    if isinstance(value, ObjectView):
        return "object"
    if type(value).__module__.startswith("pandas") and type(value).__name__ in ("DataFrame", "Series"):
        return "pandas"
    if isinstance(value, Raised):
        return "raised"
    return "other"


def compare(expected, got, rtol: float, atol: float, where: str = "the result") -> str | None:
    """Return ``None`` if ``got`` matches ``expected``, else a sentence saying how not."""
    ek, gk = _kind(expected), _kind(got)
    if ek == "raised":
        # an exception expected inside a result (one step of a class exercise)
        if gk != "raised":
            return f"{where} is {short(got)}; expected {expected.type_name} to be raised."
        if expected.type_name not in got.mro:
            return f"{where}: raised {got.type_name}({got.message!r}); expected a {expected.type_name}."
        return None
    if gk == "raised":
        return f"{where} raised {got.type_name}({got.message!r}); expected {short(expected)}."
    if gk == "None" and ek != "None":
        return f"{where} is None; expected {short(expected)}. Did you forget `return`?"
    if isinstance(got, Unserialisable):
        return f"{where} is {short(got)}, which is not plain data; expected {short(expected)}."
    if ek == "array":
        return _compare_arrays(expected, got, rtol, atol, where)
    if ek in ("number", "scalar"):
        if gk == "array" and got.size == 1:
            return (
                f"{where} is an array of shape {got.shape}; expected a single number. "
                f"Use float(...) or .item() to return a scalar."
            )
        if gk not in ("number", "scalar") or isinstance(got, bool | np.bool_):
            return f"{where} is {short(got)}; expected a number like {short(expected)}."
        e, g = np.asarray(expected)[()], np.asarray(got)[()]
        if isinstance(e, numbers.Integral) and not isinstance(g, numbers.Integral):
            if float(g) == float(e):
                return f"{where} is {g!r} (a float); expected the integer {e!r}."
        if np.isnan(e) and np.isnan(g):
            return None
        if not np.isclose(g, e, rtol=rtol, atol=atol):
            return f"{where} is {short(float(g))}; expected {short(float(e))}."
        return None
    if ek == "bool":
        if gk != "bool" or bool(got) != bool(expected):
            return f"{where} is {short(got)}; expected {expected!r}."
        return None
    if ek == "str":
        if gk != "str":
            return f"{where} is {short(got)}; expected the string {short(expected)}."
        if got != expected:
            return f"{where} is {short(got)}; expected {short(expected)}."
        return None
    if ek == "sequence":
        if gk != "sequence":
            return f"{where} is {short(got)}; expected a {type(expected).__name__} of {len(expected)} item(s)."
        if len(got) != len(expected):
            return f"{where} has {len(got)} item(s); expected {len(expected)}: {short(expected)}."
        for i, (e, g) in enumerate(zip(expected, got, strict=True)):
            problem = compare(e, g, rtol, atol, f"item {i} of {where}")
            if problem:
                return problem
        return None
    if ek == "set":
        if gk != "set":
            return f"{where} is {short(got)}; expected a set."
        if got != expected:
            missing, extra = expected - got, got - expected
            parts = []
            if missing:
                parts.append(f"missing {short(sorted(missing, key=repr))}")
            if extra:
                parts.append(f"unexpected {short(sorted(extra, key=repr))}")
            return f"{where} differs from the expected set: {', '.join(parts)}."
        return None
    if ek == "dict":
        if gk != "dict":
            return f"{where} is {short(got)}; expected a dict."
        missing = [k for k in expected if k not in got]
        extra = [k for k in got if k not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing key(s) {short(missing)}")
            if extra:
                parts.append(f"unexpected key(s) {short(extra)}")
            return f"{where} has the wrong keys: {', '.join(parts)}."
        for key in expected:
            problem = compare(expected[key], got[key], rtol, atol, f"{where}[{key!r}]")
            if problem:
                return problem
        return None
    if ek == "object":
        if gk != "object":
            return f"{where} is {short(got)}; expected a {expected.type_name}."
        if got.type_name != expected.type_name:
            return f"{where} is a {got.type_name}; expected a {expected.type_name}."
        for key, value in expected.view.items():
            problem = compare(value, got.view.get(key), rtol, atol, f"{where}.{key}")
            if problem:
                return problem
        return None
    if ek == "pandas":
        return _compare_pandas(expected, got, rtol, atol, where)
    if ek == "None":
        if gk != "None":
            return f"{where} is {short(got)}; expected None."
        return None
    return None if expected == got else f"{where} is {short(got)}; expected {short(expected)}."


def _column(values) -> object:
    array = np.asarray(values)
    return array if array.dtype.kind in "biuf" else [None if v != v else v for v in array.tolist()]


def _compare_pandas(expected, got, rtol: float, atol: float, where: str) -> str | None:
    kind = type(expected).__name__
    if type(got).__name__ != kind:
        return f"{where} is {short(got)}; expected a pandas {kind}."
    if kind == "Series":
        if got.name != expected.name:
            return f"{where} is a Series named {got.name!r}; expected the name {expected.name!r}."
        problem = compare(_column(expected.index), _column(got.index), rtol, atol, f"the index of {where}")
        return problem or compare(_column(expected.to_numpy()), _column(got.to_numpy()), rtol, atol, where)
    if list(got.columns) != list(expected.columns):
        return f"{where} has columns {list(got.columns)}; expected {list(expected.columns)}."
    problem = compare(_column(expected.index), _column(got.index), rtol, atol, f"the index of {where}")
    if problem:
        return problem
    for column in expected.columns:
        problem = compare(
            _column(expected[column].to_numpy()), _column(got[column].to_numpy()), rtol, atol,
            f"column {column!r} of {where}",
        )
        if problem:
            return problem
    return None


def _compare_arrays(expected: np.ndarray, got, rtol: float, atol: float, where: str) -> str | None:
    if not isinstance(got, np.ndarray) or got.ndim == 0:
        kind = type(got).__name__
        return (
            f"{where} is a {kind} ({short(got)}); expected a NumPy array of shape "
            f"{expected.shape}. Build it with NumPy operations or np.array(...)."
        )
    if got.shape != expected.shape:
        message = f"{where} has shape {got.shape}; expected shape {expected.shape}."
        if got.size == expected.size and got.ndim == 2 and 1 in got.shape and expected.ndim == 1:
            message += (
                f" A column or row vector is not the same as a 1-D array: return shape "
                f"{expected.shape} (use .ravel(), or avoid reshape(-1, 1))."
            )
        elif expected.ndim == 2 and got.shape == expected.shape[::-1]:
            message += " It looks transposed: check the order of the matrix product."
        return message
    if expected.dtype.kind == "f" and got.dtype.kind in "biu":
        rounded_ok = np.allclose(got, expected, rtol=rtol, atol=atol)
        if not rounded_ok:
            return (
                f"{where} has integer dtype {got.dtype} where floats were expected; values are "
                f"lost. Look for integer division (//) or an integer array being filled with floats."
            )
    if expected.dtype.kind in "biu" and got.dtype.kind == "f":
        return f"{where} has dtype {got.dtype}; expected integers (dtype {expected.dtype})."
    if expected.dtype.kind == "b" and got.dtype.kind != "b":
        return f"{where} has dtype {got.dtype}; expected a boolean array."
    if expected.dtype.kind in "US":
        if not np.array_equal(expected, got):
            return f"{where} is {short(got)}; expected {short(expected)}."
        return None
    try:
        close = np.isclose(got.astype(np.float64), expected.astype(np.float64), rtol=rtol, atol=atol, equal_nan=True)
    except (TypeError, ValueError):
        return f"{where} has dtype {got.dtype}; expected dtype {expected.dtype}."
    if close.all():
        return None
    bad = np.argwhere(~close)
    first = tuple(int(i) for i in bad[0])
    index = first[0] if len(first) == 1 else first
    diff = np.abs(got.astype(np.float64) - expected.astype(np.float64))
    # all-NaN differences (a nan where a number was expected) have no largest value
    largest = float(np.nanmax(diff)) if not np.isnan(diff).all() else float("nan")
    return (
        f"{where} differs from the expected values at {bad.shape[0]} of {expected.size} "
        f"position(s); first at index {index}: got {short(float(got[first]))}, expected "
        f"{short(float(expected[first]))} (largest absolute error {largest:.3g})."
    )


def scale_hint(expected, got) -> str:
    """If ``got`` equals ``expected`` times a constant, say so (a forgotten factor)."""
    try:
        e = np.asarray(expected, dtype=np.float64)
        g = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return ""
    if e.shape != g.shape or e.size == 0:
        return ""
    mask = np.abs(e) > 1e-12
    if not mask.any():
        return ""
    ratios = g[mask] / e[mask]
    ratio = float(np.median(ratios))
    if np.allclose(g, ratio * e, rtol=1e-9, atol=1e-12) and not np.isclose(ratio, 1.0):
        if np.isclose(ratio, -1.0):
            return "The result has the wrong sign: check the order of a subtraction."
        return (
            f"Your result is exactly {ratio:.4g} times the expected one: look for a missing or "
            f"extra constant factor (such as 1/m or 1/2)."
        )
    return ""


def integer_hint(expected, got) -> str:
    """If ``got`` holds only whole numbers where ``expected`` does not, suspect ``//``."""
    if not (isinstance(expected, np.ndarray) and isinstance(got, np.ndarray)):
        return ""
    if expected.shape != got.shape or expected.dtype.kind != "f" or got.dtype.kind not in "iuf":
        return ""
    whole = lambda a: np.all(np.isfinite(a)) and np.all(a == np.round(a))  # noqa: E731
    if whole(got.astype(np.float64)) and not whole(expected):
        return (
            "Your values are all whole numbers where the expected ones are not: look for "
            "integer division (//) or an integer array."
        )
    return ""


def judge_case(
    case_label: str,
    expected,
    got,
    *,
    rtol: float,
    atol: float,
    inputs_before=None,
    inputs_after=None,
    mistake_outputs: Callable[[], list[tuple[object, str]]] | None = None,
) -> CaseOutcome:
    """Judge one case from decoded values.

    Parameters
    ----------
    expected, got
        Decoded outputs of the reference and of the learner (a
        :class:`~curriculum._wire.Raised` when the call raised).
    inputs_before, inputs_after
        Decoded inputs before and after the learner's call, to detect mutation.
    mistake_outputs
        Called only on failure: a list of ``(output, hint)`` of the known
        mistakes for this case, to recognise which one the learner made.
    """
    if isinstance(got, Raised) and "NotImplementedError" in got.mro:
        return CaseOutcome(case_label, "not implemented", "not implemented yet")

    def known_mistake() -> str:
        if mistake_outputs is None:
            return ""
        for output, mistake_hint in mistake_outputs():
            if _same_outcome(output, got, rtol, atol):
                return mistake_hint
        return ""

    if isinstance(expected, Raised):
        if not isinstance(got, Raised):
            return CaseOutcome(
                case_label,
                "failed",
                f"expected {expected.type_name} to be raised, but the call returned {short(got)}.",
                known_mistake() or "Check the input first and `raise` an exception with a clear message.",
            )
        if expected.type_name not in got.mro:
            return CaseOutcome(
                case_label,
                "failed",
                f"raised {got.type_name}({got.message!r}); expected a {expected.type_name}.",
                known_mistake(),
            )
        return CaseOutcome(case_label, "passed")
    if isinstance(got, Raised):
        return CaseOutcome(case_label, "error", f"raised {got.type_name}: {got.message}", known_mistake())
    problem = compare(expected, got, rtol, atol)
    if problem is None:
        if inputs_before is not None and inputs_after is not None:
            if compare(inputs_before, inputs_after, 0.0, 0.0, "an input") is not None:
                return CaseOutcome(
                    case_label,
                    "failed",
                    "the result is right, but your function modified its input in place.",
                    "Work on a copy (for example X = X.copy(), or build a new array) so that "
                    "the caller's data stays as it was.",
                )
        return CaseOutcome(case_label, "passed")
    hint = known_mistake() or scale_hint(expected, got) or integer_hint(expected, got)
    return CaseOutcome(case_label, "failed", problem, hint)


def _same_outcome(output, got, rtol: float, atol: float) -> bool:
    """Did a known mistake produce what the learner's code produced?

    Exceptions match by type, values that are not plain data by type name,
    everything else through :func:`compare`.
    """
    for kind in (Raised, Unserialisable):
        if isinstance(output, kind) or isinstance(got, kind):
            return isinstance(output, kind) and isinstance(got, kind) and output.type_name == got.type_name
    return compare(output, got, rtol, atol) is None

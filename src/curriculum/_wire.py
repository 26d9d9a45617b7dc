"""Plain-data encoding of exercise inputs and outputs, and the call protocol.

Everything that crosses between a learner's code and the checker goes through
:func:`to_data` and :func:`from_data`: JSON-compatible values, with NumPy arrays
as base64-encoded ``.npy`` bytes saved and loaded with ``allow_pickle=False``.
The notebook checker uses the same encoding in-process, so a verdict never
depends on where the code ran, and an object that lies about itself (an
``__eq__`` that always says True, an ndarray subclass with patched methods) is
reduced to its data before anything compares it.

This module is deliberately self-contained (standard library and NumPy only):
the grader's child process runs it without importing the rest of the package.
"""

from __future__ import annotations

import base64
import io
import math
import operator
import threading
from functools import reduce as _reduce

import numpy as np

# Held around everything that builds Python AST objects (ast.parse, np.load's
# header parser): see decode_array.
AST_LOCK = threading.RLock()

# Named helper functions that exercises about functions-as-values can receive
# as arguments. They cross the process boundary by name: {"__fn__": "square"}.
FUNCTIONS = {
    "square": lambda x: x * x,
    "double": lambda x: 2 * x,
    "increment": lambda x: x + 1,
    "is_even": lambda x: x % 2 == 0,
    "is_positive": lambda x: x > 0,
    "add": operator.add,
    "mul": operator.mul,
    "max2": max,
    "upper": str.upper,
    "length": len,
    "negate": operator.neg,
    "product": lambda values: _reduce(operator.mul, values, 1),
    "identity": lambda x: x,
    "fail_on_negative": lambda x: math.sqrt(x),
    "sqrt": math.sqrt,
    # scalar functions of an array, for numerical-gradient exercises
    "sum_of_squares": lambda x: float(np.sum(np.asarray(x, dtype=float) ** 2)),
    "sum_of_cubes": lambda x: float(np.sum(np.asarray(x, dtype=float) ** 3)),
    "log_sum_exp": lambda x: float(np.log(np.sum(np.exp(np.asarray(x, dtype=float))))),
}


class Unserialisable:
    """Stand-in for a value that is not plain data (decoded side)."""

    def __init__(self, type_name: str, text: str):
        self.type_name = type_name
        self.text = text

    def __repr__(self):
        return f"<{self.type_name}: {self.text}>"


class Raised:
    """Stand-in for an exception raised by a call (decoded side)."""

    def __init__(self, type_name: str, mro: list[str], message: str):
        self.type_name = type_name
        self.mro = list(mro)
        self.message = message

    def __repr__(self):
        return f"{self.type_name}({self.message!r})"


class ObjectView:
    """An instance of a learner's class, seen through the attributes an exercise names."""

    def __init__(self, type_name: str, view: dict):
        self.type_name = type_name
        self.view = view

    def __repr__(self):
        inner = ", ".join(f"{k}={v!r}" for k, v in self.view.items())
        return f"{self.type_name}({inner})"


def _safe_repr(value, limit: int = 200) -> str:
    try:
        text = repr(value)
    except Exception as exc:  # a learner's broken __repr__
        text = f"<repr failed: {type(exc).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def encode_array(array: np.ndarray) -> dict:
    """Encode a plain ndarray (never a subclass, never an object array)."""
    buffer = io.BytesIO()
    np.save(buffer, np.array(array, subok=False, copy=True), allow_pickle=False)
    return {"__ndarray__": base64.b64encode(buffer.getvalue()).decode("ascii")}


def decode_array(data: dict) -> np.ndarray:
    raw = base64.b64decode(data["__ndarray__"].encode("ascii"), validate=True)
    # np.load reads the .npy header with ast.literal_eval, which CPython 3.11 before
    # 3.11.8 cannot run in two threads at once ("AST constructor recursion depth
    # mismatch"); the grader decodes in threads.
    with AST_LOCK:
        return np.load(io.BytesIO(raw), allow_pickle=False)


def to_data(value, view: tuple[str, ...] = (), _depth: int = 0):
    """Encode ``value`` as JSON-compatible plain data.

    Parameters
    ----------
    value : object
        A returned value (or an exercise input).
    view : tuple of str
        Attribute names through which instances of a learner's class are seen.
    """
    if _depth > 20:
        return {"__unserialisable__": "deeply nested value", "repr": "..."}
    if isinstance(value, FilePath):
        return value.source.to_data()
    if value is None or type(value) in (bool, str):
        return value
    if type(value) is int:
        return value
    if type(value) is float:
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return {"__npscalar__": encode_array(np.asarray(value))}
    if isinstance(value, np.floating):
        return {"__npscalar__": encode_array(np.asarray(value))}
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "OV":
            return {"__unserialisable__": "ndarray of objects", "repr": _safe_repr(value)}
        return encode_array(value)
    if type(value) is list:
        return [to_data(v, view, _depth + 1) for v in value]
    if type(value) is tuple:
        return {"__tuple__": [to_data(v, view, _depth + 1) for v in value]}
    if type(value) in (set, frozenset):
        return {"__set__": [to_data(v, view, _depth + 1) for v in value]}
    if type(value) is dict:
        return {
            "__dict__": [
                [to_data(k, view, _depth + 1), to_data(v, view, _depth + 1)]
                for k, v in value.items()
            ]
        }
    if isinstance(value, BaseException):
        return {
            "__raises__": type(value).__name__,
            "mro": [c.__name__ for c in type(value).__mro__],
            "message": str(value)[:500],
        }
    encoded = _encode_pandas(value)
    if encoded is not None:
        return encoded
    name = _helper_name(value)
    if name is not None:
        return {"__fn__": name}
    if view and all(_has_attribute(value, name) for name in view):
        return {
            "__object__": type(value).__name__,
            "view": {name: to_data(getattr(value, name), (), _depth + 1) for name in view},
        }
    return {"__unserialisable__": type(value).__name__, "repr": _safe_repr(value)}


def _column_data(values) -> object:
    """Encode one column: numeric/bool as an array, anything else as a list (None for missing)."""
    array = np.asarray(values)
    if array.dtype.kind in "biufMm":
        return encode_array(array)
    return [None if _is_missing(v) else to_data(v) for v in list(values)]


def _is_missing(value) -> bool:
    try:
        return value is None or bool(value != value)
    except Exception:
        return False


def _encode_pandas(value):
    """Encode a DataFrame or Series as columns of plain data (None when not pandas)."""
    module = type(value).__module__
    if not module.startswith("pandas"):
        return None
    name = type(value).__name__
    if name == "DataFrame":
        return {
            "__dataframe__": {
                "columns": [to_data(c) for c in value.columns],
                "index": _column_data(value.index),
                "data": [_column_data(value[c].to_numpy()) for c in value.columns],
            }
        }
    if name == "Series":
        return {
            "__series__": {
                "name": to_data(value.name),
                "index": _column_data(value.index),
                "data": _column_data(value.to_numpy()),
            }
        }
    return None


def _decode_column(data):
    if isinstance(data, dict):
        return decode_array(data)
    return [from_data(v) for v in data]


def _decode_pandas(data):
    import pandas as pd

    if "__dataframe__" in data:
        frame = data["__dataframe__"]
        columns = [from_data(c) for c in frame["columns"]]
        values = {c: _decode_column(v) for c, v in zip(columns, frame["data"], strict=True)}
        return pd.DataFrame(values, index=_decode_column(frame["index"]), columns=columns)
    series = data["__series__"]
    return pd.Series(_decode_column(series["data"]), index=_decode_column(series["index"]), name=from_data(series["name"]))


def _helper_name(value) -> str | None:
    """The name of ``value`` in ``FUNCTIONS`` (an input passed back unchanged), else None."""
    if callable(value):
        for name, func in FUNCTIONS.items():
            if value is func:
                return name
    return None


def _has_attribute(value, name: str) -> bool:
    try:
        getattr(value, name)
    except Exception:
        return False
    return True


def from_data(data):
    """Decode what :func:`to_data` produced (or the child sent)."""
    if isinstance(data, list):
        return [from_data(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "__ndarray__" in data:
        return decode_array(data)
    if "__npscalar__" in data:
        return decode_array(data["__npscalar__"])[()]
    if "__tuple__" in data:
        return tuple(from_data(v) for v in data["__tuple__"])
    if "__set__" in data:
        items = [from_data(v) for v in data["__set__"]]
        try:
            return set(items)
        except TypeError:
            return Unserialisable("set", repr(items))
    if "__dict__" in data:
        result = {}
        for key, value in data["__dict__"]:
            key = from_data(key)
            try:
                result[key] = from_data(value)
            except TypeError:
                return Unserialisable("dict", "keys that cannot be hashed")
        return result
    if "__raises__" in data:
        return Raised(data["__raises__"], data.get("mro", []), data.get("message", ""))
    if "__object__" in data:
        return ObjectView(data["__object__"], {k: from_data(v) for k, v in data["view"].items()})
    if "__unserialisable__" in data:
        return Unserialisable(data["__unserialisable__"], data.get("repr", ""))
    if "__dataframe__" in data or "__series__" in data:
        return _decode_pandas(data)
    if "__file__" in data:
        return TextFile(*data["__file__"])  # a marker: decode_input writes the file
    if "__fn__" in data:
        return Fn(data["__fn__"])  # a marker: decode_input gives the function
    if "__new__" in data:
        return New(*from_data(data["__new__"]))
    raise ValueError(f"unknown encoded value with keys {sorted(data)}")


class Fn:
    """An exercise input that is one of the named helper functions (see ``FUNCTIONS``)."""

    def __init__(self, name: str):
        if name not in FUNCTIONS:
            raise KeyError(f"no helper function named {name!r}")
        self.name = name

    def to_data(self):
        return {"__fn__": self.name}

    def __eq__(self, other):
        return isinstance(other, Fn) and other.name == self.name

    def __hash__(self):
        return hash(("Fn", self.name))

    def __repr__(self):
        return self.name


class New:
    """An exercise input meaning "a new instance of the class under test, built with these arguments"."""

    def __init__(self, *args):
        self.args = args

    def to_data(self):
        return {"__new__": {"__tuple__": [encode_input(a) for a in self.args]}}


class TextFile:
    """An exercise input meaning "the path of a text file holding ``content``".

    The file is written to a fresh temporary folder when the input is decoded
    (in the grader's child, inside its scratch folder), and the function under
    test receives its path as a string.
    """

    def __init__(self, name: str, content: str):
        self.name = name
        self.content = content

    def to_data(self):
        return {"__file__": [self.name, self.content]}

    def __eq__(self, other):
        return isinstance(other, TextFile) and (other.name, other.content) == (self.name, self.content)

    def __hash__(self):
        return hash(("TextFile", self.name, self.content))

    def __repr__(self):
        return f"TextFile({self.name!r}, {len(self.content)} characters)"

    _root: str | None = None

    @staticmethod
    def materialise(name: str, content: str) -> str:
        import os
        import tempfile

        scratch = os.environ.get("CURRICULUM_SCRATCH")
        if scratch is None and TextFile._root is None:
            # one folder per process, removed when the process ends
            import atexit
            import shutil

            TextFile._root = tempfile.mkdtemp(prefix="curriculum-exercise-files-")
            atexit.register(shutil.rmtree, TextFile._root, ignore_errors=True)
        folder = tempfile.mkdtemp(prefix="exercise-", dir=scratch or TextFile._root)
        path = os.path.join(folder, os.path.basename(name))
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        return FilePath(path, TextFile(name, content))


class FilePath(str):
    """The path of a materialised :class:`TextFile`: a plain ``str`` to the code under test.

    It encodes back to its ``TextFile``, so that the inputs seen after a call
    compare equal to those before it even when the file was written by another
    process, in another folder.
    """

    def __new__(cls, path: str, source: TextFile):
        self = super().__new__(cls, path)
        self.source = source
        return self


def encode_input(value):
    """Encode an exercise input, which may contain :class:`Fn` and :class:`New` markers."""
    if isinstance(value, Fn | New | TextFile):
        return value.to_data()
    if type(value) is list:
        return [encode_input(v) for v in value]
    if type(value) is tuple:
        return {"__tuple__": [encode_input(v) for v in value]}
    if type(value) is dict:
        return {"__dict__": [[encode_input(k), encode_input(v)] for k, v in value.items()]}
    return to_data(value)


def decode_input(data):
    """Decode an input: named functions become callables, text files are written.

    :func:`from_data` leaves :class:`Fn` and :class:`TextFile` markers as they are
    (plain data, no side effects); this realises them for the code under test.
    """
    return _realise(from_data(data))


def _realise(value):
    if isinstance(value, Fn):
        return FUNCTIONS[value.name]
    if isinstance(value, TextFile):
        return TextFile.materialise(value.name, value.content)
    if isinstance(value, New):
        return New(*[_realise(a) for a in value.args])
    if type(value) is list:
        return [_realise(v) for v in value]
    if type(value) is tuple:
        return tuple(_realise(v) for v in value)
    if type(value) is dict:
        return {k: _realise(v) for k, v in value.items()}
    return value


# --- calling the code under test -------------------------------------------------

_BINARY = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "truediv": operator.truediv,
    "matmul": operator.matmul,
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "getitem": operator.getitem,
}
_UNARY = {
    "len": len,
    "repr": repr,
    "str": str,
    "bool": bool,
    "neg": operator.neg,
    "abs": abs,
    "list": list,
    "self": lambda obj: obj,
}


def _materialise(value, target):
    if isinstance(value, New):
        return target(*[_materialise(a, target) for a in value.args])
    if isinstance(value, list):
        return [_materialise(v, target) for v in value]
    if isinstance(value, tuple):
        return tuple(_materialise(v, target) for v in value)
    if isinstance(value, dict):
        return {k: _materialise(v, target) for k, v in value.items()}
    return value


def run_call(target, args, kwargs, steps=(), view=()):
    """Call ``target(*args, **kwargs)`` and, for class exercises, apply ``steps``.

    Returns a pair ``(output_data, inputs_after_data)``: the encoded result (or
    the encoded exception) and the encoded inputs after the call, from which a
    checker sees whether the code modified its inputs.

    ``steps`` is a sequence of lists ``[op, *operands]`` applied in turn to the
    object that the call returned; the result is then the list of each step's
    outcome. Operations: ``["call", method, args, kwargs]``, ``["get", attr]``,
    ``["set", attr, value]``, ``["op", name, other]`` (binary operators such as
    ``add`` or ``eq``), ``["unary", name]`` (``len``, ``repr``, ``list``...),
    ``["invoke", args]`` (call the object itself), ``["take", n]`` (the first
    ``n`` items of an iterator).
    """
    args = [_materialise(a, target) for a in args]
    kwargs = {k: _materialise(v, target) for k, v in kwargs.items()}
    try:
        result = target(*args, **kwargs)
    except BaseException as exc:  # the learner's exception is the outcome
        if isinstance(exc, KeyboardInterrupt):
            raise
        return to_data(exc), to_data((tuple(args), kwargs), view)
    if steps:
        # Each outcome is encoded as soon as its step ends: a later step may change
        # it (obj.reports is the same list before and after iterating obj).
        outcomes = []
        for step in steps:
            try:
                outcomes.append(to_data(_apply_step(result, step, target), view))
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                outcomes.append(to_data(exc))
        return outcomes, to_data((tuple(args), kwargs), view)
    return to_data(result, view), to_data((tuple(args), kwargs), view)


def _apply_step(obj, step, target):
    op, *operands = step
    operands = [_materialise(o, target) for o in operands]
    if op == "call":
        name, args, kwargs = (list(operands) + [(), {}])[:3]
        return getattr(obj, name)(*args, **(kwargs or {}))
    if op == "get":
        return getattr(obj, operands[0])
    if op == "set":
        setattr(obj, operands[0], operands[1])
        return None
    if op == "op":
        return _BINARY[operands[0]](obj, operands[1])
    if op == "rop":
        return _BINARY[operands[0]](operands[1], obj)
    if op == "unary":
        return _UNARY[operands[0]](obj)
    if op == "invoke":
        args = operands[0] if operands else ()
        kwargs = operands[1] if len(operands) > 1 else {}
        return obj(*args, **kwargs)
    if op == "take":
        iterator = iter(obj)
        out = []
        for _ in range(operands[0]):
            try:
                out.append(next(iterator))
            except StopIteration:
                break
        return out
    raise ValueError(f"unknown step {op!r}")

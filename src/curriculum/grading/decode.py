"""Decode what a child sent, treating it as hostile.

:func:`curriculum._wire.from_data` is meant for data the course produced; it
can build helper functions, write text files and rebuild class instances from
markers. Here only plain values are accepted: JSON scalars, lists, and the
markers for arrays (loaded with ``allow_pickle=False``), NumPy scalars, tuples,
sets, dicts, pandas tables, raised exceptions, object views, unserialisable
stand-ins, and the inert markers of helper functions and text files. Anything else, or nesting deeper than :data:`MAX_DEPTH`, is an
:class:`InvalidData` error, which the grader turns into the verdict ``error``.
"""

from __future__ import annotations

import numpy as np

from .._wire import FUNCTIONS, Fn, ObjectView, Raised, TextFile, Unserialisable, decode_array

MAX_DEPTH = 60


class InvalidData(ValueError):
    """The child sent something that is not a well-formed encoded value."""


def _text(value, limit: int = 500) -> str:
    return str(value)[:limit]


def decode(data, depth: int = 0):
    """Decode one encoded value (see :func:`curriculum._wire.to_data`)."""
    if depth > MAX_DEPTH:
        raise InvalidData("a value nested too deeply")
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [decode(v, depth + 1) for v in data]
    if not isinstance(data, dict):
        raise InvalidData(f"an unexpected {type(data).__name__}")
    try:
        return _decode_marker(data, depth)
    except InvalidData:
        raise
    except (KeyError, TypeError, ValueError, IndexError, OverflowError, MemoryError) as exc:
        raise InvalidData(f"a malformed value ({type(exc).__name__})") from None


def _array(data) -> np.ndarray:
    if not isinstance(data, dict) or not isinstance(data.get("__ndarray__"), str):
        raise InvalidData("a malformed array")
    array = decode_array(data)
    if array.dtype.kind in "OV":
        raise InvalidData("an array of objects")
    return array


def _decode_marker(data: dict, depth: int):
    if "__ndarray__" in data:
        return _array(data)
    if "__npscalar__" in data:
        return _array(data["__npscalar__"])[()]
    if "__tuple__" in data:
        return tuple(decode(v, depth + 1) for v in _list(data["__tuple__"]))
    if "__set__" in data:
        items = [decode(v, depth + 1) for v in _list(data["__set__"])]
        try:
            return set(items)
        except TypeError:
            return Unserialisable("set", "items that cannot be hashed")
    if "__dict__" in data:
        result = {}
        for pair in _list(data["__dict__"]):
            if not isinstance(pair, list) or len(pair) != 2:
                raise InvalidData("a malformed dict")
            key = decode(pair[0], depth + 1)
            try:
                result[key] = decode(pair[1], depth + 1)
            except TypeError:
                return Unserialisable("dict", "keys that cannot be hashed")
        return result
    if "__raises__" in data:
        mro = data.get("mro", [])
        return Raised(_text(data["__raises__"], 100), [_text(m, 100) for m in _list(mro)[:64]], _text(data.get("message", "")))
    if "__object__" in data:
        view = data.get("view", {})
        if not isinstance(view, dict):
            raise InvalidData("a malformed object view")
        return ObjectView(_text(data["__object__"], 100), {_text(k, 100): decode(v, depth + 1) for k, v in view.items()})
    if "__unserialisable__" in data:
        return Unserialisable(_text(data["__unserialisable__"], 100), _text(data.get("repr", ""), 200))
    if "__dataframe__" in data or "__series__" in data:
        return _pandas(data, depth)
    if "__fn__" in data:  # an input handed back: a named helper function
        if not isinstance(data["__fn__"], str) or data["__fn__"] not in FUNCTIONS:
            raise InvalidData("an unknown helper function")
        return Fn(data["__fn__"])
    if "__file__" in data:  # an input handed back: the path of a text file (nothing is written)
        name, content = _list(data["__file__"])
        return TextFile(_text(name, 200), str(content))
    raise InvalidData(f"an unknown marker {sorted(data)[:3]}")


def _list(value) -> list:
    if not isinstance(value, list):
        raise InvalidData("a malformed container")
    return value


def _column(data, depth):
    if isinstance(data, dict):
        return _array(data)
    return [decode(v, depth + 1) for v in _list(data)]


def _pandas(data: dict, depth: int):
    from .._validation import require

    pd = require("pandas")
    if "__dataframe__" in data:
        frame = data["__dataframe__"]
        columns = [decode(c, depth + 1) for c in _list(frame["columns"])]
        values = [_column(v, depth) for v in _list(frame["data"])]
        if len(values) != len(columns):
            raise InvalidData("a malformed table")
        return pd.DataFrame(dict(zip(columns, values, strict=True)), index=_column(frame["index"], depth), columns=columns)
    series = data["__series__"]
    return pd.Series(_column(series["data"], depth), index=_column(series["index"], depth), name=decode(series["name"], depth + 1))

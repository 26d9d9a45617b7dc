"""Input validation at the public edge of the library.

Every public function and estimator method validates its inputs once, here, and
raises a ``ValueError`` or ``TypeError`` whose message names the argument, what
was found and what was expected. Nothing below the edge re-validates.
"""

from __future__ import annotations

import numbers

import numpy as np


def _describe(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    return f"{type(value).__name__} {value!r}"


def check_array(
    array,
    name: str = "X",
    *,
    ndim: int = 2,
    dtype=np.float64,
    allow_nan: bool = False,
    min_samples: int = 1,
    copy: bool = False,
) -> np.ndarray:
    """Convert ``array`` to a finite numeric ndarray of the expected ``ndim``.

    Parameters
    ----------
    array : array-like
        The input to check.
    name : str
        The argument's name, used in error messages.
    ndim : int
        Expected number of dimensions (1 or 2).
    dtype : dtype or None
        Convert to this floating dtype; ``None`` keeps a float dtype as it is
        (float32 stays float32) and converts anything else to float64.
    allow_nan : bool
        Accept NaN and inf.
    min_samples : int
        Smallest accepted number of rows.
    copy : bool
        Always return a new array (the caller may then modify it).

    Returns
    -------
    ndarray of shape ``(m,)`` or ``(m, n)``

    Raises
    ------
    TypeError
        For strings, objects or other non-numeric data.
    ValueError
        For a wrong number of dimensions, too few samples, no features, NaN or inf.
    """
    if isinstance(array, str | bytes):
        raise TypeError(f"{name} must be a numeric array, got a string {array!r}.")
    if hasattr(array, "to_numpy") and not isinstance(array, np.ndarray):
        array = array.to_numpy()
    try:
        converted = np.asarray(array)
    except Exception as exc:  # ragged nested lists and the like
        raise ValueError(f"{name} could not be converted to an array: {exc}") from None
    if converted.dtype.kind in "OUSV" or converted.dtype.kind not in "biuf":
        found = converted.dtype
        raise TypeError(
            f"{name} must contain numbers, found dtype {found} "
            f"(for example strings or objects). Convert or encode it first."
        )
    if dtype is None:
        target = converted.dtype if converted.dtype.kind == "f" else np.float64
    else:
        target = dtype
    converted = np.array(converted, dtype=target, copy=True) if copy else converted.astype(
        target, copy=False
    )
    if converted.ndim != ndim:
        if ndim == 2 and converted.ndim == 1:
            raise ValueError(
                f"{name} must be a 2-D array of shape (n_samples, n_features), found a 1-D "
                f"array of shape {converted.shape}. Use {name}.reshape(-1, 1) for a single "
                f"feature or {name}.reshape(1, -1) for a single sample."
            )
        expected = "(n_samples, n_features)" if ndim == 2 else "(n_samples,)"
        raise ValueError(
            f"{name} must be a {ndim}-D array of shape {expected}, "
            f"found {converted.ndim}-D with shape {converted.shape}."
        )
    if converted.shape[0] < min_samples:
        raise ValueError(
            f"{name} must have at least {min_samples} sample(s), found shape {converted.shape}."
        )
    if ndim == 2 and converted.shape[1] == 0:
        raise ValueError(f"{name} must have at least 1 feature, found shape {converted.shape}.")
    if not allow_nan and not np.isfinite(converted).all():
        bad = int(np.size(converted) - np.count_nonzero(np.isfinite(converted)))
        raise ValueError(
            f"{name} contains {bad} NaN or infinite value(s); expected only finite numbers. "
            f"Remove or impute them first."
        )
    return converted


def check_labels(y, name: str = "y") -> np.ndarray:
    """Check a 1-D array of class labels (numbers or strings, no missing values).

    Returns
    -------
    ndarray of shape ``(m,)``
    """
    if isinstance(y, str | bytes):
        raise TypeError(f"{name} must be an array of labels, got a string {y!r}.")
    if hasattr(y, "to_numpy") and not isinstance(y, np.ndarray):
        y = y.to_numpy()
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        raise ValueError(
            f"{name} must be a 1-D array of shape (n_samples,), found shape {y.shape}. "
            f"Use {name}.ravel() to flatten a column vector."
        )
    if y.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D array of shape (n_samples,), found shape {y.shape}."
        )
    if y.shape[0] == 0:
        raise ValueError(f"{name} must have at least 1 sample, found shape {y.shape}.")
    if y.dtype.kind == "f" and not np.isfinite(y).all():
        raise ValueError(f"{name} contains NaN or infinite labels; expected finite labels.")
    if y.dtype.kind == "O":
        if any(v is None or (isinstance(v, float) and not np.isfinite(v)) for v in y):
            raise ValueError(
                f"{name} contains missing labels (None or NaN); expected a label for "
                f"every sample."
            )
    return y


def check_classification_labels(y, name: str = "y") -> np.ndarray:
    """Check class labels as :func:`check_labels` does, and refuse two more cases.

    Labels may be integers, booleans, strings or integral floats (``1.0``).
    Refused: a non-integral float (the target looks continuous, a regression
    target), and an object array that mixes strings with numbers (they cannot
    be sorted into ``classes_``).

    Returns
    -------
    ndarray of shape ``(m,)``
    """
    y = check_labels(y, name)
    if y.dtype.kind in "cVMm":
        raise TypeError(
            f"{name} must hold class labels (integers, strings or booleans), "
            f"found dtype {y.dtype}."
        )
    values = y
    if y.dtype.kind == "O":
        kinds = {"string" if isinstance(v, str | bytes) else "number" for v in y}
        if len(kinds) > 1:
            raise TypeError(
                f"{name} mixes strings and numbers as labels; expected labels of one "
                f"type (all strings or all numbers)."
            )
        if kinds == {"string"}:
            return y
        try:
            values = y.astype(np.float64)
        except (TypeError, ValueError):
            raise TypeError(
                f"{name} must hold class labels (integers, strings or booleans), "
                f"found objects of type {type(y[0]).__name__}."
            ) from None
    if values.dtype.kind == "f" and not np.isfinite(values).all():
        raise ValueError(f"{name} contains NaN or infinite labels; expected finite labels.")
    if values.dtype.kind == "f" and np.any(values != np.round(values)):
        example = values[values != np.round(values)][0].item()
        raise ValueError(
            f"{name} looks like a continuous target (found the non-integer value "
            f"{example!r}); expected class labels (integers, strings or booleans)."
        )
    return y


def check_target(y, name: str = "y", *, dtype=np.float64) -> np.ndarray:
    """Check a 1-D numeric regression target of shape ``(m,)``."""
    y = check_array(y, name, ndim=1, dtype=dtype) if np.ndim(y) == 1 else _bad_target(y, name)
    return y


def _bad_target(y, name):
    if isinstance(y, str | bytes):
        raise TypeError(f"{name} must be a numeric array, got a string {y!r}.")
    shape = np.shape(y)
    hint = f" Use {name}.ravel() to flatten a column vector." if len(shape) == 2 and shape[1] == 1 else ""
    raise ValueError(
        f"{name} must be a 1-D array of shape (n_samples,), found shape {shape}.{hint}"
    )


def check_consistent_length(**arrays) -> None:
    """Raise ``ValueError`` unless every named array has the same number of rows."""
    lengths = {name: len(a) for name, a in arrays.items() if a is not None}
    if len(set(lengths.values())) > 1:
        found = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(f"Inconsistent numbers of samples: {found}; expected the same number.")


def check_n_features(X: np.ndarray, n_features_in: int, name: str = "X") -> None:
    """Raise ``ValueError`` if ``X`` has a different feature count than at ``fit``."""
    if X.shape[1] != n_features_in:
        raise ValueError(
            f"{name} has {X.shape[1]} features, but the estimator was fitted with "
            f"{n_features_in} features; expected shape (n_samples, {n_features_in})."
        )


def check_scalar(
    value,
    name: str,
    kind=numbers.Real,
    *,
    min_value=None,
    max_value=None,
    include_min: bool = True,
    include_max: bool = True,
):
    """Check a scalar hyperparameter's type and range and return it.

    ``kind`` is ``numbers.Real`` or ``numbers.Integral`` (booleans are refused).
    """
    if isinstance(value, bool) or not isinstance(value, kind):
        expected = "an integer" if kind is numbers.Integral else "a real number"
        raise TypeError(f"{name} must be {expected}, got {_describe(value)}.")
    if isinstance(value, float) and not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}.")
    if min_value is not None:
        bad = value < min_value if include_min else value <= min_value
        if bad:
            relation = ">=" if include_min else ">"
            raise ValueError(f"{name} must be {relation} {min_value}, got {value!r}.")
    if max_value is not None:
        bad = value > max_value if include_max else value >= max_value
        if bad:
            relation = "<=" if include_max else "<"
            raise ValueError(f"{name} must be {relation} {max_value}, got {value!r}.")
    return value


def check_bool(value, name: str) -> bool:
    """Check that a flag is ``True`` or ``False`` (not 0, 1 or a string) and return it."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {_describe(value)}.")
    return bool(value)


def check_option(value, name: str, options) -> str:
    """Check that ``value`` is one of ``options`` (usually strings) and return it."""
    if value not in options:
        choices = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {choices}; got {value!r}.")
    return value


def check_random_state(random_state) -> np.random.Generator:
    """Turn ``None``, an int or a ``Generator`` into a ``numpy.random.Generator``."""
    if random_state is None or isinstance(random_state, numbers.Integral) and not isinstance(
        random_state, bool
    ):
        return np.random.default_rng(random_state)
    if isinstance(random_state, np.random.Generator):
        return random_state
    raise TypeError(
        f"random_state must be None, an int or a numpy.random.Generator, "
        f"got {_describe(random_state)}."
    )


def require(module: str, extra: str = "notebooks"):
    """Import an optional dependency or say which extra installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(
            f"This feature needs {module.split('.')[0]}, which is not installed. "
            f"Install it with: pip install 'curriculum[{extra}]'"
        ) from None

"""Checks shared by the building blocks and the estimators."""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import _describe

FLOAT_DTYPES = ("float32", "float64")


def check_dtype(dtype, name: str = "dtype") -> np.dtype:
    """Return ``np.dtype(float32)`` or ``np.dtype(float64)``; refuse anything else."""
    try:
        resolved = np.dtype(dtype)
    except TypeError:
        resolved = None
    if resolved is None or resolved.name not in FLOAT_DTYPES:
        raise ValueError(f"{name} must be 'float32' or 'float64', got {_describe(dtype)}.")
    return resolved


def check_size(value, name: str) -> int:
    """A positive integer (a number of units, inputs, samples...)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive integer, got {_describe(value)}.")
    if value < 1:
        raise ValueError(f"{name} must be a positive integer (>= 1), got {value!r}.")
    return int(value)


def check_forward_input(X, n_columns: int | None, who: str) -> np.ndarray:
    """A 2-D array with ``n_columns`` columns (``None``: any), as a block's forward input."""
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(
            f"{who}.forward expects a 2-D array of shape (m, n), got shape {X.shape}."
        )
    if n_columns is not None and X.shape[1] != n_columns:
        raise ValueError(
            f"{who}.forward expects {n_columns} columns, got an array of shape {X.shape}; "
            f"expected shape (m, {n_columns})."
        )
    return X


def check_backward(output_shape, grad, who: str) -> np.ndarray:
    """Refuse ``backward`` before ``forward`` and a gradient of the wrong shape.

    ``output_shape`` is the shape of the last forward output (``None`` if there
    was no forward pass yet).
    """
    if output_shape is None:
        raise RuntimeError(f"{who}.backward was called before {who}.forward.")
    grad = np.asarray(grad)
    if grad.shape != output_shape:
        raise ValueError(
            f"{who}.backward expects a gradient of shape {output_shape} (the shape of "
            f"the forward output), got {grad.shape}."
        )
    return grad

"""Gradient checking: compare analytic gradients with central finite differences.

Backpropagation bugs rarely crash: a wrong sign or a missing ``1/m`` still
trains, only worse. The cure is to compare each analytic gradient with a
numerical one::

    df/dx_i  ~  (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)

whose error is of order ``eps^2`` (the first-order terms of the two Taylor
expansions cancel). With float64 and ``eps = 1e-6``, a correct gradient agrees
to a relative error of about 1e-8 or better; a wrong one is off by far more
than 1e-6.

:func:`check_layer`, :func:`check_loss` and :func:`check_network` apply this
to the building blocks of :mod:`curriculum.neural_network` and report one
relative error per parameter; :func:`check_gradients` does it for any scalar
function of named arrays. Use float64: in float32 rounding alone gives
relative errors around 1e-3.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ._validation import check_random_state, check_scalar


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central finite-difference gradient of ``f()`` with respect to the array ``x``.

    ``f`` takes no argument and reads ``x``, which is changed in place one entry
    at a time and restored afterwards.

    Parameters
    ----------
    f : callable returning a float
    x : ndarray of floats
        Changed in place during the call, identical afterwards.
    eps : float, default=1e-6
        Step of the finite differences.

    Returns
    -------
    ndarray of the shape of ``x``, float64

    Examples
    --------
    >>> x = np.array([1.0, -2.0])
    >>> np.round(numerical_gradient(lambda: float((x ** 2).sum()), x), 6)
    array([ 2., -4.])
    """
    if not isinstance(x, np.ndarray) or x.dtype.kind != "f":
        raise TypeError(f"x must be an ndarray of floats, got {type(x).__name__}.")
    eps = check_scalar(eps, "eps", numbers.Real, min_value=0, include_min=False)
    grad = np.zeros(x.shape, dtype=np.float64)
    for index in np.ndindex(x.shape):
        original = x[index]
        try:
            x[index] = original + eps
            f_plus = f()
            x[index] = original - eps
            f_minus = f()
        finally:
            x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(analytic, numeric) -> float:
    """``||a - n|| / (||a|| + ||n||)``, and 0 when both are 0.

    A relative measure works for gradients of any size; dividing by the sum
    of the two norms keeps it in [0, 1] and symmetric.
    """
    a = np.asarray(analytic, dtype=np.float64)
    n = np.asarray(numeric, dtype=np.float64)
    if a.shape != n.shape:
        raise ValueError(f"the gradients have different shapes: {a.shape} and {n.shape}.")
    scale = np.linalg.norm(a) + np.linalg.norm(n)
    if scale == 0:
        return 0.0
    return float(np.linalg.norm(a - n) / scale)


@dataclass
class GradientCheck:
    """The outcome of a gradient check: one relative error per named array.

    Attributes
    ----------
    errors : dict of str to float
        Relative error of each array's analytic gradient.
    analytic, numeric : dict of str to ndarray
        The two gradients of each array.
    tol : float
        Threshold below which a gradient passes.
    """

    errors: dict[str, float]
    analytic: dict[str, np.ndarray] = field(repr=False)
    numeric: dict[str, np.ndarray] = field(repr=False)
    tol: float = 1e-6

    @property
    def max_error(self) -> float:
        return max(self.errors.values(), default=0.0)

    @property
    def passed(self) -> bool:
        """True if every relative error is below ``tol``."""
        return self.max_error < self.tol

    def __str__(self) -> str:
        width = max((len(name) for name in self.errors), default=4)
        lines = [f"{'array':<{width}}  relative error"]
        for name, error in self.errors.items():
            verdict = "ok" if error < self.tol else "WRONG"
            lines.append(f"{name:<{width}}  {error:.2e}  {verdict}")
        lines.append(f"{'passed' if self.passed else 'FAILED'} (tolerance {self.tol:.0e})")
        return "\n".join(lines)


def check_gradients(
    f: Callable[[], float],
    arrays: dict[str, np.ndarray],
    analytic: dict[str, np.ndarray],
    *,
    eps: float = 1e-6,
    tol: float = 1e-6,
) -> GradientCheck:
    """Compare ``analytic[name]`` with the numerical gradient of ``f()`` for each array.

    Parameters
    ----------
    f : callable returning a float
        Reads the arrays of ``arrays`` (perturbed in place, then restored).
    arrays : dict of str to ndarray
        The arrays to differentiate with respect to.
    analytic : dict of str to ndarray
        The gradient to check for each of them (same keys and shapes).
    eps, tol : float
        Finite-difference step and pass threshold.
    """
    tol = check_scalar(tol, "tol", numbers.Real, min_value=0, include_min=False)
    if set(arrays) != set(analytic):
        raise ValueError(
            f"arrays and analytic must have the same keys, got {sorted(arrays)} and "
            f"{sorted(analytic)}."
        )
    numeric = {name: numerical_gradient(f, array, eps) for name, array in arrays.items()}
    analytic = {name: np.array(analytic[name], dtype=np.float64) for name in arrays}
    errors = {name: relative_error(analytic[name], numeric[name]) for name in arrays}
    return GradientCheck(errors, analytic, numeric, tol)


def _as_float64(X, name: str) -> np.ndarray:
    X = np.array(X, dtype=np.float64, copy=True)
    if X.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array of shape (m, n), got shape {X.shape}.")
    return X


def _parameter_arrays(layer, prefix: str = ""):
    params, grads = {}, {}
    for name in layer.param_names:
        array = getattr(layer, name)
        if array.dtype != np.float64:
            raise TypeError(
                f"gradient checks need float64 parameters; {prefix}{name} is {array.dtype}. "
                f"Build the layer with dtype='float64'."
            )
        params[prefix + name] = array
        grads[prefix + name] = getattr(layer, "d" + name)
    return params, grads


def check_layer(layer, X, *, random_state=0, eps: float = 1e-6, tol: float = 1e-6) -> GradientCheck:
    """Check a layer's ``backward`` against finite differences.

    The scalar checked is ``f = sum(layer.forward(X) * G)`` for a fixed random
    ``G`` (so dL/d(output) = G): the input gradient ``backward(G)`` and each
    parameter gradient are compared with their numerical counterparts.

    Parameters
    ----------
    layer : Layer
        A block with ``forward``/``backward`` (float64 parameters).
    X : array-like of shape (m, n)
        Input at which to check (copied). Keep ReLU inputs away from 0.

    Returns
    -------
    GradientCheck
        With the arrays ``"input"`` and the layer's ``param_names``.
    """
    X = _as_float64(X, "X")
    rng = check_random_state(random_state)
    G = rng.standard_normal(np.shape(layer.forward(X)))

    def f():
        return float(np.sum(layer.forward(X) * G))

    layer.forward(X)
    grad_input = np.array(layer.backward(G), dtype=np.float64)
    params, grads = _parameter_arrays(layer)
    analytic = {"input": grad_input, **{name: g.copy() for name, g in grads.items()}}
    return check_gradients(f, {"input": X, **params}, analytic, eps=eps, tol=tol)


def check_loss(loss, output, y, *, eps: float = 1e-6, tol: float = 1e-6) -> GradientCheck:
    """Check a loss's ``backward`` (dL/d(output)) against finite differences.

    Returns
    -------
    GradientCheck
        With the single array ``"output"``.
    """
    output = np.array(output, dtype=np.float64, copy=True)

    def f():
        return float(loss.forward(output, y))

    f()
    analytic = {"output": np.array(loss.backward(), dtype=np.float64)}
    return check_gradients(f, {"output": output}, analytic, eps=eps, tol=tol)


def check_network(
    network, loss, X, y, *, alpha: float = 0.0, eps: float = 1e-6, tol: float = 1e-6
) -> GradientCheck:
    """Check backpropagation through a whole :class:`~curriculum.neural_network.Sequential`.

    The scalar is ``loss.forward(network.forward(X), y)`` plus the L2 penalty
    ``network.l2_penalty(alpha, m)``; every parameter of every layer and the
    input are checked.

    Returns
    -------
    GradientCheck
        With the arrays ``"input"`` and ``"<layer index>.<name>"`` (``"0.W"``, ...).
    """
    X = _as_float64(X, "X")
    m = X.shape[0]

    def f():
        value = loss.forward(network.forward(X), y)
        if alpha:
            value += network.l2_penalty(alpha, m)
        return float(value)

    f()
    grad_input = np.array(network.backward(loss.backward()), dtype=np.float64)
    if alpha:
        network.add_l2_gradient(alpha, m)
    params, analytic = {"input": X}, {"input": grad_input}
    for index, layer in enumerate(network.layers):
        layer_params, layer_grads = _parameter_arrays(layer, f"{index}.")
        params.update(layer_params)
        analytic.update({name: g.copy() for name, g in layer_grads.items()})
    return check_gradients(f, params, analytic, eps=eps, tol=tol)

"""Linear regression and ridge regression: closed form or gradient descent."""

from __future__ import annotations

import numpy as np

from .._validation import check_array, check_consistent_length, check_target
from ..base import BaseEstimator
from ._base import (
    RegressorMixin,
    check_common_params,
    check_predict_input,
    gradient_descent,
    penalty_mask,
    with_intercept,
)

# Solving the Gram system loses about log10(condition number) of the 16 digits of
# float64; above this we switch to lstsq, which works on X itself. 1e7 keeps the
# solution within about 1e-8 (relative) of lstsq's.
_MAX_CONDITION = 1e7
_CHUNK_ROWS = 4096  # rows centred at a time, so the centred copy stays in cache


def _centred_gram(X, y, x_mean, y_mean):
    """``Xc.T @ Xc`` and ``Xc.T @ yc`` of the centred data, one block of rows at a time."""
    n = X.shape[1]
    gram, rhs = np.zeros((n, n)), np.zeros(n)
    for start in range(0, X.shape[0], _CHUNK_ROWS):
        block = X[start : start + _CHUNK_ROWS] - x_mean
        gram += block.T @ block
        rhs += block.T @ (y[start : start + _CHUNK_ROWS] - y_mean)
    return gram, rhs


def solve_least_squares(X, y, alpha=0.0, fit_intercept=True):
    """Minimise ``||y - X w - b||^2 + alpha * ||w||^2`` exactly.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    alpha : float
        Ridge penalty (0 for ordinary least squares). ``b`` is never penalised.
    fit_intercept : bool
        Fit ``b``; otherwise ``b = 0``.

    Returns
    -------
    coef : ndarray of shape (n,)
    intercept : float

    Notes
    -----
    With an intercept, centring ``Xc = X - mean(X)``, ``yc = y - mean(y)``
    removes ``b``: ``w`` solves ``(Xc^T Xc + alpha I) w = Xc^T yc`` and
    ``b = mean(y) - mean(X) @ w``. The n x n system is built in one pass over
    the data and solved with ``np.linalg.solve`` (never an explicit inverse)
    after scaling its columns to unit diagonal, which makes the condition
    number a measure of collinearity rather than of units. Forming ``X^T X``
    squares the condition number of ``X``, so when the scaled system's
    condition number exceeds 1e7 (always the case when ``m < n`` without a
    penalty) we fall back to ``np.linalg.lstsq`` on the centred ``X`` (on
    ``[Xc; sqrt(alpha) I]`` for ridge), which returns the minimum-norm
    solution when ``w`` is not unique, as scikit-learn does. Like
    scikit-learn's ``LinearRegression`` (its ``tol=1e-6``), that fallback
    treats singular values of ``Xc`` below 1e-6 times the largest as zero.
    """
    n = X.shape[1]
    x_mean = X.mean(axis=0) if fit_intercept else np.zeros(n)
    y_mean = float(y.mean()) if fit_intercept else 0.0
    gram, rhs = _centred_gram(X, y, x_mean, y_mean)
    scale = np.sqrt(np.diag(gram))
    scale[scale == 0] = 1.0
    system = gram / np.outer(scale, scale)
    system[np.diag_indices(n)] += alpha / scale**2
    eigenvalues = np.linalg.eigvalsh(system)
    coef = None
    if eigenvalues[0] > eigenvalues[-1] / _MAX_CONDITION:
        try:
            coef = np.linalg.solve(system, rhs / scale) / scale
        except np.linalg.LinAlgError:  # singular after all: use the robust path
            coef = None
    if coef is None:
        Xc, yc = X - x_mean, y - y_mean
        if alpha > 0:
            Xc = np.vstack([Xc, np.sqrt(alpha) * np.eye(n)])
            yc = np.concatenate([yc, np.zeros(n)])
        # Singular values below 1e-6 of the largest count as zero, as in scikit-learn's
        # LinearRegression(tol=1e-6): directions the data barely determine are dropped.
        coef = np.linalg.lstsq(Xc, yc, rcond=1e-6 if alpha == 0 else None)[0]
    intercept = y_mean - float(x_mean @ coef) if fit_intercept else 0.0
    return coef, intercept


class _LeastSquares(RegressorMixin, BaseEstimator):
    """Shared ``fit``/``predict`` of :class:`LinearRegression` and :class:`Ridge`."""

    _solvers = ("normal", "gd")

    def _alpha(self) -> float:
        return 0.0

    def fit(self, X, y):
        """Fit the model to ``X`` of shape (m, n) and ``y`` of shape (m,); return ``self``."""
        check_common_params(self, self._solvers)
        X = check_array(X, "X")
        y = check_target(y, "y")
        check_consistent_length(X=X, y=y)
        alpha = float(self._alpha())
        self.__dict__.pop("loss_history_", None)  # from an earlier gd fit
        if self.solver == "normal":
            self.coef_, self.intercept_ = solve_least_squares(X, y, alpha, self.fit_intercept)
            self.n_iter_ = None
        else:
            self._fit_gd(X, y, alpha)
        self.n_features_in_ = X.shape[1]
        return self

    def _fit_gd(self, X, y, alpha):
        X_b = with_intercept(X, self.fit_intercept, order="F")
        m = X_b.shape[0]
        mask = penalty_mask(X_b.shape[1], self.fit_intercept)

        def objective(theta):
            residual = X_b @ theta - y
            weights = mask * theta
            loss = (residual @ residual + alpha * (weights @ weights)) / (2 * m)
            return loss, (X_b.T @ residual + alpha * weights) / m

        theta, self.n_iter_, self.loss_history_ = gradient_descent(
            objective,
            np.zeros(X_b.shape[1]),
            learning_rate=self.learning_rate,
            max_iter=self.max_iter,
            tol=self.tol,
            owner=type(self).__name__,
        )
        self.intercept_ = float(theta[0]) if self.fit_intercept else 0.0
        self.coef_ = theta[1:] if self.fit_intercept else theta

    def predict(self, X):
        """Predicted targets ``X @ coef_ + intercept_``, shape (m,)."""
        X = check_predict_input(self, X)
        return X @ self.coef_ + self.intercept_


class LinearRegression(_LeastSquares):
    """Ordinary least squares, by the normal equation or by gradient descent.

    Parameters
    ----------
    solver : {"normal", "gd"}
        ``"normal"``: exact solution (see :func:`solve_least_squares`).
        ``"gd"``: full-batch gradient descent on ``J``.
    learning_rate : float > 0
        Step size of ``"gd"``.
    max_iter : int >= 1
        Iteration budget of ``"gd"``.
    tol : float >= 0
        ``"gd"`` stops when ``J`` changes by less than ``tol`` in one step.
    fit_intercept : bool
        Fit an intercept (else the model goes through the origin).

    Attributes
    ----------
    coef_ : ndarray of shape (n,)
    intercept_ : float
    n_features_in_ : int
    n_iter_ : int or None
        Gradient-descent updates made; None for ``"normal"`` (no iterations).
    loss_history_ : ndarray of shape (n_iter_ + 1,)
        ``J`` at the start and after every update (``"gd"`` only).

    Notes
    -----
    With ``X_b = [1, X]`` and ``theta = [intercept_, *coef_]`` the objective
    is ``J(theta) = 1/(2m) * ||X_b theta - y||^2`` with gradient
    ``1/m * X_b^T (X_b theta - y)``. Its minimiser solves the normal equation
    ``X_b^T X_b theta = X_b^T y``. Gradient descent needs standardised
    features to converge in reasonable time; on raw features with very
    different scales it either crawls or diverges.
    """

    def __init__(
        self, *, solver="normal", learning_rate=0.01, max_iter=1000, tol=1e-8, fit_intercept=True
    ):
        self.solver = solver
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept


class Ridge(_LeastSquares):
    """Linear regression with an L2 penalty on the weights (not on the intercept).

    Parameters
    ----------
    alpha : float >= 0
        Penalty strength; the same ``alpha`` gives scikit-learn ``Ridge(alpha)``'s
        coefficients. ``alpha=0`` is ordinary least squares.
    solver, learning_rate, max_iter, tol, fit_intercept
        As in :class:`LinearRegression`.

    Attributes
    ----------
    coef_, intercept_, n_features_in_, n_iter_, loss_history_
        As in :class:`LinearRegression`.

    Notes
    -----
    Minimises ``J(theta) = 1/(2m) * (||X_b theta - y||^2 + alpha * ||w||^2)``
    where ``w = theta[1:]``. The factor ``1/(2m)`` does not move the minimiser,
    which is that of ``||X_b theta - y||^2 + alpha * ||w||^2`` (scikit-learn's
    objective). Gradient: ``1/m * (X_b^T (X_b theta - y) + alpha * [0, w])``.
    Closed form: ``(Xc^T Xc + alpha I) w = Xc^T yc`` on centred data.
    """

    def __init__(
        self,
        alpha=1.0,
        *,
        solver="normal",
        learning_rate=0.01,
        max_iter=1000,
        tol=1e-8,
        fit_intercept=True,
    ):
        self.alpha = alpha
        self.solver = solver
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept

    def _alpha(self) -> float:
        return self.alpha

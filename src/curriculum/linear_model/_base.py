"""Pieces shared by the linear models: hyperparameter checks, gradient descent, ``score``."""

from __future__ import annotations

import numbers
import warnings

import numpy as np

from .._validation import check_array, check_n_features, check_option, check_scalar
from ..base import check_is_fitted
from ..exceptions import ConvergenceWarning


class RegressorMixin:
    """Add ``score`` = R^2 of ``predict(X)`` against ``y``."""

    _estimator_type = "regressor"

    def score(self, X, y):
        """Coefficient of determination R^2 of the predictions on ``X`` (1 is perfect)."""
        from ..metrics import r2_score

        return r2_score(y, self.predict(X))


class ClassifierMixin:
    """Add ``score`` = accuracy of ``predict(X)`` against ``y``."""

    _estimator_type = "classifier"

    def score(self, X, y):
        """Fraction of samples of ``X`` whose predicted class equals ``y``."""
        from ..metrics import accuracy_score

        return accuracy_score(y, self.predict(X))


def check_common_params(estimator, solvers) -> None:
    """Validate the hyperparameters every linear model shares (names as in ``__init__``)."""
    check_option(estimator.solver, "solver", solvers)
    check_scalar(estimator.learning_rate, "learning_rate", min_value=0, include_min=False)
    check_scalar(estimator.max_iter, "max_iter", numbers.Integral, min_value=1)
    check_scalar(estimator.tol, "tol", min_value=0)
    if not isinstance(estimator.fit_intercept, bool | np.bool_):
        raise TypeError(
            f"fit_intercept must be True or False, got "
            f"{type(estimator.fit_intercept).__name__} {estimator.fit_intercept!r}."
        )
    if "alpha" in estimator.get_params():
        check_scalar(estimator.alpha, "alpha", min_value=0)


def with_intercept(X: np.ndarray, fit_intercept: bool, order: str = "C") -> np.ndarray:
    """``X_b`` of shape (m, n + 1) with a first column of ones (or ``X`` if no intercept).

    ``order="F"`` stores it column by column: for a tall, narrow matrix the
    matrix-vector products of gradient descent and of the binary logistic
    loss run several times faster that way with OpenBLAS.
    """
    if not fit_intercept:
        return np.asarray(X, order=order)
    X_b = np.empty((X.shape[0], X.shape[1] + 1), order=order)
    X_b[:, 0] = 1.0
    X_b[:, 1:] = X
    return X_b


def check_predict_input(estimator, X) -> np.ndarray:
    """Check that ``estimator`` is fitted and ``X`` has the features seen in ``fit``."""
    check_is_fitted(estimator, "coef_")
    X = check_array(X, "X")
    check_n_features(X, estimator.n_features_in_)
    return X


def penalty_mask(n_params: int, fit_intercept: bool) -> np.ndarray:
    """1.0 for penalised weights, 0.0 for the intercept ``theta[0]`` (never penalised)."""
    mask = np.ones(n_params)
    if fit_intercept:
        mask[0] = 0.0
    return mask


def gradient_descent(objective, theta, *, learning_rate, max_iter, tol, owner):
    """Minimise a smooth objective with full-batch gradient descent.

    Parameters
    ----------
    objective : callable
        ``objective(theta) -> (J, gradient)``.
    theta : ndarray
        Starting point (not modified).
    learning_rate, max_iter, tol : float, int, float
        Step size, iteration budget and stopping threshold.
    owner : str
        Estimator name for messages.

    Returns
    -------
    theta : ndarray
    n_iter : int
        Number of updates made.
    history : ndarray of shape (n_iter + 1,)
        ``J`` before the first update and after each update.

    Notes
    -----
    Update ``theta <- theta - learning_rate * grad J(theta)``. It stops when
    ``|J(theta_{t-1}) - J(theta_t)| <= tol`` (the change of the objective, not
    the gradient norm), and warns with ``ConvergenceWarning`` if that has not
    happened after ``max_iter`` updates. A loss that overflows means the step
    is too large: that raises ``ValueError`` rather than returning NaN.
    """
    loss, grad = objective(theta)
    history = [loss]
    with np.errstate(over="ignore", invalid="ignore"):
        for n_iter in range(1, max_iter + 1):
            theta = theta - learning_rate * grad
            new_loss, grad = objective(theta)
            if not (np.isfinite(new_loss) and np.isfinite(grad).all()):
                raise ValueError(
                    f"{owner} gradient descent diverged: the loss overflowed at iteration "
                    f"{n_iter} with learning_rate={learning_rate!r}. Use a smaller "
                    f"learning_rate or standardise X (StandardScaler)."
                )
            history.append(new_loss)
            if abs(loss - new_loss) <= tol:
                return theta, n_iter, np.asarray(history)
            loss = new_loss
    hint = (
        " The loss went up: learning_rate is probably too large."
        if history[-1] > history[0]
        else " Increase max_iter or learning_rate, or standardise X."
    )
    warnings.warn(
        f"{owner} gradient descent stopped at max_iter={max_iter} before the change of "
        f"the loss fell below tol={tol!r} (last change {abs(history[-2] - history[-1]):.3g})."
        + hint,
        ConvergenceWarning,
        stacklevel=3,
    )
    return theta, max_iter, np.asarray(history)

"""Logistic regression: binary, multinomial (softmax) or one-vs-rest, by gradient
descent or Newton's method."""

from __future__ import annotations

import warnings

import numpy as np

from .._validation import (
    check_array,
    check_classification_labels,
    check_consistent_length,
    check_option,
)
from ..base import BaseEstimator
from ..exceptions import ConvergenceWarning
from ._base import (
    ClassifierMixin,
    check_common_params,
    check_predict_input,
    gradient_descent,
    penalty_mask,
    with_intercept,
)


def sigmoid(z):
    """Logistic function ``1 / (1 + exp(-z))`` without overflow for any ``z``."""
    z = np.asarray(z, dtype=np.float64)
    # exp of a non-positive number never overflows; pick the form that needs only that.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_softmax(Z):
    """Row-wise ``log(softmax(Z))``, shifted by the row maximum so ``exp`` cannot overflow."""
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(Z):
    """Row-wise ``exp(Z) / sum(exp(Z))``, computed stably."""
    return np.exp(log_softmax(Z))


class _BinaryLoss:
    """Mean log-loss of ``p = sigmoid(X_b @ theta)`` plus ``alpha/(2m) ||w||^2``.

    ``theta`` has shape (n + 1,) with ``theta[0]`` the intercept (shape (n,)
    without one). Per sample the loss is ``log(1 + exp(z)) - y z``, computed
    with ``np.logaddexp`` so that large ``|z|`` neither overflows nor rounds to 0.
    """

    def __init__(self, X_b, y, alpha, mask):
        self.X_b, self.y, self.alpha, self.mask = X_b, y, alpha, mask
        self.m = X_b.shape[0]

    def __call__(self, theta):
        z = self.X_b @ theta
        w = self.mask * theta
        loss = np.mean(np.logaddexp(0.0, z) - self.y * z) + self.alpha * (w @ w) / (2 * self.m)
        grad = (self.X_b.T @ (sigmoid(z) - self.y) + self.alpha * w) / self.m
        return loss, grad

    def hessian(self, theta):
        p = sigmoid(self.X_b @ theta)
        root = self.X_b * np.sqrt(p * (1.0 - p))[:, None]
        hessian = root.T @ root / self.m
        hessian[np.diag_indices_from(hessian)] += self.alpha * self.mask / self.m
        return hessian


def _sum_zero_basis(k):
    """Orthonormal basis Q, shape (k, k - 1), of the vectors of R^k that sum to zero."""
    centring = np.eye(k) - 1.0 / k
    basis, _ = np.linalg.qr(centring[:, : k - 1])
    return basis


class _MultinomialLoss:
    """Mean softmax cross-entropy plus ``alpha/(2m) ||W||^2``, in sum-zero coordinates.

    The class weights are ``W = Q @ V`` (shape (k, n + 1), column 0 the
    intercepts) where ``Q`` is an orthonormal basis of the sum-zero vectors of
    R^k; ``theta`` is ``V`` flattened, shape ((k - 1) * (n + 1),). Adding the
    same vector to every row of ``W`` leaves every softmax probability
    unchanged, so only ``W`` with rows summing to zero are worth searching;
    there the objective is strictly convex (for full-rank data) and, because
    ``Q`` is orthonormal, ``||W||^2 = ||V||^2``.
    """

    def __init__(self, X_b, y_index, k, alpha, mask):
        self.X_b, self.y_index, self.k, self.alpha = X_b, y_index, k, alpha
        self.m, self.n1 = X_b.shape
        self.Q = _sum_zero_basis(k)
        self.Y = np.eye(k)[y_index]
        self.mask = mask

    def weights(self, theta):
        return self.Q @ theta.reshape(self.k - 1, self.n1)

    def __call__(self, theta):
        V = theta.reshape(self.k - 1, self.n1)
        log_p = log_softmax(self.X_b @ (self.Q @ V).T)
        penalised = V * self.mask
        loss = -np.mean(log_p[np.arange(self.m), self.y_index])
        loss += self.alpha * np.sum(penalised**2) / (2 * self.m)
        grad_W = (np.exp(log_p) - self.Y).T @ self.X_b / self.m
        grad = self.Q.T @ grad_W + self.alpha * penalised / self.m
        return loss, grad.ravel()

    def hessian(self, theta):
        # d^2 J / dW_a dW_b = 1/m X_b^T diag(P_a (delta_ab - P_b)) X_b; in V-coordinates
        # the per-sample k x k matrix diag(p) - p p^T becomes Q^T (diag(p) - p p^T) Q.
        P = softmax(self.X_b @ self.weights(theta).T)
        R = P @ self.Q
        S = np.einsum("sa,ac,ad->scd", P, self.Q, self.Q) - R[:, :, None] * R[:, None, :]
        c_dim, n1 = self.k - 1, self.n1
        H = np.empty((c_dim, n1, c_dim, n1))
        for c in range(c_dim):
            for d in range(c, c_dim):
                block = (self.X_b * S[:, c, d, None]).T @ self.X_b / self.m
                H[c, :, d, :] = block
                H[d, :, c, :] = block.T
        H = H.reshape(c_dim * n1, c_dim * n1)
        H[np.diag_indices_from(H)] += self.alpha * np.tile(self.mask, c_dim) / self.m
        return H


def _newton_direction(hessian, grad):
    """Solve ``H d = -g``; a singular ``H`` (no penalty, separable classes) gets lstsq."""
    try:
        step = np.linalg.solve(hessian, -grad)
        if np.isfinite(step).all():
            return step
    except np.linalg.LinAlgError:
        pass
    return np.linalg.lstsq(hessian, -grad, rcond=None)[0]


def newton(objective, theta, *, max_iter, tol, owner):
    """Minimise a smooth convex objective by Newton's method with backtracking.

    Parameters
    ----------
    objective : callable with a ``hessian`` method
        ``objective(theta) -> (J, gradient)``, ``objective.hessian(theta) -> H``.
    theta : ndarray
        Starting point.
    max_iter : int
    tol : float
        Stop when the decrease of ``J`` predicted by the quadratic model,
        ``-g.d / 2`` (half the squared Newton decrement), is below ``tol``;
        that last full Newton step is still taken.
    owner : str
        Estimator name for messages.

    Returns
    -------
    theta, n_iter, history : as :func:`gradient_descent` returns them

    Notes
    -----
    Each step solves ``H d = -g`` (``np.linalg.solve``, lstsq if ``H`` is
    singular) and then halves ``t`` in ``theta + t d`` until the Armijo
    condition ``J(theta + t d) <= J(theta) + 1e-4 t g.d`` holds, which makes
    the method safe far from the optimum; near it ``t = 1`` and the number of
    correct digits doubles at every step.
    """
    loss, grad = objective(theta)
    history = [loss]
    with np.errstate(over="ignore", invalid="ignore"):
        for n_iter in range(1, max_iter + 1):
            step = _newton_direction(objective.hessian(theta), grad)
            slope = grad @ step
            if not slope < 0:  # rounding made H useless: fall back to steepest descent
                step, slope = -grad, -(grad @ grad)
            converged = -slope / 2 < tol or slope == 0
            t = 1.0
            while True:
                candidate = theta + t * step
                new_loss, new_grad = objective(candidate)
                if converged or new_loss <= loss + 1e-4 * t * slope:
                    break
                t *= 0.5
                if t < 1e-10:
                    warnings.warn(
                        f"{owner} Newton line search could not decrease the loss at "
                        f"iteration {n_iter}; stopping. The data may be separable with "
                        f"alpha=0: try alpha > 0.",
                        ConvergenceWarning,
                        stacklevel=4,
                    )
                    return theta, n_iter, np.asarray(history)
            theta, loss, grad = candidate, new_loss, new_grad
            history.append(loss)
            if converged:
                return theta, n_iter, np.asarray(history)
    warnings.warn(
        f"{owner} Newton's method stopped at max_iter={max_iter} before the predicted "
        f"decrease of the loss fell below tol={tol!r}. Increase max_iter, or add a "
        f"penalty (alpha > 0) if the classes are separable.",
        ConvergenceWarning,
        stacklevel=4,
    )
    return theta, max_iter, np.asarray(history)


class LogisticRegression(ClassifierMixin, BaseEstimator):
    """Logistic regression classifier (binary, multinomial or one-vs-rest).

    Parameters
    ----------
    alpha : float >= 0
        L2 penalty strength on the weights (never on the intercept);
        ``alpha = 1/C`` of scikit-learn, and ``alpha=0`` (the default) is no
        penalty (scikit-learn's ``C=np.inf``).
    solver : {"gd", "newton"}
        Full-batch gradient descent, or Newton's method with the exact Hessian
        and a backtracking line search (a handful of iterations).
    learning_rate : float > 0
        Step size of ``"gd"``.
    max_iter : int >= 1
    tol : float >= 0
        ``"gd"``: stop when the objective changes by less than ``tol`` in one
        step. ``"newton"``: stop when the decrease predicted by the quadratic
        model is below ``tol`` (the last Newton step is still taken).
    multi_class : {"multinomial", "ovr"}
        With k > 2 classes: one softmax model over all classes, or k binary
        "class c versus the rest" models. With 2 classes both are the same
        binary model.
    fit_intercept : bool

    Attributes
    ----------
    classes_ : ndarray of shape (k,)
        Sorted class labels (any type: integers, strings, booleans).
    coef_ : ndarray of shape (1, n) for two classes, else (k, n)
    intercept_ : ndarray of shape (1,) or (k,)
    n_features_in_ : int
    n_iter_ : int
        Iterations of the solver (the largest over the k models for ``"ovr"``).
    loss_history_ : ndarray of shape (n_iter_ + 1,), or a list of k of them for ``"ovr"``
        The objective at the start and after every iteration.

    Notes
    -----
    Binary, with ``y`` in {0, 1} (1 = ``classes_[1]``) and
    ``p = sigmoid(X_b theta)``: minimises
    ``J = -1/m sum [y log p + (1 - y) log(1 - p)] + alpha/(2m) ||w||^2``,
    gradient ``1/m X_b^T (p - y) + alpha/m [0, w]``, Hessian
    ``1/m X_b^T diag(p (1 - p)) X_b + alpha/m diag(0, 1, ..., 1)``.

    Multinomial: ``P = softmax(X_b W^T)`` and ``J = -1/m sum log P[i, y_i] +
    alpha/(2m) ||W[:, 1:]||^2``. The softmax only depends on differences
    between class scores, so adding one vector to every class row of ``W``
    changes nothing: without a penalty the minimiser is not unique, and with
    one the intercepts are not. We fit within the rows-sum-to-zero
    parametrisation (see ``_MultinomialLoss``); the penalised optimum always
    lies there, and it is the solution scikit-learn's ``lbfgs`` reaches
    (started at zero, its iterates never leave it), so ``coef_`` and
    ``intercept_`` match scikit-learn's, with and without penalty. With two
    classes the model is the binary one, whose single weight vector is
    ``coef_[0]`` (as in scikit-learn).

    Without a penalty on linearly separable classes the loss keeps falling as
    the weights grow, so there is no finite optimum: the solver stops when the
    loss stops changing and the coefficients are large and arbitrary. Use
    ``alpha > 0`` there.
    """

    def __init__(
        self,
        alpha=0.0,
        *,
        solver="gd",
        learning_rate=0.1,
        max_iter=1000,
        tol=1e-6,
        multi_class="multinomial",
        fit_intercept=True,
    ):
        self.alpha = alpha
        self.solver = solver
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.multi_class = multi_class
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        """Fit to ``X`` of shape (m, n) and labels ``y`` of shape (m,); return ``self``."""
        check_common_params(self, ("gd", "newton"))
        check_option(self.multi_class, "multi_class", ("multinomial", "ovr"))
        X = check_array(X, "X")
        y = check_classification_labels(y, "y")
        check_consistent_length(X=X, y=y)
        classes = np.unique(y)
        alpha, k = float(self.alpha), len(classes)
        if k < 2:
            only = classes[0].item() if isinstance(classes[0], np.generic) else classes[0]
            raise ValueError(
                f"y contains a single class ({only!r}); expected at least 2 classes for "
                f"LogisticRegression to separate."
            )
        y_index = np.searchsorted(classes, y)
        binary = k == 2 or self.multi_class == "ovr"
        # Column-major X_b speeds up the matrix-vector products of the binary loss;
        # the multinomial loss multiplies by matrices and prefers row-major.
        X_b = with_intercept(X, self.fit_intercept, order="F" if binary else "C")
        mask = penalty_mask(X_b.shape[1], self.fit_intercept)

        if binary:
            positives = [1] if k == 2 else range(k)
            fits = [
                self._minimise(_BinaryLoss(X_b, (y_index == c).astype(float), alpha, mask))
                for c in positives
            ]
            W = np.array([theta for theta, _, _ in fits])
            self.n_iter_ = max(n for _, n, _ in fits)
            self.loss_history_ = fits[0][2] if k == 2 else [h for _, _, h in fits]
            self._link = "sigmoid" if k == 2 else "ovr"
        else:
            loss = _MultinomialLoss(X_b, y_index, k, alpha, mask)
            theta, self.n_iter_, self.loss_history_ = self._minimise(loss)
            W = loss.weights(theta)
            self._link = "softmax"

        self.classes_ = classes
        self.intercept_ = W[:, 0].copy() if self.fit_intercept else np.zeros(len(W))
        self.coef_ = W[:, 1:].copy() if self.fit_intercept else W
        self.n_features_in_ = X.shape[1]
        return self

    def _minimise(self, objective):
        start = np.zeros(objective.X_b.shape[1] * (getattr(objective, "k", 2) - 1))
        owner = type(self).__name__
        if self.solver == "newton":
            return newton(objective, start, max_iter=self.max_iter, tol=self.tol, owner=owner)
        return gradient_descent(
            objective,
            start,
            learning_rate=self.learning_rate,
            max_iter=self.max_iter,
            tol=self.tol,
            owner=owner,
        )

    def decision_function(self, X):
        """Scores ``X @ coef_.T + intercept_``: shape (m,) for two classes, else (m, k)."""
        X = check_predict_input(self, X)
        scores = X @ self.coef_.T + self.intercept_
        return scores[:, 0] if scores.shape[1] == 1 else scores

    def predict_proba(self, X):
        """Class probabilities, shape (m, k), columns in the order of ``classes_``.

        Two classes: ``[1 - p, p]`` with ``p = sigmoid(score)``. Multinomial:
        ``softmax(scores)``. One-vs-rest: each model's sigmoid, rescaled so
        that every row sums to 1.
        """
        scores = self.decision_function(X)
        if self._link == "sigmoid":
            p = sigmoid(scores)
            return np.column_stack([1.0 - p, p])
        if self._link == "ovr":
            p = sigmoid(scores)
            return p / p.sum(axis=1, keepdims=True)
        return softmax(scores)

    def predict(self, X):
        """Most probable class of each row of ``X``, shape (m,), as labels of ``classes_``."""
        scores = self.decision_function(X)
        if scores.ndim == 1:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[np.argmax(scores, axis=1)]

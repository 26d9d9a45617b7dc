"""Exercises of module ml/03: logistic regression.

Shapes: ``X`` has shape ``(m, n)``; ``y`` has shape ``(m,)`` with labels in
{0, 1} (or ``0 .. k-1`` for several classes); ``theta`` has shape ``(n + 1,)``
with ``theta[0]`` the intercept; ``Theta`` has shape ``(k, n + 1)``, one row per
class.
"""

from __future__ import annotations

import numpy as np

from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "ml/03_logistic_regression_exercises.ipynb"
NO_LIBRARY = ("sklearn", "curriculum.linear_model", "curriculum.metrics", "curriculum.preprocessing")


def _design(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])


def _binary_sample(rng, m, n):
    X = rng.normal(0.0, 1.0, size=(m, n))
    theta = rng.normal(0.0, 1.0, size=n + 1)
    scores = _design(X) @ rng.normal(0.0, 1.5, size=n + 1)
    y = (rng.uniform(size=m) < 1 / (1 + np.exp(-scores))).astype(int)
    return X, y, theta


FIXED_X = np.array([[0.5, 1.0], [-1.0, 2.0], [2.0, -0.5], [0.0, 0.0]])
FIXED_Y = np.array([1, 0, 1, 0])


# --- 1. stable sigmoid ---------------------------------------------------------------


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # never overflows
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def _naive_sigmoid(z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def _exp_ratio_sigmoid(z):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(np.asarray(z, dtype=float))
        return e / (1 + e)


register(
    Exercise(
        id="ml.logistic.sigmoid",
        notebook=NOTEBOOK,
        function="sigmoid",
        title="A numerically stable sigmoid",
        reference=sigmoid,
        fixed_cases=[
            Case((np.array([0.0, 2.0, -2.0]),), label="small scores"),
            Case((np.array([-1000.0, -720.0, -30.0, 0.0, 30.0, 720.0, 1000.0]),), label="huge scores"),
            Case((np.array([[1.0, -1.0], [-50.0, 50.0]]),), label="a 2-D array"),
            Case((np.array([-3, 0, 3]),), label="integer scores"),
        ],
        random_cases=lambda rng: [
            Case((rng.normal(0.0, 300.0, size=int(rng.integers(5, 30))),), label="random scores")
            for _ in range(3)
        ],
        # Relative tolerance only: tiny probabilities such as sigmoid(-720) must survive.
        atol=0.0,
        mistakes=[
            Mistake(
                "naive formula",
                _naive_sigmoid,
                "For very negative z, np.exp(-z) overflows to inf (NumPy warns 'overflow "
                "encountered in exp') and 1 / (1 + inf) collapses to exactly 0, losing tiny "
                "probabilities such as sigmoid(-720) ~ 2e-313. Only ever compute np.exp(-np.abs(z)), "
                "which lies in (0, 1], and use exp(z) / (1 + exp(z)) for negative z.",
            ),
            Mistake(
                "exp(z) / (1 + exp(z)) everywhere",
                _exp_ratio_sigmoid,
                "For large positive z, np.exp(z) overflows to inf and inf / inf is nan. Use this "
                "form only for negative z, and 1 / (1 + exp(-z)) for z >= 0.",
            ),
            Mistake(
                "sign of z",
                lambda z: sigmoid(-np.asarray(z, dtype=float)),
                "That is sigmoid(-z): the sigmoid is 1 / (1 + exp(-z)), which tends to 1 for large "
                "positive z.",
            ),
        ],
        forbidden=("sklearn", "curriculum.linear_model", "scipy.special"),
        vectorised=True,
    )
)


# --- 2. log-loss ------------------------------------------------------------------------


def log_loss(y, p, eps=1e-15):
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _log_loss_unclipped(y, p, eps=1e-15):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


register(
    Exercise(
        id="ml.logistic.log_loss",
        notebook=NOTEBOOK,
        function="log_loss",
        title="The log-loss, clipped",
        reference=log_loss,
        fixed_cases=[
            Case((np.array([1, 0, 1]), np.array([0.9, 0.2, 0.6])), label="3 samples"),
            Case((np.array([1, 0, 1, 0]), np.array([1.0, 0.0, 0.99, 0.0])), label="confident and right: p is 0 or 1"),
            Case((np.array([1, 0]), np.array([0.0, 1.0])), label="confident and wrong"),
            Case((np.array([1, 1, 0]), np.array([0.7, 1e-20, 0.3]), 1e-7), label="eps given"),
        ],
        random_cases=lambda rng: [
            Case(
                (rng.integers(0, 2, size=size), rng.uniform(0.01, 0.99, size=size)),
                label=f"random, {size} samples",
            )
            for size in rng.integers(5, 50, size=3)
        ],
        # Loose enough for any sensible way of keeping p away from 0 and 1.
        rtol=1e-4,
        mistakes=[
            Mistake(
                "log of zero",
                _log_loss_unclipped,
                "log of zero: a probability of exactly 0 or 1 gives log(0) = -inf, and "
                "0 * log(0) is nan. Clip the probabilities first: np.clip(p, eps, 1 - eps).",
            ),
            Mistake(
                "forgot the minus sign",
                lambda y, p, eps=1e-15: -log_loss(y, p, eps),
                "The logs of probabilities are negative: put a minus sign in front of the mean "
                "so that the loss is positive.",
            ),
            Mistake(
                "forgot 1/m",
                lambda y, p, eps=1e-15: log_loss(y, p, eps) * len(y),
                "Average over the samples: divide the sum by m (or use np.mean).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 3. gradient of the log-loss ------------------------------------------------------------


def gradient(X, y, theta):
    X_b = _design(X)
    return X_b.T @ (sigmoid(X_b @ theta) - y) / X_b.shape[0]


def _random_binary(rng, count=3):
    cases = []
    for _ in range(count):
        m, n = int(rng.integers(5, 40)), int(rng.integers(1, 5))
        X, y, theta = _binary_sample(rng, m, n)
        cases.append(Case((X, y, theta), label=f"random, {m} samples, {n} features"))
    return cases


register(
    Exercise(
        id="ml.logistic.gradient",
        notebook=NOTEBOOK,
        function="gradient",
        title="The gradient of the log-loss",
        reference=gradient,
        fixed_cases=[
            Case((FIXED_X, FIXED_Y, np.array([0.0, 0.0, 0.0])), label="4 samples, theta = 0"),
            Case((FIXED_X, FIXED_Y, np.array([0.5, -1.0, 2.0])), label="4 samples"),
            Case((np.array([[1.0], [2.0], [3.0]]), np.array([0, 1, 1]), np.array([-3.0, 2.0])), label="one feature"),
        ],
        random_cases=_random_binary,
        mistakes=[
            Mistake(
                "no sigmoid",
                lambda X, y, theta: _design(X).T @ (_design(X) @ theta - y) / len(y),
                "That is the gradient of linear regression: the prediction is the probability "
                "sigmoid(X_b @ theta), not the score X_b @ theta.",
            ),
            Mistake(
                "forgot 1/m",
                lambda X, y, theta: gradient(X, y, theta) * len(y),
                "The log-loss is an average, so is its gradient: divide by m.",
            ),
            Mistake(
                "y - h",
                lambda X, y, theta: -gradient(X, y, theta),
                "The error is sigmoid(X_b @ theta) - y (prediction minus target); with y - h the "
                "sign flips and gradient descent climbs.",
            ),
            Mistake(
                "no intercept",
                lambda X, y, theta: np.asarray(X, dtype=float).T
                @ (sigmoid(_design(X) @ theta) - y)
                / len(y),
                "theta has n + 1 entries, so does its gradient: use X_b, with a column of ones in "
                "front of X, for the intercept's component.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 4. predict with a threshold ------------------------------------------------------------


def predict(X, theta, threshold=0.5):
    return (sigmoid(_design(X) @ theta) >= threshold).astype(int)


register(
    Exercise(
        id="ml.logistic.predict",
        notebook=NOTEBOOK,
        function="predict",
        title="Predict classes with a threshold",
        reference=predict,
        fixed_cases=[
            Case((FIXED_X, np.array([0.5, -1.0, 2.0])), label="4 samples"),
            Case((FIXED_X, np.array([0.0, 0.0, 0.0])), label="theta = 0: every probability is 0.5"),
            Case((FIXED_X, np.array([0.5, -1.0, 2.0]), 0.9), label="threshold 0.9"),
            Case((FIXED_X, np.array([0.2, 0.3, -0.1]), 0.55), label="threshold 0.55"),
        ],
        random_cases=lambda rng: [
            Case((c.args[0], c.args[2], float(rng.uniform(0.2, 0.8))), label=c.label)
            for c in _random_binary(rng)
        ],
        mistakes=[
            Mistake(
                "strict inequality",
                lambda X, theta, threshold=0.5: (sigmoid(_design(X) @ theta) > threshold).astype(int),
                "A probability equal to the threshold counts as class 1: compare with >=.",
            ),
            Mistake(
                "threshold on the score",
                lambda X, theta, threshold=0.5: (_design(X) @ theta >= threshold).astype(int),
                "Compare the probability sigmoid(X_b @ theta) with the threshold, not the score "
                "X_b @ theta.",
            ),
            Mistake(
                "probabilities returned",
                lambda X, theta, threshold=0.5: sigmoid(_design(X) @ theta),
                "Return the classes 0 or 1 as integers (.astype(int)), not the probabilities.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 5. fit by gradient descent --------------------------------------------------------------


def fit(X, y, learning_rate, n_iterations):
    theta = np.zeros(np.shape(X)[1] + 1)
    losses = np.empty(n_iterations)
    for i in range(n_iterations):
        theta = theta - learning_rate * gradient(X, y, theta)
        losses[i] = log_loss(y, sigmoid(_design(X) @ theta))
    return theta, losses


def _fit_loss_before(X, y, learning_rate, n_iterations):
    theta = np.zeros(np.shape(X)[1] + 1)
    losses = np.empty(n_iterations)
    for i in range(n_iterations):
        losses[i] = log_loss(y, sigmoid(_design(X) @ theta))
        theta = theta - learning_rate * gradient(X, y, theta)
    return theta, losses


def _fit_linear_gradient(X, y, learning_rate, n_iterations):
    theta = np.zeros(np.shape(X)[1] + 1)
    X_b = _design(X)
    losses = np.empty(n_iterations)
    for i in range(n_iterations):
        theta = theta - learning_rate * X_b.T @ (X_b @ theta - y) / len(y)
        losses[i] = log_loss(y, sigmoid(X_b @ theta))
    return theta, losses


register(
    Exercise(
        id="ml.logistic.fit",
        notebook=NOTEBOOK,
        function="fit",
        title="Fit a binary classifier by gradient descent",
        reference=fit,
        fixed_cases=[
            Case((FIXED_X, FIXED_Y, 0.5, 1), label="one step"),
            Case((FIXED_X, FIXED_Y, 0.5, 20), label="20 steps"),
        ],
        random_cases=lambda rng: [
            Case((c.args[0], c.args[1], 0.3, 25), label=c.label + ", 25 steps")
            for c in _random_binary(rng, 2)
        ],
        mistakes=[
            Mistake(
                "loss before the update",
                _fit_loss_before,
                "Record the loss after each update, so that losses[-1] is the loss of the theta "
                "you return.",
            ),
            Mistake(
                "linear-regression gradient",
                _fit_linear_gradient,
                "Use the log-loss gradient, 1/m * X_b.T @ (sigmoid(X_b @ theta) - y): the "
                "prediction goes through the sigmoid.",
            ),
            Mistake(
                "ascent",
                lambda X, y, lr, n: fit(X, y, -lr, n),
                "Move against the gradient: theta = theta - learning_rate * gradient.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 6. stable softmax ------------------------------------------------------------------------


def softmax(Z):
    Z = np.asarray(Z, dtype=float)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def _softmax_naive(Z):
    with np.errstate(over="ignore", invalid="ignore"):
        E = np.exp(np.asarray(Z, dtype=float))
        return E / E.sum(axis=1, keepdims=True)


def _softmax_global_max(Z):
    Z = np.asarray(Z, dtype=float)
    with np.errstate(invalid="ignore"):
        E = np.exp(Z - Z.max())
        return E / E.sum(axis=1, keepdims=True)


register(
    Exercise(
        id="ml.logistic.softmax",
        notebook=NOTEBOOK,
        function="softmax",
        title="A numerically stable softmax",
        reference=softmax,
        fixed_cases=[
            Case((np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]),), label="2 rows, 3 classes"),
            Case((np.array([[1000.0, 1001.0, 1002.0], [-5.0, 0.0, 5.0]]),), label="huge scores"),
            Case((np.array([[1000.0, 1001.0], [-1000.0, -999.0], [0.0, 1.0]]),), label="rows far apart"),
            Case((np.array([[2.0, -1.0, 0.5, 0.0]]),), label="one row, 4 classes"),
        ],
        random_cases=lambda rng: [
            Case(
                (rng.normal(0.0, 5.0, size=(int(rng.integers(2, 8)), int(rng.integers(2, 6)))),),
                label="random scores",
            )
            for _ in range(3)
        ],
        mistakes=[
            Mistake(
                "no max subtraction",
                _softmax_naive,
                "np.exp of a large score overflows to inf and inf / inf is nan. Subtract each row's "
                "maximum first (Z - Z.max(axis=1, keepdims=True)): the softmax does not change, and "
                "every exp then lies in (0, 1].",
            ),
            Mistake(
                "one maximum for the whole array",
                _softmax_global_max,
                "Subtract each row's own maximum (axis=1, keepdims=True), not the maximum of the "
                "whole array: a row whose scores are all far below it underflows to 0 / 0.",
            ),
            Mistake(
                "normalised over columns",
                lambda Z: np.exp(Z - np.max(Z, axis=0)) / np.exp(Z - np.max(Z, axis=0)).sum(axis=0),
                "Each row (one sample) must sum to 1: take the max and the sum along axis=1.",
            ),
        ],
        forbidden=NO_LIBRARY + ("scipy.special",),
        vectorised=True,
    )
)


# --- 7. softmax gradient with integer labels ----------------------------------------------------


def softmax_gradient(X, y, Theta):
    X_b = _design(X)
    k = Theta.shape[0]
    Y = np.eye(k)[np.asarray(y)]
    P = softmax(X_b @ Theta.T)
    return (P - Y).T @ X_b / X_b.shape[0]


def _softmax_gradient_integer(X, y, Theta):
    X_b = _design(X)
    P = softmax(X_b @ Theta.T)
    return (P - np.asarray(y)[:, None]).T @ X_b / X_b.shape[0]


def _random_multiclass(rng, count=3):
    cases = []
    for _ in range(count):
        m, n, k = int(rng.integers(6, 40)), int(rng.integers(1, 4)), int(rng.integers(3, 5))
        X = rng.normal(0.0, 1.0, size=(m, n))
        y = rng.integers(0, k, size=m)
        Theta = rng.normal(0.0, 1.0, size=(k, n + 1))
        cases.append(Case((X, y, Theta), label=f"random, {m} samples, {k} classes"))
    return cases


register(
    Exercise(
        id="ml.logistic.softmax_gradient",
        notebook=NOTEBOOK,
        function="softmax_gradient",
        title="The gradient of the softmax cross-entropy, from integer labels",
        reference=softmax_gradient,
        fixed_cases=[
            Case((FIXED_X, np.array([0, 2, 1, 2]), np.zeros((3, 3))), label="4 samples, Theta = 0"),
            Case(
                (FIXED_X, np.array([0, 2, 1, 2]), np.array([[0.5, 1.0, -1.0], [0.0, -0.5, 0.5], [1.0, 0.0, 2.0]])),
                label="4 samples, 3 classes",
            ),
            Case(
                (FIXED_X, np.array([1, 1, 0, 0]), np.array([[0.5, 1.0, -1.0], [0.0, -0.5, 0.5], [1.0, 0.0, 2.0]])),
                label="class 2 absent from y",
            ),
        ],
        random_cases=_random_multiclass,
        mistakes=[
            Mistake(
                "integer labels subtracted",
                _softmax_gradient_integer,
                "Integer labels vs one-hot: P has shape (m, k) and y holds class numbers, so "
                "P - y[:, None] broadcasts without error but subtracts the class number from every "
                "column. Build the one-hot matrix Y = np.eye(k)[y] (shape (m, k)) and use P - Y.",
            ),
            Mistake(
                "transposed",
                lambda X, y, Theta: softmax_gradient(X, y, Theta).T,
                "The gradient has the shape of Theta, (k, n + 1): compute (P - Y).T @ X_b.",
            ),
            Mistake(
                "forgot 1/m",
                lambda X, y, Theta: softmax_gradient(X, y, Theta) * len(y),
                "The cross-entropy is an average over the samples: divide by m.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 8. confusion matrix ---------------------------------------------------------------------------


def confusion_matrix(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(C, (np.asarray(y_true), np.asarray(y_pred)), 1)
    return C


def _confusion_fancy_assign(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    C[np.asarray(y_true), np.asarray(y_pred)] += 1
    return C


register(
    Exercise(
        id="ml.logistic.confusion_matrix",
        notebook=NOTEBOOK,
        function="confusion_matrix",
        title="The confusion matrix",
        reference=confusion_matrix,
        fixed_cases=[
            Case((np.array([0, 0, 1, 1, 1]), np.array([0, 1, 1, 1, 0]), 2), label="binary"),
            Case((np.array([0, 1, 2, 2, 0, 1]), np.array([0, 2, 2, 1, 0, 0]), 3), label="3 classes"),
            Case((np.array([0, 0, 1]), np.array([1, 1, 1]), 3), label="class 2 never seen"),
            Case((np.array([1, 0, 1]), np.array([1, 0, 1]), 2), label="all correct"),
        ],
        random_cases=lambda rng: [
            Case(
                (rng.integers(0, k, size=m), rng.integers(0, k, size=m), int(k)),
                label=f"random, {m} samples, {k} classes",
            )
            for m, k in zip(rng.integers(5, 60, size=3), rng.integers(2, 5, size=3), strict=True)
        ],
        mistakes=[
            Mistake(
                "transposed",
                lambda y_true, y_pred, k: confusion_matrix(y_true, y_pred, k).T,
                "Rows are the true classes and columns the predicted ones: C[true, predicted].",
            ),
            Mistake(
                "fancy-index assignment",
                _confusion_fancy_assign,
                "C[y_true, y_pred] += 1 adds 1 only once for a pair that appears several times. "
                "Count with a loop over the samples, or with np.add.at(C, (y_true, y_pred), 1).",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 9. precision, recall, F1 -------------------------------------------------------------------------


def precision_recall_f1(y_true, y_pred, positive=1):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    tp = int(np.sum((y_pred == positive) & (y_true == positive)))
    fp = int(np.sum((y_pred == positive) & (y_true != positive)))
    fn = int(np.sum((y_pred != positive) & (y_true == positive)))
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return float(precision), float(recall), float(f1)


def _prf_swapped(y_true, y_pred, positive=1):
    p, r, f = precision_recall_f1(y_true, y_pred, positive)
    return r, p, f


def _prf_arithmetic(y_true, y_pred, positive=1):
    p, r, _ = precision_recall_f1(y_true, y_pred, positive)
    return p, r, (p + r) / 2


def _prf_nan(y_true, y_pred, positive=1):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    tp = np.sum((y_pred == positive) & (y_true == positive))
    fp = np.sum((y_pred == positive) & (y_true != positive))
    fn = np.sum((y_pred != positive) & (y_true == positive))
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.float64(tp) / (tp + fp)
        recall = np.float64(tp) / (tp + fn)
        f1 = 2 * precision * recall / (precision + recall)
    return float(precision), float(recall), float(f1)


register(
    Exercise(
        id="ml.logistic.precision_recall_f1",
        notebook=NOTEBOOK,
        function="precision_recall_f1",
        title="Precision, recall and F1",
        reference=precision_recall_f1,
        fixed_cases=[
            Case((np.array([1, 1, 1, 0, 0, 0, 1]), np.array([1, 0, 1, 1, 0, 0, 1])), label="7 samples"),
            Case((np.array([0, 0, 1, 1, 1, 0]), np.array([0, 1, 1, 1, 0, 0]), 0), label="positive class 0"),
            Case((np.array([1, 0, 1, 0]), np.array([0, 0, 0, 0])), label="no positive prediction"),
            Case((np.array([0, 0, 0]), np.array([0, 0, 0])), label="no positive at all"),
            Case((np.array([2, 1, 2, 0, 2]), np.array([2, 2, 2, 1, 0]), 2), label="3 classes, positive 2"),
        ],
        random_cases=lambda rng: [
            Case((rng.integers(0, 2, size=m), rng.integers(0, 2, size=m)), label=f"random, {m} samples")
            for m in rng.integers(8, 60, size=3)
        ],
        mistakes=[
            Mistake(
                "precision and recall swapped",
                _prf_swapped,
                "Precision divides by the predicted positives (TP + FP); recall divides by the "
                "actual positives (TP + FN).",
            ),
            Mistake(
                "arithmetic mean",
                _prf_arithmetic,
                "F1 is the harmonic mean, 2 * precision * recall / (precision + recall), not the "
                "average of the two.",
            ),
            Mistake(
                "0/0 gives nan",
                _prf_nan,
                "When a denominator is zero the ratio is undefined: the rule here (scikit-learn's "
                "zero_division=0) is to return 0.0, not nan.",
            ),
            Mistake(
                "positive ignored",
                lambda y_true, y_pred, positive=1: precision_recall_f1(y_true, y_pred, 1),
                "Count with the class given by `positive`, which need not be 1.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)

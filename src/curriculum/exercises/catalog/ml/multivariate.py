"""Exercises of module ml/02: multivariate linear regression.

Shapes: ``X`` has shape ``(m, n)``, ``y`` shape ``(m,)``, ``theta`` shape
``(n + 1,)`` with ``theta[0]`` the intercept, ``X_b = add_intercept(X)`` shape
``(m, n + 1)``. Standard deviations are population ones (``ddof=0``).
"""

from __future__ import annotations

import math

import numpy as np

from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "ml/02_multivariate_linear_regression_exercises.ipynb"
NO_LIBRARY = ("sklearn", "curriculum.linear_model", "curriculum.preprocessing", "curriculum.model_selection")


def _floats(a) -> np.ndarray:
    return np.asarray(a, dtype=float)


def _design(X) -> np.ndarray:
    X = _floats(X)
    return np.column_stack([np.ones(X.shape[0]), X])


def _sample(rng: np.random.Generator, m: int, n: int):
    X = rng.normal(rng.uniform(-5, 5, size=n), rng.uniform(0.5, 4, size=n), size=(m, n))
    true = rng.normal(0, 2, size=n + 1)
    y = _design(X) @ true + rng.normal(0, 0.5, size=m)
    theta = rng.normal(0, 1, size=n + 1)
    return X, y, theta


def _random_xy_theta(rng, count=3):
    cases = []
    for _ in range(count):
        m, n = int(rng.integers(5, 40)), int(rng.integers(1, 6))
        X, y, theta = _sample(rng, m, n)
        cases.append(Case((X, y, theta), label=f"random, {m} samples, {n} features"))
    return cases


FIXED_X = np.array([[1.0, 2.0], [2.0, 0.0], [3.0, 1.0], [4.0, 3.0]])
FIXED_Y = np.array([3.0, 2.0, 4.0, 7.5])
FIXED_THETA = np.array([0.5, 1.0, -0.5])


# --- 1. add_intercept ---------------------------------------------------------------


def add_intercept(X):
    X = _floats(X)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D of shape (m, n), found shape {X.shape}")
    return np.column_stack([np.ones(X.shape[0]), X])


def _intercept_last(X):
    X = _floats(X)
    return np.column_stack([X, np.ones(X.shape[0])])


def _overwrote_first(X):
    X_b = _floats(X).copy()
    X_b[:, 0] = 1.0
    return X_b


def _row_of_ones(X):
    X = _floats(X)
    return np.vstack([np.ones(X.shape[1]), X])


register(
    Exercise(
        id="ml.multivariate.add_intercept",
        notebook=NOTEBOOK,
        function="add_intercept",
        title="The design matrix X_b",
        reference=add_intercept,
        fixed_cases=[
            Case((FIXED_X,), label="4 samples, 2 features"),
            Case((np.array([[5], [7], [9]]),), label="integers, 1 feature"),
            Case((np.array([[1.0, 2.0, 3.0]]),), label="one sample"),
            Case((np.array([1.0, 2.0, 3.0]),), label="a 1-D array"),
        ],
        random_cases=lambda rng: [
            Case((_sample(rng, m, n)[0],), label=f"random, {m} samples, {n} features")
            for m, n in ((int(rng.integers(2, 30)), int(rng.integers(1, 6))) for _ in range(3))
        ],
        mistakes=[
            Mistake(
                "ones last",
                _intercept_last,
                "The column of ones comes first, so that X_b @ theta uses theta[0] as the intercept.",
            ),
            Mistake(
                "overwrote the first feature",
                _overwrote_first,
                "Add a new column of ones in front of X (shape (m, n + 1)); do not replace the "
                "first feature with ones.",
            ),
            Mistake(
                "row of ones",
                _row_of_ones,
                "The ones form a column (one per sample), not a row: np.column_stack or "
                "np.hstack with np.ones((m, 1)).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 2. predict ----------------------------------------------------------------------


def predict(X, theta):
    X, theta = _floats(X), _floats(theta)
    if theta.shape != (X.shape[1] + 1,):
        raise ValueError(
            f"theta must have shape (n + 1,) = ({X.shape[1] + 1},) for X with {X.shape[1]} "
            f"features, found shape {theta.shape}"
        )
    return _design(X) @ theta


register(
    Exercise(
        id="ml.multivariate.predict",
        notebook=NOTEBOOK,
        function="predict",
        title="The hypothesis X_b @ theta",
        reference=predict,
        fixed_cases=[
            Case((FIXED_X, FIXED_THETA), label="4 samples, 2 features"),
            Case((np.array([[2.0]]), np.array([1.0, 3.0])), label="one sample, one feature"),
            Case((FIXED_X, np.array([1.0, 2.0])), label="theta of shape (n,): wrong"),
        ],
        random_cases=lambda rng: [
            Case((X, theta), label=f"random, {X.shape[0]} samples, {X.shape[1]} features")
            for X, _, theta in (
                _sample(rng, int(rng.integers(2, 30)), int(rng.integers(1, 6))) for _ in range(3)
            )
        ],
        mistakes=[
            Mistake(
                "forgot the intercept",
                lambda X, theta: _floats(X) @ _floats(theta)[1:],
                "Add the intercept theta[0]: predictions are X_b @ theta with X_b = add_intercept(X).",
            ),
            Mistake(
                "intercept last",
                lambda X, theta: _floats(X) @ _floats(theta)[:-1] + _floats(theta)[-1],
                "theta[0] is the intercept and theta[1:] are the weights of the n features.",
            ),
            Mistake(
                "column vector",
                lambda X, theta: (_design(X) @ _floats(theta)).reshape(-1, 1),
                "Return a 1-D array of shape (m,), not a column of shape (m, 1).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 3. loss -----------------------------------------------------------------------------


def loss(X, y, theta):
    residuals = _design(X) @ _floats(theta) - _floats(y)
    return float(residuals @ residuals / (2 * residuals.size))


def _loss_column(X, y, theta):
    residuals = _design(X) @ _floats(theta).reshape(-1, 1) - _floats(y)  # (m, 1) - (m,) -> (m, m)
    return float(np.sum(residuals**2) / (2 * len(y)))


register(
    Exercise(
        id="ml.multivariate.loss",
        notebook=NOTEBOOK,
        function="loss",
        title="The loss J(theta) = 1/(2m) ||X_b theta - y||^2",
        reference=loss,
        fixed_cases=[
            Case((FIXED_X, FIXED_Y, FIXED_THETA), label="4 samples, 2 features"),
            Case((FIXED_X, FIXED_Y, np.zeros(3)), label="theta = 0"),
            Case((FIXED_X, _design(FIXED_X) @ FIXED_THETA, FIXED_THETA), label="perfect fit"),
        ],
        random_cases=_random_xy_theta,
        mistakes=[
            Mistake(
                "MSE instead of J",
                lambda X, y, theta: 2 * loss(X, y, theta),
                "That is the mean squared error. The training loss J has an extra 1/2: "
                "J = 1/(2m) * sum((X_b @ theta - y)**2).",
            ),
            Mistake(
                "forgot 1/m",
                lambda X, y, theta: loss(X, y, theta) * len(y),
                "Divide the sum of squared residuals by 2m, not by 2: J is an average over the "
                "m samples.",
            ),
            Mistake(
                "(m, 1) minus (m,)",
                _loss_column,
                "Your residuals probably have shape (m, m): a column of shape (m, 1) minus an "
                "array of shape (m,) broadcasts to a matrix. Keep theta and the predictions 1-D.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 4. gradient -------------------------------------------------------------------------


def gradient(X, y, theta):
    X_b = _design(X)
    return X_b.T @ (X_b @ _floats(theta) - _floats(y)) / X_b.shape[0]


register(
    Exercise(
        id="ml.multivariate.gradient",
        notebook=NOTEBOOK,
        function="gradient",
        title="The gradient of J, vectorised",
        reference=gradient,
        fixed_cases=[
            Case((FIXED_X, FIXED_Y, FIXED_THETA), label="4 samples, 2 features"),
            Case((FIXED_X, FIXED_Y, np.zeros(3)), label="theta = 0"),
            Case((FIXED_X, _design(FIXED_X) @ FIXED_THETA, FIXED_THETA), label="at the minimum"),
        ],
        random_cases=_random_xy_theta,
        mistakes=[
            Mistake(
                "forgot 1/m",
                lambda X, y, theta: gradient(X, y, theta) * len(y),
                "The gradient is 1/m * X_b.T @ (X_b @ theta - y): divide by m.",
            ),
            Mistake(
                "y - h",
                lambda X, y, theta: -gradient(X, y, theta),
                "The residuals are X_b @ theta - y (prediction minus target); with y - h the "
                "sign flips.",
            ),
            Mistake(
                "column vector",
                lambda X, y, theta: gradient(X, y, theta).reshape(-1, 1),
                "theta has shape (n + 1,), so its gradient must too: return a 1-D array, not a "
                "column of shape (n + 1, 1).",
            ),
            Mistake(
                "X instead of X_b",
                lambda X, y, theta: _floats(X).T @ (_design(X) @ _floats(theta) - _floats(y)) / len(y),
                "Multiply by X_b.T, not X.T: the intercept needs its component too, so the "
                "gradient has n + 1 entries.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 5. z-score every column -------------------------------------------------------------


def zscore_columns(X):
    X = _floats(X)
    means = X.mean(axis=0)
    stds = X.std(axis=0)
    stds = np.where(stds == 0, 1.0, stds)
    return (X - means) / stds, means, stds


def _zscore_whole(X):
    X = _floats(X)
    mean, std = X.mean(), X.std()
    n = X.shape[1]
    return (X - mean) / std, np.full(n, mean), np.full(n, std)


def _zscore_rows(X):
    X = _floats(X)
    means, stds = X.mean(axis=1), X.std(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (X - means[:, None]) / stds[:, None], means, stds


def _zscore_sample(X):
    X = _floats(X)
    means, stds = X.mean(axis=0), X.std(axis=0, ddof=1)
    stds = np.where(stds == 0, 1.0, stds)
    return (X - means) / stds, means, stds


def _zscore_no_guard(X):
    X = _floats(X)
    means, stds = X.mean(axis=0), X.std(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (X - means) / stds, means, stds


register(
    Exercise(
        id="ml.multivariate.zscore_columns",
        notebook=NOTEBOOK,
        function="zscore_columns",
        title="Standardise every column",
        reference=zscore_columns,
        fixed_cases=[
            Case((FIXED_X,), label="4 samples, 2 features"),
            Case((np.array([[1, 10, 7], [2, 30, 7], [3, 20, 7]]),), label="integers, a constant column"),
            Case((np.array([[1.0, 100.0], [3.0, 300.0]]),), label="very different scales"),
        ],
        random_cases=lambda rng: [
            Case((_sample(rng, m, n)[0],), label=f"random, {m} samples, {n} features")
            for m, n in ((int(rng.integers(3, 30)), int(rng.integers(1, 6))) for _ in range(3))
        ],
        mistakes=[
            Mistake(
                "one mean for the whole matrix",
                _zscore_whole,
                "Each column gets its own mean and standard deviation: use axis=0, which gives "
                "arrays of shape (n,).",
            ),
            Mistake(
                "per row",
                _zscore_rows,
                "axis=1 computes one mean per sample (row); features are columns: use axis=0.",
            ),
            Mistake(
                "sample standard deviation",
                _zscore_sample,
                "Population or sample? Feature scaling uses the population standard deviation "
                "(divide by m, ddof=0); you divided by m - 1.",
            ),
            Mistake(
                "constant column divided by 0",
                _zscore_no_guard,
                "A constant column has standard deviation 0: use 1 instead for that column (for "
                "example with np.where), so that it becomes zeros rather than NaN.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 6. gradient descent ----------------------------------------------------------------


def gradient_descent(X, y, theta, learning_rate, n_iterations):
    theta = np.array(theta, dtype=float)
    losses = np.empty(n_iterations)
    for i in range(n_iterations):
        theta = theta - learning_rate * gradient(X, y, theta)
        losses[i] = loss(X, y, theta)
    return theta, losses


def _gd_loss_before(X, y, theta, learning_rate, n_iterations):
    theta = np.array(theta, dtype=float)
    losses = np.empty(n_iterations)
    for i in range(n_iterations):
        losses[i] = loss(X, y, theta)
        theta = theta - learning_rate * gradient(X, y, theta)
    return theta, losses


def _gd_no_mean(X, y, theta, learning_rate, n_iterations):
    theta = np.array(theta, dtype=float)
    losses = np.empty(n_iterations)
    for i in range(n_iterations):
        theta = theta - learning_rate * gradient(X, y, theta) * len(y)
        losses[i] = loss(X, y, theta)
    return theta, losses


def _gd_cases(rng):
    cases = []
    for _ in range(2):
        m, n = int(rng.integers(10, 40)), int(rng.integers(1, 5))
        X, y, theta = _sample(rng, m, n)
        Z = (X - X.mean(axis=0)) / X.std(axis=0)
        cases.append(Case((Z, y, theta, 0.1, 25), label=f"random, {m} samples, {n} features, 25 steps"))
    return cases


register(
    Exercise(
        id="ml.multivariate.gradient_descent",
        notebook=NOTEBOOK,
        function="gradient_descent",
        title="Gradient descent on several features",
        reference=gradient_descent,
        fixed_cases=[
            Case((FIXED_X, FIXED_Y, np.zeros(3), 0.05, 1), label="a single step"),
            Case((FIXED_X, FIXED_Y, np.zeros(3), 0.05, 10), label="10 steps"),
        ],
        random_cases=_gd_cases,
        mistakes=[
            Mistake(
                "loss before the update",
                _gd_loss_before,
                "Record the loss after each update, so that losses[-1] is the loss of the "
                "theta you return.",
            ),
            Mistake(
                "ascent",
                lambda X, y, theta, lr, n: gradient_descent(X, y, theta, -lr, n),
                "Move against the gradient: theta = theta - learning_rate * gradient.",
            ),
            Mistake(
                "gradient without 1/m",
                _gd_no_mean,
                "Your steps are m times too large: the gradient is 1/m * X_b.T @ (X_b @ theta - y).",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 7. normal equation --------------------------------------------------------------------


def normal_equation(X, y):
    theta, *_ = np.linalg.lstsq(_design(X), _floats(y), rcond=None)
    return theta


TWINS = np.array([[1.0, 1.0, 0.5], [2.0, 2.0, -1.0], [3.0, 3.0, 2.0], [4.0, 4.0, 0.0], [5.0, 5.0, 1.0]])

register(
    Exercise(
        id="ml.multivariate.normal_equation",
        notebook=NOTEBOOK,
        function="normal_equation",
        title="The normal equation, solved with lstsq",
        reference=normal_equation,
        fixed_cases=[
            Case((FIXED_X, FIXED_Y), label="4 samples, 2 features"),
            Case((FIXED_X, _design(FIXED_X) @ FIXED_THETA), label="an exact fit"),
            Case((TWINS, np.array([1.0, 3.0, 2.0, 6.0, 5.0])), label="two identical columns"),
        ],
        random_cases=lambda rng: [
            Case(_sample(rng, m, n)[:2], label=f"random, {m} samples, {n} features")
            for m, n in ((int(rng.integers(8, 40)), int(rng.integers(1, 6))) for _ in range(3))
        ],
        mistakes=[
            Mistake(
                "forgot the intercept",
                lambda X, y: np.linalg.lstsq(_floats(X), _floats(y), rcond=None)[0],
                "Solve with X_b = add_intercept(X), not X: theta has n + 1 entries, theta[0] "
                "being the intercept.",
            ),
            Mistake(
                "y as a column",
                lambda X, y: np.linalg.lstsq(_design(X), _floats(y).reshape(-1, 1), rcond=None)[0],
                "With y of shape (m, 1) lstsq returns a column of shape (n + 1, 1): pass y of "
                "shape (m,) to get theta of shape (n + 1,).",
            ),
            Mistake(
                "returned the whole tuple",
                lambda X, y: np.linalg.lstsq(_design(X), _floats(y), rcond=None),
                "np.linalg.lstsq returns a tuple (solution, residuals, rank, singular values): "
                "return only its first item.",
            ),
        ],
        forbidden=("numpy.linalg.inv", "numpy.linalg.pinv", *NO_LIBRARY),
        vectorised=True,
    )
)


# --- 8. polynomial features -----------------------------------------------------------------


def polynomial_features(x, degree):
    x = _floats(x)
    if degree < 1:
        raise ValueError(f"degree must be at least 1, got {degree}")
    return x[:, None] ** np.arange(1, degree + 1)


register(
    Exercise(
        id="ml.multivariate.polynomial_features",
        notebook=NOTEBOOK,
        function="polynomial_features",
        title="Polynomial features of one variable",
        reference=polynomial_features,
        fixed_cases=[
            Case((np.array([1.0, 2.0, 3.0]), 3), label="degree 3"),
            Case((np.array([-2.0, 0.5]), 1), label="degree 1: x itself, as a column"),
            Case((np.array([2, 3]), 4), label="integer input"),
            Case((np.array([1.0, 2.0]), 0), label="degree 0"),
        ],
        random_cases=lambda rng: [
            Case((np.round(rng.uniform(-2, 2, size=m), 3), d), label=f"random, {m} values, degree {d}")
            for m, d in ((int(rng.integers(1, 20)), int(rng.integers(1, 7))) for _ in range(3))
        ],
        mistakes=[
            Mistake(
                "included x**0",
                lambda x, degree: _floats(x)[:, None] ** np.arange(0, degree + 1),
                "Start at x**1: the column of ones (x**0) is the intercept, which add_intercept "
                "adds later. The result has shape (m, degree).",
            ),
            Mistake(
                "powers 0 to degree - 1",
                lambda x, degree: _floats(x)[:, None] ** np.arange(degree),
                "The columns are x, x**2, ..., x**degree: powers 1 to degree inclusive.",
            ),
            Mistake(
                "transposed",
                lambda x, degree: (_floats(x)[:, None] ** np.arange(1, degree + 1)).T,
                "One row per sample and one column per power: shape (m, degree), not (degree, m).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 9. train/test split ------------------------------------------------------------------------


def split_train_test(X, y, test_size, seed):
    X, y = np.asarray(X), np.asarray(y)
    order = np.random.default_rng(seed).permutation(X.shape[0])
    n_test = math.ceil(test_size * X.shape[0])
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def _split_floor(X, y, test_size, seed):
    X, y = np.asarray(X), np.asarray(y)
    order = np.random.default_rng(seed).permutation(X.shape[0])
    n_test = int(test_size * X.shape[0])
    return X[order[n_test:]], X[order[:n_test]], y[order[n_test:]], y[order[:n_test]]


def _split_two_permutations(X, y, test_size, seed):
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    n_test = math.ceil(test_size * X.shape[0])
    order_X, order_y = rng.permutation(X.shape[0]), rng.permutation(X.shape[0])
    return X[order_X[n_test:]], X[order_X[:n_test]], y[order_y[n_test:]], y[order_y[:n_test]]


def _split_no_shuffle(X, y, test_size, seed):
    X, y = np.asarray(X), np.asarray(y)
    n_train = X.shape[0] - math.ceil(test_size * X.shape[0])
    return X[:n_train], X[n_train:], y[:n_train], y[n_train:]


def _split_legacy(X, y, test_size, seed):
    X, y = np.asarray(X), np.asarray(y)
    order = np.random.RandomState(seed).permutation(X.shape[0])
    n_test = math.ceil(test_size * X.shape[0])
    return X[order[n_test:]], X[order[:n_test]], y[order[n_test:]], y[order[:n_test]]


def _split_cases(rng):
    cases = []
    for _ in range(2):
        m, n = int(rng.integers(5, 40)), int(rng.integers(1, 4))
        X, y, _ = _sample(rng, m, n)
        size = float(np.round(rng.uniform(0.1, 0.5), 2))
        seed = int(rng.integers(0, 1000))
        cases.append(Case((X, y, size, seed), label=f"random, {m} samples, test_size={size}, seed={seed}"))
    return cases


SPLIT_X = np.arange(20.0).reshape(10, 2)
SPLIT_Y = np.arange(10.0) * 10

register(
    Exercise(
        id="ml.multivariate.split_train_test",
        notebook=NOTEBOOK,
        function="split_train_test",
        title="A reproducible train/test split",
        reference=split_train_test,
        fixed_cases=[
            Case((SPLIT_X, SPLIT_Y, 0.3, 0), label="10 samples, test_size=0.3, seed=0"),
            Case((SPLIT_X, SPLIT_Y, 0.25, 42), label="test_size=0.25 of 10 rounds up to 3"),
            Case((SPLIT_X[:7], SPLIT_Y[:7], 0.5, 1), label="7 samples, half rounds up to 4"),
        ],
        random_cases=_split_cases,
        mistakes=[
            Mistake(
                "rounded down",
                _split_floor,
                "Round the number of test samples up: n_test = math.ceil(test_size * m) "
                "(int() rounds down).",
            ),
            Mistake(
                "two permutations",
                _split_two_permutations,
                "Use one permutation for both X and y, otherwise the targets no longer belong to "
                "their samples.",
            ),
            Mistake(
                "no shuffle",
                _split_no_shuffle,
                "Shuffle first: draw order = np.random.default_rng(seed).permutation(m); the data "
                "may be sorted, and the first rows are not a random sample.",
            ),
            Mistake(
                "legacy generator",
                _split_legacy,
                "Use the generator np.random.default_rng(seed), not np.random.seed or "
                "RandomState: the same seed gives different numbers in the two.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 10. capstone: training and test error of a polynomial model -----------------------------


def polynomial_errors(x_train, y_train, x_test, y_test, degree):
    P_train = polynomial_features(x_train, degree)
    P_test = polynomial_features(x_test, degree)
    Z_train, means, stds = zscore_columns(P_train)
    Z_test = (P_test - means) / stds
    theta = normal_equation(Z_train, y_train)
    train_mse = float(np.mean((_design(Z_train) @ theta - _floats(y_train)) ** 2))
    test_mse = float(np.mean((_design(Z_test) @ theta - _floats(y_test)) ** 2))
    return train_mse, test_mse


def _errors_own_test_stats(x_train, y_train, x_test, y_test, degree):
    Z_train, _, _ = zscore_columns(polynomial_features(x_train, degree))
    Z_test, _, _ = zscore_columns(polynomial_features(x_test, degree))
    theta = normal_equation(Z_train, y_train)
    return (
        float(np.mean((_design(Z_train) @ theta - y_train) ** 2)),
        float(np.mean((_design(Z_test) @ theta - y_test) ** 2)),
    )


def _errors_as_j(x_train, y_train, x_test, y_test, degree):
    train_mse, test_mse = polynomial_errors(x_train, y_train, x_test, y_test, degree)
    return train_mse / 2, test_mse / 2


def _errors_swapped(x_train, y_train, x_test, y_test, degree):
    train_mse, test_mse = polynomial_errors(x_train, y_train, x_test, y_test, degree)
    return test_mse, train_mse


def _errors_cases(rng):
    cases = []
    for _ in range(3):
        m_train, degree = int(rng.integers(12, 30)), int(rng.integers(1, 5))
        x = rng.uniform(-2, 2, size=m_train + 20)
        y = 1.0 - x + 0.5 * x**3 + rng.normal(0, 0.5, size=x.size)
        cases.append(
            Case(
                (x[:m_train], y[:m_train], x[m_train:], y[m_train:], degree),
                label=f"random, {m_train} training points, degree {degree}",
            )
        )
    return cases


_XS = np.array([-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0])
_YS = np.array([-1.2, 1.1, 1.4, 1.6, 0.9, 0.7, 0.4, 0.6, 2.9])
_XT = np.array([-1.75, -0.25, 0.75, 1.75])
_YT = np.array([0.3, 1.3, 0.2, 1.8])

register(
    Exercise(
        id="ml.multivariate.polynomial_errors",
        notebook=NOTEBOOK,
        function="polynomial_errors",
        title="Capstone: training and test error of a polynomial model",
        reference=polynomial_errors,
        rtol=1e-6,
        fixed_cases=[
            Case((_XS, _YS, _XT, _YT, 1), label="degree 1"),
            Case((_XS, _YS, _XT, _YT, 3), label="degree 3"),
            Case((_XS, _YS, _XT, _YT, 6), label="degree 6"),
        ],
        random_cases=_errors_cases,
        mistakes=[
            Mistake(
                "test set scaled with its own statistics",
                _errors_own_test_stats,
                "Scale the test features with the means and standard deviations of the "
                "*training* features: the test set must be transformed, never fitted.",
            ),
            Mistake(
                "J instead of MSE",
                _errors_as_j,
                "Report the mean squared error, 1/m * sum of squared errors; the loss J = MSE / 2 "
                "is what training minimises.",
            ),
            Mistake(
                "swapped",
                _errors_swapped,
                "Return (training MSE, test MSE) in this order.",
            ),
        ],
        forbidden=("numpy.linalg.inv", "numpy.linalg.pinv", *NO_LIBRARY),
    )
)

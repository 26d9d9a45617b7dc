"""Exercises of module ml/01: univariate linear regression.

Shapes: ``x`` is one feature, shape ``(m,)``; ``y`` has shape ``(m,)``;
``theta`` has shape ``(2,)`` with ``theta[0]`` the intercept.
"""

from __future__ import annotations

import numpy as np

from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "ml/01_univariate_linear_regression_exercises.ipynb"
NO_LIBRARY = ("sklearn", "curriculum.linear_model", "curriculum.preprocessing")


def _sample(rng: np.random.Generator, m: int):
    x = rng.uniform(-3.0, 3.0, size=m)
    y = 1.5 - 2.0 * x + rng.normal(0.0, 0.5, size=m)
    theta = rng.normal(0.0, 1.0, size=2)
    return x, y, theta


def _random_xy_theta(rng, count=3):
    cases = []
    for _ in range(count):
        m = int(rng.integers(5, 60))
        x, y, theta = _sample(rng, m)
        cases.append(Case((x, y, theta), label=f"random, {m} samples"))
    return cases


FIXED_X = np.array([1.0, 2.0, 3.0])
FIXED_Y = np.array([2.0, 2.5, 4.5])


# --- 1. predict -------------------------------------------------------------------


def predict(x, theta):
    x = np.asarray(x, dtype=float)
    theta = np.asarray(theta, dtype=float)
    if theta.shape != (2,):
        raise ValueError(f"theta must have shape (2,), found shape {theta.shape}")
    return theta[0] + theta[1] * x


register(
    Exercise(
        id="ml.univariate.predict",
        notebook=NOTEBOOK,
        function="predict",
        title="The hypothesis h(x) = theta0 + theta1 * x",
        reference=predict,
        fixed_cases=[
            Case((FIXED_X, np.array([0.5, 1.0])), label="3 samples"),
            Case((np.array([0.0]), np.array([-1.0, 4.0])), label="one sample"),
            Case((FIXED_X, np.array([1.0, 2.0, 3.0])), label="theta of the wrong shape"),
        ],
        random_cases=lambda rng: [
            Case((x, theta), label=f"random, {x.size} samples")
            for x, _, theta in (_sample(rng, int(rng.integers(5, 60))) for _ in range(3))
        ],
        mistakes=[
            Mistake(
                "swapped theta",
                lambda x, theta: np.asarray(theta)[1] + np.asarray(theta)[0] * np.asarray(x),
                "theta[0] is the intercept and theta[1] the slope: h(x) = theta[0] + theta[1] * x.",
            ),
            Mistake(
                "column vector",
                lambda x, theta: (np.asarray(theta)[0] + np.asarray(theta)[1] * np.asarray(x)).reshape(-1, 1),
                "Return a 1-D array of shape (m,), not a column of shape (m, 1).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 2. loss ----------------------------------------------------------------------


def loss(x, y, theta):
    residuals = predict(x, theta) - np.asarray(y, dtype=float)
    return float(residuals @ residuals / (2 * residuals.size))


register(
    Exercise(
        id="ml.univariate.loss",
        notebook=NOTEBOOK,
        function="loss",
        title="The loss J(theta) = 1/(2m) * sum of squared residuals",
        reference=loss,
        fixed_cases=[
            Case((FIXED_X, FIXED_Y, np.array([0.0, 1.0])), label="3 samples"),
            Case((FIXED_X, FIXED_Y, np.array([0.5, 1.25])), label="3 samples, other theta"),
            Case((FIXED_X, 0.5 + 1.25 * FIXED_X, np.array([0.5, 1.25])), label="perfect fit"),
        ],
        random_cases=_random_xy_theta,
        mistakes=[
            Mistake(
                "MSE instead of J",
                lambda x, y, theta: float(np.mean((theta[0] + theta[1] * x - y) ** 2)),
                "That is the mean squared error. The training loss J has an extra 1/2: "
                "J = 1/(2m) * sum((h - y)**2).",
            ),
            Mistake(
                "forgot 1/m",
                lambda x, y, theta: float(np.sum((theta[0] + theta[1] * x - y) ** 2) / 2),
                "Divide the sum by 2m, not by 2: the loss is an average over the m samples.",
            ),
            Mistake(
                "forgot the square",
                lambda x, y, theta: float(np.sum(theta[0] + theta[1] * x - y) / (2 * len(x))),
                "Square each residual before summing; otherwise positive and negative errors cancel.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 3. gradient with a loop ------------------------------------------------------


def gradient_loop(x, y, theta):
    m = len(x)
    g0 = g1 = 0.0
    for xi, yi in zip(x, y, strict=True):
        error = theta[0] + theta[1] * xi - yi
        g0 += error
        g1 += error * xi
    return np.array([g0 / m, g1 / m])


def _gradient_variants(x, y, theta):
    error = theta[0] + theta[1] * np.asarray(x) - np.asarray(y)
    return error, len(x)


register(
    Exercise(
        id="ml.univariate.gradient_loop",
        notebook=NOTEBOOK,
        function="gradient_loop",
        title="The gradient of J, one sample at a time",
        reference=gradient_loop,
        fixed_cases=[
            Case((FIXED_X, FIXED_Y, np.array([0.0, 1.0])), label="3 samples"),
            Case((FIXED_X, FIXED_Y, np.array([0.5, 1.25])), label="3 samples, other theta"),
        ],
        random_cases=_random_xy_theta,
        mistakes=[
            Mistake(
                "forgot 1/m",
                lambda x, y, theta: np.array(
                    [np.sum(_gradient_variants(x, y, theta)[0]), np.sum(_gradient_variants(x, y, theta)[0] * x)]
                ),
                "Both components are averages: divide the sums by m.",
            ),
            Mistake(
                "forgot x in the slope",
                lambda x, y, theta: np.array(
                    [np.mean(_gradient_variants(x, y, theta)[0])] * 2
                ),
                "The derivative with respect to theta[1] multiplies each error by its x value.",
            ),
            Mistake(
                "y - h",
                lambda x, y, theta: -gradient_loop(x, y, theta),
                "The error is h(x) - y (prediction minus target); with y - h the sign flips "
                "and gradient descent climbs instead of descending.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 4. vectorised gradient -------------------------------------------------------


def gradient(x, y, theta):
    x = np.asarray(x, dtype=float)
    x_b = np.column_stack([np.ones_like(x), x])
    return x_b.T @ (x_b @ theta - y) / x.size


register(
    Exercise(
        id="ml.univariate.gradient",
        notebook=NOTEBOOK,
        function="gradient",
        title="The gradient of J, vectorised",
        reference=gradient,
        fixed_cases=[
            Case((FIXED_X, FIXED_Y, np.array([0.0, 1.0])), label="3 samples"),
            Case((FIXED_X, 0.5 + 1.25 * FIXED_X, np.array([0.5, 1.25])), label="at the minimum"),
        ],
        random_cases=_random_xy_theta,
        mistakes=[
            Mistake(
                "forgot 1/m",
                lambda x, y, theta: gradient(x, y, theta) * len(x),
                "The gradient is 1/m * X_b.T @ (X_b @ theta - y): divide by m.",
            ),
            Mistake(
                "y - h",
                lambda x, y, theta: -gradient(x, y, theta),
                "The error is X_b @ theta - y (prediction minus target).",
            ),
            Mistake(
                "column vector",
                lambda x, y, theta: gradient(x, y, theta).reshape(-1, 1),
                "theta has shape (2,), so its gradient must too: return a 1-D array.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 5. gradient descent -----------------------------------------------------------


def gradient_descent(x, y, theta, learning_rate, n_iterations):
    theta = np.array(theta, dtype=float)
    losses = np.empty(n_iterations)
    for i in range(n_iterations):
        theta = theta - learning_rate * gradient(x, y, theta)
        losses[i] = loss(x, y, theta)
    return theta, losses


def _sequential_update(x, y, theta, learning_rate, n_iterations):
    theta = np.array(theta, dtype=float)
    losses = np.empty(n_iterations)
    for i in range(n_iterations):
        theta[0] = theta[0] - learning_rate * gradient(x, y, theta)[0]
        theta[1] = theta[1] - learning_rate * gradient(x, y, theta)[1]
        losses[i] = loss(x, y, theta)
    return theta, losses


def _loss_before_update(x, y, theta, learning_rate, n_iterations):
    theta = np.array(theta, dtype=float)
    losses = np.empty(n_iterations)
    for i in range(n_iterations):
        losses[i] = loss(x, y, theta)
        theta = theta - learning_rate * gradient(x, y, theta)
    return theta, losses


def _gd_cases(rng):
    cases = []
    for _ in range(2):
        m = int(rng.integers(10, 50))
        x, y, theta = _sample(rng, m)
        cases.append(Case((x, y, theta, 0.05, 30), label=f"random, {m} samples, 30 steps"))
    return cases


register(
    Exercise(
        id="ml.univariate.gradient_descent",
        notebook=NOTEBOOK,
        function="gradient_descent",
        title="Gradient descent: fit theta and record the loss",
        reference=gradient_descent,
        fixed_cases=[
            Case((FIXED_X, FIXED_Y, np.array([0.0, 0.0]), 0.1, 5), label="5 steps"),
            Case((FIXED_X, FIXED_Y, np.array([0.0, 0.0]), 0.1, 1), label="a single step"),
        ],
        random_cases=_gd_cases,
        mistakes=[
            Mistake(
                "sequential update",
                _sequential_update,
                "Update both parameters at once from the same gradient: compute the whole "
                "gradient first, then theta = theta - learning_rate * gradient.",
            ),
            Mistake(
                "loss before the update",
                _loss_before_update,
                "Record the loss after each update, so that losses[-1] is the loss of the "
                "theta you return.",
            ),
            Mistake(
                "ascent",
                lambda x, y, theta, lr, n: gradient_descent(x, y, theta, -lr, n),
                "Move against the gradient: theta = theta - learning_rate * gradient.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 6. z-score scaling -------------------------------------------------------------


def zscore(x):
    x = np.asarray(x, dtype=float)
    return (x - x.mean()) / x.std()


def _random_feature(rng, count=3):
    cases = []
    for _ in range(count):
        m = int(rng.integers(5, 80))
        x = rng.normal(rng.uniform(-50, 50), rng.uniform(0.5, 20), size=m)
        cases.append(Case((x,), label=f"random, {m} values"))
    return cases


register(
    Exercise(
        id="ml.univariate.zscore",
        notebook=NOTEBOOK,
        function="zscore",
        title="Standardise a feature: mean 0, standard deviation 1",
        reference=zscore,
        fixed_cases=[
            Case((np.array([1.0, 2.0, 3.0, 4.0]),), label="4 values"),
            Case((np.array([10, 20, 60]),), label="integers"),
        ],
        random_cases=_random_feature,
        mistakes=[
            Mistake(
                "sample std",
                lambda x: (np.asarray(x) - np.mean(x)) / np.std(x, ddof=1),
                "Use the population standard deviation (divide by m, ddof=0), as the notation "
                "page fixes for scaling; you divided by m - 1 (the sample standard deviation).",
            ),
            Mistake(
                "not centred",
                lambda x: np.asarray(x) / np.std(x),
                "Subtract the mean before dividing by the standard deviation.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 7. min-max scaling -------------------------------------------------------------


def min_max(x):
    x = np.asarray(x, dtype=float)
    return (x - x.min()) / (x.max() - x.min())


register(
    Exercise(
        id="ml.univariate.min_max",
        notebook=NOTEBOOK,
        function="min_max",
        title="Rescale a feature to [0, 1]",
        reference=min_max,
        fixed_cases=[
            Case((np.array([2.0, 4.0, 6.0, 10.0]),), label="4 values"),
            Case((np.array([-5.0, 0.0, 5.0]),), label="negative values"),
        ],
        random_cases=_random_feature,
        mistakes=[
            Mistake(
                "divided by max",
                lambda x: (np.asarray(x) - np.min(x)) / np.max(x),
                "Divide by the range (max - min), not by the maximum.",
            ),
            Mistake(
                "not shifted",
                lambda x: np.asarray(x) / (np.max(x) - np.min(x)),
                "Subtract the minimum first, so that the smallest value maps to 0.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)

"""Exercises of module ml/04: regularisation and model selection.

Shapes: ``X`` has shape ``(m, n)``; ``y`` has shape ``(m,)``; ``theta`` has
shape ``(n + 1,)`` with ``theta[0]`` the intercept and ``w = theta[1:]`` the
weights; ``alpha >= 0`` is the regularisation strength. The ridge loss is
``J = 1/(2m) * (sum of squared residuals + alpha * ||w||^2)``: the intercept is
never penalised.
"""

from __future__ import annotations

import numpy as np

from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "ml/04_regularisation_model_selection_exercises.ipynb"
NO_LIBRARY = ("sklearn", "curriculum.linear_model", "curriculum.model_selection", "curriculum.preprocessing")


def _design(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])


def _regression(seed, m, n, noise=1.0, offset=50.0):
    """A small regression problem whose target has a mean far from 0."""
    rng = np.random.default_rng(seed)
    X = rng.normal(0.0, 1.0, size=(m, n))
    y = offset + X @ rng.normal(0.0, 2.0, size=n) + rng.normal(0.0, noise, size=m)
    return X, y


def _random_regression(rng, count=3, with_theta=True):
    cases = []
    for _ in range(count):
        m, n = int(rng.integers(6, 40)), int(rng.integers(1, 5))
        X, y = _regression(int(rng.integers(1 << 30)), m, n)
        alpha = float(rng.choice([0.1, 1.0, 10.0]))
        args = (X, y, rng.normal(0.0, 2.0, size=n + 1), alpha) if with_theta else (X, y, alpha)
        cases.append(Case(args, label=f"random, {m} samples, {n} features, alpha {alpha:g}"))
    return cases


X3, Y3 = _regression(3, 8, 2)
THETA3 = np.array([45.0, 1.5, -2.0])


# --- 1. standardise with the training statistics ------------------------------------------


def standardise(X_train, X_test):
    X_train = np.asarray(X_train, dtype=float)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (np.asarray(X_test, dtype=float) - mean) / std


def _standardise_own_stats(X_train, X_test):
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    return (
        (X_train - X_train.mean(axis=0)) / X_train.std(axis=0),
        (X_test - X_test.mean(axis=0)) / X_test.std(axis=0),
    )


def _standardise_sample_std(X_train, X_test):
    X_train = np.asarray(X_train, dtype=float)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0, ddof=1)
    return (X_train - mean) / std, (np.asarray(X_test, dtype=float) - mean) / std


def _standardise_global(X_train, X_test):
    X_train = np.asarray(X_train, dtype=float)
    mean, std = X_train.mean(), X_train.std()
    return (X_train - mean) / std, (np.asarray(X_test, dtype=float) - mean) / std


register(
    Exercise(
        id="ml.regularisation.standardise",
        notebook=NOTEBOOK,
        function="standardise",
        title="Standardise with the training statistics",
        reference=standardise,
        fixed_cases=[
            Case(
                (np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]]), np.array([[2.0, 30.0], [4.0, 0.0]])),
                label="3 training rows, 2 test rows",
            ),
            Case((np.array([[0.0], [4.0]]), np.array([[2.0], [6.0], [-2.0]])), label="one feature"),
        ],
        random_cases=lambda rng: [
            Case(
                (rng.normal(5.0, 3.0, size=(int(m), 3)), rng.normal(5.0, 3.0, size=(int(t), 3))),
                label=f"random, {m} training rows, {t} test rows",
            )
            for m, t in zip(rng.integers(4, 30, size=3), rng.integers(2, 10, size=3), strict=True)
        ],
        mistakes=[
            Mistake(
                "test set scaled with its own statistics",
                _standardise_own_stats,
                "Scale the test set with the mean and standard deviation of the TRAINING set: the "
                "test set stands for new data, whose statistics the model cannot know in advance.",
            ),
            Mistake(
                "sample standard deviation",
                _standardise_sample_std,
                "Use the population standard deviation (ddof=0, divide by m), as the notation page "
                "fixes for scaling; you divided by m - 1.",
            ),
            Mistake(
                "one mean for all features",
                _standardise_global,
                "Each feature (column) gets its own mean and standard deviation: use axis=0.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 2. ridge loss ------------------------------------------------------------------------------


def ridge_loss(X, y, theta, alpha):
    theta = np.asarray(theta, dtype=float)
    residuals = _design(X) @ theta - np.asarray(y, dtype=float)
    w = theta[1:]
    return float((residuals @ residuals + alpha * (w @ w)) / (2 * residuals.size))


def _ridge_loss_intercept(X, y, theta, alpha):
    theta = np.asarray(theta, dtype=float)
    residuals = _design(X) @ theta - y
    return float((residuals @ residuals + alpha * (theta @ theta)) / (2 * residuals.size))


def _ridge_loss_penalty_outside(X, y, theta, alpha):
    theta = np.asarray(theta, dtype=float)
    residuals = _design(X) @ theta - y
    return float(residuals @ residuals / (2 * residuals.size) + alpha * (theta[1:] @ theta[1:]))


register(
    Exercise(
        id="ml.regularisation.ridge_loss",
        notebook=NOTEBOOK,
        function="ridge_loss",
        title="The ridge loss",
        reference=ridge_loss,
        fixed_cases=[
            Case((X3, Y3, THETA3, 1.0), label="8 samples, alpha 1"),
            Case((X3, Y3, THETA3, 0.0), label="alpha 0: plain J"),
            Case((np.array([[1.0], [2.0]]), np.array([3.0, 5.0]), np.array([1.0, 2.0]), 4.0), label="perfect fit, alpha 4"),
        ],
        random_cases=_random_regression,
        mistakes=[
            Mistake(
                "penalised the intercept",
                _ridge_loss_intercept,
                "The penalty is alpha * ||w||^2 with w = theta[1:]: the intercept theta[0] is never "
                "penalised.",
            ),
            Mistake(
                "forgot 1/(2m) on the penalty",
                _ridge_loss_penalty_outside,
                "Both terms share the factor 1/(2m): J = (sum of squared residuals + alpha * ||w||^2) "
                "/ (2m). You added alpha * ||w||^2 without dividing it by 2m.",
            ),
            Mistake(
                "forgot 1/(2m)",
                lambda X, y, theta, alpha: ridge_loss(X, y, theta, alpha) * 2 * len(y),
                "Divide the whole sum by 2m: J = (sum of squared residuals + alpha * ||w||^2) / (2m).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 3. ridge gradient ----------------------------------------------------------------------------


def ridge_gradient(X, y, theta, alpha):
    theta = np.asarray(theta, dtype=float)
    X_b = _design(X)
    penalty = alpha * np.concatenate([[0.0], theta[1:]])
    return (X_b.T @ (X_b @ theta - y) + penalty) / X_b.shape[0]


def _ridge_gradient_intercept(X, y, theta, alpha):
    theta = np.asarray(theta, dtype=float)
    X_b = _design(X)
    return (X_b.T @ (X_b @ theta - y) + alpha * theta) / X_b.shape[0]


def _ridge_gradient_penalty_outside(X, y, theta, alpha):
    theta = np.asarray(theta, dtype=float)
    X_b = _design(X)
    return X_b.T @ (X_b @ theta - y) / X_b.shape[0] + alpha * np.concatenate([[0.0], theta[1:]])


register(
    Exercise(
        id="ml.regularisation.ridge_gradient",
        notebook=NOTEBOOK,
        function="ridge_gradient",
        title="The gradient of the ridge loss",
        reference=ridge_gradient,
        fixed_cases=[
            Case((X3, Y3, THETA3, 1.0), label="8 samples, alpha 1"),
            Case((X3, Y3, THETA3, 0.0), label="alpha 0"),
            Case((np.array([[1.0], [2.0]]), np.array([3.0, 5.0]), np.array([1.0, 2.0]), 4.0), label="perfect fit, alpha 4"),
        ],
        random_cases=_random_regression,
        mistakes=[
            Mistake(
                "penalised the intercept",
                _ridge_gradient_intercept,
                "The penalty's gradient is alpha * [0, w]: the intercept's component gets no penalty "
                "term, since theta[0] is not penalised.",
            ),
            Mistake(
                "forgot 1/m on the penalty",
                _ridge_gradient_penalty_outside,
                "Divide the penalty's gradient by m too: 1/m * (X_b.T @ (X_b @ theta - y) + alpha * [0, w]).",
            ),
            Mistake(
                "2 alpha",
                lambda X, y, theta, alpha: ridge_gradient(X, y, theta, 2 * alpha),
                "The 1/(2m) in front of alpha * ||w||^2 cancels the 2 of the derivative of a square: "
                "the penalty's gradient is alpha / m * w, not 2 * alpha / m * w.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 4. ridge in closed form -------------------------------------------------------------------------


def ridge_closed_form(X, y, alpha):
    X_b = _design(X)
    D = np.eye(X_b.shape[1])
    D[0, 0] = 0.0
    return np.linalg.solve(X_b.T @ X_b + alpha * D, X_b.T @ np.asarray(y, dtype=float))


register(
    Exercise(
        id="ml.regularisation.ridge_closed_form",
        notebook=NOTEBOOK,
        function="ridge_closed_form",
        title="Ridge regression in closed form",
        reference=ridge_closed_form,
        fixed_cases=[
            Case((X3, Y3, 1.0), label="8 samples, alpha 1"),
            Case((X3, Y3, 100.0), label="alpha 100: strong penalty"),
            Case((np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]), np.array([10.0, 12.0, 15.0]), 1.0),
                 label="collinear features"),
            Case((np.array([[1.0, 0.0, 2.0, 1.0]]), np.array([20.0]), 0.5), label="one sample, 4 features"),
        ],
        random_cases=lambda rng: _random_regression(rng, with_theta=False),
        rtol=1e-6,
        mistakes=[
            Mistake(
                "penalised the intercept",
                lambda X, y, alpha: np.linalg.solve(
                    _design(X).T @ _design(X) + alpha * np.eye(_design(X).shape[1]), _design(X).T @ y
                ),
                "alpha * I penalises the intercept too: use D = I with D[0, 0] = 0, so that theta[0] "
                "is not penalised.",
            ),
            Mistake(
                "no penalty",
                lambda X, y, alpha: np.linalg.lstsq(_design(X), y, rcond=None)[0],
                "That is ordinary least squares: add alpha * D to X_b.T @ X_b.",
            ),
            Mistake(
                "alpha times m",
                lambda X, y, alpha: ridge_closed_form(X, y, alpha * len(y)),
                "Setting the gradient 1/m * (X_b.T @ (X_b @ theta - y) + alpha * D @ theta) to zero "
                "gives (X_b.T @ X_b + alpha * D) theta = X_b.T @ y: the m cancels, alpha is not "
                "multiplied by m.",
            ),
        ],
        forbidden=("numpy.linalg.inv", "numpy.linalg.pinv", "sklearn", "curriculum.linear_model"),
    )
)


# --- 5. gradient of regularised logistic regression -----------------------------------------------------


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def logistic_ridge_gradient(X, y, theta, alpha):
    theta = np.asarray(theta, dtype=float)
    X_b = _design(X)
    penalty = alpha * np.concatenate([[0.0], theta[1:]])
    return (X_b.T @ (_sigmoid(X_b @ theta) - y) + penalty) / X_b.shape[0]


def _random_logistic(rng, count=3):
    cases = []
    for _ in range(count):
        m, n = int(rng.integers(6, 40)), int(rng.integers(1, 5))
        X = rng.normal(0.0, 1.0, size=(m, n))
        y = rng.integers(0, 2, size=m)
        theta = rng.normal(0.0, 2.0, size=n + 1)
        alpha = float(rng.choice([0.1, 1.0, 10.0]))
        cases.append(Case((X, y, theta, alpha), label=f"random, {m} samples, alpha {alpha:g}"))
    return cases


LOGISTIC_X = np.array([[0.5, 1.0], [-1.0, 2.0], [2.0, -0.5], [0.0, 0.0]])
LOGISTIC_Y = np.array([1, 0, 1, 0])

register(
    Exercise(
        id="ml.regularisation.logistic_ridge_gradient",
        notebook=NOTEBOOK,
        function="logistic_ridge_gradient",
        title="The gradient of regularised logistic regression",
        reference=logistic_ridge_gradient,
        fixed_cases=[
            Case((LOGISTIC_X, LOGISTIC_Y, np.array([1.0, -1.0, 2.0]), 1.0), label="4 samples, alpha 1"),
            Case((LOGISTIC_X, LOGISTIC_Y, np.array([1.0, -1.0, 2.0]), 0.0), label="alpha 0"),
            Case((LOGISTIC_X, LOGISTIC_Y, np.array([3.0, 0.0, 0.0]), 5.0), label="only an intercept"),
        ],
        random_cases=_random_logistic,
        mistakes=[
            Mistake(
                "penalised the intercept",
                lambda X, y, theta, alpha: (
                    _design(X).T @ (_sigmoid(_design(X) @ theta) - y) + alpha * np.asarray(theta)
                ) / len(y),
                "The penalty's gradient is alpha * [0, w]: leave the intercept's component without "
                "a penalty.",
            ),
            Mistake(
                "no sigmoid",
                lambda X, y, theta, alpha: ridge_gradient(X, y, theta, alpha),
                "That is the ridge-regression gradient: in logistic regression the prediction is "
                "sigmoid(X_b @ theta).",
            ),
            Mistake(
                "forgot 1/m on the penalty",
                lambda X, y, theta, alpha: logistic_ridge_gradient(X, y, theta, 0.0)
                + alpha * np.concatenate([[0.0], np.asarray(theta)[1:]]),
                "Divide the penalty's gradient by m too: 1/m * (X_b.T @ (h - y) + alpha * [0, w]).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 6. k-fold indices ----------------------------------------------------------------------------------


def kfold_indices(m, k):
    if k < 2 or k > m:
        raise ValueError(f"k must be between 2 and m = {m}, got {k}")
    sizes = np.full(k, m // k)
    sizes[: m % k] += 1
    folds, start = [], 0
    for size in sizes:
        stop = start + int(size)
        folds.append((np.concatenate([np.arange(0, start), np.arange(stop, m)]), np.arange(start, stop)))
        start = stop
    return folds


def _kfold_remainder_last(m, k):
    if k < 2 or k > m:
        raise ValueError("bad k")
    size = m // k
    folds = []
    for i in range(k):
        start, stop = i * size, (m if i == k - 1 else (i + 1) * size)
        folds.append((np.concatenate([np.arange(0, start), np.arange(stop, m)]), np.arange(start, stop)))
    return folds


def _kfold_train_unsorted(m, k):
    return [(np.concatenate([np.arange(v[-1] + 1, m), np.arange(0, v[0])]), v) for _, v in kfold_indices(m, k)]


def _kfold_no_check(m, k):
    sizes = np.full(k, m // k)
    sizes[: m % k] += 1
    folds, start = [], 0
    for size in sizes:
        stop = start + int(size)
        folds.append((np.concatenate([np.arange(0, start), np.arange(stop, m)]), np.arange(start, stop)))
        start = stop
    return folds


register(
    Exercise(
        id="ml.regularisation.kfold_indices",
        notebook=NOTEBOOK,
        function="kfold_indices",
        title="k-fold indices",
        reference=kfold_indices,
        fixed_cases=[
            Case((10, 5), label="m = 10, k = 5"),
            Case((7, 3), label="m = 7, k = 3: the first fold is larger"),
            Case((23, 5), label="m = 23, k = 5"),
            Case((4, 4), label="k = m: leave one out"),
            Case((5, 1), label="k = 1 is not a split"),
            Case((3, 4), label="more folds than samples"),
        ],
        random_cases=lambda rng: [
            Case((int(m), int(k)), label=f"random, m = {m}, k = {k}")
            for m, k in zip(rng.integers(10, 60, size=3), rng.integers(2, 9, size=3), strict=True)
        ],
        mistakes=[
            Mistake(
                "remainder in the last fold",
                _kfold_remainder_last,
                "When m is not a multiple of k, the FIRST m % k folds get one sample more "
                "(scikit-learn's rule), not the last fold.",
            ),
            Mistake(
                "training indices unsorted",
                _kfold_train_unsorted,
                "List the training indices in increasing order: those before the fold, then those "
                "after it.",
            ),
            Mistake(
                "no check of k",
                _kfold_no_check,
                "Raise a ValueError when k < 2 or k > m: such a k does not split the data into "
                "folds.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 7. cross-validated MSE of ridge ----------------------------------------------------------------------


def _mse(y, y_pred):
    return float(np.mean((np.asarray(y) - y_pred) ** 2))


def cross_val_mse(X, y, alpha, k):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    scores = []
    for train, validation in kfold_indices(len(y), k):
        theta = ridge_closed_form(X[train], y[train], alpha)
        scores.append(_mse(y[validation], _design(X[validation]) @ theta))
    return np.array(scores)


def _cv_on_training(X, y, alpha, k):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    scores = []
    for train, _ in kfold_indices(len(y), k):
        theta = ridge_closed_form(X[train], y[train], alpha)
        scores.append(_mse(y[train], _design(X[train]) @ theta))
    return np.array(scores)


def _cv_fit_on_all(X, y, alpha, k):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    theta = ridge_closed_form(X, y, alpha)
    return np.array([_mse(y[v], _design(X[v]) @ theta) for _, v in kfold_indices(len(y), k)])


X_CV, Y_CV = _regression(7, 23, 3, noise=3.0)

register(
    Exercise(
        id="ml.regularisation.cross_val_mse",
        notebook=NOTEBOOK,
        function="cross_val_mse",
        title="Cross-validated MSE of ridge regression",
        reference=cross_val_mse,
        fixed_cases=[
            Case((X_CV, Y_CV, 1.0, 5), label="23 samples, k = 5"),
            Case((X_CV, Y_CV, 10.0, 3), label="23 samples, k = 3, alpha 10"),
            Case((X_CV[:6], Y_CV[:6], 0.5, 6), label="leave one out"),
        ],
        random_cases=lambda rng: [
            Case((c.args[0], c.args[1], c.args[2], int(rng.integers(2, 5))), label=c.label)
            for c in _random_regression(rng, with_theta=False)
        ],
        mistakes=[
            Mistake(
                "scored on the training part",
                _cv_on_training,
                "Score each model on the fold it was NOT trained on (the validation indices); the "
                "error on its own training part is optimistic.",
            ),
            Mistake(
                "J instead of MSE",
                lambda X, y, alpha, k: cross_val_mse(X, y, alpha, k) / 2,
                "Report the metric MSE = 1/m * sum of squared errors on each validation fold, not "
                "the training loss J with its 1/2 (and without the penalty).",
            ),
            Mistake(
                "fitted on all the data",
                _cv_fit_on_all,
                "Fit a new model for each fold on the training indices only: a model fitted on all "
                "the data has already seen the validation fold.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 8. choose alpha ----------------------------------------------------------------------------------------


def choose_alpha(X, y, alphas, k):
    means = np.array([cross_val_mse(X, y, alpha, k).mean() for alpha in alphas])
    return float(alphas[int(np.argmin(means))]), means


def _choose_on_training(X, y, alphas, k):
    means = np.array([_cv_on_training(X, y, alpha, k).mean() for alpha in alphas])
    return float(alphas[int(np.argmin(means))]), means


def _choose_argmax(X, y, alphas, k):
    means = np.array([cross_val_mse(X, y, alpha, k).mean() for alpha in alphas])
    return float(alphas[int(np.argmax(means))]), means


def _choose_index(X, y, alphas, k):
    means = np.array([cross_val_mse(X, y, alpha, k).mean() for alpha in alphas])
    return int(np.argmin(means)), means


# Few samples, many features and a weak signal: the best alpha is neither the smallest nor the largest.
_SELECTION_RNG = np.random.default_rng(11)
X_SEL = _SELECTION_RNG.normal(0.0, 1.0, size=(30, 10))
Y_SEL = 10.0 + 0.4 * X_SEL[:, 0] + _SELECTION_RNG.normal(0.0, 2.0, size=30)
ALPHAS = np.array([0.01, 0.1, 1.0, 10.0, 100.0, 1000.0])


def _random_selection(rng, count=2):
    cases = []
    for _ in range(count):
        m, n = int(rng.integers(20, 40)), int(rng.integers(5, 10))
        X = rng.normal(0.0, 1.0, size=(m, n))
        y = 5.0 + X @ rng.normal(0.0, 0.5, size=n) + rng.normal(0.0, 2.0, size=m)
        cases.append(Case((X, y, ALPHAS, int(rng.integers(3, 6))), label=f"random, {m} samples, {n} features"))
    return cases


register(
    Exercise(
        id="ml.regularisation.choose_alpha",
        notebook=NOTEBOOK,
        function="choose_alpha",
        title="Choose alpha by cross-validation",
        reference=choose_alpha,
        fixed_cases=[
            Case((X_SEL, Y_SEL, ALPHAS, 5), label="30 samples, 10 features, k = 5"),
            Case((X_SEL, Y_SEL, ALPHAS[::-1], 3), label="alphas in decreasing order, k = 3"),
        ],
        random_cases=_random_selection,
        rtol=1e-6,
        mistakes=[
            Mistake(
                "chosen on the training error",
                _choose_on_training,
                "Compare the alphas by their VALIDATION error: the training error always prefers the "
                "smallest penalty.",
            ),
            Mistake(
                "argmax",
                _choose_argmax,
                "The best alpha has the smallest mean validation MSE (np.argmin), not the largest.",
            ),
            Mistake(
                "index instead of value",
                _choose_index,
                "Return the value of the best alpha (alphas[best]), not its position in the list.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 9. learning-curve data -----------------------------------------------------------------------------------


def learning_curve_data(X_train, y_train, X_val, y_val, sizes, alpha):
    train_mse, val_mse = [], []
    for size in sizes:
        theta = ridge_closed_form(X_train[:size], y_train[:size], alpha)
        train_mse.append(_mse(y_train[:size], _design(X_train[:size]) @ theta))
        val_mse.append(_mse(y_val, _design(X_val) @ theta))
    return np.array(train_mse), np.array(val_mse)


def _learning_whole_training(X_train, y_train, X_val, y_val, sizes, alpha):
    train_mse, val_mse = [], []
    for size in sizes:
        theta = ridge_closed_form(X_train[:size], y_train[:size], alpha)
        train_mse.append(_mse(y_train, _design(X_train) @ theta))
        val_mse.append(_mse(y_val, _design(X_val) @ theta))
    return np.array(train_mse), np.array(val_mse)


X_LC, Y_LC = _regression(21, 40, 4, noise=3.0)

register(
    Exercise(
        id="ml.regularisation.learning_curve_data",
        notebook=NOTEBOOK,
        function="learning_curve_data",
        title="The data of a learning curve",
        reference=learning_curve_data,
        fixed_cases=[
            Case((X_LC[:30], Y_LC[:30], X_LC[30:], Y_LC[30:], [2, 5, 10, 20, 30], 1.0), label="sizes 2 to 30"),
            Case((X_LC[:30], Y_LC[:30], X_LC[30:], Y_LC[30:], [30], 0.1), label="one size"),
        ],
        random_cases=lambda rng: [
            Case(
                (X_LC[:30], Y_LC[:30], X_LC[30:], Y_LC[30:], sorted(rng.choice(np.arange(3, 31), 4, replace=False).tolist()),
                 float(rng.choice([0.1, 1.0, 10.0]))),
                label="random sizes",
            )
            for _ in range(2)
        ],
        rtol=1e-6,
        mistakes=[
            Mistake(
                "training error on the whole training set",
                _learning_whole_training,
                "The training error of a point of the curve is measured on the samples that model "
                "was trained on: the first `size` rows only.",
            ),
            Mistake(
                "swapped",
                lambda *args: learning_curve_data(*args)[::-1],
                "Return (training errors, validation errors), in that order.",
            ),
            Mistake(
                "J instead of MSE",
                lambda *args: tuple(e / 2 for e in learning_curve_data(*args)),
                "Report the metric MSE = 1/m * sum of squared errors, not the loss J with its 1/2.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)

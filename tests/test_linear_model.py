"""curriculum.linear_model against scikit-learn on the bundled and generated data.

Tolerances (issue 3): the closed-form solvers match scikit-learn's coefficients
to 1e-8 relative; gradient descent reaches them to 1e-4 on standardised data;
logistic regression with Newton's method matches scikit-learn's lbfgs optimum
to 1e-4 in coefficients and 1e-6 in probabilities, with and without penalty.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn import linear_model as sk
from sklearn.multiclass import OneVsRestClassifier

from curriculum.base import clone
from curriculum.datasets import load_breast_cancer, load_diabetes, load_iris, load_wine
from curriculum.exceptions import ConvergenceWarning, NotFittedError
from curriculum.linear_model import LinearRegression, LogisticRegression, Ridge
from curriculum.linear_model._logistic import log_softmax, sigmoid, softmax


def standardise(X):
    """Population (ddof=0) z-scores, column by column."""
    return (X - X.mean(axis=0)) / X.std(axis=0)


def relative_error(ours, theirs):
    """Largest coefficient error relative to the largest reference coefficient."""
    return np.max(np.abs(np.asarray(ours) - theirs)) / max(np.max(np.abs(theirs)), 1e-300)


def regression_problems():
    rng = np.random.default_rng(0)
    X, y = load_diabetes(return_X_y=True)  # raw units: age in years, bmi, ...
    yield "diabetes", X, y
    tall = rng.normal(size=(300, 8)) * rng.uniform(0.1, 100, size=8) + rng.normal(size=8) * 50
    yield "generated", tall, tall @ rng.normal(size=8) + 3.0 + rng.normal(size=300)
    wide = rng.normal(size=(10, 25))  # m < n: the minimum-norm solution
    yield "wide", wide, rng.normal(size=10)
    collinear = np.column_stack([tall[:, :3], tall[:, 0] + 2 * tall[:, 1]])  # rank 3 of 4
    yield "collinear", collinear, tall[:, 0] - tall[:, 2] + rng.normal(size=300)
    base = rng.normal(size=(300, 3))
    for noise in (1e-3, 3e-4, 1e-7):  # condition numbers (scaled) ~8e6, ~9e7, ~7e14
        near = np.column_stack([base, base[:, 0] + base[:, 1] + noise * rng.normal(size=300)])
        yield f"near-collinear-{noise:g}", near, near @ [1.0, 2.0, 3.0, 4.0] + rng.normal(size=300)


REGRESSION = list(regression_problems())


# ------------------------------------------------------------- closed form: 1e-8 relative


@pytest.mark.parametrize("name, X, y", REGRESSION, ids=[p[0] for p in REGRESSION])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_normal_equation_matches_scikit_learn(name, X, y, fit_intercept):
    ours = LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    ref = sk.LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    assert relative_error(ours.coef_, ref.coef_) < 1e-8
    assert abs(ours.intercept_ - ref.intercept_) <= 1e-8 * max(1.0, abs(ref.intercept_))
    np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-8, atol=1e-8)
    assert ours.n_iter_ is None and not hasattr(ours, "loss_history_")


@pytest.mark.parametrize("name, X, y", REGRESSION, ids=[p[0] for p in REGRESSION])
@pytest.mark.parametrize("alpha", [1e-3, 1.0, 100.0])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_ridge_matches_scikit_learn(name, X, y, alpha, fit_intercept):
    ours = Ridge(alpha, fit_intercept=fit_intercept).fit(X, y)
    ref = sk.Ridge(alpha, fit_intercept=fit_intercept, solver="svd").fit(X, y)
    assert relative_error(ours.coef_, ref.coef_) < 1e-8
    assert abs(ours.intercept_ - ref.intercept_) <= 1e-8 * max(1.0, abs(ref.intercept_))


def test_ridge_with_zero_alpha_is_linear_regression():
    _, X, y = REGRESSION[0]
    np.testing.assert_allclose(Ridge(0.0).fit(X, y).coef_, LinearRegression().fit(X, y).coef_)


def test_score_is_r2():
    X, y = REGRESSION[1][1:]
    ours, ref = LinearRegression().fit(X, y), sk.LinearRegression().fit(X, y)
    assert ours.score(X, y) == pytest.approx(ref.score(X, y), rel=1e-12)


# ------------------------------------------------------------ gradient descent: 1e-4


@pytest.mark.parametrize(
    "ours, ref",
    [
        (LinearRegression(solver="gd", learning_rate=0.3, max_iter=20_000, tol=1e-14),
         sk.LinearRegression()),
        (Ridge(5.0, solver="gd", learning_rate=0.3, max_iter=20_000, tol=1e-14), sk.Ridge(5.0)),
    ],
    ids=["linear", "ridge"],
)
def test_gradient_descent_reaches_scikit_learn(ours, ref):
    X, y = load_diabetes(return_X_y=True)
    X = standardise(X)
    ours.fit(X, y)
    ref.fit(X, y)
    assert relative_error(ours.coef_, ref.coef_) < 1e-4
    assert ours.intercept_ == pytest.approx(ref.intercept_, rel=1e-4)
    history = ours.loss_history_
    assert history.shape == (ours.n_iter_ + 1,) and ours.n_iter_ < 20_000
    assert np.all(np.diff(history) <= 1e-12)  # a small enough step never increases J
    # J is half the MSE at the end (plus the ridge penalty).
    residual = ours.predict(X) - y
    penalty = getattr(ours, "alpha", 0.0) * ours.coef_ @ ours.coef_
    assert history[-1] == pytest.approx((residual @ residual + penalty) / (2 * len(y)), rel=1e-10)


def test_gradient_descent_warns_at_max_iter_and_refuses_to_diverge():
    X, y = REGRESSION[1][1:]
    Xs = standardise(X)
    with pytest.warns(ConvergenceWarning, match="max_iter=5"):
        model = LinearRegression(solver="gd", max_iter=5).fit(Xs, y)
    assert model.n_iter_ == 5 and len(model.loss_history_) == 6
    with pytest.raises(ValueError, match="diverged.*learning_rate=0.01.*standardise"):
        LinearRegression(solver="gd", max_iter=5000).fit(X, y)  # raw scales: too big a step


def test_refit_with_normal_drops_gradient_descent_history():
    X, y = REGRESSION[1][1:]
    model = LinearRegression(solver="gd", max_iter=10)
    with pytest.warns(ConvergenceWarning):
        model.fit(standardise(X), y)
    model.set_params(solver="normal").fit(X, y)
    assert not hasattr(model, "loss_history_")


# ------------------------------------------------------------- logistic regression


def classification_problems():
    """(name, X, y, alpha). Without a penalty the classes must overlap: on separable
    data the unpenalised optimum is at infinity and no two solvers agree."""
    Xc, yc = load_breast_cancer(return_X_y=True)
    Xi, yi = load_iris(return_X_y=True)
    Xw, yw = load_wine(return_X_y=True)
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(4, 5))
    yg = rng.integers(0, 4, size=400)
    Xg = centres[yg] + rng.normal(scale=1.5, size=(400, 5))
    for alpha in (1.0, 0.1):
        yield f"breast_cancer-alpha{alpha}", standardise(Xc), yc, alpha
        yield f"iris-alpha{alpha}", standardise(Xi), yi, alpha
        yield f"wine-alpha{alpha}", standardise(Xw), yw, alpha
    yield "breast_cancer[:10]-no-penalty", standardise(Xc[:, :10]), yc, 0.0
    yield "iris[sepal length]-no-penalty", standardise(Xi[:, :1]), yi, 0.0
    yield "wine[:6]-no-penalty", standardise(Xw[:, :6]), yw, 0.0
    yield "blobs-4-classes-no-penalty", Xg, yg, 0.0
    yield "blobs-binary-no-penalty", Xg, yg % 2, 0.0


CLASSIFICATION = list(classification_problems())


def sklearn_logistic(alpha, **kwargs):
    """scikit-learn's lbfgs pushed to its tightest stopping rule; C = 1/alpha."""
    C = np.inf if alpha == 0 else 1.0 / alpha  # C=inf is penalty=None in scikit-learn 1.8+
    return sk.LogisticRegression(C=C, tol=1e-14, max_iter=100_000, **kwargs)


@pytest.mark.parametrize("name, X, y, alpha", CLASSIFICATION, ids=[p[0] for p in CLASSIFICATION])
def test_newton_matches_lbfgs(name, X, y, alpha):
    ours = LogisticRegression(alpha, solver="newton", tol=1e-12).fit(X, y)
    ref = sklearn_logistic(alpha).fit(X, y)
    assert ours.coef_.shape == ref.coef_.shape and ours.intercept_.shape == ref.intercept_.shape
    assert relative_error(ours.coef_, ref.coef_) < 1e-4
    assert np.max(np.abs(ours.intercept_ - ref.intercept_)) < 1e-4 * max(1, np.abs(ref.intercept_).max())
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), rtol=0, atol=1e-6)
    np.testing.assert_allclose(
        ours.decision_function(X), ref.decision_function(X), rtol=1e-5, atol=1e-5
    )
    assert np.array_equal(ours.predict(X), ref.predict(X))
    assert ours.n_iter_ <= 15  # quadratic convergence: a handful of steps


def test_newton_with_default_tol_is_already_close():
    _, X, y, _ = CLASSIFICATION[0]
    ours = LogisticRegression(1.0, solver="newton").fit(X, y)
    ref = sklearn_logistic(1.0).fit(X, y)
    assert relative_error(ours.coef_, ref.coef_) < 1e-4


@pytest.mark.parametrize("index", [0, 2], ids=["breast_cancer", "wine"])
def test_gradient_descent_reaches_newton(index):
    _, X, y, alpha = CLASSIFICATION[index]
    exact = LogisticRegression(alpha, solver="newton", tol=1e-14).fit(X, y)
    gd = LogisticRegression(alpha, learning_rate=2.0, max_iter=10_000, tol=1e-13).fit(X, y)
    assert relative_error(gd.coef_, exact.coef_) < 1e-4
    np.testing.assert_allclose(gd.predict_proba(X), exact.predict_proba(X), atol=1e-4)
    assert np.all(np.diff(gd.loss_history_) <= 1e-15)


def test_multinomial_coefficients_sum_to_zero_over_classes():
    for _, X, y, alpha in CLASSIFICATION:
        if len(np.unique(y)) > 2:
            model = LogisticRegression(alpha, solver="newton").fit(X, y)
            np.testing.assert_allclose(model.coef_.sum(axis=0), 0, atol=1e-10)
            assert abs(model.intercept_.sum()) < 1e-10


def test_one_vs_rest_matches_scikit_learn():
    _, X, y, alpha = CLASSIFICATION[1]  # iris, alpha = 1
    ours = LogisticRegression(alpha, solver="newton", multi_class="ovr", tol=1e-12).fit(X, y)
    ref = OneVsRestClassifier(sklearn_logistic(alpha)).fit(X, y)
    ref_coef = np.vstack([e.coef_ for e in ref.estimators_])
    assert relative_error(ours.coef_, ref_coef) < 1e-4
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-6)
    assert isinstance(ours.loss_history_, list) and len(ours.loss_history_) == 3


def test_without_intercept_matches_scikit_learn():
    _, X, y, _ = CLASSIFICATION[2]  # wine, alpha = 1
    ours = LogisticRegression(1.0, solver="newton", fit_intercept=False, tol=1e-12).fit(X, y)
    ref = sklearn_logistic(1.0, fit_intercept=False).fit(X, y)
    assert relative_error(ours.coef_, ref.coef_) < 1e-4
    assert np.all(ours.intercept_ == 0)


def test_string_labels_round_trip():
    X, y = load_iris(return_X_y=True)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    model = LogisticRegression(1.0, solver="newton").fit(standardise(X), names)
    assert list(model.classes_) == ["setosa", "versicolor", "virginica"]
    assert model.predict(standardise(X)).dtype == names.dtype
    assert model.score(standardise(X), names) > 0.9
    binary = LogisticRegression(1.0, solver="newton").fit(standardise(X), names == "virginica")
    assert list(binary.classes_) == [False, True]
    assert binary.decision_function(X).shape == (150,)
    assert binary.predict_proba(X).shape == (150, 2)


def test_gd_warns_when_it_runs_out_of_iterations():
    _, X, y, _ = CLASSIFICATION[0]
    with pytest.warns(ConvergenceWarning, match="max_iter=3"):
        model = LogisticRegression(max_iter=3).fit(X, y)
    assert model.n_iter_ == 3


def test_stable_sigmoid_softmax_and_loss_on_extreme_scores():
    z = np.array([-1e4, -50.0, 0.0, 50.0, 1e4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warnings
        p = sigmoid(z)
        Z = np.array([[1e4, 0.0, -1e4], [-800.0, -800.0, -800.0]])
        P = softmax(Z)
        L = log_softmax(Z)
    assert p[0] == 0.0 and p[-1] == 1.0 and p[2] == 0.5 and np.all(np.isfinite(p))
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    np.testing.assert_allclose(P[1], 1 / 3)
    assert L[0, 2] == -2e4 and np.all(np.isfinite(L))
    # Separated points, huge weights: fitting and predicting stay finite and warning-free.
    X = np.array([[-1000.0], [-999.0], [999.0], [1000.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        model = LogisticRegression(1e-3, solver="newton").fit(X, [0, 0, 1, 1])
        assert np.all(np.isfinite(model.predict_proba(X * 1e6)))


# ---------------------------------------------------------------- estimator conventions

ESTIMATORS = [
    LinearRegression(),
    LinearRegression(solver="gd", max_iter=50),
    Ridge(2.0),
    LogisticRegression(0.5, solver="newton"),
    LogisticRegression(max_iter=50),
]


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=repr)
def test_estimator_conventions(estimator):
    X, y = load_iris(return_X_y=True)
    X = standardise(X)
    estimator = clone(estimator)
    with pytest.raises(NotFittedError, match="not fitted yet. Call 'fit'"):
        estimator.predict(X)
    X_saved, y_saved = X.copy(), y.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        assert estimator.fit(X, y) is estimator
    estimator.predict(X[:5])
    np.testing.assert_array_equal(X, X_saved)  # inputs never modified
    np.testing.assert_array_equal(y, y_saved)
    assert estimator.n_features_in_ == 4 and estimator.coef_.shape[-1] == 4
    with pytest.raises(ValueError, match="X has 3 features, but the estimator was fitted with 4"):
        estimator.predict(X[:, :3])
    params = estimator.get_params()
    assert clone(estimator).get_params() == params
    assert not hasattr(clone(estimator), "coef_")
    with pytest.raises(ValueError, match="has no parameter 'C'"):
        estimator.set_params(C=1.0)


def test_repr_shows_changed_parameters():
    assert repr(Ridge(3.0, solver="gd")) == "Ridge(alpha=3.0, solver='gd')"
    assert repr(LogisticRegression()) == "LogisticRegression()"


def test_fit_accepts_lists_and_integer_arrays():
    X = [[0, 1], [1, 0], [2, 2], [3, 1], [4, 3]]
    y = [1, 2, 4, 5, 8]
    a = LinearRegression().fit(X, y)
    b = LinearRegression().fit(np.array(X, dtype=float), np.array(y, dtype=float))
    np.testing.assert_allclose(a.coef_, b.coef_)

"""Property-based tests of the validation rules at the public edge (issue 3, item 6).

Hypothesis generates bad inputs of every kind (NaN/inf, empty, 1-D or 3-D X,
strings, mismatched lengths, a different feature count at predict, a single
class, continuous labels, bad hyperparameters) and each must raise ValueError
or TypeError whose message names the argument, what was found and what was
expected. Every bad input tried is counted in ``TRIED``; the last test prints
the tally (run the whole module to see it).
"""

from __future__ import annotations

import math
import warnings
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from curriculum import metrics
from curriculum.exceptions import ConvergenceWarning
from curriculum.linear_model import LinearRegression, LogisticRegression, Ridge

TRIED: Counter = Counter()
PROPERTY = settings(max_examples=40, deadline=None)

ESTIMATORS = [
    lambda: LinearRegression(),
    lambda: LinearRegression(solver="gd", max_iter=20),
    lambda: Ridge(0.5),
    lambda: Ridge(0.5, solver="gd", max_iter=20),
    lambda: LogisticRegression(max_iter=20),
    lambda: LogisticRegression(0.1, solver="newton", max_iter=5, multi_class="ovr"),
]
estimators = st.sampled_from(ESTIMATORS).map(lambda make: make())


def expect_error(kind, call, *words, error=(ValueError, TypeError)):
    """Count one bad input of ``kind``; it must raise ``error`` mentioning all ``words``."""
    TRIED[kind] += 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        with pytest.raises(error) as info:
            call()
    message = str(info.value)
    for word in words:
        assert word in message, f"{word!r} missing from the message: {message}"
    return message


@st.composite
def good_data(draw, estimator=None):
    """A small valid (X, y) for ``estimator`` (labels for a classifier)."""
    m = draw(st.integers(4, 12))
    n = draw(st.integers(1, 4))
    X = draw(hnp.arrays(np.float64, (m, n), elements=st.floats(-10, 10)))
    if isinstance(estimator, LogisticRegression):
        y = np.array(draw(st.lists(st.sampled_from([0, 1, 2]), min_size=m, max_size=m)))
        y[:2] = [0, 1]  # at least two classes
    else:
        y = draw(hnp.arrays(np.float64, (m,), elements=st.floats(-10, 10)))
    return X, y


@PROPERTY
@given(estimators, st.data(), st.sampled_from([np.nan, np.inf, -np.inf]))
def test_nan_or_inf_in_X_at_fit_and_predict(estimator, data, bad):
    X, y = data.draw(good_data(estimator))
    row = data.draw(st.integers(0, X.shape[0] - 1))
    col = data.draw(st.integers(0, X.shape[1] - 1))
    X_bad = X.copy()
    X_bad[row, col] = bad
    expect_error("nan/inf in X", lambda: estimator.fit(X_bad, y), "X contains 1 NaN", "expected")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        estimator.fit(X, y)
    expect_error("nan/inf in X at predict", lambda: estimator.predict(X_bad), "X contains")
    assert math.isnan(X_bad[row, col]) or math.isinf(X_bad[row, col])  # input untouched


@PROPERTY
@given(estimators, st.data(), st.sampled_from([np.nan, np.inf]))
def test_nan_or_inf_in_y(estimator, data, bad):
    X, y = data.draw(good_data(estimator))
    y_bad = y.astype(float)
    y_bad[data.draw(st.integers(0, len(y) - 1))] = bad
    expect_error("nan/inf in y", lambda: estimator.fit(X, y_bad), "y contains", "expected")


@PROPERTY
@given(estimators, st.integers(0, 3), st.integers(0, 3))
def test_empty_input(estimator, m, n):
    if m > 0 and n > 0:
        m = 0
    X = np.zeros((m, n))
    y = np.zeros(m) if not isinstance(estimator, LogisticRegression) else np.arange(m) % 2
    expect_error("empty X", lambda: estimator.fit(X, y), "X must have at least 1", f"{(m, n)}")


@PROPERTY
@given(estimators, st.data())
def test_one_dimensional_X(estimator, data):
    X, y = data.draw(good_data(estimator))
    expect_error(
        "1-D X", lambda: estimator.fit(X[:, 0], y), "X must be a 2-D array", "reshape(-1, 1)"
    )


@PROPERTY
@given(estimators, st.data(), st.integers(1, 3))
def test_three_dimensional_X(estimator, data, depth):
    X, y = data.draw(good_data(estimator))
    X3 = np.repeat(X[:, :, None], depth, axis=2)
    expect_error("3-D X", lambda: estimator.fit(X3, y), "2-D", "found 3-D", str(X3.shape))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        estimator.fit(X, y)
    expect_error("3-D X at predict", lambda: estimator.predict(X3), "2-D", "found 3-D")


@PROPERTY
@given(estimators, st.data(), st.text(min_size=1, max_size=5))
def test_strings_in_X(estimator, data, text):
    X, y = data.draw(good_data(estimator))
    X_text = X.astype(object)
    X_text[0, 0] = text
    expect_error("strings in X", lambda: estimator.fit(X_text, y), "X must contain numbers")
    expect_error("X is a string", lambda: estimator.fit(text, y), "X must be a numeric array")


@PROPERTY
@given(estimators, st.data(), st.sampled_from([-2, -1, 1, 2, 3]))
def test_mismatched_lengths(estimator, data, shift):
    X, y = data.draw(good_data(estimator))
    y_other = np.resize(y, len(y) + shift)
    y_other[:2] = y[:2]
    expect_error(
        "mismatched lengths",
        lambda: estimator.fit(X, y_other),
        f"X has {len(X)}",
        f"y has {len(y_other)}",
        "expected the same number",
    )


@PROPERTY
@given(estimators, st.data(), st.integers(1, 6))
def test_feature_count_changes_at_predict(estimator, data, n_other):
    X, y = data.draw(good_data(estimator))
    if n_other == X.shape[1]:
        n_other += 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        estimator.fit(X, y)
    X_other = np.zeros((3, n_other))
    words = (f"X has {n_other} features", f"fitted with {X.shape[1]} features")
    expect_error("feature mismatch at predict", lambda: estimator.predict(X_other), *words)
    expect_error("feature mismatch at score", lambda: estimator.score(X_other, y[:3]), *words)


@PROPERTY
@given(st.data(), st.sampled_from([0, 7, "spam", True, 2.0]))
def test_single_class_and_continuous_labels(data, label):
    X, _ = data.draw(good_data())
    model = LogisticRegression(solver=data.draw(st.sampled_from(["gd", "newton"])))
    y = np.full(len(X), label, dtype=object if isinstance(label, str) else None)
    expect_error("single class", lambda: model.fit(X, y), "single class", repr(label))
    y_cont = np.linspace(0, 1, len(X)) + 0.25
    expect_error("continuous labels", lambda: model.fit(X, y_cont), "continuous", "expected")
    y_col = np.arange(len(X)).reshape(-1, 1) % 2
    expect_error("column-vector y", lambda: model.fit(X, y_col), "1-D", "ravel()")


BAD_PARAMS = st.one_of(
    st.tuples(st.just("alpha"), st.floats(max_value=-1e-9, allow_nan=False, allow_infinity=False)),
    st.tuples(st.just("alpha"), st.sampled_from([np.nan, np.inf, "1.0", None, [1.0]])),
    st.tuples(st.just("learning_rate"), st.floats(max_value=0, allow_infinity=False)),
    st.tuples(st.just("learning_rate"), st.sampled_from([np.nan, "fast", None])),
    st.tuples(st.just("max_iter"), st.integers(max_value=0)),
    st.tuples(st.just("max_iter"), st.sampled_from([10.0, 1.5, "100", True, None])),
    st.tuples(st.just("tol"), st.floats(max_value=-1e-12, allow_infinity=False)),
    st.tuples(st.just("solver"), st.text(max_size=8).filter(lambda s: s not in {"gd", "normal", "newton"})),
    st.tuples(st.just("solver"), st.sampled_from([None, 1, "GD", "lbfgs"])),
    st.tuples(st.just("fit_intercept"), st.sampled_from([1, 0, "yes", None, 1.0])),
    st.tuples(st.just("multi_class"), st.sampled_from(["auto", "softmax", "", None, "OVR"])),
)


@settings(max_examples=120, deadline=None)
@given(estimators, BAD_PARAMS, st.data())
def test_bad_hyperparameters(estimator, bad, data):
    name, value = bad
    if name not in estimator.get_params():
        name = "solver"  # alpha on LinearRegression, multi_class on a regressor
    estimator.set_params(**{name: value})
    X, y = data.draw(good_data(estimator))
    message = expect_error("bad hyperparameter", lambda: estimator.fit(X, y), name)
    assert repr(value)[:20] in message or str(value)[:20] in message  # what was found
    assert "must" in message  # what was expected


TABLE = [
    (make, name, value)
    for make in (LinearRegression, Ridge, LogisticRegression)
    for name, value in [
        ("alpha", -1.0), ("alpha", None), ("alpha", np.nan), ("alpha", "0.1"),
        ("learning_rate", 0), ("learning_rate", -0.5), ("max_iter", 0), ("max_iter", 100.0),
        ("tol", -1e-3), ("solver", "lbfgs"), ("solver", None), ("fit_intercept", "no"),
        ("multi_class", "auto"),
    ]
    if name in make().get_params()
]


@pytest.mark.parametrize("make, name, value", TABLE, ids=[f"{m.__name__}-{n}-{v!r}" for m, n, v in TABLE])
def test_bad_hyperparameter_table(make, name, value):
    estimator = make().set_params(**{name: value})
    X, y = np.arange(12.0).reshape(6, 2), np.array([0, 1, 0, 1, 1, 0])
    message = expect_error("bad hyperparameter (table)", lambda: estimator.fit(X, y), name, "must")
    assert repr(value) in message or str(value) in message


@PROPERTY
@given(st.integers(1, 10), st.integers(1, 3).filter(bool), st.sampled_from([1, -1]))
def test_metrics_refuse_bad_inputs(m, d, sign):
    a, b = np.arange(m), np.arange(m + sign * d) if m + sign * d > 0 else np.arange(m + d)
    for fn in (metrics.accuracy_score, metrics.f1_score, metrics.confusion_matrix):
        expect_error("metric lengths", lambda fn=fn: fn(a % 2, b % 2), "y_true has", "y_pred has")
    for fn in (metrics.mean_squared_error, metrics.r2_score, metrics.mean_absolute_error):
        expect_error("metric lengths", lambda fn=fn: fn(a * 1.0, b * 1.0), "expected the same")
        nan = a * 1.0
        nan[m // 2] = np.nan
        expect_error("metric NaN", lambda fn=fn, nan=nan: fn(nan, a * 1.0), "y_true contains 1 NaN")
        expect_error("metric empty", lambda fn=fn: fn([], []), "at least 1 sample")
        expect_error("metric strings", lambda fn=fn: fn(a.astype(str), a), "y_true must contain numbers")
    expect_error("metric 2-D labels", lambda: metrics.accuracy_score(a.reshape(-1, 1), a), "1-D")
    expect_error(
        "metric mixed labels", lambda: metrics.precision_score(a.astype(str), a), "same type"
    )


def test_zz_report_number_of_bad_inputs_tried(capsys):
    """Print the tally of bad inputs (this test runs last in the module)."""
    total = sum(TRIED.values())
    if total == 0:
        pytest.skip("run the whole module to count the bad inputs tried")
    with capsys.disabled():
        print(f"\n[validation properties] {total} bad inputs tried, all refused with a clear message:")
        for kind, count in sorted(TRIED.items()):
            print(f"    {kind:<28} {count}")
    assert all(count > 0 for count in TRIED.values())

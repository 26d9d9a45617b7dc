"""curriculum.metrics against scikit-learn: values, zero-division warnings and errors.

Every comparison calls scikit-learn first; if scikit-learn refuses the input
with a ValueError, ours must refuse it too, otherwise the values (NaN-aware)
and the presence of an undefined-metric warning must agree.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import sklearn.exceptions
import sklearn.metrics as skm
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from curriculum import metrics
from curriculum.exceptions import UndefinedMetricWarning

UNDEFINED = (UndefinedMetricWarning, sklearn.exceptions.UndefinedMetricWarning)
FAST = settings(max_examples=60, deadline=None)

LABEL_SETS = [[0, 1], [0, 1, 2], [1, 2, 3, 4], ["a", "b"], ["ant", "bee", "cat"], [False, True]]
ZERO_DIVISION = ["warn", 0.0, 1.0, np.nan]


def call(fn, *args, **kwargs):
    """Run ``fn``; return (result or the exception type, whether it warned 'undefined')."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn(*args, **kwargs)
        except (ValueError, TypeError) as exc:
            result = type(exc)
    return result, any(issubclass(w.category, UNDEFINED) for w in caught)


def assert_same(ours, theirs):
    if isinstance(theirs, type):  # scikit-learn raised
        assert ours is ValueError or ours is TypeError, f"expected an error, got {ours!r}"
        return
    assert not isinstance(ours, type), f"we raised {ours.__name__}, scikit-learn returned {theirs!r}"
    if isinstance(theirs, tuple):
        assert len(ours) == len(theirs)
        for a, b in zip(ours, theirs, strict=True):
            assert_same(a, b)
    elif isinstance(theirs, dict):
        assert list(ours) == list(theirs)
        for key in theirs:
            assert_same(ours[key], theirs[key])
    elif theirs is None or isinstance(theirs, str):
        assert ours == theirs
    else:
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15, equal_nan=True)
        assert np.shape(ours) == np.shape(theirs)


def compare(ours_fn, theirs_fn, *args, **kwargs):
    ours, ours_warned = call(ours_fn, *args, **kwargs)
    theirs, theirs_warned = call(theirs_fn, *args, **kwargs)
    assert_same(ours, theirs)
    assert ours_warned == theirs_warned, "undefined-metric warning differs from scikit-learn"


@st.composite
def label_pairs(draw, sets=LABEL_SETS):
    """Draw (labels, y_true, y_pred) of the same length from one label set."""
    labels = draw(st.sampled_from(sets))
    n = draw(st.integers(1, 25))
    pick = st.lists(st.sampled_from(labels), min_size=n, max_size=n)
    y_true, y_pred = np.array(draw(pick)), np.array(draw(pick))
    if draw(st.booleans()):  # edge case: all predictions equal
        y_pred = np.full(n, y_pred[0])
    return labels, y_true, y_pred


# ----------------------------------------------------------------------- classification


@FAST
@given(label_pairs())
def test_accuracy_and_confusion_matrix_match(data):
    _, y_true, y_pred = data
    compare(metrics.accuracy_score, skm.accuracy_score, y_true, y_pred)
    compare(metrics.accuracy_score, skm.accuracy_score, y_true, y_pred, normalize=False)
    for normalize in (None, "true", "pred", "all"):
        compare(metrics.confusion_matrix, skm.confusion_matrix, y_true, y_pred, normalize=normalize)


@FAST
@given(label_pairs(), st.data())
def test_confusion_matrix_with_labels_matches(data, draw):
    labels, y_true, y_pred = data
    extra = [9] if isinstance(labels[0], int | np.integer) else ["zzz"]
    chosen = draw.draw(st.lists(st.sampled_from(labels + extra), min_size=1, unique=True))
    compare(metrics.confusion_matrix, skm.confusion_matrix, y_true, y_pred, labels=chosen)


@FAST
@given(label_pairs(), st.sampled_from(["micro", "macro", "weighted", None]), st.sampled_from(ZERO_DIVISION))
def test_precision_recall_f1_averages_match(data, average, zero_division):
    _, y_true, y_pred = data
    kwargs = {"average": average, "zero_division": zero_division}
    compare(metrics.precision_score, skm.precision_score, y_true, y_pred, **kwargs)
    compare(metrics.recall_score, skm.recall_score, y_true, y_pred, **kwargs)
    compare(metrics.f1_score, skm.f1_score, y_true, y_pred, **kwargs)
    compare(
        metrics.precision_recall_fscore_support,
        skm.precision_recall_fscore_support,
        y_true,
        y_pred,
        **kwargs,
    )


@FAST
@given(label_pairs([s for s in LABEL_SETS if len(s) == 2]), st.data(), st.sampled_from(ZERO_DIVISION))
def test_binary_scores_match_with_any_pos_label(data, draw, zero_division):
    labels, y_true, y_pred = data
    pos_label = draw.draw(st.sampled_from([*labels, 1]))
    kwargs = {"pos_label": pos_label, "zero_division": zero_division}
    compare(metrics.precision_score, skm.precision_score, y_true, y_pred, **kwargs)
    compare(metrics.recall_score, skm.recall_score, y_true, y_pred, **kwargs)
    compare(metrics.f1_score, skm.f1_score, y_true, y_pred, **kwargs)


@FAST
@given(label_pairs(), st.data(), st.sampled_from(["macro", "weighted", "micro", None]))
def test_scores_with_explicit_labels_match(data, draw, average):
    labels, y_true, y_pred = data
    extra = [7] if isinstance(labels[0], int | np.integer) else ["zzz"]
    chosen = draw.draw(st.lists(st.sampled_from(labels + extra), min_size=1, unique=True))
    for ours, theirs in [(metrics.f1_score, skm.f1_score), (metrics.precision_score, skm.precision_score)]:
        compare(ours, theirs, y_true, y_pred, labels=chosen, average=average, zero_division=0.0)


@FAST
@given(label_pairs(), st.sampled_from(ZERO_DIVISION), st.integers(1, 4), st.booleans())
def test_classification_report_matches(data, zero_division, digits, as_dict):
    _, y_true, y_pred = data
    if not np.any(y_true == y_pred):
        # With no true positive at all, scikit-learn's supports come out as floats
        # and its text prints "1.0" where we print the count "1"; values still agree.
        as_dict = True
    compare(
        metrics.classification_report,
        skm.classification_report,
        y_true,
        y_pred,
        digits=digits,
        output_dict=as_dict,
        zero_division=zero_division,
    )


def test_classification_report_with_labels_and_names():
    y_true, y_pred = [1, 1, 0, 2], [1, 1, 1, 2]
    for kwargs in [
        {"labels": [1, 2, 3]},
        {"labels": [2, 0], "output_dict": True},
        {"target_names": ["zero", "one", "two"]},
    ]:
        compare(
            metrics.classification_report,
            skm.classification_report,
            y_true,
            y_pred,
            zero_division=0.0,
            **kwargs,
        )


def test_edge_cases_by_hand():
    # class 2 is never predicted: its precision is 0/0.
    y_true, y_pred = [0, 1, 2, 2], [0, 1, 1, 1]
    with pytest.warns(UndefinedMetricWarning, match="zero_division"):
        assert metrics.precision_score(y_true, y_pred, average="macro") == pytest.approx(
            skm.precision_score(y_true, y_pred, average="macro", zero_division=0.0)
        )
    assert math.isnan(metrics.precision_score(y_true, y_pred, average=None, zero_division=np.nan)[2])
    # NaN zero_division: averages skip the undefined class.
    assert metrics.precision_score(y_true, y_pred, average="macro", zero_division=np.nan) == (
        pytest.approx((1 + 1 / 3) / 2)
    )
    # Recall of a class never true, F1 of a class neither true nor predicted.
    assert metrics.recall_score([0, 0], [1, 1], zero_division=1.0) == 1.0
    assert metrics.f1_score([0, 0], [0, 0], zero_division=1.0) == 1.0
    # F1 is 0, not undefined, when the class is true but never predicted.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert metrics.f1_score([1, 1, 0], [0, 0, 0]) == 0.0
    # String labels need a string pos_label.
    assert metrics.f1_score(["no", "yes", "yes"], ["no", "yes", "no"], pos_label="yes") == 2 / 3
    with pytest.raises(ValueError, match="pos_label=1"):
        metrics.f1_score(["no", "yes"], ["no", "yes"])
    with pytest.raises(ValueError, match="average='binary'"):
        metrics.recall_score([0, 1, 2], [0, 1, 2])
    with pytest.raises(ValueError, match="zero_division"):
        metrics.precision_score([0, 1], [0, 1], zero_division=0.5)


# ---------------------------------------------------------------------------- log loss


@st.composite
def probability_problems(draw):
    k = draw(st.integers(2, 4))
    n = draw(st.integers(2, 20))
    y_true = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)))
    raw = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(0, 1)))
    raw[raw.sum(axis=1) == 0, 0] = 1.0
    proba = raw / raw.sum(axis=1, keepdims=True)
    if draw(st.booleans()):  # confident predictions hit the clipping at eps
        proba = np.eye(k)[draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n))]
    dtype = draw(st.sampled_from([np.float64, np.float32]))
    return y_true, proba.astype(dtype), k


@FAST
@given(probability_problems(), st.booleans())
def test_log_loss_matches(problem, normalize):
    y_true, proba, k = problem
    labels = list(range(k)) if len(np.unique(y_true)) < k else None
    compare(metrics.log_loss, skm.log_loss, y_true, proba, labels=labels, normalize=normalize)
    if k == 2:  # 1-D probabilities of the positive class
        compare(metrics.log_loss, skm.log_loss, y_true, proba[:, 1], labels=labels)


def test_log_loss_string_labels_and_errors():
    y = ["spam", "ham", "ham", "spam"]
    p = [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]]
    assert metrics.log_loss(y, p) == pytest.approx(skm.log_loss(y, p), rel=1e-15)
    assert metrics.log_loss([1, 1], [0.0, 0.0], labels=[0, 1]) == pytest.approx(
        -np.log(np.finfo(np.float64).eps)
    )
    with pytest.raises(ValueError, match="only one label"):
        metrics.log_loss([1, 1], [[0.5, 0.5], [0.5, 0.5]])
    with pytest.raises(ValueError, match="3 columns but there are 2 classes"):
        metrics.log_loss([0, 1], np.full((2, 3), 1 / 3))
    with pytest.raises(ValueError, match=r"in \[0, 1\]"):
        metrics.log_loss([0, 1], [[1.5, -0.5], [0.5, 0.5]])
    with pytest.warns(UserWarning, match="sum to 1"):
        metrics.log_loss([0, 1], [[0.2, 0.2], [0.5, 0.5]])


# --------------------------------------------------------------------------- regression

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


@st.composite
def regression_pairs(draw):
    n = draw(st.integers(1, 20))
    shape = (n,) if draw(st.booleans()) else (n, draw(st.integers(1, 3)))
    y_true = draw(hnp.arrays(np.float64, shape, elements=finite))
    kind = draw(st.sampled_from(["random", "perfect", "constant_true"]))
    if kind == "constant_true":
        y_true = np.full(shape, y_true.flat[0])
    y_pred = y_true.copy() if kind == "perfect" else draw(hnp.arrays(np.float64, shape, elements=finite))
    return y_true, y_pred


@FAST
@given(regression_pairs(), st.sampled_from(["uniform_average", "raw_values"]), st.booleans())
def test_regression_metrics_match(pair, multioutput, force_finite):
    y_true, y_pred = pair
    for ours, theirs in [
        (metrics.mean_squared_error, skm.mean_squared_error),
        (metrics.root_mean_squared_error, skm.root_mean_squared_error),
        (metrics.mean_absolute_error, skm.mean_absolute_error),
    ]:
        compare(ours, theirs, y_true, y_pred, multioutput=multioutput)
    compare(
        metrics.r2_score,
        skm.r2_score,
        y_true,
        y_pred,
        multioutput=multioutput,
        force_finite=force_finite,
    )


def test_r2_constant_target_follows_scikit_learn():
    assert metrics.r2_score([3.0, 3.0], [3.0, 3.0]) == 1.0  # perfect
    assert metrics.r2_score([3.0, 3.0], [2.0, 3.0]) == 0.0  # not perfect
    assert metrics.r2_score([3.0, 3.0], [2.0, 3.0], force_finite=False) == -np.inf
    with pytest.warns(UndefinedMetricWarning, match="fewer than two"):
        assert math.isnan(metrics.r2_score([1.0], [2.0]))


def test_metric_errors_are_clear_sentences():
    with pytest.raises(ValueError, match="y_true has 3, y_pred has 2"):
        metrics.mean_squared_error([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="y_pred contains 1 NaN"):
        metrics.mean_absolute_error([1, 2], [1, np.nan])
    with pytest.raises(ValueError, match="at least 1 sample"):
        metrics.accuracy_score([], [])
    with pytest.raises(TypeError, match="strings but y_pred holds numbers"):
        metrics.accuracy_score(["a", "b"], [0, 1])
    with pytest.raises(ValueError, match="continuous"):
        metrics.f1_score([0.5, 1.0], [1.0, 1.0])
    with pytest.raises(ValueError, match="multioutput must be one of"):
        metrics.r2_score([1, 2], [1, 2], multioutput="variance")
    with pytest.raises(ValueError, match="average must be one of"):
        metrics.f1_score([0, 1], [0, 1], average="samples")


def test_inputs_are_not_modified():
    y_true, y_pred = np.array([0, 1, 2, 2]), np.array([0, 2, 1, 2])
    proba = np.array([[0.0, 1.0, 0.0]] * 4)
    saved = y_true.copy(), y_pred.copy(), proba.copy()
    metrics.classification_report(y_true, y_pred, output_dict=True, zero_division=0.0)
    metrics.confusion_matrix(y_true, y_pred, normalize="all")
    metrics.log_loss(y_true, proba)
    for before, after in zip(saved, (y_true, y_pred, proba), strict=True):
        np.testing.assert_array_equal(before, after)

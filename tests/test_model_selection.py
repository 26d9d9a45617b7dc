"""Splits, k-fold splitters and cross-validated scores, with scikit-learn as the oracle."""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curriculum import datasets
from curriculum.base import BaseEstimator
from curriculum.model_selection import (
    KFold,
    StratifiedKFold,
    cross_val_score,
    learning_curve,
    train_test_split,
    validation_curve,
)

sk_ms = pytest.importorskip("sklearn.model_selection")
sk_linear = pytest.importorskip("sklearn.linear_model")


class MeanRegressor(BaseEstimator):
    """Predicts the training mean; counts its fits to check that clones are used."""

    fits = 0

    def __init__(self, shift=0.0):
        self.shift = shift

    def fit(self, X, y):
        type(self).fits += 1
        self.mean_ = float(np.mean(y)) + self.shift
        return self

    def predict(self, X):
        return np.full(len(X), self.mean_)

    def score(self, X, y):
        return -float(np.mean((np.asarray(y) - self.predict(X)) ** 2))


class Failing(BaseEstimator):
    def fit(self, X, y):
        raise ValueError("y has a single class")


# --------------------------------------------------------------------------- train_test_split


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(2, 60),
    test=st.one_of(st.none(), st.floats(0.05, 0.95), st.integers(1, 59)),
    train=st.one_of(st.none(), st.floats(0.05, 0.95), st.integers(1, 59)),
    seed=st.integers(0, 1000),
)
def test_split_sizes_match_scikit_learn_and_sets_are_disjoint(n, test, train, seed):
    X = np.arange(2 * n).reshape(n, 2)
    y = np.arange(n)
    try:
        expected = sk_ms.train_test_split(X, y, test_size=test, train_size=train, random_state=0)
    except ValueError:
        with pytest.raises(ValueError):
            train_test_split(X, y, test_size=test, train_size=train, random_state=seed)
        return
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test, train_size=train, random_state=seed
    )
    assert (len(y_train), len(y_test)) == (len(expected[2]), len(expected[3]))
    assert not set(y_train) & set(y_test)
    assert len(set(y_train)) == len(y_train)
    np.testing.assert_array_equal(X_train[:, 0] // 2, y_train)  # rows stay together
    np.testing.assert_array_equal(X_test[:, 0] // 2, y_test)
    if train is None or test is None:
        assert sorted(np.concatenate([y_train, y_test]).tolist()) == list(range(n))


def test_default_split_holds_out_a_quarter_rounded_up():
    X_train, X_test = train_test_split(np.arange(10), random_state=0)
    assert (len(X_train), len(X_test)) == (7, 3)
    X_train, X_test = train_test_split(np.arange(10), train_size=0.6, random_state=0)
    assert (len(X_train), len(X_test)) == (6, 4)


def test_split_is_reproducible_and_depends_on_the_seed():
    X = np.arange(100)
    a = train_test_split(X, random_state=7)
    b = train_test_split(X, random_state=7)
    c = train_test_split(X, random_state=8)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[1], c[1])
    d = train_test_split(X, random_state=np.random.default_rng(7))
    np.testing.assert_array_equal(a[1], d[1])


def test_no_shuffle_keeps_the_order():
    X_train, X_test = train_test_split(np.arange(8), test_size=3, shuffle=False)
    assert X_train.tolist() == [0, 1, 2, 3, 4] and X_test.tolist() == [5, 6, 7]


@settings(max_examples=80, deadline=None)
@given(
    counts=st.lists(st.integers(2, 30), min_size=2, max_size=5),
    test_size=st.floats(0.1, 0.9),
    seed=st.integers(0, 1000),
)
def test_stratified_split_keeps_class_proportions_within_one_sample(counts, test_size, seed):
    y = np.repeat(np.arange(len(counts)), counts)
    y = np.random.default_rng(seed).permutation(y)
    m, n_classes = y.size, len(counts)
    n_test = int(np.ceil(test_size * m))
    if n_test < n_classes or m - n_test < n_classes:
        with pytest.raises(ValueError, match="fewer than the|would be empty"):
            train_test_split(y, test_size=test_size, stratify=y, random_state=seed)
        return
    y_train, y_test = train_test_split(y, test_size=test_size, stratify=y, random_state=seed)
    assert len(y_test) == n_test and len(y_train) == m - n_test
    for part in (y_train, y_test):
        found = np.bincount(part, minlength=n_classes)
        expected = len(part) * np.asarray(counts) / m
        assert np.all(np.abs(found - expected) < 1), (found, expected)


def test_stratified_split_with_both_sizes_given():
    y = np.repeat([0, 1, 2], [50, 30, 20])
    y_train, y_test = train_test_split(y, train_size=0.5, test_size=0.2, stratify=y, random_state=0)
    assert np.bincount(y_test).tolist() == [10, 6, 4]
    assert np.bincount(y_train).tolist() == [25, 15, 10]


def test_stratified_split_of_the_iris_data():
    X, y = datasets.load_iris(return_X_y=True)
    _, _, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    assert np.bincount(y_test).tolist() == [10, 10, 10]
    assert np.bincount(y_train).tolist() == [40, 40, 40]


def test_containers_keep_their_type_and_inputs_are_not_modified():
    pd = pytest.importorskip("pandas")
    frame = datasets.load_iris(as_frame=True).frame
    frame_before = frame.copy()
    X = np.arange(300.0).reshape(150, 2)
    X_before = X.copy()
    labels = list("abc" * 50)
    f_train, f_test, X_train, X_test, l_train, l_test = train_test_split(
        frame, X, labels, random_state=0
    )
    assert isinstance(f_train, pd.DataFrame) and isinstance(l_train, list)
    assert len(f_test) == len(X_test) == len(l_test) == 38
    # the same rows in every array: the frame's index gives the original positions
    np.testing.assert_array_equal(X[f_test.index.to_numpy()], X_test)
    assert [labels[i] for i in f_train.index] == l_train
    X_train[:] = -1
    pd.testing.assert_frame_equal(frame, frame_before)
    np.testing.assert_array_equal(X, X_before)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((), {}, ValueError, "at least one array"),
        ((np.ones(5), np.ones(4)), {}, ValueError, "arrays\\[0\\] has 5, arrays\\[1\\] has 4"),
        ((np.ones(10),), {"test_size": 1.5}, ValueError, "test_size=1.5 must be strictly between 0 and 1"),
        ((np.ones(10),), {"test_size": 0.0}, ValueError, "strictly between 0 and 1"),
        ((np.ones(10),), {"test_size": 11}, ValueError, "test_size=11 must be between 1 and the number"),
        ((np.ones(10),), {"test_size": 10}, ValueError, "training set would be empty"),
        ((np.ones(10),), {"test_size": True}, TypeError, "test_size must be a float in \\(0, 1\\), an int"),
        ((np.ones(10),), {"test_size": 0.6, "train_size": 0.6}, ValueError, "must be at most 1"),
        ((np.ones(10),), {"test_size": 6, "train_size": 6}, ValueError, "need 12 samples"),
        ((np.ones(10),), {"train_size": 0.01}, ValueError, "training set would be empty"),
        ((np.ones(4),), {"stratify": [0, 0, 1, 1], "shuffle": False}, ValueError, "stratify needs shuffle=True"),
        ((np.ones(4),), {"stratify": [0, 0, 0, 1]}, ValueError, "the class 1 has only 1 sample"),
        ((np.ones(4),), {"stratify": [0, 1, 0]}, ValueError, "Inconsistent numbers of samples"),
        ((np.ones(4),), {"shuffle": "no"}, TypeError, "shuffle must be True or False"),
        ((np.ones(4),), {"random_state": 1.5}, TypeError, "random_state must be None, an int"),
        (("abcd",), {}, TypeError, "arrays\\[0\\] must be an array-like"),
        ((3.0,), {}, TypeError, "arrays\\[0\\] must be an array-like"),
    ],
)
def test_train_test_split_rejects_bad_arguments(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        train_test_split(*args, **kwargs)


# --------------------------------------------------------------------------- KFold


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 50), k=st.integers(2, 8), shuffle=st.booleans(), seed=st.integers(0, 99))
def test_kfold_test_folds_partition_the_samples(n, k, shuffle, seed):
    if k > n:
        with pytest.raises(ValueError, match=f"n_splits={k} is greater than the number of samples"):
            list(KFold(k).split(np.zeros(n)))
        return
    cv = KFold(k, shuffle=shuffle, random_state=seed if shuffle else None)
    folds = list(cv.split(np.zeros((n, 3))))
    assert len(folds) == k == cv.get_n_splits()
    tests = np.concatenate([test for _, test in folds])
    assert sorted(tests.tolist()) == list(range(n))
    sizes = [len(test) for _, test in folds]
    assert max(sizes) - min(sizes) <= 1 and sizes == sorted(sizes, reverse=True)
    for train, test in folds:
        assert sorted(np.concatenate([train, test]).tolist()) == list(range(n))
        assert not set(train) & set(test)
    if not shuffle:
        expected = [(tr.tolist(), te.tolist()) for tr, te in sk_ms.KFold(k).split(np.zeros(n))]
        assert [(tr.tolist(), te.tolist()) for tr, te in folds] == expected


def test_kfold_shuffle_is_reproducible():
    X = np.zeros(20)
    a = [test.tolist() for _, test in KFold(4, shuffle=True, random_state=0).split(X)]
    b = [test.tolist() for _, test in KFold(4, shuffle=True, random_state=0).split(X)]
    c = [test.tolist() for _, test in KFold(4, shuffle=True, random_state=1).split(X)]
    assert a == b and a != c
    assert a != [test.tolist() for _, test in KFold(4).split(X)]


@pytest.mark.parametrize("splitter", [KFold, StratifiedKFold])
@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_splits": 1}, ValueError, "n_splits must be >= 2, got 1"),
        ({"n_splits": 2.0}, TypeError, "n_splits must be an integer"),
        ({"random_state": 0}, ValueError, "random_state=0 has no effect when shuffle=False"),
        ({"shuffle": 1}, TypeError, "shuffle must be True or False"),
    ],
)
def test_splitters_reject_bad_parameters(splitter, kwargs, error, message):
    with pytest.raises(error, match=message):
        list(splitter(**kwargs).split(np.zeros(10), np.arange(10) % 2))


# --------------------------------------------------------------------------- StratifiedKFold


@settings(max_examples=60, deadline=None)
@given(
    labels=st.lists(st.integers(0, 3), min_size=4, max_size=60),
    k=st.integers(2, 5),
    shuffle=st.booleans(),
    seed=st.integers(0, 99),
)
def test_stratified_kfold_partitions_and_balances_every_class(labels, k, shuffle, seed):
    y = np.asarray(labels)
    counts = np.bincount(y)
    counts = counts[counts > 0]
    if k > counts.max() or k > y.size:
        with pytest.raises(ValueError, match="n_splits"):
            list(StratifiedKFold(k).split(np.zeros(y.size), y))
        return
    cv = StratifiedKFold(k, shuffle=shuffle, random_state=seed if shuffle else None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        folds = list(cv.split(np.zeros((y.size, 1)), y))
    tests = np.concatenate([test for _, test in folds])
    assert sorted(tests.tolist()) == list(range(y.size))
    for label in np.unique(y):
        per_fold = [np.sum(y[test] == label) for _, test in folds]
        assert max(per_fold) - min(per_fold) <= 1
    sizes = [len(test) for _, test in folds]
    assert max(sizes) - min(sizes) <= 1
    if not shuffle:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = [
                (tr.tolist(), te.tolist()) for tr, te in sk_ms.StratifiedKFold(k).split(np.zeros(y.size), y)
            ]
        assert [(tr.tolist(), te.tolist()) for tr, te in folds] == expected


def test_stratified_kfold_shuffle_is_reproducible_and_string_labels_work():
    y = np.array(["cat", "dog"] * 10)
    split = lambda seed: [t.tolist() for _, t in StratifiedKFold(5, shuffle=True, random_state=seed).split(y, y)]  # noqa: E731
    assert split(3) == split(3) != split(4)
    for test in split(3):
        assert sorted(y[test].tolist()) == ["cat", "cat", "dog", "dog"]


def test_stratified_kfold_warns_about_a_small_class_and_needs_labels():
    y = np.array([0] * 8 + [1] * 2)
    with pytest.warns(UserWarning, match="smallest class has only 2 sample"):
        list(StratifiedKFold(3).split(np.zeros(10), y))
    with pytest.raises(ValueError, match="needs the class labels y"):
        list(StratifiedKFold(3).split(np.zeros(10), None))
    with pytest.raises(ValueError, match="Inconsistent numbers of samples"):
        list(StratifiedKFold(3).split(np.zeros(9), y))
    with pytest.raises(ValueError, match="n_splits=9 is greater than the number of samples of every class"):
        list(StratifiedKFold(9).split(np.zeros(10), y))


# --------------------------------------------------------------------------- cross_val_score


def test_cross_val_score_matches_scikit_learn_for_a_regressor():
    X, y = datasets.load_diabetes(return_X_y=True)
    model = sk_linear.Ridge(alpha=1.0)
    ours = cross_val_score(model, X, y, cv=5)
    theirs = sk_ms.cross_val_score(model, X, y, cv=5)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12)
    assert ours.shape == (5,)
    assert not hasattr(model, "coef_")  # the given estimator is never fitted


def test_cross_val_score_stratifies_for_a_classifier_like_scikit_learn():
    X, y = datasets.load_iris(return_X_y=True)  # sorted by class: KFold would fail badly
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    model = sk_linear.LogisticRegression(max_iter=1000)
    ours = cross_val_score(model, X, y, cv=5)
    theirs = sk_ms.cross_val_score(model, X, y, cv=5)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12)
    assert ours.mean() > 0.9


@pytest.mark.parametrize(
    ("scoring", "data"),
    [
        ("r2", "diabetes"),
        ("neg_mean_squared_error", "diabetes"),
        ("neg_root_mean_squared_error", "diabetes"),
        ("neg_mean_absolute_error", "diabetes"),
        ("accuracy", "iris"),
        ("f1_macro", "iris"),
        ("precision_weighted", "iris"),
        ("recall_micro", "iris"),
        ("neg_log_loss", "iris"),
        ("f1", "breast_cancer"),
        ("precision", "breast_cancer"),
        ("recall", "breast_cancer"),
    ],
)
def test_scoring_names_match_scikit_learn(scoring, data):
    pytest.importorskip("curriculum.metrics")
    X, y = getattr(datasets, f"load_{data}")(return_X_y=True)
    if data == "diabetes":
        model = sk_linear.Ridge()
    else:
        X = (X - X.mean(axis=0)) / X.std(axis=0)
        model = sk_linear.LogisticRegression(max_iter=1000)
    cv = sk_ms.StratifiedKFold(3) if data != "diabetes" else KFold(3)
    ours = cross_val_score(model, X, y, cv=cv, scoring=scoring)
    theirs = sk_ms.cross_val_score(model, X, y, cv=cv, scoring=scoring)
    np.testing.assert_allclose(ours, theirs, rtol=1e-10)


def test_cv_can_be_a_splitter_or_a_list_of_index_pairs():
    X, y = np.zeros((6, 1)), np.arange(6.0)
    pairs = [(np.array([0, 1, 2]), np.array([3, 4, 5])), (np.array([3, 4, 5]), np.array([0, 1, 2]))]
    scores = cross_val_score(MeanRegressor(), X, y, cv=pairs)
    np.testing.assert_allclose(scores, [-(3**2 + 2 / 3), -(3**2 + 2 / 3)])
    scores = cross_val_score(MeanRegressor(), X, y, cv=KFold(3))
    np.testing.assert_allclose(scores, [-9.25, -0.25, -9.25])
    custom = cross_val_score(MeanRegressor(), X, y, cv=3, scoring=lambda est, X, y: est.mean_)
    np.testing.assert_allclose(custom, [3.5, 2.5, 1.5])


def test_each_fold_uses_a_fresh_clone_with_the_same_hyperparameters():
    model = MeanRegressor(shift=100.0)
    before = MeanRegressor.fits
    scores = cross_val_score(model, np.zeros((8, 1)), np.zeros(8), cv=4)
    assert MeanRegressor.fits - before == 4
    np.testing.assert_allclose(scores, -(100.0**2))
    assert not hasattr(model, "mean_")


def test_cross_val_score_does_not_modify_its_inputs():
    X, y = datasets.load_diabetes(return_X_y=True)
    X_before, y_before = X.copy(), y.copy()
    cross_val_score(sk_linear.Ridge(), X, y, cv=3, scoring=None)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(y, y_before)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"scoring": "mse"}, ValueError, "scoring must be None, a callable.*'neg_mean_squared_error'.*got 'mse'"),
        ({"scoring": 3}, ValueError, "scoring must be None"),
        ({"cv": 1}, ValueError, "cv must be >= 2"),
        ({"cv": "five"}, TypeError, "cv must be an int >= 2, a splitter"),
        ({"cv": None}, TypeError, "cv must be an int >= 2"),
        ({"cv": []}, ValueError, "cv is an empty iterable"),
        ({"cv": [1, 2]}, TypeError, "iterable of \\(train_index, test_index\\) pairs"),
    ],
)
def test_cross_val_score_rejects_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        cross_val_score(MeanRegressor(), np.zeros((6, 1)), np.zeros(6), **kwargs)


def test_inconsistent_lengths_are_reported():
    with pytest.raises(ValueError, match="X has 6, y has 5"):
        cross_val_score(MeanRegressor(), np.zeros((6, 1)), np.zeros(5))


@pytest.mark.skipif(sys.version_info < (3, 11), reason="exception notes need Python 3.11")
def test_a_failing_fit_says_where_it_happened():
    with pytest.raises(ValueError, match="single class") as info:
        cross_val_score(Failing(), np.zeros((6, 1)), np.zeros(6), cv=3)
    assert "while fitting Failing on a training part of 4 samples" in info.value.__notes__[0]


# --------------------------------------------------------------------------- validation_curve


def test_validation_curve_matches_scikit_learn():
    X, y = datasets.load_diabetes(return_X_y=True)
    alphas = [0.01, 1.0, 100.0, 1e4]
    ours = validation_curve(sk_linear.Ridge(), X, y, "alpha", alphas, cv=4)
    theirs = sk_ms.validation_curve(
        sk_linear.Ridge(), X, y, param_name="alpha", param_range=alphas, cv=4
    )
    for a, b in zip(ours, theirs, strict=True):
        assert a.shape == (4, 4)
        np.testing.assert_allclose(a, b, rtol=1e-12)
    train, test = ours
    assert train[-1].mean() < train[0].mean()  # strong penalty underfits


def test_validation_curve_uses_the_same_folds_for_every_value():
    X, y = np.zeros((9, 1)), np.arange(9.0)
    train, test = validation_curve(MeanRegressor(), X, y, "shift", [0.0, 1.0], cv=3)
    assert train.shape == test.shape == (2, 3)
    # on its own training data the mean has zero mean residual: a shift adds shift**2
    np.testing.assert_allclose(-train[1], -train[0] + 1.0)
    for row, shift in enumerate([0.0, 1.0]):
        np.testing.assert_allclose(test[row], cross_val_score(MeanRegressor(shift), X, y, cv=3))


@pytest.mark.parametrize(
    ("name", "values", "error", "message"),
    [
        ("alpha", [1.0], ValueError, "MeanRegressor has no parameter 'alpha'; valid parameters are \\['shift'\\]"),
        (3, [1.0], TypeError, "param_name must be a string"),
        ("shift", [], ValueError, "param_range is empty"),
        ("shift", 5, TypeError, "param_range must be a sequence"),
    ],
)
def test_validation_curve_rejects_bad_arguments(name, values, error, message):
    with pytest.raises(error, match=message):
        validation_curve(MeanRegressor(), np.zeros((6, 1)), np.zeros(6), name, values, cv=2)


# --------------------------------------------------------------------------- learning_curve


@pytest.mark.parametrize("train_sizes", [(0.1, 0.325, 0.55, 0.775, 1.0), [20, 50, 100, 300]])
def test_learning_curve_matches_scikit_learn(train_sizes):
    X, y = datasets.load_diabetes(return_X_y=True)
    ours = learning_curve(sk_linear.Ridge(alpha=0.1), X, y, train_sizes=train_sizes, cv=4)
    theirs = sk_ms.learning_curve(sk_linear.Ridge(alpha=0.1), X, y, train_sizes=train_sizes, cv=4)
    np.testing.assert_array_equal(ours[0], theirs[0])
    for a, b in zip(ours[1:], theirs[1:], strict=True):
        assert a.shape == (len(train_sizes), 4)
        np.testing.assert_allclose(a, b, rtol=1e-10)


def test_learning_curve_defaults_and_shuffle():
    X, y = datasets.load_diabetes(return_X_y=True)
    sizes, train, test = learning_curve(sk_linear.Ridge(), X, y)
    assert sizes.tolist() == [35, 114, 194, 273, 353]  # fractions of the 353 training samples
    assert train.shape == test.shape == (5, 5)
    a = learning_curve(sk_linear.Ridge(), X, y, shuffle=True, random_state=0)
    b = learning_curve(sk_linear.Ridge(), X, y, shuffle=True, random_state=0)
    for u, v in zip(a, b, strict=True):
        np.testing.assert_array_equal(u, v)
    assert not np.allclose(a[1][0], train[0])
    # the first two folds train on all their 353 samples: the order does not matter then
    np.testing.assert_allclose(a[1][-1][:2], train[-1][:2], rtol=1e-10)


def test_learning_curve_drops_duplicate_sizes_with_a_warning():
    with pytest.warns(RuntimeWarning, match="using the 2 distinct sizes \\[1, 2\\]"):
        sizes, _, _ = learning_curve(
            MeanRegressor(), np.zeros((6, 1)), np.arange(6.0), train_sizes=[0.1, 0.2, 0.7], cv=2
        )
    assert sizes.tolist() == [1, 2]


@pytest.mark.parametrize(
    ("train_sizes", "message"),
    [
        ([0.0, 0.5], "must lie in \\(0, 1\\]"),
        ([0.5, 1.5], "must lie in \\(0, 1\\]"),
        ([0, 3], "must lie in \\[1, 3\\]"),
        ([4], "must lie in \\[1, 3\\]"),
        ([], "non-empty 1-D sequence"),
        (["a"], "non-empty 1-D sequence"),
    ],
)
def test_learning_curve_rejects_bad_train_sizes(train_sizes, message):
    with pytest.raises(ValueError, match=message):
        learning_curve(MeanRegressor(), np.zeros((6, 1)), np.zeros(6), train_sizes=train_sizes, cv=2)

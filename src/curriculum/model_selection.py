"""Splitting data and scoring models on data they were not trained on.

:func:`train_test_split` holds out one test set; :class:`KFold` and
:class:`StratifiedKFold` cut the data into k folds, each used once as the test
set; :func:`cross_val_score`, :func:`validation_curve` and
:func:`learning_curve` fit a fresh clone of a model on each training part and
score it on the held-out part. Randomness only comes from ``random_state``
through ``np.random.default_rng``: the same seed always gives the same split.
"""

from __future__ import annotations

import math
import numbers
import warnings

import numpy as np

from ._validation import (
    check_bool,
    check_consistent_length,
    check_labels,
    check_random_state,
    check_scalar,
)
from .base import BaseEstimator, clone

__all__ = [
    "KFold",
    "StratifiedKFold",
    "cross_val_score",
    "learning_curve",
    "train_test_split",
    "validation_curve",
]


# --------------------------------------------------------------------------- helpers


def _num_samples(array, name: str) -> int:
    """Number of rows of an array-like (ndarray, list, DataFrame, Series)."""
    if isinstance(array, str | bytes) or array is None:
        raise TypeError(f"{name} must be an array-like of samples, got {array!r}.")
    shape = getattr(array, "shape", None)
    if shape is not None:
        if len(shape) == 0:
            raise TypeError(f"{name} must be an array-like of samples, got a scalar {array!r}.")
        return int(shape[0])
    try:
        return len(array)
    except TypeError:
        raise TypeError(
            f"{name} must be an array-like of samples, got {type(array).__name__}."
        ) from None


def _take(array, indices: np.ndarray):
    """Rows ``indices`` of ``array``, in the same kind of container where it is cheap."""
    if hasattr(array, "iloc"):
        return array.iloc[indices]
    if isinstance(array, np.ndarray):
        return array[indices]
    if isinstance(array, list | tuple):
        return [array[i] for i in indices]
    return np.asarray(array)[indices]


def _encode_by_appearance(y: np.ndarray) -> tuple[np.ndarray, int]:
    """Integer codes of the labels, numbered in order of first appearance."""
    _, first, inverse = np.unique(y, return_index=True, return_inverse=True)
    rank = np.empty(first.size, dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size)
    return rank[inverse.reshape(-1)], first.size


def _largest_remainder(total: int, weights: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Integer counts summing to ``total``, close to ``total * weights``, at most ``capacity``.

    Each count is first rounded down; the samples still missing go one by one to
    the classes with the largest fractional part (earlier classes first on ties).
    When ``sum(capacity) == total`` or capacity does not bind, every count is
    within one of its exact share.
    """
    exact = total * weights
    counts = np.minimum(np.floor(exact).astype(np.int64), capacity)
    order = np.argsort(-(exact - np.floor(exact)), kind="stable")
    while counts.sum() < total:
        for k in order:
            if counts.sum() == total:
                break
            if counts[k] < capacity[k]:
                counts[k] += 1
    return counts


# --------------------------------------------------------------------------- train_test_split


def _resolve_size(value, name: str, n_samples: int):
    """Validate a size given as a fraction in (0, 1) or a count in [1, n_samples]."""
    if value is None:
        return None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        if not 1 <= value <= n_samples:
            raise ValueError(
                f"{name}={value} must be between 1 and the number of samples "
                f"({n_samples}) when given as an int."
            )
        return value
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        if not 0.0 < value < 1.0:
            raise ValueError(
                f"{name}={value} must be strictly between 0 and 1 when given as a "
                f"float (a fraction of the samples)."
            )
        return float(value)
    raise TypeError(
        f"{name} must be a float in (0, 1), an int or None, got {type(value).__name__} {value!r}."
    )


def _split_sizes(n_samples: int, test_size, train_size) -> tuple[int, int]:
    """Numbers of training and test samples, with scikit-learn's rounding."""
    if test_size is None and train_size is None:
        test_size = 0.25
    test = _resolve_size(test_size, "test_size", n_samples)
    train = _resolve_size(train_size, "train_size", n_samples)
    if isinstance(test, float) and isinstance(train, float) and test + train > 1:
        raise ValueError(
            f"test_size + train_size = {test + train} must be at most 1 (fractions of the data)."
        )
    # The test set is rounded up and the training set down.
    n_test = None if test is None else math.ceil(test * n_samples) if isinstance(test, float) else test
    n_train = (
        None if train is None else math.floor(train * n_samples) if isinstance(train, float) else train
    )
    if n_train is None:
        n_train = n_samples - n_test
    if n_test is None:
        n_test = n_samples - n_train
    if n_train + n_test > n_samples:
        raise ValueError(
            f"train and test sets of {n_train} and {n_test} samples need {n_train + n_test} "
            f"samples, but there are only {n_samples}."
        )
    if n_train == 0 or n_test == 0:
        raise ValueError(
            f"With n_samples={n_samples}, test_size={test_size!r} and train_size="
            f"{train_size!r} the {'training' if n_train == 0 else 'test'} set would be empty. "
            f"Adjust the sizes or use more data."
        )
    return n_train, n_test


def _stratified_split(y, n_train, n_test, rng):
    codes, n_classes = _encode_by_appearance(y)
    class_counts = np.bincount(codes, minlength=n_classes)
    if class_counts.min() < 2:
        rare = y[np.flatnonzero(codes == np.argmin(class_counts))[0]].item()
        raise ValueError(
            f"stratify: the class {rare!r} has only 1 sample; every class needs at least 2 "
            f"to appear in both the training and the test set."
        )
    for size, name in ((n_test, "test"), (n_train, "training")):
        if size < n_classes:
            raise ValueError(
                f"The {name} set would have {size} samples, fewer than the {n_classes} classes "
                f"to stratify; expected at least {n_classes}."
            )
    weights = class_counts / class_counts.sum()
    test_counts = _largest_remainder(n_test, weights, class_counts)
    train_counts = _largest_remainder(n_train, weights, class_counts - test_counts)
    train, test = [], []
    for k in range(n_classes):
        members = rng.permutation(np.flatnonzero(codes == k))
        test.append(members[: test_counts[k]])
        train.append(members[test_counts[k] : test_counts[k] + train_counts[k]])
    return rng.permutation(np.concatenate(train)), rng.permutation(np.concatenate(test))


def train_test_split(
    *arrays, test_size=None, train_size=None, random_state=None, shuffle=True, stratify=None
):
    """Split arrays into random training and test subsets (the same rows in each array).

    Parameters
    ----------
    *arrays : array-likes with the same number of rows m
        ndarrays, lists or pandas objects, typically ``X`` and ``y``.
    test_size : float or int, default=None
        A float in (0, 1) is the fraction of samples in the test set (rounded
        up); an int is their number. ``None`` means the complement of
        ``train_size``, or 0.25 if that is ``None`` too.
    train_size : float or int, default=None
        The same for the training set (a fraction is rounded down); ``None``
        means the complement of the test set.
    random_state : None, int or numpy.random.Generator, default=None
        Seed of the shuffle: the same int always gives the same split.
    shuffle : bool, default=True
        Shuffle before splitting. With ``False`` the first rows are the
        training set and the next ones the test set.
    stratify : array-like of shape (m,), default=None
        Class labels: each class then has the same proportion in both sets as
        in ``stratify`` (to within one sample). Needs ``shuffle=True``.

    Returns
    -------
    list of length ``2 * len(arrays)``
        ``[a_train, a_test, b_train, b_test, ...]``; lists stay lists, arrays
        and pandas objects keep their type.

    Notes
    -----
    With m samples and fractions, ``m_test = ceil(test_size * m)`` and
    ``m_train = m - m_test`` (or ``floor(train_size * m)``), as in
    scikit-learn. Stratified sizes per class are ``m_test * m_c / m`` rounded
    by largest remainder, so the counts still add up to ``m_test``.

    Examples
    --------
    >>> import numpy as np
    >>> X, y = np.arange(20).reshape(10, 2), np.arange(10)
    >>> X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
    >>> X_train.shape, X_test.shape
    ((7, 2), (3, 2))
    """
    if not arrays:
        raise ValueError("train_test_split needs at least one array, got none.")
    lengths = {f"arrays[{i}]": _num_samples(a, f"arrays[{i}]") for i, a in enumerate(arrays)}
    n_samples = next(iter(lengths.values()))
    if len(set(lengths.values())) > 1:
        found = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(f"Inconsistent numbers of samples: {found}; expected the same number.")
    shuffle = check_bool(shuffle, "shuffle")
    n_train, n_test = _split_sizes(n_samples, test_size, train_size)
    rng = check_random_state(random_state)

    if stratify is not None:
        if not shuffle:
            raise ValueError(
                "stratify needs shuffle=True: a stratified split draws each class at random."
            )
        y = check_labels(stratify, "stratify")
        check_consistent_length(arrays=np.empty(n_samples), stratify=y)
        train, test = _stratified_split(y, n_train, n_test, rng)
    elif shuffle:
        order = rng.permutation(n_samples)
        test, train = order[:n_test], order[n_test : n_test + n_train]
    else:
        train, test = np.arange(n_train), np.arange(n_train, n_train + n_test)

    result = []
    for array in arrays:
        result += [_take(array, train), _take(array, test)]
    return result


# --------------------------------------------------------------------------- k-fold splitters


class _BaseKFold(BaseEstimator):
    """Shared checks of the k-fold splitters."""

    def __init__(self, n_splits=5, *, shuffle=False, random_state=None):
        self.n_splits = n_splits
        self.shuffle = shuffle
        self.random_state = random_state

    def get_n_splits(self, X=None, y=None, groups=None) -> int:
        """Return the number of folds, ``n_splits``."""
        return check_scalar(self.n_splits, "n_splits", numbers.Integral, min_value=2)

    def _check_params(self, n_samples: int):
        n_splits = self.get_n_splits()
        shuffle = check_bool(self.shuffle, "shuffle")
        if not shuffle and self.random_state is not None:
            raise ValueError(
                f"random_state={self.random_state!r} has no effect when shuffle=False; "
                f"set shuffle=True to shuffle the samples, or leave random_state=None."
            )
        if n_splits > n_samples:
            raise ValueError(
                f"n_splits={n_splits} is greater than the number of samples ({n_samples}); "
                f"expected at most {n_samples} folds."
            )
        rng = check_random_state(self.random_state) if shuffle else None
        return n_splits, rng


class KFold(_BaseKFold):
    """K-fold cross-validation: k consecutive folds, each used once as the test set.

    Parameters
    ----------
    n_splits : int, default=5
        Number of folds k (>= 2, at most the number of samples).
    shuffle : bool, default=False
        Shuffle the samples before cutting them into folds.
    random_state : None, int or numpy.random.Generator, default=None
        Seed of the shuffle (only with ``shuffle=True``).

    Notes
    -----
    With m samples the first ``m % k`` folds have ``m // k + 1`` samples and the
    others ``m // k``; the test folds partition the samples. Without shuffling,
    the folds are the same as scikit-learn's.

    Examples
    --------
    >>> for train, test in KFold(n_splits=3).split(np.zeros((7, 1))):
    ...     print(train.tolist(), test.tolist())
    [3, 4, 5, 6] [0, 1, 2]
    [0, 1, 2, 5, 6] [3, 4]
    [0, 1, 2, 3, 4] [5, 6]
    """

    def split(self, X, y=None, groups=None):
        """Yield ``(train_index, test_index)`` for each fold: integer arrays of row indices."""
        n_samples = _num_samples(X, "X")
        n_splits, rng = self._check_params(n_samples)
        order = np.arange(n_samples) if rng is None else rng.permutation(n_samples)
        sizes = np.full(n_splits, n_samples // n_splits)
        sizes[: n_samples % n_splits] += 1
        stop = 0
        for size in sizes:
            start, stop = stop, stop + size
            in_test = np.zeros(n_samples, dtype=bool)
            in_test[order[start:stop]] = True
            yield np.flatnonzero(~in_test), order[start:stop]


class StratifiedKFold(_BaseKFold):
    """K-fold cross-validation keeping each class's proportion in every fold.

    Parameters
    ----------
    n_splits : int, default=5
        Number of folds k (>= 2, at most the size of the largest class).
    shuffle : bool, default=False
        Shuffle the samples of each class before assigning them to folds.
    random_state : None, int or numpy.random.Generator, default=None
        Seed of the shuffle (only with ``shuffle=True``).

    Notes
    -----
    Sorting the labels and dealing them round-robin to the k folds gives each
    fold a share of every class that differs by at most one between folds, and
    fold sizes that differ by at most one. Within a class, samples go to folds
    in their order in the data (or shuffled). Without shuffling, the folds are
    the same as scikit-learn's. A warning is given when a class has fewer than
    k samples (some test folds will then miss it).

    Examples
    --------
    >>> y = np.array([0, 0, 0, 0, 1, 1])
    >>> [test.tolist() for _, test in StratifiedKFold(n_splits=2).split(np.zeros((6, 1)), y)]
    [[0, 1, 4], [2, 3, 5]]
    """

    def split(self, X, y, groups=None):
        """Yield ``(train_index, test_index)`` for each fold, stratified by the labels ``y``."""
        n_samples = _num_samples(X, "X")
        if y is None:
            raise ValueError("StratifiedKFold.split needs the class labels y; got y=None.")
        y = check_labels(y, "y")
        check_consistent_length(X=np.empty(n_samples), y=y)
        n_splits, rng = self._check_params(n_samples)
        codes, n_classes = _encode_by_appearance(y)
        class_counts = np.bincount(codes, minlength=n_classes)
        if n_splits > class_counts.max():
            raise ValueError(
                f"n_splits={n_splits} is greater than the number of samples of every class "
                f"(the largest has {class_counts.max()}); expected at most {class_counts.max()}."
            )
        if n_splits > class_counts.min():
            warnings.warn(
                f"The smallest class has only {class_counts.min()} sample(s), fewer than "
                f"n_splits={n_splits}: some test folds will not contain it.",
                UserWarning,
                stacklevel=2,
            )
        # Deal the sorted labels round-robin: row f counts what fold f gets of each class.
        dealt = np.sort(codes)
        allocation = np.array(
            [np.bincount(dealt[f::n_splits], minlength=n_classes) for f in range(n_splits)]
        )
        test_fold = np.empty(n_samples, dtype=np.int64)
        for k in range(n_classes):
            folds = np.repeat(np.arange(n_splits), allocation[:, k])
            if rng is not None:
                folds = rng.permutation(folds)
            test_fold[codes == k] = folds
        for fold in range(n_splits):
            in_test = test_fold == fold
            yield np.flatnonzero(~in_test), np.flatnonzero(in_test)


# --------------------------------------------------------------------------- scoring


def _is_classifier(estimator) -> bool:
    if getattr(estimator, "_estimator_type", None) == "classifier":
        return True
    return hasattr(estimator, "predict_proba")


# Scoring name -> (metric function in curriculum.metrics, sign, keyword arguments).
# Errors and losses are negated so that a greater score is always better.
_SCORERS = {
    "accuracy": ("accuracy_score", 1.0, {}),
    "r2": ("r2_score", 1.0, {}),
    "neg_mean_squared_error": ("mean_squared_error", -1.0, {}),
    "neg_root_mean_squared_error": ("root_mean_squared_error", -1.0, {}),
    "neg_mean_absolute_error": ("mean_absolute_error", -1.0, {}),
    "neg_log_loss": ("log_loss", -1.0, {}),
    **{
        f"{metric}{suffix}": (f"{metric}_score", 1.0, {"average": average})
        for metric in ("precision", "recall", "f1")
        for suffix, average in (
            ("", "binary"),
            ("_micro", "micro"),
            ("_macro", "macro"),
            ("_weighted", "weighted"),
        )
    },
}


def _get_scorer(scoring):
    """Turn ``scoring`` into a function ``scorer(estimator, X, y) -> float`` (greater is better)."""
    if scoring is None:
        return lambda estimator, X, y: float(estimator.score(X, y))
    if callable(scoring):
        return scoring
    if not isinstance(scoring, str) or scoring not in _SCORERS:
        choices = ", ".join(repr(s) for s in _SCORERS)
        raise ValueError(
            f"scoring must be None, a callable scorer(estimator, X, y) or one of {choices}; "
            f"got {scoring!r}."
        )
    from . import metrics  # lazily: only needed when a scoring name is given

    name, sign, kwargs = _SCORERS[scoring]
    metric = getattr(metrics, name)
    if name == "log_loss":
        return lambda est, X, y: sign * float(
            metric(y, est.predict_proba(X), labels=getattr(est, "classes_", None))
        )
    return lambda est, X, y: sign * float(metric(y, est.predict(X), **kwargs))


def _check_cv(cv, classifier: bool):
    """Turn ``cv`` into a splitter: an int gives (Stratified)KFold, an iterable is used as is."""
    if isinstance(cv, numbers.Integral) and not isinstance(cv, bool):
        check_scalar(cv, "cv", numbers.Integral, min_value=2)
        return StratifiedKFold(cv) if classifier else KFold(cv)
    if cv is None or isinstance(cv, str | bytes | bool):
        raise TypeError(
            f"cv must be an int >= 2, a splitter with a split method (KFold, ...) or an "
            f"iterable of (train_index, test_index) pairs; got {cv!r}."
        )
    if hasattr(cv, "split"):
        return cv
    try:
        pairs = [(np.asarray(train), np.asarray(test)) for train, test in cv]
    except (TypeError, ValueError):
        raise TypeError(
            f"cv must be an int >= 2, a splitter with a split method or an iterable of "
            f"(train_index, test_index) pairs; got {type(cv).__name__}."
        ) from None
    if not pairs:
        raise ValueError("cv is an empty iterable; expected at least one (train, test) pair.")
    return _PredefinedSplits(pairs)


class _PredefinedSplits:
    def __init__(self, pairs):
        self.pairs = pairs

    def split(self, X, y=None, groups=None):
        yield from self.pairs


def _check_Xy(X, y):
    n_samples = _num_samples(X, "X")
    if y is not None:
        check_consistent_length(X=np.empty(n_samples), y=np.empty(_num_samples(y, "y")))
    return n_samples


def _fit_and_score(estimator, X, y, train, test, scorer, params=None, *, score_train=False):
    """Fit a clone on rows ``train``; return its score on ``test`` (and on ``train``)."""
    model = clone(estimator)
    if params:
        model.set_params(**params)
    X_train, y_train = _take(X, train), _take(y, train)
    try:
        model.fit(X_train, y_train)
    except Exception as exc:
        if hasattr(exc, "add_note"):  # Python 3.11+: say which fit failed
            exc.add_note(
                f"(raised while fitting {type(model).__name__} on a training part of "
                f"{len(train)} samples{' with ' + repr(params) if params else ''})"
            )
        raise
    test_score = scorer(model, _take(X, test), _take(y, test))
    if score_train:
        return scorer(model, X_train, y_train), test_score
    return test_score


def cross_val_score(estimator, X, y, cv=5, scoring=None):
    """Score a model by k-fold cross-validation: one score per held-out fold.

    Parameters
    ----------
    estimator : estimator
        An unfitted model with ``fit``; it is cloned for each fold and never fitted itself.
    X : array-like of shape (m, n)
    y : array-like of shape (m,)
    cv : int, splitter or iterable, default=5
        An int k uses :class:`StratifiedKFold` for a classifier (an estimator
        with ``predict_proba``) and :class:`KFold` otherwise; or any object with
        a ``split(X, y)`` method, or an iterable of ``(train_index, test_index)``.
    scoring : None, str or callable, default=None
        ``None`` uses ``estimator.score`` (accuracy for classifiers, R^2 for
        regressors). A name such as ``"accuracy"``, ``"r2"``,
        ``"neg_mean_squared_error"``, ``"f1_macro"`` or ``"neg_log_loss"``
        uses :mod:`curriculum.metrics`; errors are negated so that greater is
        always better. A callable is called as ``scoring(estimator, X, y)``.

    Returns
    -------
    scores : ndarray of shape (n_splits,)

    Notes
    -----
    The mean of the scores estimates how well the model generalises; their
    spread shows how much that estimate depends on the particular split.

    Examples
    --------
    >>> import numpy as np
    >>> from curriculum.base import BaseEstimator
    >>> class Mean(BaseEstimator):
    ...     def fit(self, X, y):
    ...         self.mean_ = np.mean(y)
    ...         return self
    ...     def score(self, X, y):
    ...         return -np.mean((y - self.mean_) ** 2)
    >>> cross_val_score(Mean(), np.zeros((6, 1)), np.arange(6.0), cv=3).round(2).tolist()
    [-9.25, -0.25, -9.25]
    """
    _check_Xy(X, y)
    scorer = _get_scorer(scoring)
    splitter = _check_cv(cv, _is_classifier(estimator))
    scores = [
        _fit_and_score(estimator, X, y, train, test, scorer)
        for train, test in splitter.split(X, y)
    ]
    return np.asarray(scores, dtype=np.float64)


def validation_curve(estimator, X, y, param_name, param_range, *, cv=5, scoring=None):
    """Training and validation scores of a model as one hyperparameter varies.

    Parameters
    ----------
    estimator : estimator
        An unfitted model; it is cloned for each value and fold.
    X : array-like of shape (m, n)
    y : array-like of shape (m,)
    param_name : str
        Name of the hyperparameter to vary (for example ``"alpha"``).
    param_range : sequence of length p
        The values to try.
    cv : int, splitter or iterable, default=5
        As in :func:`cross_val_score`; every value uses the same folds.
    scoring : None, str or callable, default=None
        As in :func:`cross_val_score`.

    Returns
    -------
    train_scores : ndarray of shape (p, n_splits)
        Score on the training part of each fold.
    test_scores : ndarray of shape (p, n_splits)
        Score on the held-out part of each fold.

    Notes
    -----
    Plotted against the parameter, a low training score means underfitting
    (high bias); a training score far above the validation score means
    overfitting (high variance). The best value maximises the mean validation
    score.
    """
    n_samples = _check_Xy(X, y)
    if not isinstance(param_name, str):
        raise TypeError(f"param_name must be a string, got {type(param_name).__name__}.")
    valid = estimator.get_params()
    if param_name not in valid:
        raise ValueError(
            f"{type(estimator).__name__} has no parameter {param_name!r}; "
            f"valid parameters are {sorted(valid)}."
        )
    if isinstance(param_range, str | bytes) or not hasattr(param_range, "__len__"):
        raise TypeError(
            f"param_range must be a sequence of values, got {type(param_range).__name__}."
        )
    if len(param_range) == 0:
        raise ValueError("param_range is empty; expected at least one value to try.")
    scorer = _get_scorer(scoring)
    splits = list(_check_cv(cv, _is_classifier(estimator)).split(np.empty((n_samples, 1)), y))
    train_scores = np.empty((len(param_range), len(splits)))
    test_scores = np.empty_like(train_scores)
    for i, value in enumerate(param_range):
        for j, (train, test) in enumerate(splits):
            train_scores[i, j], test_scores[i, j] = _fit_and_score(
                estimator, X, y, train, test, scorer, {param_name: value}, score_train=True
            )
    return train_scores, test_scores


_DEFAULT_TRAIN_SIZES = (0.1, 0.325, 0.55, 0.775, 1.0)


def _absolute_train_sizes(train_sizes, n_max: int) -> np.ndarray:
    sizes = np.asarray(train_sizes)
    if sizes.ndim != 1 or sizes.size == 0 or sizes.dtype.kind not in "iuf":
        raise ValueError(
            f"train_sizes must be a non-empty 1-D sequence of numbers, got {train_sizes!r}."
        )
    if sizes.dtype.kind == "f":
        if not np.all((sizes > 0) & (sizes <= 1)):
            raise ValueError(
                f"train_sizes given as floats are fractions of the largest training set and "
                f"must lie in (0, 1], got {sizes.tolist()}."
            )
        absolute = np.clip((sizes * n_max).astype(np.int64), 1, n_max)
    else:
        if not np.all((sizes >= 1) & (sizes <= n_max)):
            raise ValueError(
                f"train_sizes given as ints must lie in [1, {n_max}] (the size of the "
                f"training part of a fold), got {sizes.tolist()}."
            )
        absolute = sizes.astype(np.int64)
    unique = np.unique(absolute)
    if unique.size < absolute.size:
        warnings.warn(
            f"Some train_sizes give the same number of samples; using the {unique.size} "
            f"distinct sizes {unique.tolist()}.",
            RuntimeWarning,
            stacklevel=3,
        )
    return unique


def learning_curve(
    estimator,
    X,
    y,
    *,
    train_sizes=_DEFAULT_TRAIN_SIZES,
    cv=5,
    scoring=None,
    shuffle=False,
    random_state=None,
):
    """Training and validation scores of a model trained on more and more samples.

    Parameters
    ----------
    estimator : estimator
        An unfitted model; it is cloned for each size and fold.
    X : array-like of shape (m, n)
    y : array-like of shape (m,)
    train_sizes : sequence of float or int, default=(0.1, 0.325, 0.55, 0.775, 1.0)
        Floats are fractions (in (0, 1]) of the training part of a fold; ints
        are numbers of samples. Duplicates after rounding are dropped.
    cv : int, splitter or iterable, default=5
        As in :func:`cross_val_score`.
    scoring : None, str or callable, default=None
        As in :func:`cross_val_score`.
    shuffle : bool, default=False
        Shuffle each training part before taking its first samples (useful
        when the data are sorted, by class for example).
    random_state : None, int or numpy.random.Generator, default=None
        Seed of that shuffle.

    Returns
    -------
    train_sizes_abs : ndarray of shape (t,)
        The numbers of training samples used, increasing.
    train_scores : ndarray of shape (t, n_splits)
        Score on the samples trained on.
    test_scores : ndarray of shape (t, n_splits)
        Score on the held-out fold.

    Notes
    -----
    For each fold and size s, the model is trained on the first s samples of
    the fold's training part. If both curves meet at a low score, more data
    will not help (high bias); a gap that narrows as s grows says that more
    data would (high variance).
    """
    n_samples = _check_Xy(X, y)
    shuffle = check_bool(shuffle, "shuffle")
    rng = check_random_state(random_state)
    scorer = _get_scorer(scoring)
    splits = list(_check_cv(cv, _is_classifier(estimator)).split(np.empty((n_samples, 1)), y))
    if shuffle:
        splits = [(rng.permutation(train), test) for train, test in splits]
    n_max = min(len(train) for train, _ in splits)
    sizes = _absolute_train_sizes(train_sizes, n_max)
    train_scores = np.empty((sizes.size, len(splits)))
    test_scores = np.empty_like(train_scores)
    for j, (train, test) in enumerate(splits):
        for i, size in enumerate(sizes):
            train_scores[i, j], test_scores[i, j] = _fit_and_score(
                estimator, X, y, train[:size], test, scorer, score_train=True
            )
    return sizes, train_scores, test_scores

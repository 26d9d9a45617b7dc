"""Feature scaling, polynomial features, the intercept column and one-hot labels.

The transformers follow scikit-learn's API: ``fit`` learns statistics from the
training data only, ``transform`` applies them to any data with the same
features, and ``inverse_transform`` undoes the scaling. Every method returns a
new array; inputs are never modified.
"""

from __future__ import annotations

import itertools
import numbers

import numpy as np

from ._validation import check_array, check_bool, check_n_features, check_scalar
from .base import BaseEstimator, check_is_fitted

__all__ = ["MinMaxScaler", "PolynomialFeatures", "StandardScaler", "add_intercept", "one_hot"]

_EPS = np.finfo(np.float64).eps


class _Transformer(BaseEstimator):
    """``fit_transform``, input checks and feature names shared by the transformers."""

    def fit_transform(self, X, y=None):
        """Fit to ``X``, then return ``X`` transformed (same as ``fit(X).transform(X)``)."""
        return self.fit(X, y).transform(X)

    def _check_fit_input(self, X) -> np.ndarray:
        names = getattr(X, "columns", None)
        X = check_array(X, "X")
        self.n_features_in_ = X.shape[1]
        if names is not None:
            self.feature_names_in_ = np.asarray([str(c) for c in names], dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
        return X

    def _check_transform_input(self, X) -> np.ndarray:
        check_is_fitted(self, "n_features_in_")
        X = check_array(X, "X")
        check_n_features(X, self.n_features_in_)
        return X

    def _input_names(self, input_features) -> list[str]:
        check_is_fitted(self, "n_features_in_")
        if input_features is None:
            if hasattr(self, "feature_names_in_"):
                return list(self.feature_names_in_)
            return [f"x{i}" for i in range(self.n_features_in_)]
        names = [str(f) for f in input_features]
        if len(names) != self.n_features_in_:
            raise ValueError(
                f"input_features has {len(names)} names, expected {self.n_features_in_} "
                f"(one per feature seen at fit)."
            )
        return names


class StandardScaler(_Transformer):
    """Standardise features: subtract the mean and divide by the standard deviation.

    Parameters
    ----------
    with_mean : bool, default=True
        Centre the features (subtract ``mean_``).
    with_std : bool, default=True
        Divide by the population standard deviation (``scale_``).

    Attributes
    ----------
    mean_ : ndarray of shape (n,) or None
        Mean of each feature on the training data (``None`` if neither
        ``with_mean`` nor ``with_std``, as in scikit-learn).
    var_ : ndarray of shape (n,) or None
        Population variance (``ddof=0``) of each feature (``None`` if not ``with_std``).
    scale_ : ndarray of shape (n,) or None
        Standard deviation used to divide, 1 for constant features
        (``None`` if not ``with_std``).
    n_features_in_ : int
        Number of features seen at ``fit``.
    n_samples_seen_ : int
        Number of samples seen at ``fit``.

    Notes
    -----
    ``z_ij = (x_ij - mu_j) / sigma_j`` with ``mu_j = 1/m sum_i x_ij`` and
    ``sigma_j^2 = 1/m sum_i (x_ij - mu_j)^2``: the *population* variance
    (``ddof=0``), as in scikit-learn, not the sample variance (``ddof=1``).
    A constant feature has ``sigma_j = 0``; it gets ``scale_ = 1`` so that it
    becomes a column of zeros instead of NaN. "Constant" allows for rounding:
    as in scikit-learn, a variance below ``m * eps * var + (m * eps * mu_j)**2``
    (the error bound of computing it) counts as zero.

    Examples
    --------
    >>> scaler = StandardScaler().fit([[0.0, 10.0], [2.0, 10.0]])
    >>> scaler.mean_.tolist(), scaler.scale_.tolist()
    ([1.0, 10.0], [1.0, 1.0])
    >>> scaler.transform([[4.0, 11.0]]).tolist()
    [[3.0, 1.0]]
    """

    def __init__(self, *, with_mean=True, with_std=True):
        self.with_mean = with_mean
        self.with_std = with_std

    def fit(self, X, y=None):
        """Learn the mean and standard deviation of each feature of ``X`` of shape (m, n)."""
        with_mean = check_bool(self.with_mean, "with_mean")
        with_std = check_bool(self.with_std, "with_std")
        X = self._check_fit_input(X)
        m = X.shape[0]
        mean = X.mean(axis=0)
        # As in scikit-learn, mean_ is kept for information even when not subtracted.
        self.mean_ = mean if with_mean or with_std else None
        if with_std:
            self.var_ = ((X - mean) ** 2).mean(axis=0)
            # Constant up to rounding: the variance is below the error bound of its
            # two-pass computation (Chan, Golub & LeVeque), relative to the mean.
            constant = self.var_ <= m * _EPS * self.var_ + (m * _EPS * mean) ** 2
            self.scale_ = np.where(constant, 1.0, np.sqrt(self.var_))
        else:
            self.var_ = self.scale_ = None
        self._center = with_mean
        self.n_samples_seen_ = m
        return self

    def transform(self, X):
        """Return ``(X - mean_) / scale_``, an array of shape (m, n)."""
        X = self._check_transform_input(X)
        out = X - self.mean_ if self._center else X.copy()
        if self.scale_ is not None:
            out /= self.scale_
        return out

    def inverse_transform(self, X):
        """Undo :meth:`transform`: return ``X * scale_ + mean_`` of shape (m, n)."""
        X = self._check_transform_input(X)
        out = X * self.scale_ if self.scale_ is not None else X.copy()
        if self._center:
            out += self.mean_
        return out

    def get_feature_names_out(self, input_features=None):
        """Names of the output features: the input names, unchanged."""
        return np.asarray(self._input_names(input_features), dtype=object)


class MinMaxScaler(_Transformer):
    """Rescale each feature linearly so that its training range maps onto ``feature_range``.

    Parameters
    ----------
    feature_range : (float, float), default=(0, 1)
        The interval ``(a, b)``, ``a < b``, that the training minimum and
        maximum of every feature are mapped to.
    clip : bool, default=False
        Clip transformed values of new data into ``feature_range``.

    Attributes
    ----------
    data_min_, data_max_, data_range_ : ndarray of shape (n,)
        Minimum, maximum and ``max - min`` of each feature on the training data.
    scale_ : ndarray of shape (n,)
        ``(b - a) / data_range_`` (with a range of 0 read as 1).
    min_ : ndarray of shape (n,)
        ``a - data_min_ * scale_``.
    n_features_in_ : int
        Number of features seen at ``fit``.

    Notes
    -----
    ``x' = a + (x - min) * (b - a) / (max - min)``, computed as
    ``x * scale_ + min_``. A constant feature (``max = min``) maps to ``a``.
    New data can fall outside ``[a, b]`` unless ``clip=True``.

    Examples
    --------
    >>> MinMaxScaler().fit_transform([[1.0], [3.0], [5.0]]).ravel().tolist()
    [0.0, 0.5, 1.0]
    """

    def __init__(self, feature_range=(0, 1), *, clip=False):
        self.feature_range = feature_range
        self.clip = clip

    def _check_range(self) -> tuple[float, float]:
        value = self.feature_range
        try:
            low, high = value
        except (TypeError, ValueError):
            raise TypeError(f"feature_range must be a pair (min, max), got {value!r}.") from None
        check_scalar(low, "feature_range[0]", numbers.Real)
        check_scalar(high, "feature_range[1]", numbers.Real)
        if not low < high:
            raise ValueError(f"feature_range must satisfy min < max, got {value!r}.")
        return float(low), float(high)

    def fit(self, X, y=None):
        """Learn the minimum and maximum of each feature of ``X`` of shape (m, n)."""
        low, high = self._check_range()
        self._clip = check_bool(self.clip, "clip")
        self._feature_range = (low, high)
        X = self._check_fit_input(X)
        self.data_min_ = X.min(axis=0)
        self.data_max_ = X.max(axis=0)
        self.data_range_ = self.data_max_ - self.data_min_
        range_ = np.where(self.data_range_ < 10 * _EPS, 1.0, self.data_range_)
        self.scale_ = (high - low) / range_
        self.min_ = low - self.data_min_ * self.scale_
        return self

    def transform(self, X):
        """Return ``X * scale_ + min_``, an array of shape (m, n)."""
        X = self._check_transform_input(X)
        out = X * self.scale_
        out += self.min_
        if self._clip:
            np.clip(out, *self._feature_range, out=out)
        return out

    def inverse_transform(self, X):
        """Undo :meth:`transform`: return ``(X - min_) / scale_`` of shape (m, n)."""
        X = self._check_transform_input(X)
        out = X - self.min_
        out /= self.scale_
        return out

    def get_feature_names_out(self, input_features=None):
        """Names of the output features: the input names, unchanged."""
        return np.asarray(self._input_names(input_features), dtype=object)


class PolynomialFeatures(_Transformer):
    """All products of the features up to a given total degree.

    Parameters
    ----------
    degree : int, default=2
        Highest total degree d of a product (>= 1, or 0 with ``include_bias``).
    interaction_only : bool, default=False
        Keep only products of distinct features (``x0 x1`` but not ``x0^2``).
    include_bias : bool, default=False
        Add the degree-0 column of ones first. Off by default here (scikit-learn
        has it on) because the models of this course fit their own intercept,
        and :func:`add_intercept` adds the column when a lesson needs it.

    Attributes
    ----------
    powers_ : ndarray of shape (n_output_features_, n)
        ``powers_[k, j]`` is the exponent of feature j in output column k.
    n_features_in_ : int
        Number of input features n.
    n_output_features_ : int
        Number of output columns.

    Notes
    -----
    For n features and degree d (without interaction_only) there are
    ``C(n + d, d)`` monomials including the constant. Columns come in the same
    order as in scikit-learn: by degree, and within a degree in lexicographic
    order of the feature indices (``x0^2, x0 x1, x0 x2, x1^2, ...``), so a
    fitted model's ``coef_`` lines up with scikit-learn's.

    Examples
    --------
    >>> poly = PolynomialFeatures(degree=2).fit([[2.0, 3.0]])
    >>> poly.get_feature_names_out().tolist()
    ['x0', 'x1', 'x0^2', 'x0 x1', 'x1^2']
    >>> poly.transform([[2.0, 3.0]]).tolist()
    [[2.0, 3.0, 4.0, 6.0, 9.0]]
    """

    def __init__(self, degree=2, *, interaction_only=False, include_bias=False):
        self.degree = degree
        self.interaction_only = interaction_only
        self.include_bias = include_bias

    def _combinations(self) -> list[tuple[int, ...]]:
        """Feature-index tuples of the output columns, in output order."""
        choose = (
            itertools.combinations
            if self.interaction_only
            else itertools.combinations_with_replacement
        )
        start = 0 if self.include_bias else 1
        n = self.n_features_in_
        return [c for d in range(start, self.degree + 1) for c in choose(range(n), d)]

    def fit(self, X, y=None):
        """Learn the number of input features of ``X`` of shape (m, n) and the output columns."""
        degree = check_scalar(self.degree, "degree", numbers.Integral, min_value=0)
        check_bool(self.interaction_only, "interaction_only")
        include_bias = check_bool(self.include_bias, "include_bias")
        if degree == 0 and not include_bias:
            raise ValueError(
                "degree=0 with include_bias=False would produce no feature; "
                "use degree >= 1 or include_bias=True."
            )
        X = self._check_fit_input(X)
        combos = self._combinations()
        if not combos:
            raise ValueError(
                f"interaction_only=True with {self.n_features_in_} feature(s) and "
                f"degree={degree} produces no feature; expected at least one."
            )
        powers = np.zeros((len(combos), self.n_features_in_), dtype=np.int64)
        for k, combo in enumerate(combos):
            for j in combo:
                powers[k, j] += 1
        self.powers_ = powers
        self.n_output_features_ = len(combos)
        self._combos = combos
        return self

    def transform(self, X):
        """Return the polynomial features of ``X``: shape (m, n_output_features_)."""
        check_is_fitted(self, "powers_")
        X = self._check_transform_input(X)
        out = np.empty((X.shape[0], self.n_output_features_), dtype=np.float64)
        # Each monomial is a lower-degree one (already computed) times one feature.
        column_of = {}
        for k, combo in enumerate(self._combos):
            if not combo:
                out[:, k] = 1.0
            elif len(combo) == 1:
                out[:, k] = X[:, combo[0]]
            else:
                np.multiply(out[:, column_of[combo[:-1]]], X[:, combo[-1]], out=out[:, k])
            column_of[combo] = k
        return out

    def get_feature_names_out(self, input_features=None):
        """Names like ``'x0'``, ``'x0^2'``, ``'x0 x1'`` (or built from ``input_features``)."""
        check_is_fitted(self, "powers_")
        names = self._input_names(input_features)
        out = []
        for row in self.powers_:
            terms = [
                names[j] if p == 1 else f"{names[j]}^{p}" for j, p in enumerate(row) if p > 0
            ]
            out.append(" ".join(terms) if terms else "1")
        return np.asarray(out, dtype=object)


def add_intercept(X):
    """Prepend a column of ones to ``X`` (the bias feature ``x_0 = 1``).

    Parameters
    ----------
    X : array-like of shape (m, n)

    Returns
    -------
    X_b : ndarray of shape (m, n + 1)
        ``X_b[:, 0] == 1`` and ``X_b[:, 1:] == X``, so that
        ``X_b @ theta == theta[0] + X @ theta[1:]``.

    Examples
    --------
    >>> add_intercept([[2.0], [3.0]]).tolist()
    [[1.0, 2.0], [1.0, 3.0]]
    """
    X = check_array(X, "X")
    X_b = np.empty((X.shape[0], X.shape[1] + 1), dtype=np.float64)
    X_b[:, 0] = 1.0
    X_b[:, 1:] = X
    return X_b


def one_hot(y, n_classes=None):
    """Encode integer class labels ``0 .. k-1`` as rows of a one-hot matrix.

    Parameters
    ----------
    y : array-like of shape (m,)
        Integer labels (integral floats such as ``2.0`` are accepted).
    n_classes : int, default=None
        Number of classes k; ``None`` uses ``max(y) + 1``. Give it when a
        class may be absent from ``y`` (a small batch, a test split).

    Returns
    -------
    Y : ndarray of shape (m, k), dtype float64
        ``Y[i, c] = 1`` if ``y[i] == c``, else 0.

    Examples
    --------
    >>> one_hot([0, 2, 1]).tolist()
    [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    """
    if isinstance(y, str | bytes):
        raise TypeError(f"y must be an array of integer labels, got a string {y!r}.")
    if hasattr(y, "to_numpy") and not isinstance(y, np.ndarray):
        y = y.to_numpy()
    labels = np.asarray(y)
    if labels.ndim != 1:
        raise ValueError(f"y must be a 1-D array of shape (m,), found shape {labels.shape}.")
    if labels.size == 0:
        raise ValueError("y must have at least 1 label, found an empty array.")
    if labels.dtype.kind == "f":
        if not np.isfinite(labels).all() or (labels != np.round(labels)).any():
            raise ValueError(
                "y must hold integer labels 0 .. k-1, found non-integer or non-finite values."
            )
    elif labels.dtype.kind not in "iub":
        raise TypeError(
            f"y must hold integer labels 0 .. k-1, found dtype {labels.dtype}. "
            f"Encode string labels as integers first."
        )
    labels = labels.astype(np.int64)
    if labels.min() < 0:
        raise ValueError(f"y must hold labels >= 0, found {int(labels.min())}.")
    if n_classes is None:
        n_classes = int(labels.max()) + 1
    else:
        check_scalar(n_classes, "n_classes", numbers.Integral, min_value=1)
        if labels.max() >= n_classes:
            raise ValueError(
                f"y holds the label {int(labels.max())}, but n_classes={n_classes} allows "
                f"labels 0 .. {n_classes - 1} only."
            )
    Y = np.zeros((labels.size, n_classes), dtype=np.float64)
    Y[np.arange(labels.size), labels] = 1.0
    return Y

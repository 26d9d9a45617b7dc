"""Small synthetic datasets for lessons: regression lines and curves, blobs, moons, XOR.

Every generator draws from ``np.random.default_rng(random_state)``, so the
same ``random_state`` always gives the same sample.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import check_array, check_bool, check_random_state, check_scalar


def _check_range(value, name: str) -> tuple[float, float]:
    try:
        low, high = value
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a pair (low, high), got {value!r}.") from None
    for bound in (low, high):
        check_scalar(bound, name, numbers.Real)
    if not low < high:
        raise ValueError(f"{name} must satisfy low < high, got {value!r}.")
    return float(low), float(high)


def _check_coef(coef, name: str, size: int) -> np.ndarray:
    coef = check_array(coef, name, ndim=1, copy=True)
    if coef.shape != (size,):
        raise ValueError(f"{name} must have shape ({size},), found shape {coef.shape}.")
    return coef


def make_linear(
    n_samples=100,
    n_features=1,
    *,
    coef=None,
    intercept=0.0,
    noise=1.0,
    x_range=(-3.0, 3.0),
    return_coef=False,
    random_state=None,
):
    """Draw a noisy sample from a linear model ``y = intercept + X @ coef + noise``.

    Parameters
    ----------
    n_samples : int, default=100
        Number of samples m (>= 1).
    n_features : int, default=1
        Number of features n (>= 1).
    coef : array-like of shape (n,), default=None
        True coefficients. ``None`` draws them uniformly from [-3, 3].
    intercept : float, default=0.0
        True intercept.
    noise : float, default=1.0
        Standard deviation of the Gaussian noise added to ``y`` (>= 0).
    x_range : (float, float), default=(-3.0, 3.0)
        Every feature is drawn uniformly from this interval.
    return_coef : bool, default=False
        Also return the true ``coef`` (useful to compare with a fitted model).
    random_state : None, int or numpy.random.Generator, default=None
        Seed of the random draws.

    Returns
    -------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
    coef : ndarray of shape (n,)
        Only if ``return_coef``.

    Notes
    -----
    ``y_i = b + sum_j w_j x_ij + eps_i`` with ``x_ij ~ U(x_range)`` and
    ``eps_i ~ N(0, noise^2)`` independent. The best possible mean squared
    error of any model on this data is ``noise**2``.

    Examples
    --------
    >>> X, y = make_linear(50, coef=[3.0], intercept=4.0, noise=0.5, random_state=0)
    >>> X.shape, y.shape
    ((50, 1), (50,))
    """
    n_samples = check_scalar(n_samples, "n_samples", numbers.Integral, min_value=1)
    n_features = check_scalar(n_features, "n_features", numbers.Integral, min_value=1)
    intercept = float(check_scalar(intercept, "intercept", numbers.Real))
    noise = float(check_scalar(noise, "noise", numbers.Real, min_value=0))
    low, high = _check_range(x_range, "x_range")
    return_coef = check_bool(return_coef, "return_coef")
    rng = check_random_state(random_state)

    if coef is None:
        coef = rng.uniform(-3.0, 3.0, size=n_features)
    else:
        coef = _check_coef(coef, "coef", n_features)
    X = rng.uniform(low, high, size=(n_samples, n_features))
    y = intercept + X @ coef + noise * rng.standard_normal(n_samples)
    return (X, y, coef) if return_coef else (X, y)


def make_polynomial(
    n_samples=100,
    degree=2,
    *,
    coef=None,
    noise=1.0,
    x_range=(-3.0, 3.0),
    return_coef=False,
    random_state=None,
):
    """Draw a noisy sample from a polynomial of one variable.

    Parameters
    ----------
    n_samples : int, default=100
        Number of samples m (>= 1).
    degree : int, default=2
        Degree d of the polynomial (>= 0).
    coef : array-like of shape (d + 1,), default=None
        Coefficients in increasing powers: ``coef[k]`` multiplies ``x**k`` (so
        ``coef[0]`` is the intercept), as in ``numpy.polynomial``. ``None``
        draws them uniformly from [-2, 2].
    noise : float, default=1.0
        Standard deviation of the Gaussian noise added to ``y`` (>= 0).
    x_range : (float, float), default=(-3.0, 3.0)
        ``x`` is drawn uniformly from this interval.
    return_coef : bool, default=False
        Also return ``coef``.
    random_state : None, int or numpy.random.Generator, default=None
        Seed of the random draws.

    Returns
    -------
    X : ndarray of shape (m, 1)
        The single feature ``x`` as a column.
    y : ndarray of shape (m,)
    coef : ndarray of shape (d + 1,)
        Only if ``return_coef``.

    Notes
    -----
    ``y_i = sum_{k=0}^{d} c_k x_i^k + eps_i`` with ``x_i ~ U(x_range)`` and
    ``eps_i ~ N(0, noise^2)``.

    Examples
    --------
    >>> X, y = make_polynomial(80, degree=2, coef=[2.0, 1.0, 0.5], random_state=42)
    >>> X.shape
    (80, 1)
    """
    n_samples = check_scalar(n_samples, "n_samples", numbers.Integral, min_value=1)
    degree = check_scalar(degree, "degree", numbers.Integral, min_value=0)
    noise = float(check_scalar(noise, "noise", numbers.Real, min_value=0))
    low, high = _check_range(x_range, "x_range")
    return_coef = check_bool(return_coef, "return_coef")
    rng = check_random_state(random_state)

    if coef is None:
        coef = rng.uniform(-2.0, 2.0, size=degree + 1)
    else:
        coef = _check_coef(coef, "coef", degree + 1)
    x = rng.uniform(low, high, size=n_samples)
    y = np.polynomial.polynomial.polyval(x, coef) + noise * rng.standard_normal(n_samples)
    X = x.reshape(-1, 1)
    return (X, y, coef) if return_coef else (X, y)


def _split_counts(n_samples: int, n_groups: int) -> np.ndarray:
    """Spread ``n_samples`` over groups as evenly as possible (the first get one more)."""
    counts = np.full(n_groups, n_samples // n_groups)
    counts[: n_samples % n_groups] += 1
    return counts


def make_blobs(
    n_samples=100,
    n_features=2,
    *,
    centers=3,
    cluster_std=1.0,
    center_box=(-10.0, 10.0),
    shuffle=True,
    return_centers=False,
    random_state=None,
):
    """Draw isotropic Gaussian clusters ("blobs") for classification and clustering.

    Parameters
    ----------
    n_samples : int or sequence of int, default=100
        Total number of samples, spread as evenly as possible over the clusters,
        or the number of samples of each cluster.
    n_features : int, default=2
        Number of features n (ignored when ``centers`` is an array).
    centers : int or array-like of shape (k, n), default=3
        Number of clusters k, drawn uniformly in ``center_box``, or their centres.
    cluster_std : float or sequence of float, default=1.0
        Standard deviation of every cluster, or of each one (> 0).
    center_box : (float, float), default=(-10.0, 10.0)
        Interval of each coordinate of the random centres.
    shuffle : bool, default=True
        Shuffle the samples; otherwise they come cluster by cluster.
    return_centers : bool, default=False
        Also return the centres.
    random_state : None, int or numpy.random.Generator, default=None
        Seed of the random draws.

    Returns
    -------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
        The cluster of each sample, an integer in 0..k-1.
    centers : ndarray of shape (k, n)
        Only if ``return_centers``.

    Notes
    -----
    A sample of cluster c is ``mu_c + sigma_c * z`` with ``z ~ N(0, I_n)``.

    Examples
    --------
    >>> X, y = make_blobs(60, centers=[[0, 0], [4, 4]], cluster_std=0.5, random_state=0)
    >>> X.shape, sorted(set(y.tolist()))
    ((60, 2), [0, 1])
    """
    shuffle = check_bool(shuffle, "shuffle")
    return_centers = check_bool(return_centers, "return_centers")
    rng = check_random_state(random_state)
    if isinstance(centers, numbers.Integral) and not isinstance(centers, bool):
        k = check_scalar(centers, "centers", numbers.Integral, min_value=1)
        n_features = check_scalar(n_features, "n_features", numbers.Integral, min_value=1)
        low, high = _check_range(center_box, "center_box")
        centers = rng.uniform(low, high, size=(k, n_features))
    else:
        centers = check_array(centers, "centers", ndim=2, copy=True)
        k, n_features = centers.shape

    if isinstance(n_samples, numbers.Integral) and not isinstance(n_samples, bool):
        n_samples = check_scalar(n_samples, "n_samples", numbers.Integral, min_value=1)
        counts = _split_counts(n_samples, k)
    else:
        counts = np.asarray(n_samples)
        if counts.shape != (k,) or counts.dtype.kind not in "iu" or (counts < 0).any():
            raise ValueError(
                f"n_samples must be an int or a sequence of {k} non-negative ints "
                f"(one per centre), got {n_samples!r}."
            )
        if counts.sum() == 0:
            raise ValueError("n_samples must contain at least one positive count.")

    stds = _check_stds(cluster_std, k)

    y = np.repeat(np.arange(k, dtype=np.int64), counts)
    X = centers[y] + stds[y, None] * rng.standard_normal((y.size, n_features))
    if shuffle:
        order = rng.permutation(y.size)
        X, y = X[order], y[order]
    return (X, y, centers) if return_centers else (X, y)


def _check_stds(cluster_std, k: int) -> np.ndarray:
    message = f"cluster_std must be a positive number or {k} positive numbers, got {cluster_std!r}."
    try:
        stds = np.asarray(cluster_std, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(message) from None
    if stds.ndim > 1 or stds.size not in (1, k) or not np.isfinite(stds).all() or (stds <= 0).any():
        raise ValueError(message)
    return np.broadcast_to(stds.reshape(-1), (k,))


def make_moons(n_samples=100, *, noise=0.0, shuffle=True, random_state=None):
    """Draw two interleaving half circles, a dataset no straight line separates.

    Parameters
    ----------
    n_samples : int or (int, int), default=100
        Total number of points (the upper moon gets the extra one when odd),
        or the numbers in the upper and lower moon.
    noise : float, default=0.0
        Standard deviation of Gaussian noise added to both coordinates (>= 0).
    shuffle : bool, default=True
        Shuffle the samples; otherwise the upper moon comes first.
    random_state : None, int or numpy.random.Generator, default=None
        Seed of the random draws.

    Returns
    -------
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
        0 for the upper moon, 1 for the lower one.

    Notes
    -----
    The upper moon is ``(cos t, sin t)`` and the lower one
    ``(1 - cos t, 0.5 - sin t)`` for ``t`` evenly spaced in ``[0, pi]``: each
    moon reaches into the hollow of the other.

    Examples
    --------
    >>> X, y = make_moons(100, noise=0.1, random_state=0)
    >>> X.shape, int(y.sum())
    ((100, 2), 50)
    """
    if isinstance(n_samples, numbers.Integral) and not isinstance(n_samples, bool):
        n_samples = check_scalar(n_samples, "n_samples", numbers.Integral, min_value=2)
        n_upper, n_lower = n_samples - n_samples // 2, n_samples // 2
    else:
        try:
            n_upper, n_lower = n_samples
        except (TypeError, ValueError):
            raise TypeError(
                f"n_samples must be an int or a pair of ints, got {n_samples!r}."
            ) from None
        check_scalar(n_upper, "n_samples[0]", numbers.Integral, min_value=1)
        check_scalar(n_lower, "n_samples[1]", numbers.Integral, min_value=1)
    noise = float(check_scalar(noise, "noise", numbers.Real, min_value=0))
    shuffle = check_bool(shuffle, "shuffle")
    rng = check_random_state(random_state)

    t_upper = np.linspace(0.0, np.pi, n_upper)
    t_lower = np.linspace(0.0, np.pi, n_lower)
    X = np.vstack(
        [
            np.column_stack([np.cos(t_upper), np.sin(t_upper)]),
            np.column_stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)]),
        ]
    )
    y = np.repeat(np.array([0, 1], dtype=np.int64), [n_upper, n_lower])
    if noise > 0:
        X = X + noise * rng.standard_normal(X.shape)
    if shuffle:
        order = rng.permutation(y.size)
        X, y = X[order], y[order]
    return X, y


def make_xor(n_samples=200, *, noise=0.0, random_state=None):
    """Draw points in a square labelled by the XOR of the signs of their coordinates.

    Parameters
    ----------
    n_samples : int, default=200
        Number of points m (>= 1).
    noise : float, default=0.0
        Standard deviation of Gaussian noise added to the points after they are
        labelled (>= 0): with noise, some points cross into a quadrant of the
        other class.
    random_state : None, int or numpy.random.Generator, default=None
        Seed of the random draws.

    Returns
    -------
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
        1 where exactly one coordinate is positive, else 0.

    Notes
    -----
    ``x ~ U([-1, 1]^2)`` and ``y = [x_1 > 0] xor [x_2 > 0]``: the two classes
    sit in opposite quadrants, so no linear model separates them but one
    hidden layer can.

    Examples
    --------
    >>> X, y = make_xor(4, random_state=0)
    >>> X.shape
    (4, 2)
    """
    n_samples = check_scalar(n_samples, "n_samples", numbers.Integral, min_value=1)
    noise = float(check_scalar(noise, "noise", numbers.Real, min_value=0))
    rng = check_random_state(random_state)
    X = rng.uniform(-1.0, 1.0, size=(n_samples, 2))
    y = ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(np.int64)
    if noise > 0:
        X = X + noise * rng.standard_normal(X.shape)
    return X, y

"""Exercises of module ml/00: stepping into machine learning.

Descriptive statistics and regression metrics written by hand. Inputs are 1-D
sequences of numbers (lists or arrays of shape ``(m,)``). Percentiles use
NumPy's default linear rule: on sorted values ``s_0 <= ... <= s_{m-1}``, the
position is ``h = (m - 1) * p / 100`` and the result interpolates linearly
between ``s_floor(h)`` and the next value.
"""

from __future__ import annotations

import math

import numpy as np

from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "ml/00_stepping_into_ml_exercises.ipynb"

NO_MEAN = ("numpy.mean", "numpy.average", "numpy.nanmean", ".mean", "statistics", "pandas", "sklearn")
NO_ORDER_STATS = (
    "numpy.median",
    "numpy.nanmedian",
    "numpy.percentile",
    "numpy.nanpercentile",
    "numpy.quantile",
    "numpy.nanquantile",
    ".median",
    ".quantile",
    "statistics",
    "pandas",
    "sklearn",
)
NO_SPREAD = (
    "numpy.var",
    "numpy.std",
    "numpy.nanvar",
    "numpy.nanstd",
    ".var",
    ".std",
    "statistics",
    "pandas",
    "sklearn",
)
NO_METRICS = ("sklearn", "curriculum.metrics")


def _floats(values) -> np.ndarray:
    return np.asarray(values, dtype=float)


def _quiet(func):
    """Run a wrong implementation without NumPy's divide-by-zero warnings."""

    def wrapper(*args, **kwargs):
        with np.errstate(all="ignore"):
            return func(*args, **kwargs)

    return wrapper


def _random_values(rng: np.random.Generator, count: int = 3, low: int = 1, high: int = 40):
    """Float and integer samples of random sizes (odd and even)."""
    cases = []
    for k in range(count):
        m = int(rng.integers(low, high))
        if k % 2 == 0:
            values = np.round(rng.normal(rng.uniform(-20, 20), rng.uniform(0.5, 10), size=m), 3)
            cases.append(Case((values,), label=f"random, {m} floats"))
        else:
            values = rng.integers(-50, 50, size=m)
            cases.append(Case((values,), label=f"random, {m} integers"))
    return cases


# --- 1. mean ----------------------------------------------------------------------


def mean(values):
    values = _floats(values)
    if values.size == 0:
        raise ValueError("the mean of an empty sequence is not defined")
    return float(np.sum(values) / values.size)


register(
    Exercise(
        id="ml.stats.mean",
        notebook=NOTEBOOK,
        function="mean",
        title="The mean",
        reference=mean,
        fixed_cases=[
            Case((np.array([1, 2, 3, 4]),), label="integers, mean not an integer"),
            Case(([2.0, 4.0, 9.0],), label="a list"),
            Case((np.array([-3.5]),), label="one value"),
            Case(([],), label="empty input"),
        ],
        random_cases=_random_values,
        mistakes=[
            Mistake(
                "integer division",
                lambda values: sum(values) // len(values),
                "Divide with /, not //: integer division rounds the mean down to a whole number.",
            ),
            Mistake(
                "midrange",
                lambda values: (min(values) + max(values)) / 2,
                "The mean averages every value: sum(values) / m, not the midpoint of the "
                "smallest and largest values.",
            ),
            Mistake(
                "no empty check",
                lambda values: sum(values) / len(values) if len(values) else float("nan"),
                "An empty sequence has no mean: raise a ValueError with a clear message.",
            ),
        ],
        forbidden=NO_MEAN,
    )
)


# --- 2. median --------------------------------------------------------------------


def median(values):
    ordered = np.sort(_floats(values))
    m = ordered.size
    if m == 0:
        raise ValueError("the median of an empty sequence is not defined")
    middle = m // 2
    if m % 2 == 1:
        return float(ordered[middle])
    return float((ordered[middle - 1] + ordered[middle]) / 2)


def _median_unsorted(values):
    values = np.asarray(values)
    middle = len(values) // 2
    if len(values) % 2 == 1:
        return values[middle]
    return (values[middle - 1] + values[middle]) / 2


def _median_upper(values):
    return np.sort(values)[len(values) // 2]


def _median_floor_division(values):
    ordered = np.sort(values)
    middle = len(ordered) // 2
    if len(ordered) % 2 == 1:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) // 2


register(
    Exercise(
        id="ml.stats.median",
        notebook=NOTEBOOK,
        function="median",
        title="The median",
        reference=median,
        fixed_cases=[
            Case((np.array([7, 1, 3]),), label="odd length, unsorted"),
            Case((np.array([4, 1, 3, 2]),), label="even length, integers"),
            Case(([5.0, -1.0, 2.5, 10.0, 0.0, 3.0],), label="even length, a list of floats"),
            Case(([42.0],), label="one value"),
            Case(([],), label="empty input"),
        ],
        random_cases=_random_values,
        mistakes=[
            Mistake(
                "not sorted",
                _median_unsorted,
                "Sort the values first (np.sort or sorted): the median is the middle of the "
                "*sorted* data, not of the data in the order given.",
            ),
            Mistake(
                "upper middle",
                _median_upper,
                "With an even number of values there are two middle values; the median is "
                "their average.",
            ),
            Mistake(
                "integer division",
                _median_floor_division,
                "Average the two middle values with / 2, not // 2: integer division drops the "
                "fraction (the median of [1, 2, 3, 4] is 2.5).",
            ),
        ],
        forbidden=NO_ORDER_STATS,
        vectorised=True,
    )
)


# --- 3. percentile ----------------------------------------------------------------


def percentile(values, p):
    ordered = np.sort(_floats(values))
    m = ordered.size
    if m == 0:
        raise ValueError("the percentile of an empty sequence is not defined")
    if not 0 <= p <= 100:
        raise ValueError(f"p must be between 0 and 100, got {p}")
    h = (m - 1) * p / 100
    k = math.floor(h)
    if k >= m - 1:
        return float(ordered[-1])
    return float(ordered[k] + (h - k) * (ordered[k + 1] - ordered[k]))


def _interpolate(ordered, h):
    k = min(math.floor(h), len(ordered) - 1)
    upper = ordered[min(k + 1, len(ordered) - 1)]
    return float(ordered[k] + (h - k) * (upper - ordered[k]))


def _percentile_unsorted(values, p):
    values = _floats(values)
    return _interpolate(values, (len(values) - 1) * p / 100)


def _percentile_nearest(values, p):
    ordered = np.sort(_floats(values))
    return float(ordered[int(round((len(ordered) - 1) * p / 100))])


def _percentile_lower(values, p):
    ordered = np.sort(_floats(values))
    return float(ordered[math.floor((len(ordered) - 1) * p / 100)])


def _percentile_m_plus_one(values, p):
    ordered = np.sort(_floats(values))
    h = min(max((len(ordered) + 1) * p / 100 - 1, 0.0), len(ordered) - 1)
    return _interpolate(ordered, h)


def _percentile_cases(rng):
    cases = []
    for _ in range(3):
        m = int(rng.integers(2, 40))
        values = np.round(rng.normal(50, 15, size=m), 2)
        p = float(np.round(rng.uniform(0, 100), 1))
        cases.append(Case((values, p), label=f"random, {m} values, p={p}"))
    return cases


SMALL = np.array([40, 15, 50, 20, 35])

register(
    Exercise(
        id="ml.stats.percentile",
        notebook=NOTEBOOK,
        function="percentile",
        title="Percentiles with linear interpolation",
        reference=percentile,
        fixed_cases=[
            Case((SMALL, 40), label="p=40, between two values"),
            Case((SMALL, 25), label="p=25, exactly on a value"),
            Case((SMALL, 90), label="p=90"),
            Case((SMALL, 0), label="p=0 is the minimum"),
            Case((SMALL, 100), label="p=100 is the maximum"),
            Case(([3.0, 1.0, 2.0, 10.0], 50), label="p=50 is the median"),
            Case(([7.5], 30), label="one value"),
            Case((SMALL, 101), label="p out of range"),
            Case(([], 50), label="empty input"),
        ],
        random_cases=_percentile_cases,
        mistakes=[
            Mistake(
                "not sorted",
                _percentile_unsorted,
                "Sort the values before locating the position: percentiles are read from the "
                "sorted data.",
            ),
            Mistake(
                "nearest value",
                _percentile_nearest,
                "Do not round the position to the nearest value: interpolate linearly between "
                "the two neighbours, s[k] + (h - k) * (s[k + 1] - s[k]) with k = floor(h).",
            ),
            Mistake(
                "lower value",
                _percentile_lower,
                "You return s[floor(h)]; add the fraction of the way to the next value: "
                "s[k] + (h - k) * (s[k + 1] - s[k]).",
            ),
            Mistake(
                "position (m + 1) p / 100",
                _percentile_m_plus_one,
                "NumPy's linear rule puts the position at h = (m - 1) * p / 100, counting "
                "from index 0 (so p=0 gives the minimum and p=100 the maximum).",
            ),
        ],
        forbidden=NO_ORDER_STATS,
        vectorised=True,
    )
)


# --- 4. variance ------------------------------------------------------------------


def variance(values, ddof=0):
    values = _floats(values)
    m = values.size
    if m - ddof <= 0:
        raise ValueError(f"variance needs more than ddof={ddof} values, got {m}")
    deviations = values - np.sum(values) / m
    return float(np.sum(deviations**2) / (m - ddof))


def _deviations(values):
    values = _floats(values)
    return values - np.sum(values) / values.size


def _spread_cases(rng):
    cases = []
    for k in range(4):
        m = int(rng.integers(3, 40))
        values = np.round(rng.normal(rng.uniform(-20, 20), rng.uniform(0.5, 10), size=m), 3)
        cases.append(Case((values,), {"ddof": k % 2}, label=f"random, {m} values, ddof={k % 2}"))
    return cases


register(
    Exercise(
        id="ml.stats.variance",
        notebook=NOTEBOOK,
        function="variance",
        title="Population and sample variance",
        reference=variance,
        fixed_cases=[
            Case((np.array([2, 4, 4, 4, 5, 5, 7, 9]),), label="population (default ddof=0)"),
            Case((np.array([2, 4, 4, 4, 5, 5, 7, 9]),), {"ddof": 1}, label="sample, ddof=1"),
            Case(([1.5, 1.5, 1.5],), {"ddof": 1}, label="constant values"),
            Case(([3.0],), {"ddof": 0}, label="one value, population"),
            Case(([3.0],), {"ddof": 1}, label="one value, sample: not defined"),
        ],
        random_cases=_spread_cases,
        mistakes=[
            Mistake(
                "ddof ignored (population)",
                lambda values, ddof=0: float(np.sum(_deviations(values) ** 2) / len(values)),
                "Population or sample? Divide by m - ddof: ddof=0 gives the population variance "
                "(divide by m), ddof=1 the sample variance (divide by m - 1).",
            ),
            Mistake(
                "ddof ignored (sample)",
                _quiet(lambda values, ddof=0: float(np.sum(_deviations(values) ** 2) / (len(values) - 1))),
                "Population or sample? You always divide by m - 1 (the sample variance); the "
                "denominator is m - ddof, and the default ddof=0 means the population variance.",
            ),
            Mistake(
                "not centred",
                _quiet(lambda values, ddof=0: float(np.sum(_floats(values) ** 2) / (len(values) - ddof))),
                "Subtract the mean from every value before squaring: the variance measures the "
                "spread around the mean.",
            ),
            Mistake(
                "absolute deviations",
                _quiet(lambda values, ddof=0: float(np.sum(np.abs(_deviations(values))) / (len(values) - ddof))),
                "Square the deviations from the mean; their absolute values give a different "
                "measure of spread.",
            ),
        ],
        forbidden=NO_SPREAD,
        vectorised=True,
    )
)


# --- 5. standard deviation --------------------------------------------------------


def std(values, ddof=0):
    return math.sqrt(variance(values, ddof))


register(
    Exercise(
        id="ml.stats.std",
        notebook=NOTEBOOK,
        function="std",
        title="Standard deviation",
        reference=std,
        fixed_cases=[
            Case((np.array([2, 4, 4, 4, 5, 5, 7, 9]),), label="population (default ddof=0)"),
            Case((np.array([2, 4, 4, 4, 5, 5, 7, 9]),), {"ddof": 1}, label="sample, ddof=1"),
            Case(([10.0, 10.0],), label="constant values"),
            Case(([3.0],), {"ddof": 1}, label="one value, sample: not defined"),
        ],
        random_cases=_spread_cases,
        mistakes=[
            Mistake(
                "forgot the square root",
                lambda values, ddof=0: variance(values, ddof),
                "That is the variance; the standard deviation is its square root (in the same "
                "unit as the data).",
            ),
            Mistake(
                "ddof ignored (population)",
                lambda values, ddof=0: math.sqrt(variance(values, 0)),
                "Population or sample? Use the denominator m - ddof: ddof=1 divides by m - 1 "
                "(the sample standard deviation).",
            ),
            Mistake(
                "root before averaging",
                _quiet(lambda values, ddof=0: float(np.sum(np.sqrt(_deviations(values) ** 2)) / (len(values) - ddof))),
                "Take the square root of the whole variance, after averaging the squared "
                "deviations, not of each squared deviation.",
            ),
        ],
        forbidden=NO_SPREAD,
        vectorised=True,
    )
)


# --- 6. mean squared error ----------------------------------------------------------

Y_TRUE = np.array([3.0, -0.5, 2.0, 7.0])
Y_PRED = np.array([2.5, 0.0, 2.0, 8.0])


def _targets(rng, count=3):
    cases = []
    for _ in range(count):
        m = int(rng.integers(3, 50))
        y_true = rng.normal(10, 5, size=m)
        y_pred = y_true + rng.normal(rng.uniform(-1, 1), rng.uniform(0.5, 3), size=m)
        cases.append(Case((y_true, y_pred), label=f"random, {m} samples"))
    return cases


def mean_squared_error(y_true, y_pred):
    y_true, y_pred = _floats(y_true), _floats(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true has shape {y_true.shape} but y_pred has shape {y_pred.shape}; expected the same shape"
        )
    residuals = y_pred - y_true
    return float(np.sum(residuals**2) / residuals.size)


register(
    Exercise(
        id="ml.stats.mse",
        notebook=NOTEBOOK,
        function="mean_squared_error",
        title="Mean squared error",
        reference=mean_squared_error,
        fixed_cases=[
            Case((Y_TRUE, Y_PRED), label="4 samples"),
            Case((Y_TRUE, Y_TRUE), label="perfect predictions"),
            Case((np.array([1.0, 2.0, 3.0]), np.array([[1.0], [2.0], [3.0]])), label="y_pred of shape (m, 1)"),
        ],
        random_cases=_targets,
        mistakes=[
            Mistake(
                "J instead of MSE",
                lambda y_true, y_pred: float(np.sum((_floats(y_pred) - y_true) ** 2) / (2 * len(y_true))),
                "That is the training loss J = MSE / 2. The metric MSE divides by m, not 2m.",
            ),
            Mistake(
                "forgot 1/m",
                lambda y_true, y_pred: float(np.sum((_floats(y_pred) - y_true) ** 2)),
                "Divide the sum of squared errors by m: the MSE is a mean.",
            ),
            Mistake(
                "forgot the square",
                lambda y_true, y_pred: float(np.sum(_floats(y_pred) - y_true) / len(y_true)),
                "Square each error before averaging; otherwise positive and negative errors cancel.",
            ),
            Mistake(
                "no shape check",
                lambda y_true, y_pred: float(np.sum((_floats(y_pred) - _floats(y_true)) ** 2) / len(y_true)),
                "Compare y_true.shape with y_pred.shape and raise a ValueError when they differ: "
                "a (m, 1) column minus a (m,) array broadcasts to an (m, m) matrix.",
            ),
        ],
        forbidden=NO_METRICS,
        vectorised=True,
    )
)


# --- 7. root mean squared error -------------------------------------------------------


def root_mean_squared_error(y_true, y_pred):
    return math.sqrt(mean_squared_error(y_true, y_pred))


def _sse(y_true, y_pred):
    return float(np.sum((_floats(y_pred) - _floats(y_true)) ** 2))


register(
    Exercise(
        id="ml.stats.rmse",
        notebook=NOTEBOOK,
        function="root_mean_squared_error",
        title="Root mean squared error",
        reference=root_mean_squared_error,
        fixed_cases=[
            Case((Y_TRUE, Y_PRED), label="4 samples"),
            Case((np.array([0.0, 0.0]), np.array([3.0, -3.0])), label="errors of 3"),
        ],
        random_cases=_targets,
        mistakes=[
            Mistake(
                "forgot the square root",
                lambda y_true, y_pred: _sse(y_true, y_pred) / len(y_true),
                "That is the MSE; the RMSE is its square root, in the unit of y.",
            ),
            Mistake(
                "root of J",
                lambda y_true, y_pred: math.sqrt(_sse(y_true, y_pred) / (2 * len(y_true))),
                "Take the root of the MSE (divide by m), not of the loss J (divide by 2m).",
            ),
            Mistake(
                "MAE",
                lambda y_true, y_pred: float(np.sum(np.abs(_floats(y_pred) - y_true)) / len(y_true)),
                "That is the mean absolute error. The RMSE squares the errors, averages them, then "
                "takes the square root.",
            ),
        ],
        forbidden=NO_METRICS,
        vectorised=True,
    )
)


# --- 8. mean absolute error -------------------------------------------------------------


def mean_absolute_error(y_true, y_pred):
    y_true, y_pred = _floats(y_true), _floats(y_pred)
    return float(np.sum(np.abs(y_pred - y_true)) / y_true.size)


register(
    Exercise(
        id="ml.stats.mae",
        notebook=NOTEBOOK,
        function="mean_absolute_error",
        title="Mean absolute error",
        reference=mean_absolute_error,
        fixed_cases=[
            Case((Y_TRUE, Y_PRED), label="4 samples"),
            Case((np.array([1.0, 1.0]), np.array([3.0, -1.0])), label="errors +2 and -2"),
        ],
        random_cases=_targets,
        mistakes=[
            Mistake(
                "forgot the absolute value",
                lambda y_true, y_pred: float(np.sum(_floats(y_pred) - y_true) / len(y_true)),
                "Take the absolute value of each error (np.abs) before averaging, so that "
                "errors of opposite signs do not cancel.",
            ),
            Mistake(
                "forgot 1/m",
                lambda y_true, y_pred: float(np.sum(np.abs(_floats(y_pred) - y_true))),
                "Divide the sum of absolute errors by m: the MAE is a mean.",
            ),
            Mistake(
                "squared errors",
                lambda y_true, y_pred: _sse(y_true, y_pred) / len(y_true),
                "That is the MSE: the MAE averages |y_pred - y_true|, without squaring.",
            ),
        ],
        forbidden=NO_METRICS,
        vectorised=True,
    )
)


# --- 9. R^2 ---------------------------------------------------------------------------------


def r2_score(y_true, y_pred):
    y_true, y_pred = _floats(y_true), _floats(y_pred)
    ss_tot = np.sum((y_true - np.sum(y_true) / y_true.size) ** 2)
    if ss_tot == 0:
        raise ValueError("R^2 is not defined when every y_true is the same (the baseline is perfect)")
    ss_res = np.sum((y_true - y_pred) ** 2)
    return float(1 - ss_res / ss_tot)


def _ss_tot(y):
    y = _floats(y)
    return float(np.sum((y - y.mean()) ** 2))


register(
    Exercise(
        id="ml.stats.r2",
        notebook=NOTEBOOK,
        function="r2_score",
        title="The coefficient of determination R^2",
        reference=r2_score,
        fixed_cases=[
            Case((Y_TRUE, Y_PRED), label="4 samples"),
            Case((Y_TRUE, np.full(4, Y_TRUE.mean())), label="predicting the mean gives 0"),
            Case((Y_TRUE, -Y_TRUE), label="worse than the mean: negative"),
            Case((np.array([2.0, 2.0, 2.0]), np.array([1.0, 2.0, 3.0])), label="constant y_true"),
        ],
        random_cases=_targets,
        mistakes=[
            Mistake(
                "forgot 1 -",
                lambda y_true, y_pred: _sse(y_true, y_pred) / _ss_tot(y_true),
                "R^2 = 1 - SS_res / SS_tot: you returned the ratio itself (the share of the "
                "variance left unexplained).",
            ),
            Mistake(
                "swapped arguments",
                lambda y_true, y_pred: 1 - _sse(y_true, y_pred) / _ss_tot(y_pred),
                "The baseline in SS_tot is the mean of the true targets, y_true, not of the "
                "predictions: R^2 is not symmetric.",
            ),
            Mistake(
                "sample variance in the denominator",
                lambda y_true, y_pred: 1 - (_sse(y_true, y_pred) / len(y_true)) / (_ss_tot(y_true) / (len(y_true) - 1)),
                "Population or sample? You divided the residual sum by m and the total sum by "
                "m - 1 (the sample variance); use the same denominator for both, or just the "
                "two sums: 1 - SS_res / SS_tot.",
            ),
        ],
        forbidden=NO_METRICS,
        vectorised=True,
    )
)

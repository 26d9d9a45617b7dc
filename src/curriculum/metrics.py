"""Scores for regression and classification, with scikit-learn's names and semantics.

Regression: :func:`mean_squared_error`, :func:`root_mean_squared_error`,
:func:`mean_absolute_error`, :func:`r2_score`. Classification:
:func:`accuracy_score`, :func:`precision_score`, :func:`recall_score`,
:func:`f1_score`, :func:`precision_recall_fscore_support`,
:func:`confusion_matrix`, :func:`classification_report` and the
probabilistic :func:`log_loss`.

A *metric* is what we report; it is not the training objective. The mean
squared error here is ``1/m * sum((y_pred - y_true)**2)``, while linear
regression minimises ``J = 1/(2m) * sum(...)``.

Class labels may be integers, booleans or strings. A metric that divides by
zero (a precision when nothing was predicted positive, say) returns the value
chosen by ``zero_division``; with the default ``"warn"`` it returns 0.0 and
emits an :class:`~curriculum.exceptions.UndefinedMetricWarning`.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np

from ._validation import (
    check_array,
    check_classification_labels,
    check_consistent_length,
    check_option,
)
from .exceptions import UndefinedMetricWarning

__all__ = [
    "accuracy_score",
    "classification_report",
    "confusion_matrix",
    "f1_score",
    "log_loss",
    "mean_absolute_error",
    "mean_squared_error",
    "precision_recall_fscore_support",
    "precision_score",
    "r2_score",
    "recall_score",
    "root_mean_squared_error",
]

_MULTIOUTPUT = ("uniform_average", "raw_values")
_AVERAGES = ("binary", "micro", "macro", "weighted", None)

# --------------------------------------------------------------------------- regression


def _regression_targets(y_true, y_pred, multioutput):
    """Validate two numeric targets of shape (m,) or (m, k); return them as (m, k)."""
    check_option(multioutput, "multioutput", _MULTIOUTPUT)
    checked = []
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        try:
            ndim = 2 if np.ndim(y) == 2 else 1
        except ValueError:  # ragged lists: let check_array phrase the error
            ndim = 1
        checked.append(check_array(y, name, ndim=ndim))
    y_true, y_pred = checked
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    y_true = y_true.reshape(len(y_true), -1)
    y_pred = y_pred.reshape(len(y_pred), -1)
    if y_true.shape[1] != y_pred.shape[1]:
        raise ValueError(
            f"y_true has {y_true.shape[1]} output(s) and y_pred has {y_pred.shape[1]}; "
            f"expected the same number of outputs (columns)."
        )
    return y_true, y_pred


def _combine_outputs(per_output, multioutput):
    if multioutput == "raw_values":
        return per_output
    return float(np.mean(per_output))


def mean_squared_error(y_true, y_pred, *, multioutput="uniform_average"):
    """Mean of the squared errors.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (m,) or (m, k)
        True and predicted targets.
    multioutput : {"uniform_average", "raw_values"}
        With k outputs, average the k scores or return all of them.

    Returns
    -------
    float, or ndarray of shape (k,) with ``"raw_values"``

    Notes
    -----
    ``MSE = 1/m * sum_i (y_pred_i - y_true_i)^2``. Linear regression's objective
    ``J`` is half of it.
    """
    y_true, y_pred = _regression_targets(y_true, y_pred, multioutput)
    return _combine_outputs(np.mean((y_pred - y_true) ** 2, axis=0), multioutput)


def root_mean_squared_error(y_true, y_pred, *, multioutput="uniform_average"):
    """Square root of :func:`mean_squared_error`, in the target's unit.

    With several outputs, the root is taken per output before averaging.
    """
    y_true, y_pred = _regression_targets(y_true, y_pred, multioutput)
    per_output = np.sqrt(np.mean((y_pred - y_true) ** 2, axis=0))
    return _combine_outputs(per_output, multioutput)


def mean_absolute_error(y_true, y_pred, *, multioutput="uniform_average"):
    """Mean of the absolute errors, ``1/m * sum_i |y_pred_i - y_true_i|``.

    Parameters and returns as in :func:`mean_squared_error`.
    """
    y_true, y_pred = _regression_targets(y_true, y_pred, multioutput)
    return _combine_outputs(np.mean(np.abs(y_pred - y_true), axis=0), multioutput)


def r2_score(y_true, y_pred, *, multioutput="uniform_average", force_finite=True):
    """Coefficient of determination R^2 (1 is perfect, 0 is "predict the mean").

    Parameters
    ----------
    y_true, y_pred : array-like of shape (m,) or (m, k)
    multioutput : {"uniform_average", "raw_values"}
    force_finite : bool
        What to return when ``y_true`` is constant (see Notes).

    Returns
    -------
    float, or ndarray of shape (k,) with ``"raw_values"``

    Notes
    -----
    ``R^2 = 1 - SS_res / SS_tot`` with ``SS_res = sum (y_true - y_pred)^2`` and
    ``SS_tot = sum (y_true - mean(y_true))^2``. R^2 can be negative.

    A constant ``y_true`` makes ``SS_tot = 0``. As in scikit-learn, with
    ``force_finite=True`` the score is then 1.0 if the predictions are perfect
    (``SS_res = 0``) and 0.0 otherwise; with ``force_finite=False`` it is the
    raw ratio (NaN or -inf). With fewer than two samples R^2 is not defined:
    NaN is returned with an ``UndefinedMetricWarning``.
    """
    y_true, y_pred = _regression_targets(y_true, y_pred, multioutput)
    if len(y_true) < 2:
        warnings.warn(
            "R^2 is not defined with fewer than two samples; returning NaN.",
            UndefinedMetricWarning,
            stacklevel=2,
        )
        return float("nan")
    ss_res = np.sum((y_true - y_pred) ** 2, axis=0)
    ss_tot = np.sum((y_true - y_true.mean(axis=0)) ** 2, axis=0)
    if force_finite:
        scores = np.ones(ss_res.shape)  # perfect predictions, constant or not
        ok = (ss_tot != 0) & (ss_res != 0)
        scores[ok] = 1.0 - ss_res[ok] / ss_tot[ok]
        scores[(ss_tot == 0) & (ss_res != 0)] = 0.0
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            scores = 1.0 - ss_res / ss_tot
    return _combine_outputs(scores, multioutput)


# ----------------------------------------------------------------------- class labels


def _is_string_labels(y: np.ndarray) -> bool:
    return y.dtype.kind in "US" or (y.dtype.kind == "O" and isinstance(y[0], str | bytes))


def _classification_targets(y_true, y_pred):
    """Validate two label arrays; return them and the sorted labels present in either."""
    y_true = check_classification_labels(y_true, "y_true")
    y_pred = check_classification_labels(y_pred, "y_pred")
    check_consistent_length(y_true=y_true, y_pred=y_pred)
    if _is_string_labels(y_true) != _is_string_labels(y_pred):
        kinds = {True: "strings", False: "numbers"}
        raise TypeError(
            f"y_true holds {kinds[_is_string_labels(y_true)]} but y_pred holds "
            f"{kinds[_is_string_labels(y_pred)]}; expected labels of the same type."
        )
    present = np.unique(np.concatenate([y_true, y_pred]))
    return y_true, y_pred, present


def _check_given_labels(labels, name="labels") -> np.ndarray:
    if isinstance(labels, str | bytes):
        raise TypeError(f"{name} must be a list of labels, got the string {labels!r}.")
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.size == 0:
        raise ValueError(
            f"{name} must be a non-empty 1-D list of labels, found shape {labels.shape}."
        )
    return labels


def _encode(y: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Position of each element of ``y`` in ``labels`` (any order), or -1 if absent."""
    if _is_string_labels(y) != _is_string_labels(labels):
        return np.full(len(y), -1)  # strings never equal numbers
    order = np.argsort(labels, kind="stable")
    ordered = labels[order]
    pos = np.minimum(np.searchsorted(ordered, y), len(ordered) - 1)
    return np.where(ordered[pos] == y, order[pos], -1)


def _contains(values: np.ndarray, value) -> bool:
    # Python equality so that 1 == 1.0 == True and a string never equals a number.
    return any(v == value for v in values.tolist())


def accuracy_score(y_true, y_pred, *, normalize=True):
    """Fraction (or number, with ``normalize=False``) of correctly predicted labels.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (m,)
        Labels: integers, booleans or strings.
    normalize : bool
        Return the fraction (default) or the count of correct predictions.

    Returns
    -------
    float

    Notes
    -----
    ``accuracy = 1/m * sum_i [y_pred_i == y_true_i]``.
    """
    y_true, y_pred, _ = _classification_targets(y_true, y_pred)
    correct = y_true == y_pred
    return float(np.mean(correct) if normalize else np.sum(correct))


def confusion_matrix(y_true, y_pred, *, labels=None, normalize=None):
    """Count of samples of true class i predicted as class j.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (m,)
    labels : array-like of shape (k,), optional
        Classes to show, in this order. Default: every label found in
        ``y_true`` or ``y_pred``, sorted. Samples whose true or predicted label
        is not listed are left out.
    normalize : {None, "true", "pred", "all"}
        Divide by row sums, column sums or the total (0/0 gives 0).

    Returns
    -------
    ndarray of shape (k, k)
        Row = true class, column = predicted class. Integers unless normalised.

    Notes
    -----
    For a binary problem with ``labels=[0, 1]`` the layout is
    ``[[TN, FP], [FN, TP]]``.
    """
    y_true, y_pred, present = _classification_targets(y_true, y_pred)
    check_option(normalize, "normalize", (None, "true", "pred", "all"))
    if labels is None:
        labels = present
    else:
        labels = _check_given_labels(labels)
        if not np.any(_encode(y_true, labels) >= 0):
            raise ValueError(
                f"none of labels={labels.tolist()} occurs in y_true; "
                f"expected at least one of them to be a true label."
            )
    k = len(labels)
    t, p = _encode(y_true, labels), _encode(y_pred, labels)
    keep = (t >= 0) & (p >= 0)
    cm = np.bincount(t[keep] * k + p[keep], minlength=k * k).reshape(k, k)
    if normalize is not None:
        total = {
            "true": cm.sum(axis=1, keepdims=True),
            "pred": cm.sum(axis=0, keepdims=True),
            "all": cm.sum(),
        }[normalize]
        with np.errstate(divide="ignore", invalid="ignore"):
            cm = np.nan_to_num(cm / total)
    if cm.shape == (1, 1):
        warnings.warn(
            "Only one label was found in y_true and y_pred, so the confusion matrix is "
            "1 x 1. Pass labels=[...] with every class to get the full matrix.",
            UserWarning,
            stacklevel=2,
        )
    return cm


# ---------------------------------------------------------- precision, recall and F1


def _check_zero_division(zero_division) -> float:
    if isinstance(zero_division, str) and zero_division == "warn":
        return 0.0
    if isinstance(zero_division, numbers.Real) and not isinstance(zero_division, str):
        if zero_division in (0, 1):
            return float(zero_division)
        if np.isnan(zero_division):
            return float("nan")
    raise ValueError(
        f"zero_division must be 'warn', 0.0, 1.0 or np.nan, got {zero_division!r}."
    )


def _divide(numerator, denominator, metric, reason, zero_division, warn):
    """``numerator / denominator`` per label, with 0/0 set by ``zero_division``."""
    zero = denominator == 0
    result = numerator / np.where(zero, 1, denominator)
    if zero.any():
        result[zero] = _check_zero_division(zero_division)
        if warn and isinstance(zero_division, str):
            where = "" if len(result) == 1 else " for labels with"
            warnings.warn(
                f"{metric} is undefined (0/0){where} no {reason} samples and is set to "
                f"0.0. Pass zero_division=0.0, 1.0 or np.nan to choose the value and "
                f"silence this warning.",
                UndefinedMetricWarning,
                stacklevel=4,
            )
    return result


def _nanaverage(values, weights=None) -> float:
    keep = ~np.isnan(values)
    if not keep.any():
        return float("nan")
    if weights is not None and np.sum(weights[keep]) > 0:
        return float(np.average(values[keep], weights=weights[keep]))
    return float(np.mean(values[keep]))


def precision_recall_fscore_support(
    y_true,
    y_pred,
    *,
    labels=None,
    pos_label=1,
    average=None,
    warn_for=("precision", "recall", "f-score"),
    zero_division="warn",
):
    """Precision, recall, F1 and support, per class or averaged.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (m,)
        Labels: integers, booleans or strings.
    labels : array-like, optional
        Classes to score (and their order for ``average=None``). Default:
        every label in ``y_true`` or ``y_pred``, sorted. Ignored when
        ``average="binary"``.
    pos_label : label
        The positive class when ``average="binary"``.
    average : {"binary", "micro", "macro", "weighted", None}
        ``"binary"``: the scores of ``pos_label`` only (at most two classes).
        ``"micro"``: pool the counts of every class (equals accuracy when every
        class is scored). ``"macro"``: unweighted mean over classes.
        ``"weighted"``: mean weighted by support. ``None``: one score per class.
    warn_for : tuple of str
        Which of the three metrics warn on a zero division.
    zero_division : {"warn", 0.0, 1.0, np.nan}
        Value of a score whose denominator is 0. ``"warn"`` gives 0.0 and an
        ``UndefinedMetricWarning``. With ``np.nan`` the averages skip those classes.

    Returns
    -------
    precision, recall, f1 : float, or ndarray of shape (k,) with ``average=None``
    support : ndarray of shape (k,) with ``average=None``, else None
        Number of true samples of each class.

    Notes
    -----
    Per class, with TP, FP, FN counted one-vs-rest:
    ``precision = TP / (TP + FP)``, ``recall = TP / (TP + FN)`` and
    ``F1 = 2 PR / (P + R) = 2 TP / (2 TP + FP + FN)``. F1 is computed from the
    counts, so it is undefined only when the class is neither true nor predicted.
    """
    _check_zero_division(zero_division)
    check_option(average, "average", _AVERAGES)
    y_true, y_pred, present = _classification_targets(y_true, y_pred)
    if average == "binary":
        if len(present) > 2:
            raise ValueError(
                f"average='binary' needs at most 2 classes, found {len(present)} in y_true "
                f"and y_pred ({present.tolist()}); choose average='micro', 'macro', "
                f"'weighted' or None."
            )
        if len(present) == 2 and not _contains(present, pos_label):
            raise ValueError(
                f"pos_label={pos_label!r} is not one of the labels found; expected one "
                f"of {present.tolist()}."
            )
        labels = np.asarray([pos_label])
    else:
        if pos_label not in (None, 1):
            warnings.warn(
                f"pos_label={pos_label!r} is ignored when average={average!r}; use "
                f"labels=[{pos_label!r}] to score a single class.",
                UserWarning,
                stacklevel=3,
            )
        labels = present if labels is None else _check_given_labels(labels)

    t, p = _encode(y_true, labels), _encode(y_pred, labels)
    k = len(labels)
    true_sum = np.bincount(t[t >= 0], minlength=k)
    pred_sum = np.bincount(p[p >= 0], minlength=k)
    tp_sum = np.bincount(t[(t == p) & (t >= 0)], minlength=k)
    if average == "micro":
        tp_sum, pred_sum, true_sum = (np.array([a.sum()]) for a in (tp_sum, pred_sum, true_sum))

    precision = _divide(
        tp_sum, pred_sum, "Precision", "predicted", zero_division, "precision" in warn_for
    )
    recall = _divide(tp_sum, true_sum, "Recall", "true", zero_division, "recall" in warn_for)
    f1 = _divide(
        2.0 * tp_sum,
        true_sum + pred_sum,
        "F-score",
        "true nor predicted",
        zero_division,
        "f-score" in warn_for,
    )
    if average is None:
        return precision, recall, f1, true_sum
    weights = true_sum if average == "weighted" else None
    return (
        _nanaverage(precision, weights),
        _nanaverage(recall, weights),
        _nanaverage(f1, weights),
        None,
    )


def precision_score(
    y_true, y_pred, *, labels=None, pos_label=1, average="binary", zero_division="warn"
):
    """Precision ``TP / (TP + FP)``: of the samples predicted positive, the fraction
    truly positive.

    See :func:`precision_recall_fscore_support` for the parameters. Undefined
    (0/0) when nothing is predicted as the class; see ``zero_division``.
    """
    precision, _, _, _ = precision_recall_fscore_support(
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        warn_for=("precision",),
        zero_division=zero_division,
    )
    return precision


def recall_score(
    y_true, y_pred, *, labels=None, pos_label=1, average="binary", zero_division="warn"
):
    """Recall ``TP / (TP + FN)``: of the truly positive samples, the fraction found.

    See :func:`precision_recall_fscore_support` for the parameters. Undefined
    (0/0) when the class never occurs in ``y_true``; see ``zero_division``.
    """
    _, recall, _, _ = precision_recall_fscore_support(
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        warn_for=("recall",),
        zero_division=zero_division,
    )
    return recall


def f1_score(y_true, y_pred, *, labels=None, pos_label=1, average="binary", zero_division="warn"):
    """F1, the harmonic mean of precision and recall, ``2 TP / (2 TP + FP + FN)``.

    See :func:`precision_recall_fscore_support` for the parameters. Undefined
    (0/0) only when the class is neither true nor predicted; see ``zero_division``.
    """
    _, _, f1, _ = precision_recall_fscore_support(
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        warn_for=("f-score",),
        zero_division=zero_division,
    )
    return f1


def classification_report(
    y_true,
    y_pred,
    *,
    labels=None,
    target_names=None,
    digits=2,
    output_dict=False,
    zero_division="warn",
):
    """Per-class precision, recall, F1 and support, with their averages.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (m,)
    labels : array-like of shape (k,), optional
        Classes to report, in this order (default: all, sorted).
    target_names : list of str of length k, optional
        Display names of ``labels``.
    digits : int
        Decimals in the text report.
    output_dict : bool
        Return a nested dict instead of text.
    zero_division : {"warn", 0.0, 1.0, np.nan}
        As in :func:`precision_recall_fscore_support`.

    Returns
    -------
    str or dict
        The dict maps each class name to ``{"precision", "recall", "f1-score",
        "support"}``, then ``"accuracy"`` (a float; called ``"micro avg"`` with
        the same four keys if some labels present are not reported),
        ``"macro avg"`` and ``"weighted avg"``.
    """
    y_true, y_pred, present = _classification_targets(y_true, y_pred)
    labels_given = labels is not None
    labels = _check_given_labels(labels) if labels_given else present
    micro_is_accuracy = not labels_given or all(_contains(labels, v) for v in present.tolist())
    if target_names is not None and len(target_names) != len(labels):
        if not labels_given:
            raise ValueError(
                f"target_names has {len(target_names)} names but there are {len(labels)} "
                f"classes; expected one name per class (or pass labels=...)."
            )
        warnings.warn(
            f"labels has {len(labels)} entries but target_names has {len(target_names)}.",
            UserWarning,
            stacklevel=2,
        )
    names = [str(label) for label in labels] if target_names is None else list(target_names)

    headers = ["precision", "recall", "f1-score", "support"]
    per_class = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, average=None, zero_division=zero_division
    )
    rows = {name: [float(v) for v in vals] for name, *vals in zip(names, *per_class, strict=False)}
    total = int(np.sum(per_class[3]))
    averages = {}
    for average in ("micro", "macro", "weighted"):
        heading = "accuracy" if average == "micro" and micro_is_accuracy else f"{average} avg"
        p, r, f1, _ = precision_recall_fscore_support(
            y_true, y_pred, labels=labels, average=average, zero_division=zero_division
        )
        averages[heading] = [p, r, f1, float(total)]

    if output_dict:
        report = {name: dict(zip(headers, vals, strict=True)) for name, vals in rows.items()}
        for heading, vals in averages.items():
            report[heading] = vals[0] if heading == "accuracy" else dict(zip(headers, vals, strict=True))
        return report

    width = max(*(len(n) for n in names), len("weighted avg"), digits)
    line = "{:>{w}s} " + " {:>9.{d}f}" * 3 + " {:>9}\n"
    text = "{:>{w}s} ".format("", w=width) + " {:>9}" * 4
    text = text.format(*headers) + "\n\n"
    for name, (p, r, f1, s) in rows.items():
        text += line.format(name, p, r, f1, int(s), w=width, d=digits)
    text += "\n"
    for heading, (p, r, f1, s) in averages.items():
        if heading == "accuracy":
            text += ("{:>{w}s} " + " {:>9}" * 2 + " {:>9.{d}f} {:>9}\n").format(
                heading, "", "", f1, int(s), w=width, d=digits
            )
        else:
            text += line.format(heading, p, r, f1, int(s), w=width, d=digits)
    return text


# ------------------------------------------------------------------------- log loss


def log_loss(y_true, y_proba, *, normalize=True, labels=None):
    """Cross-entropy of predicted probabilities (lower is better).

    Parameters
    ----------
    y_true : array-like of shape (m,)
        True labels.
    y_proba : array-like of shape (m, k) or (m,)
        Predicted probability of each class, columns in the sorted order of
        the labels (as ``predict_proba`` returns them). A 1-D array is the
        probability of the positive (greater) class of a binary problem.
    normalize : bool
        Mean over samples (default) or sum.
    labels : array-like of shape (k,), optional
        All classes, when ``y_true`` does not contain every one of them.

    Returns
    -------
    float

    Notes
    -----
    ``L = -1/m * sum_i log p_i[y_i]``. Probabilities are clipped to
    ``[eps, 1 - eps]`` with ``eps = np.finfo(y_proba.dtype).eps`` (about 2.2e-16
    for float64, 1.2e-7 for float32), so a confident mistake costs a large but
    finite ``-log(eps)`` (36.04 in float64). Rows that do not sum to 1 give a
    ``UserWarning`` and are used as they are.
    """
    try:
        ndim = 2 if np.ndim(y_proba) == 2 else 1
    except ValueError:
        ndim = 2
    y_proba = check_array(y_proba, "y_proba", ndim=ndim, dtype=None)
    y_true = check_classification_labels(y_true, "y_true")
    check_consistent_length(y_true=y_true, y_proba=y_proba)
    if y_proba.max() > 1 or y_proba.min() < 0:
        raise ValueError(
            f"y_proba must hold probabilities in [0, 1], found values from "
            f"{float(y_proba.min())!r} to {float(y_proba.max())!r}."
        )
    if labels is None:
        classes = np.unique(y_true)
        if len(classes) < 2:
            raise ValueError(
                f"y_true contains only one label ({classes.tolist()[0]!r}); pass every class "
                f"with labels=[...] so that the columns of y_proba can be matched."
            )
    else:
        given = _check_given_labels(labels)
        classes = np.unique(given)
        if len(classes) < 2:
            raise ValueError(f"labels must contain at least 2 classes, got {given.tolist()}.")
        if np.any(given != classes) and len(given) == len(classes):
            warnings.warn(
                f"labels={given.tolist()} are not sorted; the columns of y_proba are read "
                f"in sorted order {classes.tolist()}.",
                UserWarning,
                stacklevel=2,
            )
    index = _encode(y_true, classes)
    if np.any(index < 0):
        unknown = sorted({str(v) for v in y_true[index < 0].tolist()})
        raise ValueError(
            f"y_true contains label(s) {unknown} that are not in labels={classes.tolist()}."
        )
    if y_proba.ndim == 1 or y_proba.shape[1] == 1:
        if len(classes) != 2:
            raise ValueError(
                f"y_proba has one column (the positive-class probability of a binary "
                f"problem) but there are {len(classes)} classes ({classes.tolist()}); "
                f"expected shape (n_samples, {len(classes)})."
            )
        positive = y_proba.reshape(-1)
        y_proba = np.column_stack([1 - positive, positive])
    if y_proba.shape[1] != len(classes):
        raise ValueError(
            f"y_proba has {y_proba.shape[1]} columns but there are {len(classes)} classes "
            f"({classes.tolist()}); expected one column per class (pass labels=[...] if "
            f"y_true lacks some classes)."
        )
    eps = np.finfo(y_proba.dtype).eps
    if not np.allclose(y_proba.sum(axis=1), 1, rtol=np.sqrt(eps), atol=0):
        warnings.warn(
            "The rows of y_proba do not sum to 1; expected probabilities.",
            UserWarning,
            stacklevel=2,
        )
    picked = np.clip(y_proba[np.arange(len(y_true)), index], eps, 1 - eps)
    losses = -np.log(picked)
    return float(np.mean(losses) if normalize else np.sum(losses))

"""Loss functions: a number to minimise and its gradient with respect to the output.

A loss has ``forward(output, y) -> float`` (the mean over the m samples of
the batch) and ``backward() -> dL/d(output)``, an array of the output's shape
that the last layer's ``backward`` receives.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_bool
from .activations import log_softmax, sigmoid, softmax


def _check_output(output, who: str) -> np.ndarray:
    output = np.asarray(output)
    if output.ndim not in (1, 2) or output.shape[0] == 0:
        raise ValueError(
            f"{who}.forward expects an output of shape (m,) or (m, k) with m >= 1, "
            f"got shape {output.shape}."
        )
    if output.dtype.kind != "f":
        output = output.astype(np.float64)
    return output


def _match_target(y, output: np.ndarray, who: str) -> np.ndarray:
    """``y`` as an array of the output's shape (a column target may be given as (m,))."""
    y = np.asarray(y, dtype=output.dtype)
    if y.shape == output.shape:
        return y
    if output.ndim == 2 and output.shape[1] == 1 and y.shape == output.shape[:1]:
        return y.reshape(-1, 1)
    raise ValueError(
        f"{who}.forward: y has shape {y.shape} but the output has shape {output.shape}; "
        f"expected y of shape {output.shape}"
        + (f" or {output.shape[:1]}" if output.ndim == 2 and output.shape[1] == 1 else "")
        + "."
    )


class Loss:
    """Base class: ``forward`` returns the mean loss, ``backward`` its gradient."""

    def __call__(self, output, y) -> float:
        return self.forward(output, y)

    def _need_forward(self):
        if getattr(self, "_cache", None) is None:
            raise RuntimeError(f"{type(self).__name__}.backward was called before forward.")
        return self._cache

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class SoftmaxCrossEntropy(Loss):
    """Cross-entropy of the softmax of the logits, for k >= 2 classes.

    ``forward(logits, y)`` takes the raw scores ``logits`` of shape ``(m, k)``
    (no softmax layer before it) and ``y`` either as integer class indices of
    shape ``(m,)`` in ``0..k-1`` or as one-hot (or probability) rows of shape
    ``(m, k)``.

    Notes
    -----
    With ``P = softmax(Z)`` and one-hot targets ``Y``::

        L     = -1/m * sum_i log P[i, y_i]
              =  1/m * sum_i (logsumexp(Z[i]) - Z[i, y_i])
        dL/dZ =  (P - Y) / m

    The second line is how it is computed: ``log`` of a softmax is never
    formed from a rounded probability, so a confident wrong answer gives a
    large finite loss instead of ``inf``. The gradient is the fused one: the
    softmax Jacobian and the log's derivative cancel into ``P - Y``. (For
    target rows that do not sum to 1 the exact gradient is
    ``(P * Y.sum(axis=1, keepdims=True) - Y) / m``, which is what is computed.)
    """

    def forward(self, logits, y) -> float:
        Z = _check_output(logits, "SoftmaxCrossEntropy")
        if Z.ndim != 2 or Z.shape[1] < 2:
            raise ValueError(
                f"SoftmaxCrossEntropy.forward expects logits of shape (m, k) with k >= 2, "
                f"got shape {Z.shape}."
            )
        m, k = Z.shape
        y = np.asarray(y)
        if y.ndim == 1:
            if y.shape[0] != m:
                raise ValueError(
                    f"SoftmaxCrossEntropy.forward: y has {y.shape[0]} labels for {m} rows of logits."
                )
            if y.dtype.kind not in "iub" or (y.size and (y.min() < 0 or y.max() >= k)):
                raise ValueError(
                    f"SoftmaxCrossEntropy.forward: integer labels must be class indices in "
                    f"0..{k - 1}; got dtype {y.dtype}, values {np.unique(y)[:5]}."
                )
            Y = np.zeros_like(Z)
            Y[np.arange(m), y] = 1
        else:
            Y = _match_target(y, Z, "SoftmaxCrossEntropy")
        self._cache = (Z, Y)
        return float(-(Y * log_softmax(Z)).sum() / m)

    def backward(self):
        """Return ``(softmax(Z) - Y) / m``, of shape ``(m, k)``."""
        Z, Y = self._need_forward()
        return (softmax(Z) * Y.sum(axis=1, keepdims=True) - Y) / Z.shape[0]


class BinaryCrossEntropy(Loss):
    """Binary cross-entropy (log loss) for 0/1 targets.

    Parameters
    ----------
    from_logits : bool, default=True
        ``True``: ``forward`` takes logits z (any real number) and applies the
        sigmoid itself, the stable way. ``False``: it takes probabilities p in
        [0, 1], clipped to ``[eps, 1 - eps]`` before the logarithm.

    Notes
    -----
    For probabilities ``p`` and targets ``y`` in {0, 1}::

        L = -1/m * sum_i [y_i log p_i + (1 - y_i) log(1 - p_i)]

    From logits, with ``p = sigmoid(z)``, the same loss is
    ``1/m * sum_i [log(1 + exp(z_i)) - y_i z_i]``, computed with
    ``np.logaddexp(0, z)`` (never overflows), and its gradient is
    ``dL/dz = (sigmoid(z) - y) / m``. From probabilities the gradient is
    ``(p - y) / (p (1 - p) m)``.
    """

    eps = 1e-15

    def __init__(self, from_logits=True):
        self.from_logits = check_bool(from_logits, "from_logits")

    def forward(self, output, y) -> float:
        out = _check_output(output, "BinaryCrossEntropy")
        Y = _match_target(y, out, "BinaryCrossEntropy")
        if not np.all((Y == 0) | (Y == 1)):
            raise ValueError("BinaryCrossEntropy.forward: y must contain only 0 and 1.")
        m = out.shape[0]
        self._cache = (out, Y)
        if self.from_logits:
            return float((np.logaddexp(0, out) - Y * out).sum() / m)
        p = np.clip(out, self.eps, 1 - self.eps)
        return float(-(Y * np.log(p) + (1 - Y) * np.log1p(-p)).sum() / m)

    def backward(self):
        """Return dL/d(output), of the output's shape."""
        out, Y = self._need_forward()
        m = out.shape[0]
        if self.from_logits:
            return (sigmoid(out) - Y) / m
        p = np.clip(out, self.eps, 1 - self.eps)
        return (p - Y) / (p * (1 - p) * m)

    def __repr__(self) -> str:
        return f"BinaryCrossEntropy(from_logits={self.from_logits})"


class MeanSquaredError(Loss):
    """Mean squared error, the mean over every sample and output of ``(output - y)^2``.

    ``forward(output, y)`` takes predictions of shape ``(m,)`` or ``(m, k)``
    and targets of the same shape (``(m,)`` is accepted for ``(m, 1)``).

    Notes
    -----
    For an output of shape ``(m, k)``::

        L     = 1/(m k) * sum_ij (output_ij - y_ij)^2
        dL/do = 2/(m k) * (output - y)

    This is the *metric* MSE of :func:`curriculum.metrics.mean_squared_error`,
    not the half-MSE objective ``J`` of the linear-regression lessons (which
    has ``1/(2m)`` and gradient ``(output - y) / m``).
    """

    def forward(self, output, y) -> float:
        out = _check_output(output, "MeanSquaredError")
        Y = _match_target(y, out, "MeanSquaredError")
        self._cache = (out, Y)
        return float(np.mean((out - Y) ** 2))

    def backward(self):
        """Return ``2 (output - y) / (m k)``, of the output's shape."""
        out, Y = self._need_forward()
        return 2.0 * (out - Y) / out.size

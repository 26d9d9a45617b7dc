"""Activation functions as layers without parameters, and their stable formulas.

Each activation ``A = f(Z)`` is applied element by element (softmax: row by
row); ``backward`` multiplies the upstream gradient by the derivative,
``dL/dZ = dL/dA * f'(Z)``, so no activation ever builds a Jacobian matrix.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import check_scalar
from ._checks import check_backward, check_forward_input
from .layers import Layer

# --- stable formulas, shared with the losses and the estimators -------------


def sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), without overflow.

    Notes
    -----
    With ``e = exp(-|z|)``, which is at most 1, the two equal forms
    ``1 / (1 + e)`` (for z >= 0) and ``e / (1 + e)`` (for z < 0) never
    compute ``exp`` of a large positive number, and keep full relative
    precision for very negative z, where the result is tiny.
    """
    z = np.asarray(z)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softmax(Z):
    """Row-wise softmax of ``Z`` of shape ``(m, k)``; each row sums to 1.

    Notes
    -----
    ``softmax(z) = exp(z - c) / sum(exp(z - c))`` for any constant c; taking
    c = max(z) makes every exponent <= 0, so nothing overflows, and the
    largest term is exactly 1, so the sum is never 0.
    """
    Z = np.asarray(Z)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def log_softmax(Z):
    """Row-wise ``log(softmax(Z))`` computed as ``Z - logsumexp(Z)``, stable."""
    Z = np.asarray(Z)
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


# --- activation layers -------------------------------------------------------


class _Activation(Layer):
    """Shared plumbing: remember the input and output, check ``backward``'s argument."""

    def __init__(self):
        self._Z = None
        self._A = None

    def forward(self, Z):
        Z = check_forward_input(Z, None, type(self).__name__)
        self._Z = Z
        self._A = self._function(Z)
        return self._A

    def backward(self, grad_output):
        shape = None if self._A is None else self._A.shape
        G = check_backward(shape, grad_output, type(self).__name__)
        return self._backward(G)


class ReLU(_Activation):
    """Rectified linear unit, ``max(z, 0)``.

    Notes
    -----
    ``f'(z) = 1`` for z > 0 and 0 otherwise (the value at exactly 0 is a
    convention; 0 is the usual one). Units whose input stays negative get no
    gradient at all: "dead" units.
    """

    def _function(self, Z):
        return np.maximum(Z, 0)

    def _backward(self, G):
        return G * (self._Z > 0)


class LeakyReLU(_Activation):
    """``z`` for z > 0 and ``negative_slope * z`` otherwise; never quite dead.

    Parameters
    ----------
    negative_slope : float, default=0.01
        Slope for negative inputs, in [0, 1).
    """

    def __init__(self, negative_slope=0.01):
        super().__init__()
        self.negative_slope = check_scalar(
            negative_slope, "negative_slope", numbers.Real, min_value=0, max_value=1,
            include_max=False,
        )

    def _function(self, Z):
        return np.where(Z > 0, Z, self.negative_slope * Z)

    def _backward(self, G):
        return G * np.where(self._Z > 0, 1.0, self.negative_slope).astype(G.dtype)

    def __repr__(self) -> str:
        return f"LeakyReLU(negative_slope={self.negative_slope!r})"


class Sigmoid(_Activation):
    """Logistic function ``1 / (1 + exp(-z))``, values in (0, 1).

    Notes
    -----
    ``f'(z) = f(z) (1 - f(z))``, computed from the stored output. At most 1/4:
    stacks of sigmoid layers shrink the gradient (the vanishing gradient).
    """

    def _function(self, Z):
        return sigmoid(Z)

    def _backward(self, G):
        return G * self._A * (1 - self._A)


class Tanh(_Activation):
    """Hyperbolic tangent, values in (-1, 1), centred on 0.

    Notes
    -----
    ``f'(z) = 1 - tanh(z)^2``, computed from the stored output.
    """

    def _function(self, Z):
        return np.tanh(Z)

    def _backward(self, G):
        return G * (1 - self._A * self._A)


class Identity(_Activation):
    """``f(z) = z`` (the output of a regression network)."""

    def _function(self, Z):
        return Z

    def _backward(self, G):
        return G


class Softmax(_Activation):
    """Row-wise softmax: each row of the output is a probability distribution.

    Notes
    -----
    With ``s = softmax(z)`` for one row, ``ds_i/dz_j = s_i (delta_ij - s_j)``.
    Multiplying the upstream gradient g by this Jacobian needs no matrix::

        dL/dz = s * (g - sum(g * s))

    To train a classifier, prefer :class:`~.losses.SoftmaxCrossEntropy` on the
    logits: softmax and cross-entropy together have the simpler, stabler
    gradient ``(s - y) / m``.
    """

    def _function(self, Z):
        return softmax(Z)

    def _backward(self, G):
        S = self._A
        return S * (G - (G * S).sum(axis=1, keepdims=True))


ACTIVATIONS = {
    "relu": ReLU,
    "leaky_relu": LeakyReLU,
    "tanh": Tanh,
    "sigmoid": Sigmoid,
    "identity": Identity,
}

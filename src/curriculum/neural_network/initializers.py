"""Initial weights of a dense layer: He, Xavier (Glorot) or zeros.

Why it matters: with weights drawn too small the signal (and the gradient)
shrinks layer after layer; too large, it explodes. Both schemes below pick the
spread so that the variance of the activations stays about the same from one
layer to the next. Zeros are here to *show* the symmetry problem: every unit
of a layer then computes the same thing and receives the same gradient, so
they never become different.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_option


def he_normal(n_inputs: int, n_outputs: int, rng: np.random.Generator, dtype=np.float64):
    """Draw weights from N(0, 2 / n_inputs), the choice for ReLU layers.

    Returns
    -------
    ndarray of shape ``(n_inputs, n_outputs)``

    Notes
    -----
    A ReLU zeroes about half of its inputs, which halves the variance; the
    factor 2 compensates (He et al., 2015): ``std = sqrt(2 / n_in)``.
    """
    std = np.sqrt(2.0 / n_inputs)
    return (std * rng.standard_normal((n_inputs, n_outputs))).astype(dtype)


def xavier_uniform(n_inputs: int, n_outputs: int, rng: np.random.Generator, dtype=np.float64):
    """Draw weights from U(-r, r) with r = sqrt(6 / (n_inputs + n_outputs)).

    Returns
    -------
    ndarray of shape ``(n_inputs, n_outputs)``

    Notes
    -----
    The variance of U(-r, r) is r^2 / 3 = 2 / (n_in + n_out): a compromise
    between keeping the forward signal (1 / n_in) and the backward gradient
    (1 / n_out) steady, for tanh and sigmoid layers (Glorot and Bengio, 2010).
    """
    limit = np.sqrt(6.0 / (n_inputs + n_outputs))
    return rng.uniform(-limit, limit, size=(n_inputs, n_outputs)).astype(dtype)


def zeros(n_inputs: int, n_outputs: int, rng: np.random.Generator, dtype=np.float64):
    """All-zero weights (a counter-example: the units of a layer stay identical)."""
    return np.zeros((n_inputs, n_outputs), dtype=dtype)


INITIALIZERS = {"he": he_normal, "xavier": xavier_uniform, "zeros": zeros}

# The default scheme for each hidden activation.
DEFAULT_INIT = {
    "relu": "he",
    "leaky_relu": "he",
    "tanh": "xavier",
    "sigmoid": "xavier",
    "identity": "xavier",
}


def initialize(scheme: str, n_inputs: int, n_outputs: int, rng, dtype=np.float64):
    """Draw an ``(n_inputs, n_outputs)`` weight matrix with the named scheme."""
    check_option(scheme, "init", tuple(INITIALIZERS))
    return INITIALIZERS[scheme](n_inputs, n_outputs, rng, dtype)

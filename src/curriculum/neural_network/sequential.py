"""A network as a list of blocks applied one after the other."""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import check_scalar
from ._checks import check_size
from .layers import Layer


class Sequential:
    """Chain blocks: the output of each is the input of the next.

    Parameters
    ----------
    layers : list of Layer
        The blocks, first to last (for example ``Dense``, ``ReLU``, ``Dense``).

    Notes
    -----
    ``forward`` applies the blocks in order; ``backward`` walks them in
    reverse, each turning dL/d(its output) into dL/d(its input) and storing
    the gradients of its own parameters on the way: the chain rule, one block
    at a time. One training step is therefore::

        output = net.forward(X_batch)
        loss = loss_fn.forward(output, y_batch)
        net.backward(loss_fn.backward())
        optimizer.step(net.parameters(), net.gradients())

    An L2 penalty ``alpha / (2 m) * sum ||W||^2`` over the weights (never the
    biases) adds ``alpha / m * W`` to each weight gradient: see
    :meth:`l2_penalty` and :meth:`add_l2_gradient`.

    Examples
    --------
    >>> from curriculum.neural_network import Dense, ReLU
    >>> net = Sequential([Dense(2, 8, random_state=0), ReLU(), Dense(8, 1, random_state=1)])
    >>> net.forward(np.zeros((5, 2))).shape
    (5, 1)
    """

    def __init__(self, layers):
        layers = list(layers)
        for i, layer in enumerate(layers):
            if not isinstance(layer, Layer):
                raise TypeError(
                    f"layers[{i}] must be a Layer (Dense, ReLU, ...), got "
                    f"{type(layer).__name__}."
                )
        self.layers = layers

    def forward(self, X):
        """Apply every block in order and return the last output."""
        for layer in self.layers:
            X = layer.forward(X)
        return X

    def backward(self, grad_output):
        """Backpropagate dL/d(output) through every block; return dL/d(input)."""
        for layer in reversed(self.layers):
            grad_output = layer.backward(grad_output)
        return grad_output

    __call__ = forward

    def parameters(self) -> list[np.ndarray]:
        """Every trainable array, layer by layer (``[W0, b0, W1, b1, ...]``)."""
        return [p for layer in self.layers for p in layer.parameters()]

    def gradients(self) -> list[np.ndarray]:
        """The gradients of :meth:`parameters`, same order (valid after ``backward``)."""
        return [g for layer in self.layers for g in layer.gradients()]

    def named_parameters(self) -> list[tuple[str, np.ndarray]]:
        """``[("0.W", W0), ("0.b", b0), ("2.W", W1), ...]``: layer index and name."""
        return [
            (f"{i}.{name}", getattr(layer, name))
            for i, layer in enumerate(self.layers)
            for name in layer.param_names
        ]

    def _weights(self):
        for layer in self.layers:
            for name in layer.penalized_names:
                yield getattr(layer, name), getattr(layer, "d" + name)

    def l2_penalty(self, alpha, n_samples) -> float:
        """Return ``alpha / (2 n_samples) * sum ||W||^2`` over the weights (not the biases)."""
        alpha = check_scalar(alpha, "alpha", numbers.Real, min_value=0)
        n_samples = check_size(n_samples, "n_samples")
        total = sum(float(np.vdot(W, W)) for W, _ in self._weights())
        return alpha / (2 * n_samples) * total

    def add_l2_gradient(self, alpha, n_samples) -> None:
        """Add ``alpha / n_samples * W`` to each weight gradient (call after ``backward``)."""
        alpha = check_scalar(alpha, "alpha", numbers.Real, min_value=0)
        n_samples = check_size(n_samples, "n_samples")
        for W, dW in self._weights():
            dW += (alpha / n_samples) * W

    def __len__(self) -> int:
        return len(self.layers)

    def __getitem__(self, index):
        return self.layers[index]

    def __iter__(self):
        return iter(self.layers)

    def __repr__(self) -> str:
        inner = ",\n".join(f"    {layer!r}" for layer in self.layers)
        return f"Sequential([\n{inner},\n])"

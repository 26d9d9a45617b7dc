"""The fused training loop behind :class:`MLPClassifier` and :class:`MLPRegressor`.

It computes exactly what a :class:`~.sequential.Sequential` of ``Dense`` and
activation blocks followed by a loss computes (a test checks the two against
each other), organised for speed:

* **One flat parameter vector.** ``theta`` holds every layer's weights and
  biases; each layer's ``[W; b]`` matrix, of shape ``(n + 1, k)``, is a view
  into it, and ``grad`` has the same layout. The optimizer therefore updates
  the whole network with a handful of vector operations on two arrays,
  instead of a handful per layer.
* **The bias as a weight row.** Every layer input carries an extra column of
  ones, so ``[A, 1] @ [W; b] = A @ W + b`` is one matrix product and
  ``[A, 1].T @ delta`` gives ``dW`` and ``db`` together.
* **No allocation in the loop.** Activations, deltas and scratch arrays are
  allocated once per batch size and reused through ``out=`` arguments.
* **Shuffle once per epoch.** The training rows are gathered in the epoch's
  order into one buffer with ``np.take``; each batch is then a contiguous
  slice of it, not a fancy-indexed copy.
"""

from __future__ import annotations

import numpy as np

from .activations import ACTIVATIONS
from .initializers import initialize

LEAKY_SLOPE = 0.01


# --- hidden activations, in place --------------------------------------------
# forward(Z, out, scratch): out = f(Z); scratch may keep what backward needs.
# backward(D, Z, A, scratch): D *= f'(Z), where A = f(Z) and scratch is forward's.


def _relu_forward(Z, out, scratch):
    # The mask (Z > 0) is relu's derivative: keep it for backward, and get
    # relu(Z) = Z * mask from it (cheaper than a max plus a comparison later).
    np.greater(Z, 0, out=scratch)
    np.multiply(Z, scratch, out=out)


def _relu_backward(D, Z, A, scratch):
    D *= scratch


def _leaky_forward(Z, out, scratch):
    np.multiply(Z, LEAKY_SLOPE, out=out)
    np.maximum(out, Z, out=out)  # max(z, 0.01 z) is z for z > 0, 0.01 z otherwise


def _leaky_backward(D, Z, A, scratch):
    np.greater(Z, 0, out=scratch)
    scratch *= 1 - LEAKY_SLOPE
    scratch += LEAKY_SLOPE
    D *= scratch


def _tanh_forward(Z, out, scratch):
    np.tanh(Z, out=out)


def _tanh_backward(D, Z, A, scratch):
    np.multiply(A, A, out=scratch)
    np.subtract(1, scratch, out=scratch)
    D *= scratch


def _sigmoid_forward(Z, out, scratch):
    # sigmoid(z) = (1 + tanh(z / 2)) / 2: no exp, so no overflow.
    np.multiply(Z, 0.5, out=out)
    np.tanh(out, out=out)
    out += 1
    out *= 0.5


def _sigmoid_backward(D, Z, A, scratch):
    np.subtract(1, A, out=scratch)
    scratch *= A
    D *= scratch


def _identity_forward(Z, out, scratch):
    np.copyto(out, Z)


def _identity_backward(D, Z, A, scratch):
    pass


HIDDEN = {
    "relu": (_relu_forward, _relu_backward),
    "leaky_relu": (_leaky_forward, _leaky_backward),
    "tanh": (_tanh_forward, _tanh_backward),
    "sigmoid": (_sigmoid_forward, _sigmoid_backward),
    "identity": (_identity_forward, _identity_backward),
}

OUTPUTS = ("softmax", "sigmoid", "identity")


class _Buffers:
    """Every array one training step needs for one batch size m, and its plan.

    The plan lists, layer by layer, the arrays each matrix product reads and
    writes (views such as ``W.T`` included), so that the step itself only
    calls NumPy functions.
    """

    def __init__(self, m, network):
        sizes, dtype = network.sizes, network.dtype
        hidden = sizes[1:-1]
        # Hidden outputs with a trailing column of ones (the bias trick).
        self.H = [np.ones((m, h + 1), dtype=dtype) for h in hidden]
        self.H_values = [H[:, :-1] for H in self.H]
        self.Z = [np.empty((m, k), dtype=dtype) for k in sizes[1:]]
        self.D = [np.empty((m, h), dtype=dtype) for h in hidden]
        self.scratch = [np.empty((m, h), dtype=dtype) for h in hidden]
        self.row = np.empty(m, dtype=dtype)  # one number per sample
        self.column = self.row[:, None]  # the same, as an (m, 1) column
        self.softplus = np.empty((m, 1), dtype=dtype) if network.output == "sigmoid" else None
        # Row sums as products with vectors of ones: a BLAS call beats a short-row reduction.
        k = sizes[-1]
        self.ones_k = np.ones(k, dtype=dtype)
        self.ones_m = np.ones(m, dtype=dtype)
        self.index = np.empty(m, dtype=np.intp)  # argmax of each row
        self.flat_index = np.empty(m, dtype=np.intp)  # ... as a position in z.ravel()
        self.row_starts = np.arange(m, dtype=np.intp) * k

        last = len(sizes) - 2
        # forward, hidden layers: Z = A @ [W; b], H = f(Z)
        self.forward = [
            (network.Wb[i], self.Z[i], self.H_values[i], self.H[i], self.scratch[i])
            for i in range(last)
        ]
        # backward, from the last layer down to the second:
        # dWb = H_prev.T @ delta, D_prev = delta @ W.T, D_prev *= f'(Z_prev)
        self.backward = [
            (self.H[i - 1].T, network.dWb[i], network.W[i].T, self.D[i - 1], self.Z[i - 1],
             self.H_values[i - 1], self.scratch[i - 1])
            for i in range(last, 0, -1)
        ]


class FlatNetwork:
    """Dense layers with one hidden activation, all parameters in one flat vector.

    Parameters
    ----------
    sizes : tuple of int
        ``(n_features, h_1, ..., h_L, n_outputs)``.
    activation : str
        Hidden activation, a key of ``HIDDEN``.
    output : {"softmax", "sigmoid", "identity"}
        Output function, paired with its loss: softmax cross-entropy, binary
        cross-entropy from logits, mean squared error.
    dtype : numpy dtype
        float32 or float64, for parameters, activations and gradients alike.

    Attributes
    ----------
    theta, grad : ndarray of shape (n_params,)
        Parameters and their gradient, layer after layer, each layer as the
        rows of ``[W; b]``.
    Wb, dWb : list of ndarray of shape (n_l + 1, k_l)
        Views of ``theta`` and ``grad``, one per layer.
    W, b : list of ndarray
        Views ``Wb[l][:-1]`` (weights) and ``Wb[l][-1]`` (biases).
    """

    def __init__(self, sizes, activation, output, dtype):
        self.sizes = tuple(int(s) for s in sizes)
        self.activation = activation
        self.output = output
        self.dtype = np.dtype(dtype)
        self._forward_hidden, self._backward_hidden = HIDDEN[activation]
        shapes = [(n + 1, k) for n, k in zip(self.sizes[:-1], self.sizes[1:], strict=True)]
        self.n_params = sum(r * c for r, c in shapes)
        self.theta = np.zeros(self.n_params, dtype=self.dtype)
        self.grad = np.zeros(self.n_params, dtype=self.dtype)
        self.Wb, self.dWb = [], []
        start = 0
        for rows, cols in shapes:
            stop = start + rows * cols
            self.Wb.append(self.theta[start:stop].reshape(rows, cols))
            self.dWb.append(self.grad[start:stop].reshape(rows, cols))
            start = stop
        self.W = [Wb[:-1] for Wb in self.Wb]
        self.b = [Wb[-1] for Wb in self.Wb]
        self.dW = [dWb[:-1] for dWb in self.dWb]
        self._buffers: dict[int, _Buffers] = {}
        self._penalty_scratch = [np.empty_like(W) for W in self.W]

    @property
    def n_layers(self) -> int:
        return len(self.Wb)

    def initialize(self, init: str, rng) -> None:
        """Draw every layer's weights (in layer order, as ``Dense`` would); zero the biases."""
        for W, b in zip(self.W, self.b, strict=True):
            W[...] = initialize(init, W.shape[0], W.shape[1], rng, self.dtype)
            b[...] = 0

    # --- prediction ------------------------------------------------------------

    def logits(self, X: np.ndarray) -> np.ndarray:
        """Output-layer pre-activation for ``X`` of shape ``(m, n_features)``."""
        activation = ACTIVATIONS[self.activation]()  # the building block's formula
        A = X
        for layer in range(self.n_layers - 1):
            A = activation.forward(A @ self.W[layer] + self.b[layer])
        return A @ self.W[-1] + self.b[-1]

    def evaluate(self, X: np.ndarray, T: np.ndarray):
        """Mean loss (without penalty) on ``(X, T)`` and the predicted class indices.

        The class indices are ``None`` for a regression network.
        """
        Z = self.logits(X)
        m = Z.shape[0]
        if self.output == "softmax":
            shifted = Z - Z.max(axis=1, keepdims=True)
            log_sum = np.log(np.exp(shifted).sum(axis=1))
            loss = float((log_sum.sum() - np.vdot(shifted, T)) / m)
            return loss, Z.argmax(axis=1)
        if self.output == "sigmoid":
            loss = float((np.logaddexp(0, Z).sum() - np.vdot(Z, T)) / m)
            return loss, (Z[:, 0] > 0).astype(np.intp)
        return float(np.mean((Z - T) ** 2)), None

    # --- training ----------------------------------------------------------------

    def _buffers_for(self, m: int) -> _Buffers:
        buffers = self._buffers.get(m)
        if buffers is None:
            buffers = self._buffers[m] = _Buffers(m, self)
        return buffers

    def _output_step(self, z, t, pred, buffers, m) -> float:
        """Turn the logits ``z`` into the loss delta in place; return the summed loss.

        ``pred`` receives the predicted class index of each row (or is None).
        """
        if self.output == "softmax":
            row, column = buffers.row, buffers.column
            index = buffers.index if pred is None else pred
            z.argmax(axis=1, out=index)  # the predicted classes
            # each row's maximum, read at its argmax (cheaper than a max-reduction)
            np.add(index, buffers.row_starts, out=buffers.flat_index)
            np.take(z.reshape(-1), buffers.flat_index, out=row, mode="clip")
            z -= column  # shift by the row maximum: exp never overflows
            loss = -float(np.vdot(z, t))  # -sum of the true class's shifted logit
            np.exp(z, out=z)
            np.dot(z, buffers.ones_k, out=row)  # row sums, each in [1, k]
            z /= column  # softmax probabilities
            np.log(row, out=row)
            loss += float(np.dot(row, buffers.ones_m))  # + sum of logsumexp
            z -= t
            z *= 1.0 / m  # delta = (P - Y) / m
            return loss
        if self.output == "sigmoid":
            softplus = buffers.softplus
            if pred is not None:
                np.greater(z[:, 0], 0, out=pred)
            np.logaddexp(0, z, out=softplus)  # log(1 + e^z), stable
            loss = float(np.add.reduce(softplus, axis=None)) - float(np.vdot(z, t))
            z -= softplus
            np.exp(z, out=z)  # sigmoid(z) = exp(z - log(1 + e^z))
            z -= t
            z *= 1.0 / m  # delta = (sigmoid(z) - y) / m
            return loss
        # identity output, mean squared error over the m x k entries
        k = z.shape[1]
        z -= t
        loss = float(np.vdot(z, z)) / k
        z *= 2.0 / (m * k)  # delta = 2 (output - y) / (m k)
        return loss

    def train_step(self, Xb, Tb, pred, alpha: float) -> float:
        """Fill ``grad`` for one batch; return the batch's summed loss (with the penalty).

        ``Xb`` has shape ``(m, n_features + 1)`` (last column ones), ``Tb``
        shape ``(m, n_outputs)``.
        """
        m = Xb.shape[0]
        buffers = self._buffers.get(m) or self._buffers_for(m)
        dot, forward_hidden, backward_hidden = np.dot, self._forward_hidden, self._backward_hidden

        # forward: A is the current layer's input, with its column of ones
        A = Xb
        for Wb, Z, H_values, H, scratch in buffers.forward:
            dot(A, Wb, out=Z)
            forward_hidden(Z, H_values, scratch)
            A = H
        z = buffers.Z[-1]
        dot(A, self.Wb[-1], out=z)
        loss = self._output_step(z, Tb, pred, buffers, m)

        # backward: delta is dL/dZ of the current layer
        delta = z
        for H_prev_T, dWb, W_T, D_prev, Z_prev, A_prev, scratch in buffers.backward:
            dot(H_prev_T, delta, out=dWb)
            dot(delta, W_T, out=D_prev)
            backward_hidden(D_prev, Z_prev, A_prev, scratch)
            delta = D_prev
        dot(Xb.T, delta, out=self.dWb[0])

        if alpha:
            loss += self._add_penalty(alpha, m)
        return loss

    def _add_penalty(self, alpha: float, m: int) -> float:
        """Add ``alpha / m * W`` to each weight gradient; return ``alpha / 2 * sum ||W||^2``."""
        total = 0.0
        for W, dW, scratch in zip(self.W, self.dW, self._penalty_scratch, strict=True):
            total += float(np.vdot(W, W))
            np.multiply(W, alpha / m, out=scratch)
            dW += scratch
        return 0.5 * alpha * total


class TrainingSet:
    """Training rows prepared once per fit, and the buffers of the epoch's shuffled copy.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    T : ndarray of shape (m, k_out)
        Targets in the network's output layout (one-hot rows, a 0/1 column or values).
    labels : ndarray of shape (m,) or None
        Class index of each row, for the running accuracy.
    batch_size : int
    """

    def __init__(self, X, T, labels, batch_size, dtype):
        m = X.shape[0]
        self.m = m
        self.X = np.ones((m, X.shape[1] + 1), dtype=dtype)
        self.X[:, :-1] = X
        self.T = np.ascontiguousarray(T, dtype=dtype)
        self.labels = labels
        self.X_epoch = np.empty_like(self.X)
        self.T_epoch = np.empty_like(self.T)
        self.pred = None if labels is None else np.empty(m, dtype=np.intp)
        bounds = [(start, min(start + batch_size, m)) for start in range(0, m, batch_size)]
        # Views of the epoch buffers, valid for the whole fit: the buffers are refilled in place.
        self.batches = [
            (self.X_epoch[a:b], self.T_epoch[a:b], None if self.pred is None else self.pred[a:b])
            for a, b in bounds
        ]

    def run_epoch(self, network: FlatNetwork, order, optimizer, alpha: float):
        """One pass over the data in the given order; return (mean loss, accuracy or None).

        The loss is the mean over the epoch's batches of each batch's loss,
        weighted by batch size, measured before that batch's update (as the
        weights change during the epoch); the accuracy likewise.
        """
        # mode="clip": a permutation is always in range, and "raise" would copy first
        np.take(self.X, order, axis=0, out=self.X_epoch, mode="clip")
        np.take(self.T, order, axis=0, out=self.T_epoch, mode="clip")
        params, grads = [network.theta], [network.grad]
        step, update = network.train_step, optimizer.step
        total = 0.0
        for X_batch, T_batch, pred_batch in self.batches:
            total += step(X_batch, T_batch, pred_batch, alpha)
            update(params, grads)
        accuracy = None
        if self.pred is not None:
            accuracy = np.count_nonzero(self.pred == self.labels[order]) / self.m
        return total / self.m, accuracy

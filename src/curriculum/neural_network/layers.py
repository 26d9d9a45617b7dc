"""The layer interface and the fully connected (dense) layer.

Every building block of :mod:`curriculum.neural_network` follows one contract:

* ``forward(X)`` computes the output and remembers what ``backward`` needs;
* ``backward(grad_output)`` receives dL/d(output), stores dL/d(parameter) for
  each parameter and returns dL/d(input), which the previous block receives;
* ``parameters()`` and ``gradients()`` list the trainable arrays and their
  gradients in the same order, for an optimizer.

That is all backpropagation is: the chain rule applied block by block, from
the loss back to the input.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_random_state
from ._checks import check_backward, check_dtype, check_forward_input, check_size
from .initializers import initialize


class Layer:
    """Base class of every block: a forward pass, a backward pass, parameters.

    Subclasses list the names of their trainable arrays in ``param_names``;
    the gradient of parameter ``name`` is stored in the attribute ``"d" + name``
    (``W`` and ``dW``) and updated in place by ``backward``, so that the lists
    returned by :meth:`parameters` and :meth:`gradients` stay valid from one
    step to the next.
    """

    param_names: tuple[str, ...] = ()
    # The parameters an L2 penalty applies to (weights, never biases).
    penalized_names: tuple[str, ...] = ()

    def forward(self, X):  # pragma: no cover - abstract
        raise NotImplementedError

    def backward(self, grad_output):  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, X):
        return self.forward(X)

    def parameters(self) -> list[np.ndarray]:
        """The trainable arrays (updated in place by an optimizer)."""
        return [getattr(self, name) for name in self.param_names]

    def gradients(self) -> list[np.ndarray]:
        """The gradients of the loss with respect to :meth:`parameters`, same order."""
        return [getattr(self, "d" + name) for name in self.param_names]

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Dense(Layer):
    """A fully connected layer: ``Z = X @ W + b``.

    Parameters
    ----------
    n_inputs : int
        Number of input features n (columns of ``X``).
    n_outputs : int
        Number of units k.
    init : {"he", "xavier", "zeros"}, default="he"
        Initial weights (see :mod:`curriculum.neural_network.initializers`);
        the biases always start at zero.
    random_state : None, int or numpy.random.Generator, default=None
        Where the initial weights are drawn from.
    dtype : {"float64", "float32"}, default="float64"
        Floating type of the parameters and of the computations.

    Attributes
    ----------
    W : ndarray of shape (n_inputs, n_outputs)
        Weights.
    b : ndarray of shape (n_outputs,)
        Biases.
    dW, db : ndarray
        Gradients of the loss with respect to ``W`` and ``b``, filled by
        :meth:`backward`.

    Notes
    -----
    For a batch ``X`` of shape ``(m, n)`` and the upstream gradient
    ``G = dL/dZ`` of shape ``(m, k)``::

        Z      = X @ W + b          (m, k)
        dL/dW  = X.T @ G            (n, k)   each sample adds x_i^T g_i
        dL/db  = G.sum(axis=0)      (k,)     b is added to every row
        dL/dX  = G @ W.T            (m, n)   passed on to the previous layer

    Examples
    --------
    >>> layer = Dense(3, 2, random_state=0)
    >>> layer.forward(np.ones((4, 3))).shape
    (4, 2)
    """

    param_names = ("W", "b")
    penalized_names = ("W",)

    def __init__(self, n_inputs, n_outputs, *, init="he", random_state=None, dtype="float64"):
        self.n_inputs = check_size(n_inputs, "n_inputs")
        self.n_outputs = check_size(n_outputs, "n_outputs")
        self.init = init
        dtype = check_dtype(dtype)
        rng = check_random_state(random_state)
        self.W = initialize(init, self.n_inputs, self.n_outputs, rng, dtype)
        self.b = np.zeros(self.n_outputs, dtype=dtype)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)
        self._X = None
        self._output_shape = None

    def forward(self, X):
        """Return ``X @ W + b``, of shape ``(m, n_outputs)``, for ``X`` of shape ``(m, n_inputs)``."""
        X = check_forward_input(X, self.n_inputs, "Dense").astype(self.W.dtype, copy=False)
        self._X = X
        Z = X @ self.W + self.b
        self._output_shape = Z.shape
        return Z

    def backward(self, grad_output):
        """Store ``dW`` and ``db``; return dL/dX of shape ``(m, n_inputs)``."""
        G = check_backward(self._output_shape, grad_output, "Dense")
        self.dW[...] = self._X.T @ G
        self.db[...] = G.sum(axis=0)
        return G @ self.W.T

    def __repr__(self) -> str:
        return f"Dense({self.n_inputs}, {self.n_outputs}, dtype={self.W.dtype.name!r})"

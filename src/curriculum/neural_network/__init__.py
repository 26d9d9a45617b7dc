"""Neural networks from scratch in NumPy: building blocks and multilayer perceptrons.

Building blocks a lesson composes by hand:

* layers: :class:`Dense` (``Z = X @ W + b``) with He, Xavier or zero
  initialisation;
* activations: :class:`ReLU`, :class:`LeakyReLU`, :class:`Sigmoid`,
  :class:`Tanh`, :class:`Softmax`, :class:`Identity`;
* losses: :class:`SoftmaxCrossEntropy` (from logits, fused gradient),
  :class:`BinaryCrossEntropy`, :class:`MeanSquaredError`;
* :class:`Sequential` to chain them, with ``forward``, ``backward``,
  ``parameters`` and ``gradients``;
* optimizers: :class:`SGD` (momentum, Nesterov), :class:`RMSprop`, :class:`Adam`.

Estimators with the scikit-learn interface: :class:`MLPClassifier` and
:class:`MLPRegressor`, saved with ``model.save(path)`` and read back with
:func:`load`. Gradients can be checked with :mod:`curriculum.gradcheck`.
"""

from .activations import (
    Identity,
    LeakyReLU,
    ReLU,
    Sigmoid,
    Softmax,
    Tanh,
    log_softmax,
    sigmoid,
    softmax,
)
from .layers import Dense, Layer
from .losses import BinaryCrossEntropy, Loss, MeanSquaredError, SoftmaxCrossEntropy
from .mlp import MLPClassifier, MLPRegressor
from .optimizers import SGD, Adam, Optimizer, RMSprop
from .persistence import ModelFileError, load, save
from .sequential import Sequential

__all__ = [
    "SGD",
    "Adam",
    "BinaryCrossEntropy",
    "Dense",
    "Identity",
    "Layer",
    "LeakyReLU",
    "Loss",
    "MLPClassifier",
    "MLPRegressor",
    "MeanSquaredError",
    "ModelFileError",
    "Optimizer",
    "RMSprop",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Softmax",
    "SoftmaxCrossEntropy",
    "Tanh",
    "load",
    "log_softmax",
    "save",
    "sigmoid",
    "softmax",
]

"""Multilayer perceptrons with the scikit-learn interface: MLPClassifier, MLPRegressor."""

from __future__ import annotations

import math
import numbers
import sys
import warnings

import numpy as np

from .._validation import (
    check_array,
    check_bool,
    check_classification_labels,
    check_consistent_length,
    check_n_features,
    check_option,
    check_random_state,
    check_scalar,
)
from ..base import BaseEstimator, check_is_fitted
from ..exceptions import ConvergenceWarning
from . import _engine
from ._checks import check_dtype, check_size
from .activations import ACTIVATIONS, Identity, Sigmoid, Softmax, sigmoid, softmax
from .initializers import DEFAULT_INIT
from .layers import Dense
from .optimizers import OPTIMIZERS
from .sequential import Sequential

SOLVERS = tuple(OPTIMIZERS)
HIDDEN_ACTIVATIONS = tuple(_engine.HIDDEN)


def _check_hidden_layer_sizes(value) -> tuple[int, ...]:
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = (value,)
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        raise TypeError(
            f"hidden_layer_sizes must be a tuple of positive integers such as (64, 64), "
            f"got {value!r}."
        )
    sizes = tuple(value)
    for i, size in enumerate(sizes):
        if isinstance(size, bool) or not isinstance(size, numbers.Integral):
            raise TypeError(
                f"hidden_layer_sizes must contain integers, got {size!r} at position {i} "
                f"in {value!r}."
            )
        if size < 1:
            raise ValueError(
                f"hidden_layer_sizes must contain positive integers, got {size!r} at "
                f"position {i} in {value!r}."
            )
    return tuple(int(s) for s in sizes)


def _check_verbose(verbose) -> int:
    if isinstance(verbose, bool | np.bool_):
        return int(verbose)
    if isinstance(verbose, numbers.Integral) and verbose in (0, 1, 2):
        return int(verbose)
    raise ValueError(
        f"verbose must be False/0 (silent), True/1 (progress bar and one line per epoch) "
        f"or 2 (one line per epoch, no bar); got {verbose!r}."
    )


class _BaseMLP(BaseEstimator):
    """Everything the classifier and the regressor share: checks, the training loop, I/O."""

    # --- hyperparameters ---------------------------------------------------------

    def __init__(
        self,
        hidden_layer_sizes=(100,),
        *,
        activation="relu",
        solver="adam",
        alpha=0.0,
        batch_size=32,
        learning_rate=1e-3,
        max_epochs=200,
        momentum=0.9,
        nesterov=False,
        early_stopping=False,
        validation_fraction=0.1,
        patience=10,
        tol=1e-4,
        dtype="float64",
        random_state=None,
        verbose=False,
    ):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.max_epochs = max_epochs
        self.momentum = momentum
        self.nesterov = nesterov
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.patience = patience
        self.tol = tol
        self.dtype = dtype
        self.random_state = random_state
        self.verbose = verbose

    def _validate_params(self) -> dict:
        p = {
            "hidden_layer_sizes": _check_hidden_layer_sizes(self.hidden_layer_sizes),
            "activation": check_option(self.activation, "activation", HIDDEN_ACTIVATIONS),
            "solver": check_option(self.solver, "solver", SOLVERS),
            "alpha": float(check_scalar(self.alpha, "alpha", numbers.Real, min_value=0)),
            "batch_size": check_size(self.batch_size, "batch_size"),
            "learning_rate": float(
                check_scalar(
                    self.learning_rate, "learning_rate", numbers.Real, min_value=0,
                    include_min=False,
                )
            ),
            "max_epochs": check_size(self.max_epochs, "max_epochs"),
            "momentum": float(
                check_scalar(
                    self.momentum, "momentum", numbers.Real, min_value=0, max_value=1,
                    include_max=False,
                )
            ),
            "nesterov": check_bool(self.nesterov, "nesterov"),
            "early_stopping": check_bool(self.early_stopping, "early_stopping"),
            "validation_fraction": float(
                check_scalar(
                    self.validation_fraction, "validation_fraction", numbers.Real,
                    min_value=0, max_value=1, include_min=False, include_max=False,
                )
            ),
            "patience": check_size(self.patience, "patience"),
            "tol": float(check_scalar(self.tol, "tol", numbers.Real, min_value=0)),
            "dtype": check_dtype(self.dtype),
            "verbose": _check_verbose(self.verbose),
        }
        check_random_state(self.random_state)  # type check only; the draw happens in fit
        return p

    def _make_optimizer(self, p):
        if p["solver"] == "sgd":
            return OPTIMIZERS["sgd"](p["learning_rate"], momentum=p["momentum"], nesterov=p["nesterov"])
        return OPTIMIZERS[p["solver"]](p["learning_rate"])

    # --- data --------------------------------------------------------------------

    def _check_X(self, X, dtype, name="X"):
        return check_array(X, name, dtype=dtype)

    def _split_validation(self, labels, m, fraction, rng):
        from ..model_selection import train_test_split

        indices = np.arange(m)
        if math.ceil(fraction * m) >= m:
            raise ValueError(
                f"validation_fraction={fraction} leaves no training sample out of {m}; "
                f"use a smaller fraction or more data."
            )
        if labels is not None:
            try:
                train, val = train_test_split(
                    indices, test_size=fraction, random_state=rng, stratify=labels
                )
                return np.sort(train), np.sort(val)
            except ValueError:
                pass  # a class too rare to stratify: fall back to a plain random split
        train, val = train_test_split(indices, test_size=fraction, random_state=rng)
        return np.sort(train), np.sort(val)

    # --- training ----------------------------------------------------------------

    def fit(self, X, y, validation_data=None):
        """Train the network with mini-batches.

        Parameters
        ----------
        X : array-like of shape (m, n)
            Training samples.
        y : array-like of shape (m,) (or (m, k) for a multi-output regressor)
            Targets.
        validation_data : tuple (X_val, y_val), optional
            Held-out data, measured after every epoch (``val_loss``, and
            ``val_accuracy`` for a classifier) and used for early stopping
            instead of a split of ``X`` when ``early_stopping=True``.

        Returns
        -------
        self
        """
        p = self._validate_params()
        dtype = p["dtype"]
        X = self._check_X(X, dtype)
        y = self._check_y(y)
        check_consistent_length(X=X, y=y)
        rng = check_random_state(self.random_state)
        encoding = self._target_encoding(y)
        T, labels = self._encode_targets(y, encoding, dtype)
        m, n_features = X.shape

        validation = None
        if validation_data is not None:
            validation = self._check_validation_data(validation_data, n_features, encoding, dtype)
        elif p["early_stopping"]:
            train, val = self._split_validation(labels, m, p["validation_fraction"], rng)
            validation = (X[val], T[val], None if labels is None else labels[val])
            X, T = X[train], T[train]
            labels = None if labels is None else labels[train]
            m = X.shape[0]

        batch_size = p["batch_size"]
        if batch_size > m:
            warnings.warn(
                f"batch_size={batch_size} is larger than the {m} training samples; "
                f"using batches of {m}.",
                UserWarning,
                stacklevel=2,
            )
            batch_size = m

        sizes = (n_features, *p["hidden_layer_sizes"], T.shape[1])
        network = _engine.FlatNetwork(sizes, p["activation"], encoding["output"], dtype)
        network.initialize(DEFAULT_INIT[p["activation"]], rng)
        optimizer = self._make_optimizer(p)
        training = _engine.TrainingSet(X, T, labels, batch_size, dtype)

        history = {"loss": []}
        if labels is not None:
            history["accuracy"] = []
        if validation is not None:
            history["val_loss"] = []
            if labels is not None:
                history["val_accuracy"] = []

        max_epochs, verbose = p["max_epochs"], p["verbose"]
        log = _EpochLog(max_epochs, verbose)
        best_loss, best_epoch, best_theta, waited = math.inf, 0, None, 0
        epoch = 0
        try:
            for epoch in range(1, max_epochs + 1):
                loss, accuracy = training.run_epoch(
                    network, rng.permutation(m), optimizer, p["alpha"]
                )
                history["loss"].append(loss)
                if accuracy is not None:
                    history["accuracy"].append(accuracy)
                val_loss = None
                if validation is not None:
                    val_loss, val_accuracy = network.evaluate(validation[0], validation[1])
                    history["val_loss"].append(val_loss)
                    if labels is not None:
                        history["val_accuracy"].append(
                            float(np.mean(val_accuracy == validation[2]))
                        )
                log.epoch(epoch, loss, val_loss)
                if not math.isfinite(loss):
                    warnings.warn(
                        f"Training diverged at epoch {epoch} (the loss is {loss}); stopped. "
                        f"Try a smaller learning_rate (now {p['learning_rate']}).",
                        ConvergenceWarning,
                        stacklevel=2,
                    )
                    break
                if p["early_stopping"]:
                    if val_loss < best_loss - p["tol"]:
                        best_loss, best_epoch, waited = val_loss, epoch, 0
                        best_theta = network.theta.copy()
                    else:
                        waited += 1
                        if waited >= p["patience"]:
                            log.message(
                                f"early stopping: no val_loss improvement larger than "
                                f"{p['tol']:g} for {p['patience']} epochs; keeping the weights "
                                f"of epoch {best_epoch} (val_loss: {best_loss:.4f})"
                            )
                            break
        finally:
            log.close()

        if best_theta is not None:
            network.theta[...] = best_theta
        else:
            best_epoch = epoch
        self._set_fitted(network, n_features, encoding, history, epoch, best_epoch)
        self._optimizer = optimizer  # kept for inspection (its state has the model's dtype)
        return self

    def _check_validation_data(self, validation_data, n_features, encoding, dtype):
        if not isinstance(validation_data, tuple | list) or len(validation_data) != 2:
            raise TypeError(
                f"validation_data must be a pair (X_val, y_val), got "
                f"{type(validation_data).__name__}."
            )
        X_val = self._check_X(validation_data[0], dtype, "validation_data[0]")
        check_n_features(X_val, n_features, "validation_data[0]")
        y_val = self._check_y(validation_data[1], "validation_data[1]")
        check_consistent_length(X_val=X_val, y_val=y_val)
        T_val, labels_val = self._encode_targets(y_val, encoding, dtype, name="validation_data[1]")
        return X_val, T_val, labels_val

    def _set_fitted(self, network, n_features, encoding, history, n_iter, best_epoch):
        """Set every fitted attribute at once (nothing is set if ``fit`` fails earlier)."""
        for name, value in encoding.items():
            if name != "output":
                setattr(self, name, value)
        self._network = network
        self._optimizer = None
        self.n_features_in_ = int(n_features)
        self.n_outputs_ = int(network.sizes[-1])
        self.n_layers_ = len(network.sizes)
        self.out_activation_ = network.output
        self.coefs_ = network.W
        self.intercepts_ = network.b
        self.history_ = {key: [float(v) for v in values] for key, values in history.items()}
        self.n_iter_ = int(n_iter)
        self.best_epoch_ = int(best_epoch)
        self.loss_ = self.history_["loss"][-1] if self.history_["loss"] else math.nan

    # --- prediction ----------------------------------------------------------------

    def _output_values(self, X):
        """Validate ``X``; return the network's output (probabilities or values)."""
        check_is_fitted(self, "_network")
        network = self._network
        X = check_array(X, "X", dtype=network.dtype)
        check_n_features(X, self.n_features_in_)
        Z = network.logits(X)
        if network.output == "softmax":
            return softmax(Z)
        if network.output == "sigmoid":
            return sigmoid(Z)
        return Z

    def to_sequential(self) -> Sequential:
        """The fitted network as a :class:`Sequential` of building blocks (weights copied).

        Its ``forward`` gives the same output as :meth:`predict_proba`
        (classifier) or :meth:`predict` (regressor): ``Dense`` layers with the
        hidden activation between them, then ``Softmax``/``Sigmoid`` for a
        classifier.
        """
        check_is_fitted(self, "_network")
        network = self._network
        layers = []
        for index, (W, b) in enumerate(zip(network.W, network.b, strict=True)):
            dense = Dense(W.shape[0], W.shape[1], init="zeros", dtype=network.dtype)
            dense.W[...] = W
            dense.b[...] = b
            layers.append(dense)
            if index < network.n_layers - 1:
                layers.append(ACTIVATIONS[network.activation]())
        layers.append({"softmax": Softmax, "sigmoid": Sigmoid, "identity": Identity}[network.output]())
        return Sequential(layers)

    def save(self, path, *, extra=None):
        """Write the fitted model to an ``.npz`` file; see :func:`~.persistence.save`."""
        from .persistence import save

        return save(self, path, extra=extra)


class _EpochLog:
    """The progress bar (verbose=1) and the one-line-per-epoch log (verbose 1 or 2)."""

    def __init__(self, max_epochs: int, verbose: int):
        self.max_epochs = max_epochs
        self.width = len(str(max_epochs))
        self.verbose = verbose
        self.bar = None
        if verbose == 1:
            from tqdm import tqdm

            self.bar = tqdm(total=max_epochs, unit="epoch", file=sys.stderr, leave=False)

    def line(self, epoch: int, loss: float, val_loss) -> str:
        text = f"epoch {epoch:0{self.width}d}/{self.max_epochs} - loss: {loss:.4f}"
        if val_loss is not None:
            text += f" - val_loss: {val_loss:.4f}"
        return text

    def epoch(self, epoch, loss, val_loss):
        if not self.verbose:
            return
        self.message(self.line(epoch, loss, val_loss))
        if self.bar is not None:
            postfix = f"loss={loss:.4f}" + ("" if val_loss is None else f", val_loss={val_loss:.4f}")
            self.bar.set_postfix_str(postfix, refresh=False)
            self.bar.update(1)

    def message(self, text: str):
        if not self.verbose:
            return
        if self.bar is not None:
            self.bar.write(text, file=sys.stdout)
        else:
            print(text)

    def close(self):
        if self.bar is not None:
            self.bar.close()


_PARAMETERS_DOC = """
    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default=(100,)
        Number of units of each hidden layer; ``()`` gives a linear model.
    activation : {"relu", "leaky_relu", "tanh", "sigmoid", "identity"}, default="relu"
        Activation of the hidden layers. Weights start with He initialisation
        for relu and leaky_relu, Xavier for the others; biases at zero.
    solver : {"adam", "sgd", "rmsprop"}, default="adam"
        Optimizer (see :mod:`curriculum.neural_network.optimizers`).
    alpha : float, default=0.0
        L2 penalty ``alpha / (2 m_b) * sum ||W||^2`` added to each batch's loss
        (m_b the batch size); biases are not penalised.
    batch_size : int, default=32
        Samples per gradient step (clipped to the number of training samples).
    learning_rate : float, default=1e-3
        Step size of the optimizer.
    max_epochs : int, default=200
        Number of passes over the training data (fewer with early stopping).
    momentum : float, default=0.9
        Momentum of ``solver="sgd"``, in [0, 1).
    nesterov : bool, default=False
        Nesterov momentum for ``solver="sgd"``.
    early_stopping : bool, default=False
        Stop when the validation loss has not improved by more than ``tol``
        for ``patience`` epochs, and keep the weights of the best epoch. The
        validation data is ``validation_data`` if ``fit`` receives it, else a
        random ``validation_fraction`` of the training data (stratified for a
        classifier). Without early stopping, training runs ``max_epochs``.
    validation_fraction : float, default=0.1
        Share of the training data held out for early stopping, in (0, 1).
    patience : int, default=10
        Epochs without improvement before stopping.
    tol : float, default=1e-4
        Smallest decrease of the validation loss that counts as an improvement.
    dtype : {"float64", "float32"}, default="float64"
        Floating type of everything: parameters, activations, gradients and
        optimizer state. float32 is faster and accurate enough for training.
    random_state : None, int or numpy.random.Generator, default=None
        Seed of the validation split, the initial weights and the shuffles.
    verbose : bool or {0, 1, 2}, default=False
        ``True``/1: a progress bar (tqdm) with the current losses and one line
        per epoch such as ``epoch 07/70 - loss: 0.1234 - val_loss: 0.1456``;
        2: the lines only (for logs and notebooks); ``False``/0: silent.
"""

_ATTRIBUTES_DOC = """
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_outputs_ : int
        Number of output units.
    n_layers_ : int
        Number of layers, input and output included (``len(hidden) + 2``).
    coefs_ : list of ndarray
        ``coefs_[l]`` of shape ``(n_l, n_{l+1})``, the weights of layer l.
    intercepts_ : list of ndarray
        ``intercepts_[l]`` of shape ``(n_{l+1},)``, its biases.
    out_activation_ : str
        ``"softmax"``, ``"sigmoid"`` or ``"identity"``.
    history_ : dict of list of float
        Per epoch: ``loss``{accuracy}, and ``val_loss``{val_accuracy} when there is
        validation data. ``loss`` is the mean of the batch losses over the
        epoch, each measured before its update (with the L2 penalty);
        ``val_loss`` is measured on the validation data after the epoch
        (without it).
    loss_ : float
        The last training loss.
    n_iter_ : int
        Number of epochs run.
    best_epoch_ : int
        The epoch whose weights the model keeps (the last one unless early
        stopping restored an earlier one).
"""

_NOTES_DOC = """
    Training computes, for each batch, the forward pass, the loss, the
    backward pass and one optimizer step, exactly as a
    :class:`~.sequential.Sequential` of :class:`~.layers.Dense` and activation
    blocks would (:meth:`to_sequential` returns that network), but with
    every parameter in one contiguous vector, preallocated buffers and the
    data shuffled once per epoch: see :mod:`curriculum.neural_network._engine`.

    Random draws, in this order from ``np.random.default_rng(random_state)``:
    the validation split (early stopping only), each layer's initial weights,
    then one permutation of the training rows per epoch.
"""


class MLPClassifier(_BaseMLP):
    __doc__ = (
        """A multilayer perceptron classifier trained by mini-batch gradient descent.

    Binary problems get one sigmoid output unit and the binary cross-entropy;
    k >= 3 classes get k softmax units and the cross-entropy.
"""
        + _PARAMETERS_DOC
        + """
    Attributes
    ----------
    classes_ : ndarray of shape (k,)
        The class labels, sorted.
"""
        + _ATTRIBUTES_DOC.replace("{accuracy}", " and ``accuracy``").replace(
            "{val_accuracy}", " and ``val_accuracy``"
        )
        + """
    Notes
    -----
    The loss minimised is the mean cross-entropy of the batch,
    ``-1/m * sum_i log p(y_i | x_i)``, plus the penalty.
"""
        + _NOTES_DOC
        + """
    Examples
    --------
    >>> from curriculum.datasets import make_moons
    >>> X, y = make_moons(200, noise=0.1, random_state=0)
    >>> clf = MLPClassifier((16, 16), learning_rate=0.01, max_epochs=100, random_state=0)
    >>> clf.fit(X, y).score(X, y) > 0.95
    True
"""
    )

    def _check_y(self, y, name="y"):
        return check_classification_labels(y, name)

    def _target_encoding(self, y) -> dict:
        classes = np.unique(y)
        if classes.size < 2:
            raise ValueError(
                f"y has a single class ({classes[0]!r}); a classifier needs at least 2 classes."
            )
        return {"classes_": classes, "output": "sigmoid" if classes.size == 2 else "softmax"}

    def _encode_targets(self, y, encoding, dtype, name="y"):
        """Targets in the output layout (a 0/1 column or one-hot rows) and class indices."""
        classes = encoding["classes_"]
        known = np.isin(y, classes)
        if not known.all():
            unknown = np.unique(y[~known])[:5]
            raise ValueError(
                f"{name} has labels {list(unknown)} that are not among the training classes "
                f"{list(classes)}."
            )
        labels = np.searchsorted(classes, y).astype(np.intp)
        if encoding["output"] == "sigmoid":
            return labels.astype(dtype).reshape(-1, 1), labels
        T = np.zeros((labels.size, classes.size), dtype=dtype)
        T[np.arange(labels.size), labels] = 1
        return T, labels

    def predict_proba(self, X):
        """Class probabilities, shape ``(m, k)``, columns in the order of ``classes_``."""
        P = self._output_values(X)
        if self._network.output == "sigmoid":
            return np.hstack([1 - P, P])
        return P

    def predict(self, X):
        """The most probable class of each sample, shape ``(m,)``."""
        P = self._output_values(X)
        if self._network.output == "sigmoid":
            index = (P[:, 0] > 0.5).astype(np.intp)
        else:
            index = P.argmax(axis=1)
        return self.classes_[index]

    def score(self, X, y):
        """Accuracy of :meth:`predict` on ``(X, y)``."""
        from ..metrics import accuracy_score

        return accuracy_score(y, self.predict(X))


class MLPRegressor(_BaseMLP):
    __doc__ = (
        """A multilayer perceptron regressor trained by mini-batch gradient descent.

    The output layer is linear (identity) and the loss is the mean squared
    error. Targets are used as given: standardise them if their scale is far
    from 1.
"""
        + _PARAMETERS_DOC
        + """
    Attributes
    ----------
"""
        + _ATTRIBUTES_DOC.replace("{accuracy}", "").replace("{val_accuracy}", "")
        + """
    Notes
    -----
    The loss minimised is the batch's mean squared error
    ``1/(m k) * sum (output - y)^2``, plus the penalty.
"""
        + _NOTES_DOC
        + """
    Examples
    --------
    >>> X = np.linspace(-1, 1, 200).reshape(-1, 1)
    >>> reg = MLPRegressor((32,), activation="tanh", learning_rate=0.01, max_epochs=200,
    ...                    random_state=0).fit(X, X[:, 0] ** 2)
    >>> reg.score(X, X[:, 0] ** 2) > 0.95
    True
"""
    )

    def _check_y(self, y, name="y"):
        if np.ndim(y) == 2:
            return check_array(y, name, ndim=2)
        return check_array(y, name, ndim=1)

    def _target_encoding(self, y) -> dict:
        return {"_y_ndim": y.ndim, "_n_targets": 1 if y.ndim == 1 else y.shape[1], "output": "identity"}

    def _encode_targets(self, y, encoding, dtype, name="y"):
        T = y.reshape(len(y), -1).astype(dtype)
        if T.shape[1] != encoding["_n_targets"]:
            raise ValueError(
                f"{name} has {T.shape[1]} output(s) but the training target has "
                f"{encoding['_n_targets']}."
            )
        return T, None

    def predict(self, X):
        """Predicted values, shape ``(m,)`` (or ``(m, k)`` for a 2-D training target)."""
        Y = self._output_values(X)
        return Y[:, 0] if self._y_ndim == 1 else Y

    def score(self, X, y):
        """Coefficient of determination R^2 of :meth:`predict` on ``(X, y)``."""
        from ..metrics import r2_score

        return r2_score(y, self.predict(X))

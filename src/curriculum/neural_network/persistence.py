"""Save a fitted MLP to an ``.npz`` file and load it back, with no pickle anywhere.

The file is a NumPy ``.npz`` archive (a zip of ``.npy`` arrays) holding plain
data only: a format marker, the estimator's name, its hyperparameters as JSON
text, the layer sizes, the flat parameter vector, the classes and the
training history. Loading uses ``allow_pickle=False``, so opening a file
never runs code from it, and every field is checked before a model is built.
"""

from __future__ import annotations

import json
import numbers
import zipfile
import zlib
from pathlib import Path

import numpy as np

from ..base import check_is_fitted
from . import _engine
from ._checks import FLOAT_DTYPES

FORMAT = "curriculum.neural_network.mlp"
VERSION = 1
_EXTRA = "extra/"


class ModelFileError(ValueError):
    """A file is not a readable model written by :func:`save` (corrupted or foreign)."""


def _jsonable(value):
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, np.dtype | type):
        return np.dtype(value).name
    # A Generator as random_state cannot be stored; the fitted weights are what matters.
    return None


def _plain_array(value, name: str) -> np.ndarray:
    array = np.asarray(value)
    if array.dtype.kind == "O":
        if all(isinstance(v, str) for v in array.ravel()):
            return array.astype(str)
        raise TypeError(
            f"{name} holds Python objects, which cannot be saved without pickle; "
            f"expected numbers or strings."
        )
    return array


def save(model, path, *, extra=None) -> Path:
    """Write a fitted :class:`MLPClassifier` or :class:`MLPRegressor` to ``path``.

    Parameters
    ----------
    model : MLPClassifier or MLPRegressor
        A fitted model.
    path : str or Path
        Destination; ``.npz`` is appended if the name does not end with it.
    extra : dict of str to array-like, optional
        More arrays to store with the model (for example the mean and scale of
        the standardisation applied before it); :func:`load` returns them with
        ``with_extra=True``.

    Returns
    -------
    Path
        The file written.
    """
    from .mlp import MLPClassifier, MLPRegressor

    if not isinstance(model, MLPClassifier | MLPRegressor):
        raise TypeError(
            f"model must be an MLPClassifier or MLPRegressor, got {type(model).__name__}."
        )
    check_is_fitted(model, "_network")
    network = model._network
    path = Path(path)
    if path.suffix != ".npz":
        path = path.with_name(path.name + ".npz")

    arrays = {
        "format": np.array(FORMAT),
        "version": np.array(VERSION, dtype=np.int64),
        "estimator": np.array(type(model).__name__),
        "hyperparameters": np.array(
            json.dumps({k: _jsonable(v) for k, v in model.get_params().items()})
        ),
        "layer_sizes": np.array(network.sizes, dtype=np.int64),
        "activation": np.array(network.activation),
        "output": np.array(network.output),
        "theta": network.theta,
        "history": np.array(json.dumps(model.history_)),
        "n_iter": np.array(model.n_iter_, dtype=np.int64),
        "best_epoch": np.array(model.best_epoch_, dtype=np.int64),
    }
    if isinstance(model, MLPClassifier):
        arrays["classes"] = _plain_array(model.classes_, "classes_")
    else:
        arrays["y_ndim"] = np.array(model._y_ndim, dtype=np.int64)
    for name, value in (extra or {}).items():
        if not isinstance(name, str) or not name:
            raise TypeError(f"extra keys must be non-empty strings, got {name!r}.")
        arrays[_EXTRA + name] = _plain_array(value, f"extra[{name!r}]")

    with open(path, "wb") as file:
        np.savez(file, **arrays)
    return path


def load(path, *, with_extra: bool = False):
    """Load a model written by :func:`save` (or ``model.save``).

    Parameters
    ----------
    path : str or Path
    with_extra : bool, default=False
        Also return the ``extra`` arrays saved with the model.

    Returns
    -------
    model : MLPClassifier or MLPRegressor
        Fitted, predicting exactly as the saved model did.
    extra : dict of str to ndarray
        Only if ``with_extra``.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ModelFileError
        (a ``ValueError``) if the file is not an ``.npz`` archive, is damaged,
        was written by something else, or its contents do not fit together.
    """
    path = Path(path)
    try:
        archive = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise ModelFileError(
            f"{path} is not a model file saved by curriculum.neural_network (it could not be "
            f"read as an .npz archive: {exc})."
        ) from None
    if not isinstance(archive, np.lib.npyio.NpzFile):
        raise ModelFileError(
            f"{path} holds a single NumPy array, not a model saved by curriculum.neural_network "
            f"(an .npz archive)."
        )
    with archive:
        try:
            return _read(archive, path, with_extra)
        except ModelFileError:
            raise
        except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile,
                zlib.error, json.JSONDecodeError) as exc:
            raise ModelFileError(f"{path} is damaged: {type(exc).__name__}: {exc}") from None


def _text(archive, key: str) -> str:
    value = archive[key]
    if value.shape != () or value.dtype.kind != "U":
        raise ModelFileError(f"field {key!r} should be a text scalar, found {value.dtype} {value.shape}.")
    return str(value)


def _integer(archive, key: str) -> int:
    value = archive[key]
    if value.shape != () or value.dtype.kind not in "iu":
        raise ModelFileError(f"field {key!r} should be an integer scalar.")
    return int(value)


def _read(archive, path, with_extra):
    from .mlp import MLPClassifier, MLPRegressor

    files = set(archive.files)
    if "format" not in files or _text(archive, "format") != FORMAT:
        shown = ", ".join(sorted(files)[:8])
        raise ModelFileError(
            f"{path} is an .npz archive but not a model saved by curriculum.neural_network "
            f"(it holds: {shown})."
        )
    version = _integer(archive, "version")
    if version > VERSION:
        raise ModelFileError(
            f"{path} was written by a newer version of curriculum (format {version}; this one "
            f"reads up to {VERSION}). Upgrade curriculum to load it."
        )
    required = {"estimator", "hyperparameters", "layer_sizes", "activation", "output", "theta",
                "history", "n_iter", "best_epoch"}
    missing = sorted(required - files)
    if missing:
        raise ModelFileError(f"{path} is damaged: fields {missing} are missing.")

    estimators = {"MLPClassifier": MLPClassifier, "MLPRegressor": MLPRegressor}
    name = _text(archive, "estimator")
    if name not in estimators:
        raise ModelFileError(f"{path} holds an unknown estimator {name!r}.")
    params = json.loads(_text(archive, "hyperparameters"))
    if not isinstance(params, dict):
        raise ModelFileError(f"{path} is damaged: the hyperparameters are not a mapping.")
    if isinstance(params.get("hidden_layer_sizes"), list):
        params["hidden_layer_sizes"] = tuple(params["hidden_layer_sizes"])
    model = estimators[name](**params)

    sizes = archive["layer_sizes"]
    if sizes.ndim != 1 or sizes.size < 2 or sizes.dtype.kind not in "iu" or (sizes < 1).any():
        raise ModelFileError(f"{path} is damaged: invalid layer sizes {sizes!r}.")
    activation, output = _text(archive, "activation"), _text(archive, "output")
    if activation not in _engine.HIDDEN or output not in _engine.OUTPUTS:
        raise ModelFileError(f"{path} is damaged: unknown activation {activation!r} or output {output!r}.")
    theta = archive["theta"]
    if theta.ndim != 1 or theta.dtype.name not in FLOAT_DTYPES:
        raise ModelFileError(f"{path} is damaged: the parameters are not a 1-D float array.")
    network = _engine.FlatNetwork(tuple(int(s) for s in sizes), activation, output, theta.dtype)
    if theta.size != network.n_params:
        raise ModelFileError(
            f"{path} is damaged: layer sizes {tuple(sizes.tolist())} need {network.n_params} "
            f"parameters, the file has {theta.size}."
        )
    if not np.isfinite(theta).all():
        raise ModelFileError(f"{path} is damaged: the parameters contain NaN or infinity.")
    network.theta[...] = theta

    if name == "MLPClassifier":
        if "classes" not in files:
            raise ModelFileError(f"{path} is damaged: the classes are missing.")
        classes = archive["classes"]
        expected = 2 if output == "sigmoid" else int(sizes[-1])
        if classes.ndim != 1 or classes.size != expected or output == "identity":
            raise ModelFileError(
                f"{path} is damaged: {classes.size} classes for an output layer of "
                f"{int(sizes[-1])} unit(s) ({output})."
            )
        encoding = {"classes_": classes, "output": output}
    else:
        y_ndim = _integer(archive, "y_ndim") if "y_ndim" in files else 1
        if output != "identity" or y_ndim not in (1, 2):
            raise ModelFileError(f"{path} is damaged: a regressor needs an identity output.")
        encoding = {"_y_ndim": y_ndim, "_n_targets": int(sizes[-1]), "output": output}

    history = json.loads(_text(archive, "history"))
    if not isinstance(history, dict):
        raise ModelFileError(f"{path} is damaged: the history is not a mapping.")
    model._set_fitted(
        network, int(sizes[0]), encoding, history,
        _integer(archive, "n_iter"), _integer(archive, "best_epoch"),
    )
    if not with_extra:
        return model
    extra = {key[len(_EXTRA):]: archive[key] for key in sorted(files) if key.startswith(_EXTRA)}
    return model, extra

"""``curriculum mlp``: the breast-cancer multilayer-perceptron project, from the shell.

Three steps, each a sub-command::

    curriculum mlp split    [DATA.csv] --validation-fraction 0.2 --seed 42
    curriculum mlp train    --layers 24 24 --epochs 70 --batch-size 8 \\
                            --learning-rate 0.03 --optimizer adam --early-stopping
    curriculum mlp predict  model.npz data_validation.csv

The data files have the layout of the classic project (the Wisconsin
diagnostic breast-cancer data): no header, one tumour per line, an id, the
diagnosis ``M`` (malignant) or ``B`` (benign), then the numeric features
(30 in the original data). Without ``DATA.csv``, ``split`` uses the copy
bundled with the package.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

POSITIVE, NEGATIVE = "M", "B"
DIAGNOSES = (NEGATIVE, POSITIVE)  # sorted: the model's classes_
TRAIN_FILE, VALIDATION_FILE = "data_train.csv", "data_validation.csv"


class DataFileError(ValueError):
    """A data file that does not have the project layout; the message names the line."""


# --- data files ------------------------------------------------------------------


def read_project_csv(path):
    """Read a file of lines ``id,diagnosis,feature_1,...,feature_n`` (no header).

    Returns
    -------
    ids : list of str
    diagnosis : ndarray of shape (m,), ``"M"`` or ``"B"``
    X : ndarray of shape (m, n), float64

    Raises
    ------
    DataFileError
        Naming the file, the line and what is wrong with it.
    """
    path = Path(path)
    ids, diagnosis, rows = [], [], []
    n_fields = None
    with open(path, encoding="utf-8", newline="") as file:
        for number, line in enumerate(file, start=1):
            text = line.strip()
            if not text:
                continue
            fields = [field.strip() for field in text.split(",")]
            where = f"{path}, line {number}"
            if n_fields is None:
                if len(fields) < 3:
                    raise DataFileError(
                        f"{where}: expected id, diagnosis and at least one feature separated "
                        f"by commas, found {len(fields)} field(s)."
                    )
                n_fields = len(fields)
            elif len(fields) != n_fields:
                n_features = n_fields - 2
                raise DataFileError(
                    f"{where}: expected {n_fields} comma-separated fields like the lines "
                    f"before (id, diagnosis, {n_features} feature{'s' * (n_features != 1)}), "
                    f"found {len(fields)}."
                )
            if fields[1] not in DIAGNOSES:
                hint = " The file must not have a header line." if number == 1 else ""
                raise DataFileError(
                    f"{where}: the diagnosis (2nd field) must be M or B, found "
                    f"{fields[1]!r}.{hint}"
                )
            values = []
            for column, field in enumerate(fields[2:], start=3):
                try:
                    value = float(field)
                except ValueError:
                    raise DataFileError(
                        f"{where}: field {column} should be a number, found {field!r}."
                    ) from None
                if not math.isfinite(value):
                    raise DataFileError(f"{where}: field {column} is {field!r}; expected a finite number.")
                values.append(value)
            ids.append(fields[0])
            diagnosis.append(fields[1])
            rows.append(values)
    if not rows:
        raise DataFileError(f"{path}: the file has no data lines.")
    return ids, np.array(diagnosis), np.array(rows, dtype=np.float64)


def write_project_csv(path, ids, diagnosis, X) -> None:
    """Write lines ``id,diagnosis,features...`` (floats in their shortest exact form)."""
    with open(path, "w", encoding="utf-8", newline="") as file:
        for identifier, label, row in zip(ids, diagnosis, X, strict=True):
            file.write(",".join([str(identifier), str(label), *(repr(float(v)) for v in row)]) + "\n")


def _bundled_data():
    from ..datasets import load_breast_cancer

    data = load_breast_cancer()
    names = [str(name) for name in data.target_names]
    letter = {"malignant": POSITIVE, "benign": NEGATIVE}
    diagnosis = np.array([letter[names[t]] for t in data.target])
    ids = [str(i) for i in range(1, len(diagnosis) + 1)]
    return ids, diagnosis, np.asarray(data.data, dtype=np.float64)


# --- the argument parser ------------------------------------------------------------


def _fraction(text: str) -> float:
    value = float(text)
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1 (exclusive), got {text}")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0 or not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def register(subparsers) -> None:
    """Add ``mlp`` with its sub-commands ``split``, ``train`` and ``predict``."""
    parser = subparsers.add_parser(
        "mlp",
        help="the breast-cancer multilayer-perceptron project: split, train, predict",
        description=(
            "Train a multilayer perceptron to tell malignant (M) from benign (B) tumours. "
            "Data files: one tumour per line, 'id,diagnosis,feature_1,...,feature_n', no header."
        ),
    )
    commands = parser.add_subparsers(title="steps", metavar="STEP")
    parser.set_defaults(handler=lambda args: (parser.print_help(), 2)[1])

    split = commands.add_parser(
        "split",
        help="split a data file into training and validation files",
        description="Write data_train.csv and data_validation.csv (stratified by diagnosis).",
    )
    split.add_argument(
        "data", nargs="?", type=Path, default=None,
        help="CSV file in the project layout (default: the bundled breast-cancer data)",
    )
    split.add_argument("--out-dir", type=Path, default=Path("."), help="folder for the two files (default: .)")
    split.add_argument(
        "--validation-fraction", type=_fraction, default=0.2,
        help="share of the tumours in the validation file (default: 0.2)",
    )
    split.add_argument("--seed", type=int, default=42, help="seed of the random split (default: 42)")
    split.set_defaults(handler=run_split)

    train = commands.add_parser(
        "train",
        help="train a network, print the loss of each epoch, save the model and learning curves",
        description=(
            "Standardise the features (mean and standard deviation of the training file), "
            "train an MLPClassifier, print the training and validation loss of every epoch, "
            "save the model (.npz) and the learning curves (PNG, needs matplotlib)."
        ),
    )
    train.add_argument("--train", type=Path, default=Path(TRAIN_FILE), help=f"training file (default: {TRAIN_FILE})")
    train.add_argument(
        "--validation", type=Path, default=Path(VALIDATION_FILE),
        help=f"validation file (default: {VALIDATION_FILE})",
    )
    train.add_argument(
        "--layers", type=_positive_int, nargs="+", default=[24, 24], metavar="UNITS",
        help="units of each hidden layer (default: 24 24)",
    )
    train.add_argument("--epochs", type=_positive_int, default=70, help="maximum number of epochs (default: 70)")
    train.add_argument("--batch-size", type=_positive_int, default=8, help="samples per step (default: 8)")
    train.add_argument(
        "--learning-rate", type=_positive_float, default=0.03, help="step size (default: 0.03)"
    )
    train.add_argument(
        "--optimizer", choices=("adam", "sgd", "rmsprop"), default="adam", help="(default: adam)"
    )
    train.add_argument(
        "--activation", choices=("relu", "leaky_relu", "tanh", "sigmoid"), default="relu",
        help="hidden activation (default: relu)",
    )
    train.add_argument(
        "--early-stopping", action="store_true",
        help="stop when the validation loss stops improving and keep the best weights",
    )
    train.add_argument("--patience", type=_positive_int, default=10, help="epochs without improvement (default: 10)")
    train.add_argument("--seed", type=int, default=42, help="seed of initial weights and shuffles (default: 42)")
    train.add_argument("--model", type=Path, default=Path("model.npz"), help="where to save the model (default: model.npz)")
    train.add_argument(
        "--plots-dir", type=Path, default=None,
        help="folder of the learning-curve PNGs (default: the model's folder)",
    )
    train.add_argument("--dtype", choices=("float64", "float32"), default="float64", help="(default: float64)")
    train.set_defaults(handler=run_train)

    predict = commands.add_parser(
        "predict",
        help="evaluate a saved model on a data file",
        description="Print the binary cross-entropy, the accuracy and the confusion matrix.",
    )
    predict.add_argument("model", type=Path, help="a model saved by 'curriculum mlp train'")
    predict.add_argument("data", type=Path, help="CSV file in the project layout")
    predict.set_defaults(handler=run_predict)


def _fail(command: str, exc: Exception) -> int:
    print(f"curriculum mlp {command}: error: {exc}", file=sys.stderr)
    return 2


# --- split -------------------------------------------------------------------------


def run_split(args) -> int:
    """Handler of ``curriculum mlp split``; returns the exit code."""
    try:
        if args.data is None:
            ids, diagnosis, X = _bundled_data()
            source = "the bundled breast-cancer data"
        else:
            ids, diagnosis, X = read_project_csv(args.data)
            source = str(args.data)
        train, validation = _stratified_split(diagnosis, args.validation_fraction, args.seed)
        args.out_dir.mkdir(parents=True, exist_ok=True)
        paths = args.out_dir / TRAIN_FILE, args.out_dir / VALIDATION_FILE
        for path, rows in zip(paths, (train, validation), strict=True):
            write_project_csv(path, [ids[i] for i in rows], diagnosis[rows], X[rows])
    except (OSError, ValueError) as exc:
        return _fail("split", exc)
    print(f"read {len(ids)} tumours with {X.shape[1]} features from {source}")
    for path, rows in zip(paths, (train, validation), strict=True):
        counts = ", ".join(f"{np.count_nonzero(diagnosis[rows] == d)} {d}" for d in DIAGNOSES)
        print(f"wrote {path} ({len(rows)} lines: {counts})")
    return 0


def _stratified_split(diagnosis, fraction, seed):
    """Row indices (train, validation), each diagnosis split in the same proportion."""
    rng = np.random.default_rng(seed)
    train, validation = [], []
    for label in DIAGNOSES:
        rows = rng.permutation(np.flatnonzero(diagnosis == label))
        n_val = int(round(fraction * rows.size))
        validation.append(rows[:n_val])
        train.append(rows[n_val:])
    train, validation = np.sort(np.concatenate(train)), np.sort(np.concatenate(validation))
    if train.size == 0 or validation.size == 0:
        raise ValueError(
            f"validation fraction {fraction} of {diagnosis.size} lines leaves one of the two "
            f"files empty; use more data or another fraction."
        )
    return train, validation


# --- train -------------------------------------------------------------------------


def _standardise(X, mean, scale):
    return (X - mean) / scale


def run_train(args) -> int:
    """Handler of ``curriculum mlp train``; returns the exit code."""
    from ..neural_network import MLPClassifier

    try:
        _, y_train, X_train = read_project_csv(args.train)
        _, y_val, X_val = read_project_csv(args.validation)
        if X_val.shape[1] != X_train.shape[1]:
            raise DataFileError(
                f"{args.validation} has {X_val.shape[1]} features per line but {args.train} "
                f"has {X_train.shape[1]}; both files need the same layout."
            )
        if np.unique(y_train).size < 2:
            raise DataFileError(
                f"{args.train} holds only {y_train[0]} tumours; training needs both M and B."
            )
    except (OSError, ValueError) as exc:
        return _fail("train", exc)

    # Standardise with the training file's statistics (population std, ddof=0).
    mean = X_train.mean(axis=0)
    scale = X_train.std(axis=0)
    scale[scale == 0] = 1.0
    print(
        f"training on {len(y_train)} tumours, validating on {len(y_val)}; "
        f"{X_train.shape[1]} features; layers {X_train.shape[1]} -> "
        f"{' -> '.join(str(u) for u in args.layers)} -> 1 (sigmoid)"
    )
    model = MLPClassifier(
        hidden_layer_sizes=tuple(args.layers),
        activation=args.activation,
        solver=args.optimizer,
        batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        max_epochs=args.epochs,
        early_stopping=args.early_stopping,
        patience=args.patience,
        dtype=args.dtype,
        random_state=args.seed,
        verbose=2,
    )
    try:
        model.fit(
            _standardise(X_train, mean, scale),
            y_train,
            validation_data=(_standardise(X_val, mean, scale), y_val),
        )
    except ValueError as exc:
        return _fail("train", exc)

    metrics = _evaluate(model, _standardise(X_val, mean, scale), y_val)
    print(
        f"validation: binary cross-entropy {metrics['loss']:.4f}, accuracy "
        f"{metrics['accuracy']:.4f} (epoch {model.best_epoch_} of {model.n_iter_})"
    )
    try:
        args.model.parent.mkdir(parents=True, exist_ok=True)
        path = model.save(args.model, extra={"scaler_mean": mean, "scaler_scale": scale})
    except OSError as exc:
        return _fail("train", exc)
    print(f"saved the model to {path}")

    plots_dir = args.plots_dir if args.plots_dir is not None else path.parent
    try:
        written = save_learning_curves(model.history_, plots_dir, model.best_epoch_)
    except ImportError as exc:
        print(f"note: learning curves not drawn. {exc}", file=sys.stderr)
    except OSError as exc:
        return _fail("train", exc)
    else:
        print(f"saved the learning curves to {', '.join(str(p) for p in written)}")
    return 0


def save_learning_curves(history, folder, best_epoch=None) -> list[Path]:
    """Draw loss and accuracy per epoch (training and validation) to two PNG files.

    Raises ``ImportError`` naming the extra to install when matplotlib is missing.
    """
    from .._validation import require

    require("matplotlib")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for metric, title in (("loss", "binary cross-entropy"), ("accuracy", "accuracy")):
        if metric not in history:
            continue
        figure = Figure(figsize=(6, 4))
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        epochs = np.arange(1, len(history[metric]) + 1)
        axes.plot(epochs, history[metric], label="training")
        if f"val_{metric}" in history:
            axes.plot(epochs, history[f"val_{metric}"], label="validation")
        if best_epoch:
            axes.axvline(best_epoch, color="grey", linestyle=":", label=f"kept (epoch {best_epoch})")
        axes.set_xlabel("epoch")
        axes.set_ylabel(title)
        axes.set_title(f"Learning curve: {title}")
        axes.legend()
        figure.tight_layout()
        path = folder / f"learning_curve_{metric}.png"
        figure.savefig(path, dpi=100)
        written.append(path)
    return written


# --- predict -----------------------------------------------------------------------


def _evaluate(model, X, diagnosis) -> dict:
    """Binary cross-entropy, accuracy and confusion matrix (rows true B/M, columns predicted)."""
    positive = list(model.classes_).index(POSITIVE)
    p = np.clip(model.predict_proba(X)[:, positive].astype(np.float64), 1e-15, 1 - 1e-15)
    y = (diagnosis == POSITIVE).astype(np.float64)
    loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))
    predicted = model.predict(X)
    matrix = np.array(
        [[np.count_nonzero((diagnosis == t) & (predicted == q)) for q in DIAGNOSES] for t in DIAGNOSES]
    )
    correct = int(np.trace(matrix))
    return {"loss": loss, "accuracy": correct / len(y), "correct": correct, "matrix": matrix}


def run_predict(args) -> int:
    """Handler of ``curriculum mlp predict``; returns the exit code."""
    from ..neural_network import MLPClassifier, load

    try:
        model, extra = load(args.model, with_extra=True)
        if not isinstance(model, MLPClassifier) or sorted(map(str, model.classes_)) != sorted(DIAGNOSES):
            raise ValueError(f"{args.model} is not a model trained on M/B diagnoses.")
        _, diagnosis, X = read_project_csv(args.data)
        if X.shape[1] != model.n_features_in_:
            raise DataFileError(
                f"{args.data} has {X.shape[1]} features per line; the model expects "
                f"{model.n_features_in_}."
            )
    except (OSError, ValueError) as exc:
        return _fail("predict", exc)
    if "scaler_mean" in extra and "scaler_scale" in extra:
        X = _standardise(X, extra["scaler_mean"], extra["scaler_scale"])
    metrics = _evaluate(model, X, diagnosis)
    matrix = metrics["matrix"]
    print(f"{len(diagnosis)} tumours in {args.data}")
    print(f"binary cross-entropy: {metrics['loss']:.4f}")
    print(f"accuracy: {metrics['accuracy']:.4f} ({metrics['correct']} of {len(diagnosis)})")
    print("confusion matrix (rows: true diagnosis, columns: predicted):")
    print("          " + "".join(f"{label:>6}" for label in DIAGNOSES))
    for label, row in zip(DIAGNOSES, matrix, strict=True):
        print(f"    {label:<6}" + "".join(f"{count:>6d}" for count in row))
    return 0

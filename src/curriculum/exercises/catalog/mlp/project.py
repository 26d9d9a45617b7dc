"""Exercises of module mlp/03: the breast-cancer project.

Shapes: ``X`` has shape ``(m, n)``; labels ``y`` shape ``(m,)``, with
0 = malignant and 1 = benign in the breast-cancer data; probabilities ``P``
shape ``(m, k)``, one column per class. A saved network is a dict of arrays
``{"W0": (n, h1), "b0": (h1,), "W1": ..., "b1": ..., ...}``.
"""

from __future__ import annotations

import numpy as np

from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "mlp/03_project_breast_cancer_exercises.ipynb"
NO_LIBRARY = (
    "sklearn",
    "torch",
    "curriculum.neural_network",
    "curriculum.metrics",
    "curriculum.preprocessing",
    "curriculum.model_selection",
    "curriculum.commands",
)


# --- 1. stratified split -----------------------------------------------------------------


def stratified_split(y, test_fraction, seed):
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1 (exclusive), got {test_fraction}")
    y = np.asarray(y)
    rng = np.random.default_rng(seed)
    train, test = [], []
    for label in np.unique(y):
        rows = rng.permutation(np.flatnonzero(y == label))
        n_test = round(test_fraction * rows.size)
        test.append(rows[:n_test])
        train.append(rows[n_test:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(test))


def _split_variant(stratify=True, sort=True, new_rng=False, from_end=False):
    def split(y, test_fraction, seed):
        if not 0 < test_fraction < 1:
            raise ValueError("bad fraction")
        y = np.asarray(y)
        rng = np.random.default_rng(seed)
        groups = [np.flatnonzero(y == label) for label in np.unique(y)] if stratify else [np.arange(y.size)]
        train, test = [], []
        for rows in groups:
            rows = (np.random.default_rng(seed) if new_rng else rng).permutation(rows)
            n_test = round(test_fraction * rows.size)
            if from_end:
                test.append(rows[rows.size - n_test:])
                train.append(rows[:rows.size - n_test])
            else:
                test.append(rows[:n_test])
                train.append(rows[n_test:])
        train, test = np.concatenate(train), np.concatenate(test)
        return (np.sort(train), np.sort(test)) if sort else (train, test)

    return split


def _split_cases(rng):
    cases = []
    for _ in range(3):
        m = int(rng.integers(12, 60))
        y = rng.choice(np.arange(int(rng.integers(2, 4))), size=m, p=None)
        fraction = float(rng.choice([0.2, 0.25, 0.3]))
        seed = int(rng.integers(0, 1000))
        cases.append(Case((y, fraction, seed), label=f"random, {m} labels, test_fraction {fraction}"))
    return cases


SPLIT_Y = np.array([0, 1, 1, 0, 1, 1, 1, 0, 1, 1])

register(
    Exercise(
        id="mlp.project.stratified_split",
        notebook=NOTEBOOK,
        function="stratified_split",
        title="A stratified, seeded split into training and test indices",
        reference=stratified_split,
        fixed_cases=[
            Case((SPLIT_Y, 0.3, 0), label="10 labels, 3 of class 0"),
            Case((np.array([2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1]), 0.25, 5), label="3 classes"),
            Case((SPLIT_Y, 1.5, 0), label="test_fraction 1.5: ValueError"),
        ],
        random_cases=_split_cases,
        mistakes=[
            Mistake(
                "not stratified",
                _split_variant(stratify=False),
                "Split each class separately (rows = np.flatnonzero(y == label)), so that both "
                "sets keep the proportions of the classes.",
            ),
            Mistake(
                "not sorted",
                _split_variant(sort=False),
                "Return both index arrays sorted (np.sort), so that the rows keep their order.",
            ),
            Mistake(
                "a new generator for each class",
                _split_variant(new_rng=True),
                "Create the generator once, before the loop over the classes, and draw every "
                "permutation from it; a new default_rng(seed) per class repeats the same draws.",
            ),
            Mistake(
                "test rows from the end",
                _split_variant(from_end=True),
                "The test rows are the FIRST round(test_fraction * n_c) rows of each class's "
                "permutation, the training rows the rest.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 2. standardise with training statistics ------------------------------------------------


def standardise(X_train, X_test):
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    mean = X_train.mean(axis=0)
    scale = X_train.std(axis=0)
    scale = np.where(scale == 0, 1.0, scale)
    return (X_train - mean) / scale, (X_test - mean) / scale


def _standardise_own_stats(X_train, X_test):
    def z(A):
        scale = A.std(axis=0)
        return (A - A.mean(axis=0)) / np.where(scale == 0, 1.0, scale)

    return z(X_train), z(X_test)


def _standardise_sample_std(X_train, X_test):
    mean, scale = X_train.mean(axis=0), X_train.std(axis=0, ddof=1)
    scale = np.where(scale == 0, 1.0, scale)
    return (X_train - mean) / scale, (X_test - mean) / scale


def _standardise_all_data(X_train, X_test):
    both = np.vstack([X_train, X_test])
    mean, scale = both.mean(axis=0), both.std(axis=0)
    scale = np.where(scale == 0, 1.0, scale)
    return (X_train - mean) / scale, (X_test - mean) / scale


def _standardise_zero_division(X_train, X_test):
    mean, scale = X_train.mean(axis=0), X_train.std(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (X_train - mean) / scale, (X_test - mean) / scale


def _standardise_cases(rng):
    cases = []
    for _ in range(3):
        n = int(rng.integers(2, 6))
        centre, spread = rng.uniform(-50, 50, size=n), rng.uniform(0.5, 20, size=n)
        X_train = centre + spread * rng.normal(size=(int(rng.integers(5, 30)), n))
        X_test = centre + spread * rng.normal(size=(int(rng.integers(3, 10)), n))
        cases.append(Case((X_train, X_test), label=f"random, {n} features"))
    return cases


STD_TRAIN = np.array([[1.0, 200.0], [2.0, 400.0], [3.0, 300.0], [6.0, 100.0]])
STD_TEST = np.array([[4.0, 250.0], [0.0, 500.0]])

register(
    Exercise(
        id="mlp.project.standardise",
        notebook=NOTEBOOK,
        function="standardise",
        title="Standardise with the training set's statistics",
        reference=standardise,
        fixed_cases=[
            Case((STD_TRAIN, STD_TEST), label="4 training rows, 2 test rows"),
            Case((np.array([[1.0, 5.0], [3.0, 5.0], [5.0, 5.0]]), np.array([[2.0, 7.0]])),
                 label="a constant feature"),
        ],
        random_cases=_standardise_cases,
        mistakes=[
            Mistake(
                "used the test statistics",
                _standardise_own_stats,
                "You used the test set's own mean and standard deviation for the test set. Both "
                "sets must be transformed with the TRAINING statistics: the test set stands for "
                "new patients, whose statistics are unknown.",
            ),
            Mistake(
                "sample standard deviation",
                _standardise_sample_std,
                "Use the population standard deviation of the training set (np.std with its "
                "default ddof=0); you divided by m - 1 (the sample standard deviation).",
            ),
            Mistake(
                "statistics of all the data",
                _standardise_all_data,
                "Compute the mean and standard deviation on the training set only, not on the "
                "training and test sets together: that lets the test set leak into the model.",
            ),
            Mistake(
                "constant feature divided by zero",
                _standardise_zero_division,
                "A feature that is constant in the training set has standard deviation 0: use a "
                "scale of 1 for it (np.where(std == 0, 1.0, std)) instead of dividing by 0.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 3. one-hot encoding --------------------------------------------------------------------


def one_hot(y, n_classes):
    y = np.asarray(y)
    if y.size and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(f"labels must be in 0..{n_classes - 1}, found {y.min()}..{y.max()}")
    Y = np.zeros((y.size, n_classes))
    Y[np.arange(y.size), y] = 1.0
    return Y


def _one_hot_from_data(y, n_classes):
    y = np.asarray(y)
    return np.eye(int(y.max()) + 1)[y]


def _one_hot_random(rng):
    cases = []
    for _ in range(3):
        k = int(rng.integers(2, 10))
        y = rng.integers(0, k, size=int(rng.integers(3, 20)))
        cases.append(Case((y, k), label=f"random, {y.size} labels, {k} classes"))
    return cases


register(
    Exercise(
        id="mlp.project.one_hot",
        notebook=NOTEBOOK,
        function="one_hot",
        title="One-hot encode class labels",
        reference=one_hot,
        fixed_cases=[
            Case((np.array([0, 2, 1, 2]), 3), label="4 labels, 3 classes"),
            Case((np.array([1, 0, 1]), 4), label="the last classes absent from y"),
            Case((np.array([0, 3]), 3), label="label 3 with 3 classes: ValueError"),
        ],
        random_cases=_one_hot_random,
        mistakes=[
            Mistake(
                "number of classes from the data",
                _one_hot_from_data,
                "Use n_classes for the number of columns: a batch may not contain every class, "
                "so y.max() + 1 can be too small.",
            ),
            Mistake(
                "transposed",
                lambda y, k: one_hot(y, k).T,
                "One row per sample and one column per class: shape (m, n_classes).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 4. binary cross-entropy from softmax probabilities -------------------------------------


EPS = 1e-15


def binary_cross_entropy(y, P):
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(P, dtype=float)[:, 1], EPS, 1 - EPS)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _bce_no_clip(y, P):
    p = P[:, 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _bce_wrong_column(y, P):
    p = np.clip(P[:, 0], EPS, 1 - EPS)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _bce_sum(y, P):
    p = np.clip(P[:, 1], EPS, 1 - EPS)
    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _bce_cases(rng):
    cases = []
    for _ in range(3):
        m = int(rng.integers(3, 30))
        z = rng.normal(0.0, 2.0, size=(m, 2))
        P = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        cases.append(Case((rng.integers(0, 2, size=m), P), label=f"random, {m} samples"))
    return cases


BCE_P = np.array([[0.9, 0.1], [0.2, 0.8], [0.4, 0.6], [0.7, 0.3]])

register(
    Exercise(
        id="mlp.project.binary_cross_entropy",
        notebook=NOTEBOOK,
        function="binary_cross_entropy",
        title="Binary cross-entropy from softmax probabilities",
        reference=binary_cross_entropy,
        fixed_cases=[
            Case((np.array([0, 1, 1, 0]), BCE_P), label="4 samples"),
            Case((np.array([1, 0]), np.array([[1.0, 0.0], [0.0, 1.0]])), label="certain and wrong"),
            Case((np.array([0, 1]), np.array([[1.0, 0.0], [0.0, 1.0]])), label="certain and right"),
        ],
        random_cases=_bce_cases,
        mistakes=[
            Mistake(
                "log of zero",
                _bce_no_clip,
                "A probability of exactly 0 (or 1) gives log(0) = -inf. Clip the probabilities "
                "to [1e-15, 1 - 1e-15] with np.clip before taking the logarithm.",
            ),
            Mistake(
                "wrong column",
                _bce_wrong_column,
                "Column 1 of P is the probability of class 1 (label y = 1); column 0 is the "
                "probability of class 0.",
            ),
            Mistake(
                "sum instead of mean",
                _bce_sum,
                "Average over the samples (divide by m): the loss is a mean.",
            ),
            Mistake(
                "forgot the minus sign",
                lambda y, P: -binary_cross_entropy(y, P),
                "log p is negative for p < 1: put a minus sign in front so that the loss is "
                "positive.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 5. confusion matrix ----------------------------------------------------------------------


def confusion_matrix(y_true, y_pred, n_classes):
    matrix = np.zeros((n_classes, n_classes), dtype=np.int64)
    for t, p in zip(y_true, y_pred, strict=True):
        matrix[t, p] += 1
    return matrix


def _confusion_from_data(y_true, y_pred, n_classes):
    k = int(max(np.max(y_true), np.max(y_pred))) + 1
    return confusion_matrix(y_true, y_pred, k)


def _confusion_float(y_true, y_pred, n_classes):
    return confusion_matrix(y_true, y_pred, n_classes).astype(float)


def _confusion_cases(rng):
    cases = []
    for _ in range(3):
        k, m = int(rng.integers(2, 6)), int(rng.integers(5, 40))
        y_true = rng.integers(0, k, size=m)
        y_pred = np.where(rng.random(m) < 0.7, y_true, rng.integers(0, k, size=m))
        cases.append(Case((y_true, y_pred, k), label=f"random, {m} samples, {k} classes"))
    return cases


register(
    Exercise(
        id="mlp.project.confusion_matrix",
        notebook=NOTEBOOK,
        function="confusion_matrix",
        title="The confusion matrix",
        reference=confusion_matrix,
        fixed_cases=[
            Case((np.array([0, 0, 1, 1, 1, 0]), np.array([0, 1, 1, 1, 0, 0]), 2),
                 label="2 classes"),
            Case((np.array([0, 1, 2, 2, 1]), np.array([0, 2, 2, 1, 1]), 3), label="3 classes"),
            Case((np.array([0, 1, 0]), np.array([0, 1, 1]), 3), label="a class never seen"),
        ],
        random_cases=_confusion_cases,
        mistakes=[
            Mistake(
                "transposed",
                lambda y_true, y_pred, k: confusion_matrix(y_true, y_pred, k).T,
                "Rows are the TRUE classes and columns the predicted ones: matrix[true, "
                "predicted] += 1.",
            ),
            Mistake(
                "size from the data",
                _confusion_from_data,
                "The matrix is n_classes x n_classes even if some class does not appear.",
            ),
            Mistake(
                "float counts",
                _confusion_float,
                "Counts are integers: create the matrix with np.zeros((n_classes, n_classes), "
                "dtype=int).",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 6. scores of the malignant class -----------------------------------------------------------


def malignant_scores(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    tp = int(np.sum((y_pred == 0) & (y_true == 0)))
    predicted, actual = int(np.sum(y_pred == 0)), int(np.sum(y_true == 0))
    return {
        "accuracy": float(np.mean(y_true == y_pred)),
        "precision": tp / predicted if predicted else 0.0,
        "recall": tp / actual if actual else 0.0,
    }


def _scores_benign_positive(y_true, y_pred):
    flipped = malignant_scores(1 - np.asarray(y_true), 1 - np.asarray(y_pred))
    return flipped


def _scores_swapped(y_true, y_pred):
    scores = malignant_scores(y_true, y_pred)
    return {"accuracy": scores["accuracy"], "precision": scores["recall"], "recall": scores["precision"]}


def _scores_cases(rng):
    cases = []
    for _ in range(3):
        m = int(rng.integers(10, 60))
        y_true = (rng.random(m) < 0.6).astype(np.int64)
        y_pred = np.where(rng.random(m) < 0.85, y_true, 1 - y_true)
        cases.append(Case((y_true, y_pred), label=f"random, {m} masses"))
    return cases


register(
    Exercise(
        id="mlp.project.malignant_scores",
        notebook=NOTEBOOK,
        function="malignant_scores",
        title="Accuracy, and precision and recall of the malignant class",
        reference=malignant_scores,
        fixed_cases=[
            Case((np.array([0, 0, 0, 1, 1, 1, 1, 1]), np.array([0, 0, 1, 1, 0, 0, 1, 1])),
                 label="8 masses"),
            Case((np.array([1, 1, 0]), np.array([1, 1, 1])), label="nothing predicted malignant"),
            Case((np.array([1, 1, 1]), np.array([1, 1, 1])), label="no malignant mass"),
        ],
        random_cases=_scores_cases,
        mistakes=[
            Mistake(
                "benign as the positive class",
                _scores_benign_positive,
                "The malignant class is label 0: a true positive is a mass with y_true == 0 "
                "predicted 0.",
            ),
            Mistake(
                "precision and recall swapped",
                _scores_swapped,
                "Precision divides by the number PREDICTED malignant; recall by the number "
                "truly malignant.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 7. predict from saved weights ---------------------------------------------------------------


def predict_proba(weights, X):
    A = np.asarray(X, dtype=float)
    n_layers = len(weights) // 2
    for layer in range(n_layers):
        Z = A @ weights[f"W{layer}"] + weights[f"b{layer}"]
        A = np.maximum(Z, 0.0) if layer < n_layers - 1 else Z
    E = np.exp(A - A.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def _proba_variant(relu_last=False, stable=True, biases=True):
    def forward(weights, X):
        A = np.asarray(X, dtype=float)
        n_layers = len(weights) // 2
        for layer in range(n_layers):
            Z = A @ weights[f"W{layer}"] + (weights[f"b{layer}"] if biases else 0.0)
            A = np.maximum(Z, 0.0) if (layer < n_layers - 1 or relu_last) else Z
        with np.errstate(over="ignore", invalid="ignore"):
            E = np.exp(A - A.max(axis=1, keepdims=True)) if stable else np.exp(A)
            return E / E.sum(axis=1, keepdims=True)

    return forward


def _network(rng, sizes, scale=1.0):
    weights = {}
    for layer, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=False)):
        weights[f"W{layer}"] = scale * rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        weights[f"b{layer}"] = rng.normal(0.0, 0.5, size=n_out)
    return weights


def _proba_cases(rng):
    cases = []
    for sizes in [(4, 5, 3), (3, 6, 4, 2), (5, 8, 8, 10)]:
        X = rng.normal(0.0, 1.0, size=(int(rng.integers(2, 8)), sizes[0]))
        cases.append(Case((_network(rng, sizes), X), label=f"random, layers {sizes}"))
    return cases


_FIXED_RNG = np.random.default_rng(2024)
PROBA_NET = _network(_FIXED_RNG, (3, 4, 4, 2))
PROBA_X = _FIXED_RNG.normal(0.0, 1.0, size=(5, 3))
# scores in the thousands: np.exp overflows unless the row maximum is subtracted first
BIG_NET = {
    "W0": np.array([[10.0, 0.0, 5.0], [0.0, 10.0, -5.0]]), "b0": np.zeros(3),
    "W1": np.array([[100.0, -100.0], [50.0, 80.0], [20.0, 20.0]]), "b1": np.array([0.0, 1.0]),
}

register(
    Exercise(
        id="mlp.project.predict_proba",
        notebook=NOTEBOOK,
        function="predict_proba",
        title="Class probabilities from a saved network's weights",
        reference=predict_proba,
        fixed_cases=[
            Case(({"W0": np.array([[1.0, -1.0], [0.5, 2.0]]), "b0": np.array([0.0, 0.5]),
                   "W1": np.array([[1.0, -1.0], [-2.0, 1.0]]), "b1": np.array([0.1, 0.0])},
                  np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]])),
                 label="one hidden layer, 2 units"),
            Case((PROBA_NET, PROBA_X), label="two hidden layers"),
            Case((BIG_NET, np.array([[1.0, 2.0], [-3.0, 1.0]])), label="huge scores"),
        ],
        random_cases=_proba_cases,
        mistakes=[
            Mistake(
                "ReLU on the output layer",
                _proba_variant(relu_last=True),
                "The last layer has no ReLU: its scores (logits) go straight into the softmax; "
                "a ReLU would turn every negative score into 0.",
            ),
            Mistake(
                "softmax overflow",
                _proba_variant(stable=False),
                "np.exp of a large score overflows to inf and inf / inf is nan. Subtract each "
                "row's maximum before np.exp: the softmax does not change, and nothing overflows.",
            ),
            Mistake(
                "forgot the biases",
                _proba_variant(biases=False),
                "Each layer computes A @ W + b: add the biases b{layer}.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=False,
    )
)

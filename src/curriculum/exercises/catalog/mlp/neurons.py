"""Exercises of module mlp/00: from logistic regression to neurons.

Shapes: ``X`` has shape ``(m, n_in)``; a dense layer has weights ``W`` of
shape ``(n_in, n_out)`` and biases ``b`` of shape ``(n_out,)``, and computes
``Z = X @ W + b`` of shape ``(m, n_out)``. Activations apply element by
element; the softmax applies row by row.
"""

from __future__ import annotations

import numpy as np

from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "mlp/00_neurons_exercises.ipynb"
NO_LIBRARY = ("sklearn", "scipy.special", "curriculum.neural_network", "curriculum.linear_model")


def _sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def _softmax(Z):
    Z = np.asarray(Z, dtype=float)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def _relu(Z):
    return np.maximum(np.asarray(Z, dtype=float), 0.0)


def _random_z(rng, count=3, scale=3.0):
    cases = []
    for _ in range(count):
        shape = (int(rng.integers(2, 6)), int(rng.integers(1, 5)))
        cases.append(Case((rng.normal(0.0, scale, size=shape),), label=f"random, shape {shape}"))
    return cases


# --- 1. derivative of the sigmoid ------------------------------------------------------


def sigmoid_derivative(z):
    s = _sigmoid(z)
    return s * (1 - s)


def _derivative_of_z(z):
    z = np.asarray(z, dtype=float)
    return z * (1 - z)


def _overflowing_sigmoid_derivative(z):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(np.asarray(z, dtype=float))
        s = e / (1 + e)
    return s * (1 - s)


register(
    Exercise(
        id="mlp.neurons.sigmoid_derivative",
        notebook=NOTEBOOK,
        function="sigmoid_derivative",
        title="The derivative of the sigmoid",
        reference=sigmoid_derivative,
        fixed_cases=[
            Case((np.array([0.0, 1.0, -1.0, 4.0]),), label="small inputs"),
            Case((np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0]),), label="huge inputs"),
            Case((np.array([[0.5, -2.0], [3.0, 0.0]]),), label="a 2-D array"),
            Case((np.array([-2, 0, 2]),), label="integer inputs"),
        ],
        random_cases=_random_z,
        mistakes=[
            Mistake(
                "formula applied to z",
                _derivative_of_z,
                "sigma'(z) = s * (1 - s) with s = sigmoid(z): apply the formula to the sigmoid's "
                "output s, not to the input z.",
            ),
            Mistake(
                "wrong sign",
                lambda z: -sigmoid_derivative(z),
                "The sigmoid is increasing, so its derivative is positive: s * (1 - s), not "
                "s * (s - 1).",
            ),
            Mistake(
                "overflow",
                _overflowing_sigmoid_derivative,
                "np.exp(z) overflows to inf for large z (NumPy warns 'overflow encountered in "
                "exp') and inf / inf is nan. Compute the sigmoid the stable way, with "
                "np.exp(-np.abs(z)) only, then s * (1 - s).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 2. ReLU and its derivative ------------------------------------------------------------


def relu_and_derivative(z):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.0), (z > 0).astype(float)


def _relu_np_max(z):
    z = np.asarray(z, dtype=float)
    return np.max(z, 0), (z > 0).astype(float)


def _relu_one_at_zero(z):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.0), (z >= 0).astype(float)


def _relu_sign(z):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.0), np.sign(z)


register(
    Exercise(
        id="mlp.neurons.relu",
        notebook=NOTEBOOK,
        function="relu_and_derivative",
        title="ReLU and its derivative",
        reference=relu_and_derivative,
        fixed_cases=[
            Case((np.array([-2.0, -0.5, 0.0, 0.5, 2.0]),), label="around 0"),
            Case((np.array([[1.0, -1.0], [0.0, 3.0], [-4.0, 0.25]]),), label="a 2-D array"),
            Case((np.array([-3, 0, 3]),), label="integer inputs"),
        ],
        random_cases=_random_z,
        mistakes=[
            Mistake(
                "np.max instead of np.maximum",
                _relu_np_max,
                "np.max(z, 0) is the largest value along axis 0 (a reduction); the element-wise "
                "ReLU is np.maximum(z, 0), which keeps the shape of z.",
            ),
            Mistake(
                "derivative 1 at zero",
                _relu_one_at_zero,
                "At exactly z = 0 the ReLU has no derivative; the course (like most libraries) "
                "uses 0 there: the derivative is (z > 0), not (z >= 0).",
            ),
            Mistake(
                "sign",
                _relu_sign,
                "For negative z the ReLU is flat (always 0), so its derivative is 0, not -1: "
                "use (z > 0), not np.sign(z).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 3. derivative of tanh -------------------------------------------------------------------


def tanh_derivative(z):
    t = np.tanh(np.asarray(z, dtype=float))
    return 1 - t * t


register(
    Exercise(
        id="mlp.neurons.tanh_derivative",
        notebook=NOTEBOOK,
        function="tanh_derivative",
        title="The derivative of tanh",
        reference=tanh_derivative,
        fixed_cases=[
            Case((np.array([0.0, 0.5, -0.5, 2.0]),), label="small inputs"),
            Case((np.array([-800.0, 30.0, 800.0]),), label="huge inputs"),
            Case((np.array([[1.0, -3.0], [0.0, 0.1]]),), label="a 2-D array"),
        ],
        random_cases=_random_z,
        mistakes=[
            Mistake(
                "formula applied to z",
                lambda z: 1 - np.asarray(z, dtype=float) ** 2,
                "tanh'(z) = 1 - t**2 with t = np.tanh(z): square the output of tanh, not z.",
            ),
            Mistake(
                "forgot the square",
                lambda z: 1 - np.tanh(np.asarray(z, dtype=float)),
                "The derivative is 1 - tanh(z)**2: the tanh is squared.",
            ),
            Mistake(
                "sigmoid derivative",
                sigmoid_derivative,
                "That is the derivative of the sigmoid, s * (1 - s). The derivative of tanh is "
                "1 - tanh(z)**2.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 4. a dense layer, forward -----------------------------------------------------------------


def dense_forward(X, W, b):
    X = np.asarray(X, dtype=float)
    return X @ W + b


def _dense_cases(rng):
    cases = []
    for _ in range(3):
        m, n_in, n_out = (int(v) for v in rng.integers(1, 6, size=3))
        X = rng.normal(size=(m, n_in))
        W = rng.normal(size=(n_in, n_out))
        b = rng.normal(size=n_out)
        cases.append(Case((X, W, b), label=f"random, X {X.shape}, W {W.shape}"))
    return cases


FIXED_X = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0], [2.0, 1.0, 1.0], [-1.0, 0.0, 0.5]])
FIXED_W = np.array([[0.5, -1.0], [1.0, 0.0], [0.0, 2.0]])
FIXED_B = np.array([0.1, -0.2])
SQUARE_W = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0], [3.0, 0.0, 1.0]])

register(
    Exercise(
        id="mlp.neurons.dense_forward",
        notebook=NOTEBOOK,
        function="dense_forward",
        title="A dense layer: Z = X @ W + b",
        reference=dense_forward,
        fixed_cases=[
            Case((FIXED_X, FIXED_W, FIXED_B), label="4 samples, 3 inputs, 2 units"),
            Case((FIXED_X, SQUARE_W, np.array([1.0, 0.0, -1.0])), label="3 inputs, 3 units"),
            Case((FIXED_X[:1], FIXED_W, FIXED_B), label="a single sample"),
        ],
        random_cases=_dense_cases,
        mistakes=[
            Mistake(
                "W transposed",
                lambda X, W, b: np.asarray(X, dtype=float) @ np.asarray(W).T + b,
                "Wrong transpose: W has shape (n_in, n_out), one column per unit, so the product "
                "is X @ W (m, n_in) @ (n_in, n_out), without .T.",
            ),
            Mistake(
                "Z transposed",
                lambda X, W, b: (np.asarray(X, dtype=float) @ W + b).T,
                "Wrong transpose: the result has one row per sample, shape (m, n_out). Compute "
                "X @ W + b rather than W.T @ X.T.",
            ),
            Mistake(
                "forgot the bias",
                lambda X, W, b: np.asarray(X, dtype=float) @ W,
                "Add the bias b (shape (n_out,)); broadcasting adds it to every row.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 5. softmax ----------------------------------------------------------------------------------


def softmax(Z):
    return _softmax(Z)


def _softmax_naive(Z):
    with np.errstate(over="ignore", invalid="ignore"):
        E = np.exp(np.asarray(Z, dtype=float))
        return E / E.sum(axis=1, keepdims=True)


def _softmax_columns(Z):
    Z = np.asarray(Z, dtype=float)
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def _softmax_global_max(Z):
    Z = np.asarray(Z, dtype=float)
    with np.errstate(invalid="ignore"):
        E = np.exp(Z - Z.max())
        return E / E.sum(axis=1, keepdims=True)


def _softmax_no_keepdims(Z):
    Z = np.asarray(Z, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        E = np.exp(Z - Z.max(axis=1))
        return E / E.sum(axis=1)


def _random_logits(rng, count=3):
    cases = []
    for _ in range(count):
        shape = (int(rng.integers(1, 6)), int(rng.integers(2, 6)))
        cases.append(Case((rng.normal(0.0, 4.0, size=shape),), label=f"random, shape {shape}"))
    return cases


register(
    Exercise(
        id="mlp.neurons.softmax",
        notebook=NOTEBOOK,
        function="softmax",
        title="A numerically stable softmax, row by row",
        reference=softmax,
        fixed_cases=[
            Case((np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]),), label="2 rows, 3 classes"),
            Case((np.array([[1000.0, 1001.0, 1002.0], [-1000.0, -999.0, -998.0]]),), label="huge logits"),
            Case((np.array([[0.0, 1.0], [800.0, 801.0]]),), label="rows of very different size"),
            Case((np.array([[1.0, 0.0, 2.0], [3.0, 1.0, 0.0], [0.5, 0.5, 4.0]]),), label="3 rows, 3 classes"),
            Case((np.array([[2.0, -1.0, 0.0, 1.0]]),), label="a single row"),
        ],
        random_cases=_random_logits,
        mistakes=[
            Mistake(
                "overflow",
                _softmax_naive,
                "np.exp of a large logit overflows to inf and inf / inf is nan. Subtract each "
                "row's maximum first: softmax(z) = softmax(z - max(z)), and every exponent is "
                "then <= 0.",
            ),
            Mistake(
                "columns",
                _softmax_columns,
                "Each row (one sample) must sum to 1: take the max and the sum along axis=1, "
                "not axis=0.",
            ),
            Mistake(
                "global maximum",
                _softmax_global_max,
                "Subtract each row's own maximum (Z.max(axis=1, keepdims=True)), not the "
                "maximum of the whole array: a row far below it underflows to 0 / 0.",
            ),
            Mistake(
                "no keepdims",
                _softmax_no_keepdims,
                "Z.max(axis=1) has shape (m,), which broadcasts along the rows instead of down "
                "the columns: use keepdims=True so that it has shape (m, 1).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 6. a two-layer forward pass ---------------------------------------------------------------


def two_layer_forward(X, W1, b1, W2, b2):
    A1 = _relu(np.asarray(X, dtype=float) @ W1 + b1)
    return _softmax(A1 @ W2 + b2)


def _two_layer_cases(rng):
    cases = []
    for _ in range(3):
        m, n, h, k = int(rng.integers(1, 7)), int(rng.integers(1, 5)), int(rng.integers(2, 6)), int(rng.integers(2, 5))
        args = (
            rng.normal(size=(m, n)),
            rng.normal(size=(n, h)),
            rng.normal(size=h),
            rng.normal(size=(h, k)),
            rng.normal(size=k),
        )
        cases.append(Case(args, label=f"random, {m} sample{'s' * (m != 1)}, {n}-{h}-{k}"))
    return cases


TL_X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -2.0]])
TL_W1 = np.array([[1.0, -1.0, 0.5], [0.5, 1.0, -1.0]])
TL_B1 = np.array([0.0, 0.5, -0.5])
TL_W2 = np.array([[1.0, -1.0], [0.5, 0.5], [-1.0, 2.0]])
TL_B2 = np.array([0.1, -0.1])

register(
    Exercise(
        id="mlp.neurons.two_layer_forward",
        notebook=NOTEBOOK,
        function="two_layer_forward",
        title="The forward pass of a two-layer network",
        reference=two_layer_forward,
        fixed_cases=[
            Case((TL_X, TL_W1, TL_B1, TL_W2, TL_B2), label="3 samples, 2-3-2"),
            Case((TL_X, 300 * TL_W1, TL_B1, 10 * TL_W2, TL_B2), label="large weights (huge logits)"),
        ],
        random_cases=_two_layer_cases,
        mistakes=[
            Mistake(
                "no hidden activation",
                lambda X, W1, b1, W2, b2: _softmax((np.asarray(X, dtype=float) @ W1 + b1) @ W2 + b2),
                "Apply the ReLU to the hidden layer: A1 = relu(X @ W1 + b1). Without it the two "
                "layers collapse into a single linear one.",
            ),
            Mistake(
                "sigmoid output",
                lambda X, W1, b1, W2, b2: _sigmoid(_relu(np.asarray(X, dtype=float) @ W1 + b1) @ W2 + b2),
                "The output layer applies the softmax to each row of Z2 = A1 @ W2 + b2, so that "
                "each row is a probability distribution that sums to 1.",
            ),
            Mistake(
                "overflow",
                lambda X, W1, b1, W2, b2: _softmax_naive(_relu(np.asarray(X, dtype=float) @ W1 + b1) @ W2 + b2),
                "The softmax overflowed (nan for huge logits): subtract each row's maximum "
                "before np.exp, as in exercise 5 (you may call your softmax).",
            ),
            Mistake(
                "softmax over columns",
                lambda X, W1, b1, W2, b2: _softmax_columns(_relu(np.asarray(X, dtype=float) @ W1 + b1) @ W2 + b2),
                "The softmax normalises each row (one sample): axis=1, not axis=0.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 7. labels predicted by a 2-h-1 network (XOR) -------------------------------------------------


def predict_labels(X, W1, b1, W2, b2):
    A1 = _relu(np.asarray(X, dtype=float) @ W1 + b1)
    p = _sigmoid(A1 @ W2 + b2)[:, 0]
    return (p >= 0.5).astype(np.int64)


def _labels_no_relu(X, W1, b1, W2, b2):
    p = _sigmoid((np.asarray(X, dtype=float) @ W1 + b1) @ W2 + b2)[:, 0]
    return (p >= 0.5).astype(np.int64)


def _labels_strict(X, W1, b1, W2, b2):
    A1 = _relu(np.asarray(X, dtype=float) @ W1 + b1)
    return (_sigmoid(A1 @ W2 + b2)[:, 0] > 0.5).astype(np.int64)


def _labels_probabilities(X, W1, b1, W2, b2):
    A1 = _relu(np.asarray(X, dtype=float) @ W1 + b1)
    return _sigmoid(A1 @ W2 + b2)[:, 0]


def _labels_column(X, W1, b1, W2, b2):
    return predict_labels(X, W1, b1, W2, b2).reshape(-1, 1)


XOR_CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_W1 = np.array([[1.0, 1.0], [1.0, 1.0]])
XOR_B1 = np.array([0.0, -1.0])
XOR_W2 = np.array([[10.0], [-20.0]])
XOR_B2 = np.array([-5.0])


def _labels_cases(rng):
    cases = []
    corners = XOR_CORNERS[rng.integers(0, 4, size=12)]
    noisy = corners + rng.normal(0.0, 0.15, size=corners.shape)
    cases.append(Case((noisy, XOR_W1, XOR_B1, XOR_W2, XOR_B2), label="XOR weights, noisy corners"))
    for _ in range(2):
        m, h = int(rng.integers(3, 9)), int(rng.integers(2, 5))
        args = (rng.normal(size=(m, 2)), rng.normal(size=(2, h)), rng.normal(size=h),
                rng.normal(size=(h, 1)), rng.normal(size=1))
        cases.append(Case(args, label=f"random, {m} samples, 2-{h}-1"))
    return cases


register(
    Exercise(
        id="mlp.neurons.predict_labels",
        notebook=NOTEBOOK,
        function="predict_labels",
        title="Labels predicted by a network with one hidden layer (XOR)",
        reference=predict_labels,
        fixed_cases=[
            Case((XOR_CORNERS, XOR_W1, XOR_B1, XOR_W2, XOR_B2), label="XOR weights, the 4 corners"),
            Case(
                (XOR_CORNERS, XOR_W1, XOR_B1, np.zeros((2, 1)), np.zeros(1)),
                label="output weights 0: every probability is exactly 0.5",
            ),
        ],
        random_cases=_labels_cases,
        mistakes=[
            Mistake(
                "no hidden activation",
                _labels_no_relu,
                "Apply the ReLU to the hidden layer. Without it the network is linear, and no "
                "linear model can compute XOR.",
            ),
            Mistake(
                "strict threshold",
                _labels_strict,
                "Predict class 1 when the probability is >= 0.5 (a score z >= 0), as logistic "
                "regression does; a probability of exactly 0.5 gives class 1.",
            ),
            Mistake(
                "probabilities",
                _labels_probabilities,
                "Return labels, not probabilities: an integer array of 0 and 1, for example "
                "(p >= 0.5).astype(int).",
            ),
            Mistake(
                "column",
                _labels_column,
                "The output layer gives shape (m, 1); return the labels as a 1-D array of shape "
                "(m,) (take column 0, or .ravel()).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)

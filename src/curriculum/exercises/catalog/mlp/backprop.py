"""Exercises of module mlp/01: backpropagation.

Shapes: ``X`` has shape ``(m, n_in)``; a dense layer ``Z = X @ W + b`` has
``W`` of shape ``(n_in, n_out)`` and ``b`` of shape ``(n_out,)``. Gradients
have the shape of what they are the gradient of (``dW`` like ``W``). The
``1/m`` of a batch mean lives in the loss gradient ``dZ = (P - Y) / m``; the
layers below only sum over the batch.
"""

from __future__ import annotations

import numpy as np

from ...._wire import Fn
from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "mlp/01_backpropagation_exercises.ipynb"
NO_LIBRARY = (
    "sklearn",
    "scipy",
    "curriculum.neural_network",
    "curriculum.gradcheck",
    "curriculum.linear_model",
)


def _sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def _log_softmax(Z):
    Z = np.asarray(Z, dtype=float)
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def _softmax(Z):
    return np.exp(_log_softmax(Z))


def _one_hot(y, k):
    return np.eye(k)[np.asarray(y)]


# --- 1. backward through an activation ----------------------------------------------------------


def _derivative(Z, activation):
    Z = np.asarray(Z, dtype=float)
    if activation == "relu":
        return (Z > 0).astype(float)
    if activation == "sigmoid":
        s = _sigmoid(Z)
        return s * (1 - s)
    if activation == "tanh":
        t = np.tanh(Z)
        return 1 - t * t
    raise ValueError(f"unknown activation {activation!r}; expected 'relu', 'sigmoid' or 'tanh'.")


def activation_backward(dA, Z, activation):
    return np.asarray(dA, dtype=float) * _derivative(Z, activation)


def _act_forgot_upstream(dA, Z, activation):
    return _derivative(Z, activation)


def _act_sigmoid_of_z(dA, Z, activation):
    if activation == "sigmoid":
        Z = np.asarray(Z, dtype=float)
        return np.asarray(dA, dtype=float) * Z * (1 - Z)
    return activation_backward(dA, Z, activation)


def _act_relu_at_zero(dA, Z, activation):
    if activation == "relu":
        return np.asarray(dA, dtype=float) * (np.asarray(Z) >= 0)
    return activation_backward(dA, Z, activation)


def _act_matmul(dA, Z, activation):
    return np.asarray(dA, dtype=float) @ _derivative(Z, activation)


ACT_Z = np.array([[1.5, -0.5, 0.0], [-2.0, 0.25, 3.0]])
ACT_DA = np.array([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]])
ACT_Z_SQUARE = np.array([[0.5, -1.0], [2.0, 0.3]])
ACT_DA_SQUARE = np.array([[1.0, 2.0], [-1.0, 0.5]])


def _act_cases(rng):
    cases = []
    for activation in ("relu", "sigmoid", "tanh"):
        shape = (int(rng.integers(1, 6)), int(rng.integers(1, 5)))
        Z, dA = rng.normal(0.0, 2.0, size=shape), rng.normal(size=shape)
        cases.append(Case((dA, Z, activation), label=f"random, {activation}, shape {shape}"))
    return cases


register(
    Exercise(
        id="mlp.backprop.activation_backward",
        notebook=NOTEBOOK,
        function="activation_backward",
        title="Backward through an activation: dZ = dA * f'(Z)",
        reference=activation_backward,
        fixed_cases=[
            Case((ACT_DA, ACT_Z, "relu"), label="relu (with a 0 in Z)"),
            Case((ACT_DA, ACT_Z, "sigmoid"), label="sigmoid"),
            Case((ACT_DA, ACT_Z, "tanh"), label="tanh"),
            Case((ACT_DA_SQUARE, ACT_Z_SQUARE, "sigmoid"), label="sigmoid, 2 x 2"),
            Case((ACT_DA, ACT_Z, "softplus"), label="an unknown activation"),
        ],
        random_cases=_act_cases,
        mistakes=[
            Mistake(
                "forgot the upstream gradient",
                _act_forgot_upstream,
                "Chain rule: multiply the local derivative f'(Z) by the gradient that arrives "
                "from above, dZ = dA * f'(Z).",
            ),
            Mistake(
                "sigmoid derivative of Z",
                _act_sigmoid_of_z,
                "For the sigmoid, f'(Z) = s * (1 - s) with s = sigmoid(Z): compute s first, do "
                "not apply the formula to Z.",
            ),
            Mistake(
                "relu derivative 1 at zero",
                _act_relu_at_zero,
                "The ReLU's derivative is taken as 0 at exactly Z = 0: use (Z > 0), not (Z >= 0).",
            ),
            Mistake(
                "matrix product",
                _act_matmul,
                "Activations act element by element, so their backward is an element-wise "
                "product dA * f'(Z), not a matrix product dA @ f'(Z).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 2. backward through a dense layer -----------------------------------------------------------


def dense_backward(dZ, X, W):
    dZ = np.asarray(dZ, dtype=float)
    X = np.asarray(X, dtype=float)
    W = np.asarray(W, dtype=float)
    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)


def _dense_dw_transposed(dZ, X, W):
    dX, _, db = dense_backward(dZ, X, W)
    return dX, np.asarray(dZ).T @ np.asarray(X), db


def _dense_averaged_twice(dZ, X, W):
    m = np.shape(X)[0]
    dX, dW, db = dense_backward(dZ, X, W)
    return dX, dW / m, db / m


def _dense_db_axis(dZ, X, W):
    dX, dW, _ = dense_backward(dZ, X, W)
    return dX, dW, np.asarray(dZ, dtype=float).sum(axis=1)


def _dense_dx_no_transpose(dZ, X, W):
    _, dW, db = dense_backward(dZ, X, W)
    return np.asarray(dZ, dtype=float) @ np.asarray(W, dtype=float), dW, db


DB_X = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0], [2.0, 1.0, 1.0], [-1.0, 0.0, 0.5]])
DB_W = np.array([[0.5, -1.0], [1.0, 0.0], [0.0, 2.0]])
DB_DZ = np.array([[0.1, -0.2], [0.0, 0.3], [-0.25, 0.05], [0.2, 0.1]])
DB_W_SQUARE = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0], [3.0, 0.0, 1.0]])
DB_DZ_SQUARE = np.array([[0.1, 0.2, -0.1], [0.3, -0.2, 0.0], [0.05, 0.1, 0.2], [-0.1, 0.0, 0.1]])


def _dense_backward_cases(rng):
    cases = []
    for _ in range(3):
        m, n_in, n_out = (int(v) for v in rng.integers(2, 6, size=3))
        args = (rng.normal(size=(m, n_out)) / m, rng.normal(size=(m, n_in)), rng.normal(size=(n_in, n_out)))
        cases.append(Case(args, label=f"random, {m} samples, {n_in} inputs, {n_out} units"))
    return cases


register(
    Exercise(
        id="mlp.backprop.dense_backward",
        notebook=NOTEBOOK,
        function="dense_backward",
        title="Backward through a dense layer: dX, dW, db",
        reference=dense_backward,
        fixed_cases=[
            Case((DB_DZ, DB_X, DB_W), label="4 samples, 3 inputs, 2 units"),
            Case((DB_DZ_SQUARE, DB_X, DB_W_SQUARE), label="4 samples, 3 inputs, 3 units"),
            Case((DB_DZ[:1], DB_X[:1], DB_W), label="a single sample"),
        ],
        random_cases=_dense_backward_cases,
        mistakes=[
            Mistake(
                "dW transposed",
                _dense_dw_transposed,
                "Wrong transpose: dW must have the shape of W, (n_in, n_out), so it is "
                "X.T @ dZ, (n_in, m) @ (m, n_out), not dZ.T @ X.",
            ),
            Mistake(
                "averaged twice",
                _dense_averaged_twice,
                "You averaged over the batch twice: dZ already contains the 1/m of the loss "
                "(dZ = (P - Y) / m), so the layer only sums, dW = X.T @ dZ and "
                "db = dZ.sum(axis=0), with no further division by m.",
            ),
            Mistake(
                "db over the wrong axis",
                _dense_db_axis,
                "db has the shape of b, (n_out,): sum dZ over the samples, dZ.sum(axis=0).",
            ),
            Mistake(
                "dX without transpose",
                _dense_dx_no_transpose,
                "Wrong transpose: dX must have the shape of X, (m, n_in), so it is dZ @ W.T, "
                "(m, n_out) @ (n_out, n_in).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 3. the Jacobian of the softmax -----------------------------------------------------------------


def softmax_jacobian(z):
    s = _softmax(np.asarray(z, dtype=float).reshape(1, -1))[0]
    return np.diag(s) - np.outer(s, s)


def _jacobian_naive(z):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(np.asarray(z, dtype=float))
        s = e / e.sum()
    return np.diag(s) - np.outer(s, s)


def _jacobian_diagonal_only(z):
    s = _softmax(np.asarray(z, dtype=float).reshape(1, -1))[0]
    return np.diag(s * (1 - s))


register(
    Exercise(
        id="mlp.backprop.softmax_jacobian",
        notebook=NOTEBOOK,
        function="softmax_jacobian",
        title="The Jacobian matrix of the softmax",
        reference=softmax_jacobian,
        fixed_cases=[
            Case((np.array([1.0, 2.0, 3.0]),), label="3 classes"),
            Case((np.array([0.0, 0.0]),), label="2 equal logits"),
            Case((np.array([1000.0, 1001.0, 1002.0, 999.0]),), label="huge logits"),
        ],
        random_cases=lambda rng: [
            Case((rng.normal(0.0, 2.0, size=k),), label=f"random, {k} classes")
            for k in rng.integers(2, 7, size=3)
        ],
        mistakes=[
            Mistake(
                "diagonal only",
                _jacobian_diagonal_only,
                "Every output of the softmax depends on every logit (through the sum): the "
                "off-diagonal entries are -s_i * s_j, so J = np.diag(s) - np.outer(s, s).",
            ),
            Mistake(
                "sign",
                lambda z: -softmax_jacobian(z),
                "The diagonal entries s_i * (1 - s_i) are positive: J = diag(s) - s s^T, not "
                "s s^T - diag(s).",
            ),
            Mistake(
                "overflow",
                _jacobian_naive,
                "np.exp of a large logit overflows (nan). Compute the softmax the stable way, "
                "subtracting max(z) first.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 4. softmax cross-entropy and its fused gradient ----------------------------------------------


def softmax_cross_entropy(Z, y):
    Z = np.asarray(Z, dtype=float)
    y = np.asarray(y)
    m, k = Z.shape
    log_P = _log_softmax(Z)
    loss = -log_P[np.arange(m), y].mean()
    return float(loss), (np.exp(log_P) - _one_hot(y, k)) / m


def _sce_naive(Z, y):
    Z = np.asarray(Z, dtype=float)
    m, k = Z.shape
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        E = np.exp(Z)
        P = E / E.sum(axis=1, keepdims=True)
        loss = -np.log(P[np.arange(m), y]).mean()
    return float(loss), (P - _one_hot(y, k)) / m


def _sce_log_of_p(Z, y):
    Z = np.asarray(Z, dtype=float)
    m, k = Z.shape
    P = _softmax(Z)
    with np.errstate(divide="ignore"):
        loss = -np.log(P[np.arange(m), y]).mean()
    return float(loss), (P - _one_hot(y, k)) / m


def _sce_summed(Z, y):
    loss, dZ = softmax_cross_entropy(Z, y)
    m = np.shape(Z)[0]
    return loss * m, dZ * m


def _sce_gradient_not_averaged(Z, y):
    loss, dZ = softmax_cross_entropy(Z, y)
    return loss, dZ * np.shape(Z)[0]


def _sce_integer_labels(Z, y):
    loss, _ = softmax_cross_entropy(Z, y)
    Z = np.asarray(Z, dtype=float)
    return loss, (_softmax(Z) - np.asarray(y)[:, None]) / Z.shape[0]


SCE_Z = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.0], [-1.0, 0.0, 3.0], [1.0, 1.0, 1.0]])
SCE_Y = np.array([0, 1, 2, 1])


def _sce_cases(rng):
    cases = []
    for _ in range(3):
        m, k = int(rng.integers(2, 8)), int(rng.integers(2, 6))
        cases.append(
            Case((rng.normal(0.0, 3.0, size=(m, k)), rng.integers(0, k, size=m)), label=f"random, {m} samples, {k} classes")
        )
    return cases


register(
    Exercise(
        id="mlp.backprop.softmax_cross_entropy",
        notebook=NOTEBOOK,
        function="softmax_cross_entropy",
        title="Softmax cross-entropy and its fused gradient (P - Y) / m",
        reference=softmax_cross_entropy,
        fixed_cases=[
            Case((SCE_Z, SCE_Y), label="4 samples, 3 classes"),
            Case((np.array([[1000.0, 0.0, -1000.0], [5.0, 1005.0, 0.0]]), np.array([0, 1])), label="huge logits"),
            Case((np.array([[0.0, 800.0], [1.0, 2.0]]), np.array([0, 1])), label="a confident wrong answer"),
            Case((SCE_Z[:1], SCE_Y[:1]), label="a single sample"),
        ],
        random_cases=_sce_cases,
        mistakes=[
            Mistake(
                "overflow",
                _sce_naive,
                "The softmax overflowed: np.exp of a large logit is inf and inf / inf is nan. "
                "Subtract each row's maximum before np.exp.",
            ),
            Mistake(
                "log of a rounded probability",
                _sce_log_of_p,
                "A probability that rounds to 0 gives log(0) = -inf and an infinite loss. "
                "Compute log P directly as Z - max - log(sum(exp(Z - max))) (the log-softmax) "
                "instead of taking the log of the softmax.",
            ),
            Mistake(
                "forgot to average over the batch",
                _sce_summed,
                "You forgot to average over the batch: the loss is the mean over the m "
                "samples, and its gradient carries the same 1/m, dZ = (P - Y) / m.",
            ),
            Mistake(
                "gradient not averaged",
                _sce_gradient_not_averaged,
                "The loss is a mean over the batch, so its gradient is divided by m too: "
                "dZ = (P - Y) / m.",
            ),
            Mistake(
                "integer labels",
                _sce_integer_labels,
                "Integer labels vs one-hot: P - y[:, None] broadcasts without error but "
                "subtracts the label number from every column. Build the one-hot matrix "
                "Y = np.eye(k)[y] of shape (m, k) and compute (P - Y) / m.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 5. a numerical gradient by central differences -----------------------------------------------


def numerical_gradient(f, x, eps=1e-5):
    x = np.array(x, dtype=float)  # a copy: the caller's array is never touched
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        f_plus = f(x)
        x[index] = original - eps
        f_minus = f(x)
        x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad


def _numgrad_one_sided(f, x, eps=1e-5):
    x = np.array(x, dtype=float)
    f_x = f(x)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        grad[index] = (f(x) - f_x) / eps
        x[index] = original
    return grad


def _numgrad_over_eps(f, x, eps=1e-5):
    return 2 * numerical_gradient(f, x, eps)


def _numgrad_all_at_once(f, x, eps=1e-5):
    x = np.array(x, dtype=float)
    return np.full_like(x, (f(x + eps) - f(x - eps)) / (2 * eps))


def _numgrad_not_restored(f, x, eps=1e-5):
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        x[index] += eps
        f_plus = f(x)
        x[index] -= 2 * eps
        f_minus = f(x)
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad


def _numgrad_cases(rng):
    names = ["sum_of_squares", "sum_of_cubes", "log_sum_exp"]
    cases = []
    for name in names:
        shape = (int(rng.integers(2, 5)),) if rng.uniform() < 0.5 else (int(rng.integers(1, 4)), int(rng.integers(2, 4)))
        x = rng.uniform(-2.0, 2.0, size=shape)
        cases.append(Case((Fn(name), x), label=f"random, {name}, shape {shape}"))
    return cases


register(
    Exercise(
        id="mlp.backprop.numerical_gradient",
        notebook=NOTEBOOK,
        function="numerical_gradient",
        title="A numerical gradient by central differences",
        reference=numerical_gradient,
        fixed_cases=[
            Case((Fn("sum_of_squares"), np.array([1.0, -2.0, 0.5])), label="sum of squares, 3 values"),
            Case((Fn("sum_of_cubes"), np.array([[1.0, -1.5], [0.5, 2.0]])), label="sum of cubes, a 2 x 2 array"),
            Case((Fn("log_sum_exp"), np.array([0.0, 1.0, 2.0]), 1e-4), label="log-sum-exp, eps=1e-4"),
        ],
        random_cases=_numgrad_cases,
        # Two correct central differences may differ by rounding (~1e-10), never by
        # the O(eps) error of a one-sided difference (~1e-5 here).
        rtol=1e-6,
        atol=1e-8,
        mistakes=[
            Mistake(
                "one-sided difference",
                _numgrad_one_sided,
                "That is a one-sided difference (f(x + eps) - f(x)) / eps, whose error shrinks "
                "only like eps. Use the central difference (f(x + eps) - f(x - eps)) / (2 * eps): "
                "its error shrinks like eps**2.",
            ),
            Mistake(
                "divided by eps",
                _numgrad_over_eps,
                "The two points x + eps and x - eps are 2 * eps apart: divide by 2 * eps.",
            ),
            Mistake(
                "every entry at once",
                _numgrad_all_at_once,
                "Perturb one entry at a time: x + eps moves every entry together and measures "
                "the slope along the diagonal, the same number for every position.",
            ),
            Mistake(
                "not restored",
                _numgrad_not_restored,
                "Put each entry back to its original value before moving on to the next one; "
                "otherwise later entries are measured at a shifted point.",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 6. the relative error of a gradient check ------------------------------------------------------


def relative_error(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    if scale == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / scale)


def _relerr_over_a(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    norm_a = np.linalg.norm(a)
    if norm_a == 0 and np.linalg.norm(b) == 0:
        return 0.0
    with np.errstate(divide="ignore"):
        return float(np.linalg.norm(a - b) / norm_a)


def _relerr_nan(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    with np.errstate(invalid="ignore"):
        return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


def _relerr_max_abs(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b)))


def _relerr_cases(rng):
    cases = []
    for scale in (1e-6, 1e-2):
        shape = (int(rng.integers(2, 5)), int(rng.integers(1, 4)))
        a = rng.normal(size=shape)
        cases.append(Case((a, a + scale * rng.normal(size=shape)), label=f"random, shape {shape}"))
    return cases


register(
    Exercise(
        id="mlp.backprop.relative_error",
        notebook=NOTEBOOK,
        function="relative_error",
        title="The relative error of a gradient check",
        reference=relative_error,
        fixed_cases=[
            Case((np.array([3.0, 4.0]), np.array([3.0, 4.1])), label="two close vectors"),
            Case((np.array([[1e-3, 2e-3], [0.0, -1e-3]]), np.array([[1.1e-3, 2e-3], [0.0, -1e-3]])), label="small gradients"),
            Case((np.zeros(3), np.zeros(3)), label="both zero"),
            Case((np.array([2.0, 0.0]), np.array([0.0, 0.0])), label="one of them zero"),
        ],
        random_cases=_relerr_cases,
        mistakes=[
            Mistake(
                "divided by the first norm only",
                _relerr_over_a,
                "Divide by the sum of the two norms, ||a|| + ||b||: the measure is then "
                "symmetric, between 0 and 1, and defined when one gradient is zero.",
            ),
            Mistake(
                "0 / 0",
                _relerr_nan,
                "When both gradients are zero they agree perfectly: return 0.0 instead of "
                "computing 0 / 0 (nan).",
            ),
            Mistake(
                "absolute error",
                _relerr_max_abs,
                "That is an absolute error; a gradient check needs a relative one, "
                "||a - b|| / (||a|| + ||b||) with Euclidean norms (np.linalg.norm), so that "
                "small and large gradients are judged alike.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 7. backpropagation through a two-layer network -------------------------------------------------


def two_layer_gradients(X, y, W1, b1, W2, b2):
    X = np.asarray(X, dtype=float)
    m = X.shape[0]
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0.0)
    P = _softmax(A1 @ W2 + b2)
    dZ2 = (P - _one_hot(y, P.shape[1])) / m
    dZ1 = (dZ2 @ np.asarray(W2).T) * (Z1 > 0)
    return {"dW1": X.T @ dZ1, "db1": dZ1.sum(axis=0), "dW2": A1.T @ dZ2, "db2": dZ2.sum(axis=0)}


def _tl_forward(X, W1, b1, W2, b2):
    X = np.asarray(X, dtype=float)
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0.0)
    return X, Z1, A1, _softmax(A1 @ W2 + b2)


def _tl_no_mask(X, y, W1, b1, W2, b2):
    X, Z1, A1, P = _tl_forward(X, W1, b1, W2, b2)
    dZ2 = (P - _one_hot(y, P.shape[1])) / X.shape[0]
    dZ1 = dZ2 @ np.asarray(W2).T
    return {"dW1": X.T @ dZ1, "db1": dZ1.sum(axis=0), "dW2": A1.T @ dZ2, "db2": dZ2.sum(axis=0)}


def _tl_scaled(factor_of_m):
    def wrong(X, y, W1, b1, W2, b2):
        grads = two_layer_gradients(X, y, W1, b1, W2, b2)
        factor = np.shape(X)[0] ** factor_of_m
        return {name: g * factor for name, g in grads.items()}

    return wrong


def _tl_w2_not_transposed(X, y, W1, b1, W2, b2):
    X, Z1, A1, P = _tl_forward(X, W1, b1, W2, b2)
    dZ2 = (P - _one_hot(y, P.shape[1])) / X.shape[0]
    dZ1 = (dZ2 @ np.asarray(W2)) * (Z1 > 0)
    return {"dW1": X.T @ dZ1, "db1": dZ1.sum(axis=0), "dW2": A1.T @ dZ2, "db2": dZ2.sum(axis=0)}


def _tl_integer_labels(X, y, W1, b1, W2, b2):
    X, Z1, A1, P = _tl_forward(X, W1, b1, W2, b2)
    dZ2 = (P - np.asarray(y)[:, None]) / X.shape[0]
    dZ1 = (dZ2 @ np.asarray(W2).T) * (Z1 > 0)
    return {"dW1": X.T @ dZ1, "db1": dZ1.sum(axis=0), "dW2": A1.T @ dZ2, "db2": dZ2.sum(axis=0)}


TL_X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -2.0], [1.5, -0.5]])
TL_Y = np.array([0, 2, 1, 2])
TL_W1 = np.array([[1.0, -1.0, 0.5], [0.5, 1.0, -1.0]])
TL_B1 = np.array([0.1, 0.5, -0.5])
TL_W2 = np.array([[1.0, -1.0, 0.2], [0.5, 0.5, -0.3], [-1.0, 2.0, 0.4]])
TL_B2 = np.array([0.1, -0.1, 0.0])


def _tl_cases(rng):
    cases = []
    for _ in range(3):
        m, n, h, k = (int(rng.integers(2, 8)), int(rng.integers(1, 5)), int(rng.integers(2, 6)),
                      int(rng.integers(2, 5)))
        args = (rng.normal(size=(m, n)), rng.integers(0, k, size=m), rng.normal(size=(n, h)),
                rng.normal(size=h), rng.normal(size=(h, k)), rng.normal(size=k))
        cases.append(Case(args, label=f"random, {m} samples, {n}-{h}-{k}"))
    return cases


register(
    Exercise(
        id="mlp.backprop.two_layer_gradients",
        notebook=NOTEBOOK,
        function="two_layer_gradients",
        title="Backpropagation through a two-layer network",
        reference=two_layer_gradients,
        fixed_cases=[
            Case((TL_X, TL_Y, TL_W1, TL_B1, TL_W2, TL_B2), label="4 samples, 2-3-3"),
            Case((TL_X, np.array([1, 0, 1, 1]), TL_W1, TL_B1, TL_W2[:, :2], TL_B2[:2]), label="4 samples, 2-3-2"),
        ],
        random_cases=_tl_cases,
        mistakes=[
            Mistake(
                "forgot the ReLU",
                _tl_no_mask,
                "Going back through the hidden ReLU, multiply by its derivative: "
                "dZ1 = dA1 * (Z1 > 0). Units that were off in the forward pass get no gradient.",
            ),
            Mistake(
                "forgot to average over the batch",
                _tl_scaled(1),
                "You forgot to average over the batch: the loss is a mean, so "
                "dZ2 = (P - Y) / m; every other gradient inherits that 1/m.",
            ),
            Mistake(
                "averaged twice",
                _tl_scaled(-1),
                "You averaged over the batch twice: the 1/m is already in dZ2 = (P - Y) / m, "
                "so dW = A.T @ dZ and db = dZ.sum(axis=0) need no further division.",
            ),
            Mistake(
                "W2 not transposed",
                _tl_w2_not_transposed,
                "Wrong transpose: the gradient sent back to the hidden layer is dA1 = dZ2 @ W2.T, "
                "of shape (m, h) like A1.",
            ),
            Mistake(
                "integer labels",
                _tl_integer_labels,
                "Integer labels vs one-hot: build Y = np.eye(k)[y], of shape (m, k) like P, "
                "before computing P - Y.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)

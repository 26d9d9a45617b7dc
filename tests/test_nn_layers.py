"""Dense layer, activations and initialisers: values, gradients, stability, errors."""

from __future__ import annotations

import numpy as np
import pytest

from curriculum.gradcheck import check_layer
from curriculum.neural_network import (
    Dense,
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
from curriculum.neural_network.initializers import he_normal, initialize, xavier_uniform

RNG = np.random.default_rng(12345)


def _away_from_zero(shape, rng=RNG):
    """Inputs with |x| >= 0.1, so that no finite difference crosses the kink of a ReLU."""
    X = rng.normal(size=shape)
    return np.where(np.abs(X) < 0.1, np.sign(X + 1e-12) * 0.1 + X, X)


# --- gradient checks (relative error < 1e-6 in float64) ---------------------------


@pytest.mark.parametrize("init", ["he", "xavier", "zeros"])
def test_dense_gradients(init):
    layer = Dense(4, 3, init=init, random_state=0)
    layer.b[...] = RNG.normal(size=3)
    report = check_layer(layer, RNG.normal(size=(5, 4)))
    assert report.passed, str(report)
    assert set(report.errors) == {"input", "W", "b"}


@pytest.mark.parametrize(
    "activation", [ReLU(), LeakyReLU(0.1), Sigmoid(), Tanh(), Softmax(), Identity()], ids=repr
)
def test_activation_gradients(activation):
    report = check_layer(activation, 2 * _away_from_zero((6, 4)))
    assert report.passed, str(report)
    assert report.max_error < 1e-6


# --- Dense ------------------------------------------------------------------------


def test_dense_forward_backward_values():
    layer = Dense(3, 2, random_state=0)
    layer.b[...] = [0.5, -1.0]
    X = RNG.normal(size=(4, 3))
    X_before = X.copy()
    Z = layer.forward(X)
    np.testing.assert_allclose(Z, X @ layer.W + layer.b)
    G = RNG.normal(size=(4, 2))
    dX = layer.backward(G)
    np.testing.assert_allclose(layer.dW, X.T @ G)
    np.testing.assert_allclose(layer.db, G.sum(axis=0))
    np.testing.assert_allclose(dX, G @ layer.W.T)
    np.testing.assert_array_equal(X, X_before)


def test_dense_gradient_arrays_are_updated_in_place():
    layer = Dense(2, 2, random_state=0)
    params, grads = layer.parameters(), layer.gradients()
    assert params[0] is layer.W and params[1] is layer.b
    layer.forward(np.ones((3, 2)))
    layer.backward(np.ones((3, 2)))
    assert grads[0] is layer.dW and np.all(grads[1] == 3.0)


def test_dense_same_seed_same_weights_and_float32():
    np.testing.assert_array_equal(Dense(5, 4, random_state=3).W, Dense(5, 4, random_state=3).W)
    assert not np.array_equal(Dense(5, 4, random_state=3).W, Dense(5, 4, random_state=4).W)
    layer = Dense(3, 2, random_state=0, dtype="float32")
    out = layer.forward(np.ones((2, 3)))  # float64 input, float32 layer
    assert layer.W.dtype == np.float32 and out.dtype == np.float32
    assert layer.backward(np.ones((2, 2), dtype=np.float32)).dtype == np.float32
    assert Tanh().forward(out).dtype == np.float32
    assert Sigmoid().forward(out).dtype == np.float32


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"n_inputs": 0, "n_outputs": 3}, ValueError, "n_inputs must be a positive integer"),
        ({"n_inputs": 2.5, "n_outputs": 3}, TypeError, "n_inputs"),
        ({"n_inputs": 2, "n_outputs": -1}, ValueError, "n_outputs"),
        ({"n_inputs": 2, "n_outputs": 3, "init": "glorot"}, ValueError, "init must be one of"),
        ({"n_inputs": 2, "n_outputs": 3, "dtype": "int32"}, ValueError, "float32' or 'float64"),
        ({"n_inputs": 2, "n_outputs": 3, "random_state": "seed"}, TypeError, "random_state"),
    ],
)
def test_dense_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        Dense(**kwargs)


def test_forward_and_backward_misuse():
    layer = Dense(3, 2, random_state=0)
    with pytest.raises(RuntimeError, match="before Dense.forward"):
        layer.backward(np.ones((1, 2)))
    with pytest.raises(ValueError, match=r"expects 3 columns.*\(4, 2\)"):
        layer.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match="2-D"):
        layer.forward(np.ones(3))
    layer.forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match=r"gradient of shape \(4, 2\)"):
        layer.backward(np.ones((4, 3)))
    relu = ReLU()
    with pytest.raises(RuntimeError, match="before ReLU.forward"):
        relu.backward(np.ones((1, 1)))
    with pytest.raises(ValueError, match="negative_slope"):
        LeakyReLU(1.5)


# --- activations: values and stability -----------------------------------------------


def test_activation_values():
    Z = np.array([[-2.0, 0.0, 3.0]])
    np.testing.assert_array_equal(ReLU().forward(Z), [[0.0, 0.0, 3.0]])
    np.testing.assert_allclose(LeakyReLU(0.1).forward(Z), [[-0.2, 0.0, 3.0]])
    np.testing.assert_allclose(Sigmoid().forward(Z), 1 / (1 + np.exp(-Z)))
    np.testing.assert_allclose(Tanh().forward(Z), np.tanh(Z))
    np.testing.assert_array_equal(Identity().forward(Z), Z)
    S = Softmax().forward(Z)
    np.testing.assert_allclose(S, np.exp(Z) / np.exp(Z).sum())
    # ReLU passes gradient only where the input was positive
    np.testing.assert_array_equal(_relu_grad(Z), [[0.0, 0.0, 1.0]])


def _relu_grad(Z):
    relu = ReLU()
    relu.forward(Z)
    return relu.backward(np.ones_like(Z))


def test_sigmoid_is_stable_and_precise_at_extremes():
    z = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # underflow is fine
        s = sigmoid(z)
    assert np.all(np.isfinite(s))
    assert s[0] == 0.0 and s[-1] == 1.0 and s[2] == 0.5
    # tiny values keep their relative precision (1 - 1/(1 + e^-40) would round to 0)
    assert s[1] == pytest.approx(np.exp(-40.0), rel=1e-12)


def test_softmax_is_stable():
    Z = np.array([[1000.0, 0.0, -1000.0], [-1e4, -1e4, -1e4]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        S = softmax(Z)
        L = log_softmax(Z)
    np.testing.assert_allclose(S.sum(axis=1), 1.0)
    np.testing.assert_allclose(S[0], [1.0, 0.0, 0.0])
    np.testing.assert_allclose(S[1], [1 / 3] * 3)
    assert np.all(np.isfinite(L)) and L[0, 2] == pytest.approx(-2000.0)


# --- initialisers ------------------------------------------------------------------


def test_he_and_xavier_spreads():
    rng = np.random.default_rng(0)
    W = he_normal(500, 400, rng)
    assert W.shape == (500, 400)
    assert W.std() == pytest.approx(np.sqrt(2 / 500), rel=0.02)
    assert abs(W.mean()) < 0.002
    V = xavier_uniform(300, 100, rng)
    limit = np.sqrt(6 / 400)
    assert np.abs(V).max() <= limit and np.abs(V).max() > 0.99 * limit
    assert V.var() == pytest.approx(2 / 400, rel=0.03)
    assert not initialize("zeros", 3, 2, rng).any()
    assert initialize("he", 3, 2, rng, np.float32).dtype == np.float32

"""Sequential: composition, parameter bookkeeping, 3-layer gradient checks, L2 penalty."""

from __future__ import annotations

import numpy as np
import pytest

from curriculum.gradcheck import check_network
from curriculum.neural_network import (
    SGD,
    BinaryCrossEntropy,
    Dense,
    LeakyReLU,
    MeanSquaredError,
    ReLU,
    Sequential,
    Sigmoid,
    SoftmaxCrossEntropy,
    Tanh,
)

RNG = np.random.default_rng(3)


def _three_layer_net(n_in, n_out, activation=Tanh, seed=0):
    rng = np.random.default_rng(seed)
    return Sequential(
        [
            Dense(n_in, 6, init="xavier", random_state=rng),
            activation(),
            Dense(6, 5, init="xavier", random_state=rng),
            activation(),
            Dense(5, n_out, init="xavier", random_state=rng),
        ]
    )


@pytest.mark.parametrize("alpha", [0.0, 0.5])
@pytest.mark.parametrize(
    "loss, n_out, target",
    [
        (SoftmaxCrossEntropy(), 3, lambda m: RNG.integers(0, 3, m)),
        (BinaryCrossEntropy(), 1, lambda m: RNG.integers(0, 2, m).astype(float)),
        (MeanSquaredError(), 2, lambda m: RNG.normal(size=(m, 2))),
    ],
    ids=["softmax-ce", "binary-ce", "mse"],
)
def test_three_layer_network_gradients(loss, n_out, target, alpha):
    for activation in (Tanh, Sigmoid, LeakyReLU):
        net = _three_layer_net(4, n_out, activation)
        report = check_network(net, loss, RNG.normal(size=(7, 4)), target(7), alpha=alpha)
        assert report.passed, f"{activation.__name__}\n{report}"
        assert report.max_error < 1e-6


def test_three_layer_relu_network_gradients():
    net = _three_layer_net(4, 3, ReLU, seed=5)
    report = check_network(net, SoftmaxCrossEntropy(), RNG.normal(size=(8, 4)), RNG.integers(0, 3, 8))
    assert report.passed, str(report)


def test_forward_backward_compose_the_blocks():
    net = _three_layer_net(3, 2, Tanh)
    X = RNG.normal(size=(4, 3))
    A = X
    for layer in net:
        A = layer.forward(A)
    np.testing.assert_allclose(net.forward(X), A)
    G = RNG.normal(size=(4, 2))
    g = G
    for layer in reversed(net.layers):
        g = layer.backward(g)
    np.testing.assert_allclose(net.backward(G), g)


def test_parameters_gradients_and_names_line_up():
    net = _three_layer_net(3, 2)
    names = [name for name, _ in net.named_parameters()]
    assert names == ["0.W", "0.b", "2.W", "2.b", "4.W", "4.b"]
    assert [p.shape for p in net.parameters()] == [g.shape for g in net.gradients()]
    assert len(net) == 5 and isinstance(net[1], Tanh)
    assert "Dense(3, 6" in repr(net)


def test_l2_penalty_value_and_gradient_skip_biases():
    net = _three_layer_net(3, 2)
    for layer in net:
        if isinstance(layer, Dense):
            layer.b[...] = 10.0  # biases must not count
    weights = [layer.W for layer in net if isinstance(layer, Dense)]
    expected = 0.3 / (2 * 4) * sum(np.sum(W**2) for W in weights)
    assert net.l2_penalty(0.3, 4) == pytest.approx(expected)
    for layer in net:
        if isinstance(layer, Dense):
            layer.dW[...] = 0.0
            layer.db[...] = 0.0
    net.add_l2_gradient(0.3, 4)
    for layer in net:
        if isinstance(layer, Dense):
            np.testing.assert_allclose(layer.dW, 0.3 / 4 * layer.W)
            assert not layer.db.any()
    with pytest.raises(ValueError, match="alpha must be >= 0"):
        net.l2_penalty(-1.0, 4)


def test_training_loop_with_blocks_learns_xor():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0])
    net = _three_layer_net(2, 2, Tanh, seed=1)
    loss, opt = SoftmaxCrossEntropy(), SGD(0.5, momentum=0.9)
    for _ in range(300):
        loss.forward(net.forward(X), y)
        net.backward(loss.backward())
        opt.step(net.parameters(), net.gradients())
    assert np.array_equal(net.forward(X).argmax(axis=1), y)


def test_sequential_refuses_non_layers():
    with pytest.raises(TypeError, match=r"layers\[1\] must be a Layer"):
        Sequential([Dense(2, 2), np.tanh])

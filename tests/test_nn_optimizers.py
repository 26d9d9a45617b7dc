"""Optimizers: a hand-worked SGD step, momentum, RMSprop and Adam against their formulas."""

from __future__ import annotations

import numpy as np
import pytest

from curriculum.neural_network import (
    SGD,
    Adam,
    Dense,
    MeanSquaredError,
    ReLU,
    RMSprop,
    Sequential,
)


def test_one_sgd_step_worked_by_hand():
    # Network 2 -> 2 (ReLU) -> 1, one sample x = [1, 2] with target y = 1, MSE loss.
    net = Sequential([Dense(2, 2, init="zeros"), ReLU(), Dense(2, 1, init="zeros")])
    W1, b1, W2, b2 = net.parameters()
    W1[...] = [[0.5, -1.0], [0.25, 0.25]]  # rows are inputs, columns units
    b1[...] = [0.0, 0.0]
    W2[...] = [[2.0], [3.0]]
    b2[...] = [0.5]
    x, y = np.array([[1.0, 2.0]]), np.array([1.0])
    loss = MeanSquaredError()

    # Forward:
    #   z1 = x @ W1 + b1 = [1*0.5 + 2*0.25, 1*(-1) + 2*0.25] = [1.0, -0.5]
    #   a1 = relu(z1)    = [1.0, 0.0]            (the second unit is off)
    #   z2 = a1 @ W2 + b2 = 1*2 + 0*3 + 0.5      = 2.5
    #   L  = (2.5 - 1)^2 = 2.25
    assert loss.forward(net.forward(x), y) == pytest.approx(2.25)

    # Backward:
    #   dL/dz2 = 2 (z2 - y) / m = 2 * 1.5 / 1   = 3.0
    #   dW2 = a1^T dz2 = [[3.0], [0.0]]           db2 = [3.0]
    #   dL/da1 = dz2 W2^T = [6.0, 9.0]
    #   dL/dz1 = dL/da1 * relu'(z1) = [6.0, 9.0] * [1, 0] = [6.0, 0.0]
    #   dW1 = x^T dz1 = [[1*6, 1*0], [2*6, 2*0]] = [[6, 0], [12, 0]]   db1 = [6, 0]
    net.backward(loss.backward())
    dW1, db1, dW2, db2 = net.gradients()
    np.testing.assert_allclose(dW2, [[3.0], [0.0]])
    np.testing.assert_allclose(db2, [3.0])
    np.testing.assert_allclose(dW1, [[6.0, 0.0], [12.0, 0.0]])
    np.testing.assert_allclose(db1, [6.0, 0.0])

    # One SGD step with learning rate 0.01: theta <- theta - 0.01 * grad
    #   W1 = [[0.5 - 0.06, -1.0], [0.25 - 0.12, 0.25]] = [[0.44, -1.0], [0.13, 0.25]]
    #   b1 = [-0.06, 0.0]    W2 = [[2 - 0.03], [3.0]] = [[1.97], [3.0]]    b2 = [0.47]
    SGD(learning_rate=0.01).step(net.parameters(), net.gradients())
    np.testing.assert_allclose(W1, [[0.44, -1.0], [0.13, 0.25]])
    np.testing.assert_allclose(b1, [-0.06, 0.0])
    np.testing.assert_allclose(W2, [[1.97], [3.0]])
    np.testing.assert_allclose(b2, [0.47])

    # The loss went down:
    #   z1 = [0.44 + 2*0.13 - 0.06, -1 + 0.5] = [0.64, -0.5],  a1 = [0.64, 0]
    #   z2 = 0.64 * 1.97 + 0.47 = 1.7308,  L = 0.7308^2 = 0.53406864
    assert loss.forward(net.forward(x), y) == pytest.approx(0.53406864)


def test_momentum_and_nesterov_on_a_constant_gradient():
    # With g constant, classical momentum moves by eta g, then (1 + mu) eta g;
    # Nesterov already moves by (1 + mu) eta g, then (1 + mu + mu^2) eta g.
    g = np.array([1.0, -2.0])
    eta, mu = 0.1, 0.5
    for nesterov, first, second in [(False, 1.0, 1.5), (True, 1.5, 1.75)]:
        theta = np.zeros(2)
        opt = SGD(eta, momentum=mu, nesterov=nesterov)
        opt.step([theta], [g])
        np.testing.assert_allclose(theta, -first * eta * g)
        opt.step([theta], [g])
        np.testing.assert_allclose(theta, -(first + second) * eta * g)


def _textbook_adam(theta, grads, eta=0.01, b1=0.9, b2=0.999, eps=1e-8):
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    for t, g in enumerate(grads, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        theta = theta - eta * m_hat / (np.sqrt(v_hat) + eps)
    return theta, m, v


def test_adam_matches_the_textbook_formulas():
    rng = np.random.default_rng(0)
    theta0 = rng.normal(size=(3, 4))
    grads = [rng.normal(size=(3, 4)) * 10.0 ** rng.integers(-4, 2) for _ in range(25)]
    expected, m, v = _textbook_adam(theta0, grads)
    theta = theta0.copy()
    opt = Adam(learning_rate=0.01)
    for g in grads:
        opt.step([theta], [g])
    np.testing.assert_allclose(theta, expected, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(opt.moments[0][0], m, rtol=1e-12)
    np.testing.assert_allclose(opt.moments[0][1], v, rtol=1e-12)
    assert opt.t == 25


def test_adam_first_step_is_learning_rate_times_sign():
    # t = 1: m_hat = g and v_hat = g^2, so the step is eta * g / (|g| + eps) ~ eta * sign(g)
    theta = np.zeros(3)
    Adam(learning_rate=0.1).step([theta], [np.array([5.0, -1e-3, 2.0])])
    np.testing.assert_allclose(theta, [-0.1, 0.1, -0.1], rtol=1e-4)


def test_rmsprop_matches_its_formula():
    rng = np.random.default_rng(1)
    theta, expected = rng.normal(size=5), None
    expected = theta.copy()
    s = np.zeros(5)
    opt = RMSprop(learning_rate=0.01, rho=0.9)
    for _ in range(10):
        g = rng.normal(size=5)
        s = 0.9 * s + 0.1 * g**2
        expected = expected - 0.01 * g / (np.sqrt(s) + 1e-8)
        opt.step([theta], [g])
    np.testing.assert_allclose(theta, expected, rtol=1e-12)


@pytest.mark.parametrize("optimizer", [SGD(0.1, momentum=0.9), RMSprop(), Adam()], ids=repr)
def test_state_keeps_float32(optimizer):
    theta = np.ones(4, dtype=np.float32)
    optimizer.step([theta], [np.full(4, 0.5, dtype=np.float32)])
    assert theta.dtype == np.float32
    for state in optimizer.state:
        assert all(array.dtype == np.float32 for array in state.values())


def test_optimizer_errors():
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        SGD(0.0)
    with pytest.raises(ValueError, match="momentum must be < 1"):
        SGD(0.1, momentum=1.0)
    with pytest.raises(TypeError, match="nesterov"):
        SGD(0.1, nesterov=1)
    with pytest.raises(ValueError, match="beta2"):
        Adam(beta2=1.5)
    opt = Adam()
    with pytest.raises(ValueError, match=r"shape \(2,\) but its gradient has shape \(3,\)"):
        opt.step([np.zeros(2)], [np.zeros(3)])
    with pytest.raises(ValueError, match="one gradient per parameter"):
        opt.step([np.zeros(2)], [])
    opt.step([np.zeros(2)], [np.zeros(2)])
    with pytest.raises(ValueError, match="reset"):
        opt.step([np.zeros(2), np.zeros(2)], [np.zeros(2), np.zeros(2)])
    opt.reset()
    opt.step([np.zeros(2), np.zeros(2)], [np.zeros(2), np.zeros(2)])
    assert opt.t == 1

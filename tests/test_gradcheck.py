"""Tests of curriculum.gradcheck: the finite-difference machinery itself."""

from __future__ import annotations

import numpy as np
import pytest

from curriculum.gradcheck import (
    GradientCheck,
    check_gradients,
    check_layer,
    check_loss,
    check_network,
    numerical_gradient,
    relative_error,
)
from curriculum.neural_network import (
    Dense,
    MeanSquaredError,
    ReLU,
    Sequential,
    SoftmaxCrossEntropy,
    Tanh,
)


def test_numerical_gradient_of_known_function_and_input_restored():
    # f(x) = sum(sin(x) * x^2), df/dx = cos(x) x^2 + 2 x sin(x)
    x = np.array([[0.3, -1.2], [2.0, 0.7]])
    before = x.copy()
    grad = numerical_gradient(lambda: float(np.sum(np.sin(x) * x**2)), x)
    expected = np.cos(before) * before**2 + 2 * before * np.sin(before)
    np.testing.assert_allclose(grad, expected, rtol=1e-8)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_restores_input_when_f_raises():
    x = np.array([1.0, 2.0])

    def f():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


@pytest.mark.parametrize("bad", [[1.0, 2.0], np.array([1, 2])])
def test_numerical_gradient_needs_float_array(bad):
    with pytest.raises(TypeError, match="ndarray of floats"):
        numerical_gradient(lambda: 0.0, bad)


def test_relative_error_values():
    a = np.array([1.0, -2.0, 3.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0)
    # twice the right gradient: ||a|| / (3 ||a||) = 1/3
    assert relative_error(2 * a, a) == pytest.approx(1 / 3)
    with pytest.raises(ValueError, match="shapes"):
        relative_error(np.zeros(2), np.zeros(3))


def test_check_gradients_flags_a_wrong_gradient():
    w = np.array([0.5, -1.5])
    v = np.array([2.0])

    def f():
        return float(np.sum(w**2) + 3 * v[0])

    good = check_gradients(f, {"w": w, "v": v}, {"w": 2 * w, "v": np.array([3.0])})
    assert good.passed and good.max_error < 1e-8
    # the classic mistake: forgetting the factor 2 of the square
    bad = check_gradients(f, {"w": w, "v": v}, {"w": w, "v": np.array([3.0])})
    assert not bad.passed
    assert bad.errors["w"] == pytest.approx(1 / 3, rel=1e-6)
    assert bad.errors["v"] < 1e-8
    text = str(bad)
    assert "WRONG" in text and "FAILED" in text and "w" in text


def test_check_gradients_keys_must_match():
    with pytest.raises(ValueError, match="same keys"):
        check_gradients(lambda: 0.0, {"a": np.zeros(1)}, {"b": np.zeros(1)})


class _BuggyDense(Dense):
    """A dense layer whose bias gradient forgets to sum over the batch (uses the mean)."""

    def backward(self, grad_output):
        dX = super().backward(grad_output)
        self.db[...] = np.asarray(grad_output).mean(axis=0)
        return dX


def test_check_layer_finds_the_wrong_parameter():
    X = np.random.default_rng(0).normal(size=(6, 3))
    report = check_layer(_BuggyDense(3, 2, random_state=0), X)
    assert not report.passed
    assert report.errors["b"] > 0.1
    assert report.errors["W"] < 1e-8 and report.errors["input"] < 1e-8


def test_check_layer_restores_parameters_and_refuses_float32():
    layer = Dense(3, 2, random_state=0)
    W = layer.W.copy()
    check_layer(layer, np.ones((2, 3)))
    np.testing.assert_array_equal(layer.W, W)
    with pytest.raises(TypeError, match="float64"):
        check_layer(Dense(3, 2, random_state=0, dtype="float32"), np.ones((2, 3)))


def test_check_loss_and_network_report_every_array():
    rng = np.random.default_rng(1)
    report = check_loss(MeanSquaredError(), rng.normal(size=(4, 2)), rng.normal(size=(4, 2)))
    assert isinstance(report, GradientCheck) and set(report.errors) == {"output"}
    net = Sequential([Dense(3, 4, random_state=2), Tanh(), Dense(4, 4, random_state=3), ReLU(),
                      Dense(4, 3, random_state=4)])
    report = check_network(net, SoftmaxCrossEntropy(), rng.normal(size=(5, 3)), rng.integers(0, 3, 5))
    assert set(report.errors) == {"input", "0.W", "0.b", "2.W", "2.b", "4.W", "4.b"}
    assert report.passed, str(report)

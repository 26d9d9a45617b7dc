"""Losses: values against direct formulas, gradients, numerical stability, errors."""

from __future__ import annotations

import numpy as np
import pytest

from curriculum.gradcheck import check_loss
from curriculum.metrics import mean_squared_error
from curriculum.neural_network import BinaryCrossEntropy, MeanSquaredError, SoftmaxCrossEntropy

RNG = np.random.default_rng(7)


# --- gradient checks ------------------------------------------------------------------


def test_softmax_cross_entropy_gradients():
    Z = RNG.normal(size=(6, 4))
    labels = RNG.integers(0, 4, size=6)
    assert check_loss(SoftmaxCrossEntropy(), Z, labels).passed
    assert check_loss(SoftmaxCrossEntropy(), Z, np.eye(4)[labels]).passed
    soft_targets = RNG.dirichlet(np.ones(4), size=6)
    report = check_loss(SoftmaxCrossEntropy(), Z, soft_targets)
    assert report.passed, str(report)


@pytest.mark.parametrize("shape", [(7,), (7, 1)])
def test_binary_cross_entropy_gradients(shape):
    y = RNG.integers(0, 2, size=7).astype(float)
    assert check_loss(BinaryCrossEntropy(), RNG.normal(size=shape), y).passed
    probabilities = RNG.uniform(0.05, 0.95, size=shape)
    report = check_loss(BinaryCrossEntropy(from_logits=False), probabilities, y)
    assert report.passed, str(report)


@pytest.mark.parametrize("shape", [(5,), (5, 3)])
def test_mean_squared_error_gradient(shape):
    report = check_loss(MeanSquaredError(), RNG.normal(size=shape), RNG.normal(size=shape))
    assert report.passed, str(report)


# --- values -----------------------------------------------------------------------------


def test_softmax_cross_entropy_value_and_fused_gradient():
    Z = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]])
    y = np.array([0, 2])
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    loss = SoftmaxCrossEntropy()
    assert loss.forward(Z, y) == pytest.approx(-np.mean(np.log(P[[0, 1], y])), rel=1e-12)
    np.testing.assert_allclose(loss.backward(), (P - np.eye(3)[y]) / 2, rtol=1e-12)


def test_binary_cross_entropy_value_both_forms():
    z = np.array([-1.0, 0.5, 2.0])
    y = np.array([0.0, 1.0, 1.0])
    p = 1 / (1 + np.exp(-z))
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert BinaryCrossEntropy().forward(z, y) == pytest.approx(expected, rel=1e-12)
    assert BinaryCrossEntropy(from_logits=False).forward(p, y) == pytest.approx(expected, rel=1e-12)


def test_mean_squared_error_is_the_metric():
    out, y = RNG.normal(size=(8, 2)), RNG.normal(size=(8, 2))
    assert MeanSquaredError().forward(out, y) == pytest.approx(mean_squared_error(y, out))
    # a (m, 1) output accepts a (m,) target
    assert MeanSquaredError().forward(out[:, :1], y[:, 0]) == pytest.approx(
        np.mean((out[:, 0] - y[:, 0]) ** 2)
    )


def test_losses_are_stable_for_extreme_scores():
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        # a confident, wrong answer: the loss is large and finite, not inf
        ce = SoftmaxCrossEntropy()
        assert ce.forward(np.array([[1000.0, 0.0]]), np.array([1])) == pytest.approx(1000.0)
        assert np.all(np.isfinite(ce.backward()))
        bce = BinaryCrossEntropy()
        assert bce.forward(np.array([800.0, -800.0]), np.array([0.0, 1.0])) == pytest.approx(800.0)
        np.testing.assert_allclose(bce.backward(), [0.5, -0.5])
        # probabilities of exactly 0 and 1 are clipped, not log(0)
        clipped = BinaryCrossEntropy(from_logits=False).forward(np.array([0.0, 1.0]), np.array([1.0, 0.0]))
        assert np.isfinite(clipped) and clipped > 30


# --- errors ---------------------------------------------------------------------------------


def test_loss_errors():
    with pytest.raises(ValueError, match=r"class indices in 0\.\.2"):
        SoftmaxCrossEntropy().forward(np.zeros((2, 3)), np.array([0, 3]))
    with pytest.raises(ValueError, match="k >= 2"):
        SoftmaxCrossEntropy().forward(np.zeros((2, 1)), np.array([0, 0]))
    with pytest.raises(ValueError, match="2 labels for 3 rows"):
        SoftmaxCrossEntropy().forward(np.zeros((3, 2)), np.array([0, 1]))
    with pytest.raises(ValueError, match="only 0 and 1"):
        BinaryCrossEntropy().forward(np.zeros(2), np.array([0.0, 2.0]))
    with pytest.raises(ValueError, match=r"y has shape \(3,\)"):
        MeanSquaredError().forward(np.zeros((2, 2)), np.zeros(3))
    with pytest.raises(RuntimeError, match="before forward"):
        MeanSquaredError().backward()
    with pytest.raises(TypeError, match="from_logits"):
        BinaryCrossEntropy(from_logits="yes")

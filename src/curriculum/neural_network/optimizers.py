"""Gradient-based optimizers: SGD (with momentum, Nesterov), RMSprop, Adam.

An optimizer updates a list of parameter arrays *in place* from the list of
their gradients::

    optimizer.step(net.parameters(), net.gradients())

It keeps its own state (velocities, moving averages) per array, by position
in the list, created at the first step. The updates are written with in-place
NumPy operations on a scratch buffer, so a step allocates nothing: the same
code updates a network stored as a handful of arrays or as one flat vector.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .._validation import check_bool, check_scalar


class Optimizer:
    """Base class: state per parameter array, a step counter ``t``, ``step``.

    Parameters
    ----------
    learning_rate : float
        Step size (> 0).
    """

    def __init__(self, learning_rate):
        self.learning_rate = check_scalar(
            learning_rate, "learning_rate", numbers.Real, min_value=0, include_min=False
        )
        self.reset()

    def reset(self) -> None:
        """Forget the state: the next step starts from scratch (``t = 0``)."""
        self.t = 0
        self.state: list[dict[str, np.ndarray]] = []
        self._shapes: list[tuple] | None = None

    def _new_state(self, param: np.ndarray) -> dict[str, np.ndarray]:
        return {"scratch": np.empty_like(param)}

    def step(self, params, grads) -> None:
        """Update every array of ``params`` in place from ``grads`` (same order, same shapes)."""
        if len(params) != len(grads):
            raise ValueError(
                f"step needs one gradient per parameter; got {len(params)} parameters and "
                f"{len(grads)} gradients."
            )
        if self._shapes is None:
            for i, (p, g) in enumerate(zip(params, grads, strict=True)):
                if p.shape != g.shape:
                    raise ValueError(
                        f"parameter {i} has shape {p.shape} but its gradient has shape {g.shape}."
                    )
            self._shapes = [p.shape for p in params]
            self.state = [self._new_state(p) for p in params]
        elif len(params) != len(self._shapes):
            raise ValueError(
                f"this optimizer was used with {len(self._shapes)} parameter arrays and now "
                f"receives {len(params)}; use one optimizer per network, or call reset()."
            )
        self.t += 1
        update = self._update
        for p, g, state in zip(params, grads, self.state, strict=False):  # lengths checked above
            update(p, g, state)

    def _update(self, p, g, state):  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(learning_rate={self.learning_rate!r})"


class SGD(Optimizer):
    """Stochastic gradient descent, with optional (Nesterov) momentum.

    Parameters
    ----------
    learning_rate : float, default=0.01
        Step size eta (> 0).
    momentum : float, default=0.0
        Momentum mu in [0, 1); 0 is plain gradient descent.
    nesterov : bool, default=False
        Use Nesterov's look-ahead form of momentum.

    Notes
    -----
    Plain: ``theta <- theta - eta * g``. With momentum, a velocity ``v``
    (starting at 0) accumulates past steps::

        v     <- mu * v - eta * g
        theta <- theta + v                       (classical)
        theta <- theta + mu * v - eta * g        (Nesterov)
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False):
        self.momentum = check_scalar(
            momentum, "momentum", numbers.Real, min_value=0, max_value=1, include_max=False
        )
        self.nesterov = check_bool(nesterov, "nesterov")
        super().__init__(learning_rate)

    def _new_state(self, param):
        state = super()._new_state(param)
        if self.momentum > 0:
            state["velocity"] = np.zeros_like(param)
        return state

    def _update(self, p, g, state):
        step = state["scratch"]
        np.multiply(g, self.learning_rate, out=step)  # eta * g
        if self.momentum == 0:
            p -= step
            return
        v = state["velocity"]
        v *= self.momentum
        v -= step
        if self.nesterov:
            p -= step
            np.multiply(v, self.momentum, out=step)
            p += step
        else:
            p += v

    def __repr__(self) -> str:
        return (
            f"SGD(learning_rate={self.learning_rate!r}, momentum={self.momentum!r}, "
            f"nesterov={self.nesterov!r})"
        )


class RMSprop(Optimizer):
    """Divide each step by a running root mean square of the gradient.

    Parameters
    ----------
    learning_rate : float, default=0.001
    rho : float, default=0.9
        Decay of the moving average, in [0, 1).
    epsilon : float, default=1e-8
        Added to the denominator so that it is never 0.

    Notes
    -----
    ::

        s     <- rho * s + (1 - rho) * g^2
        theta <- theta - eta * g / (sqrt(s) + epsilon)

    Directions with large gradients get smaller steps, flat ones larger steps.
    """

    def __init__(self, learning_rate=0.001, rho=0.9, epsilon=1e-8):
        self.rho = check_scalar(rho, "rho", numbers.Real, min_value=0, max_value=1, include_max=False)
        self.epsilon = check_scalar(epsilon, "epsilon", numbers.Real, min_value=0, include_min=False)
        super().__init__(learning_rate)

    def _new_state(self, param):
        state = super()._new_state(param)
        state["square_avg"] = np.zeros_like(param)
        return state

    def _update(self, p, g, state):
        tmp, s = state["scratch"], state["square_avg"]
        np.multiply(g, g, out=tmp)
        tmp *= 1 - self.rho
        s *= self.rho
        s += tmp  # s = rho s + (1 - rho) g^2
        np.sqrt(s, out=tmp)
        tmp += self.epsilon
        np.divide(g, tmp, out=tmp)
        tmp *= self.learning_rate
        p -= tmp

    def __repr__(self) -> str:
        return f"RMSprop(learning_rate={self.learning_rate!r}, rho={self.rho!r})"


class Adam(Optimizer):
    """Adaptive moment estimation (Kingma and Ba, 2015).

    Parameters
    ----------
    learning_rate : float, default=0.001
        Step size eta.
    beta1 : float, default=0.9
        Decay of the first-moment (mean) estimate, in [0, 1).
    beta2 : float, default=0.999
        Decay of the second-moment (uncentred variance) estimate, in [0, 1).
    epsilon : float, default=1e-8
        Added to the denominator so that it is never 0.

    Attributes
    ----------
    t : int
        Number of steps taken.
    moments : list of (ndarray, ndarray)
        The current estimates ``(m, v)`` of each parameter array (copies).

    Notes
    -----
    At step t (from 1), with ``m`` and ``v`` starting at 0::

        m     <- beta1 * m + (1 - beta1) * g
        v     <- beta2 * v + (1 - beta2) * g^2
        m_hat  = m / (1 - beta1^t)            bias correction: m and v start
        v_hat  = v / (1 - beta2^t)            at 0, so early averages are small
        theta <- theta - eta * m_hat / (sqrt(v_hat) + epsilon)

    The code computes the same numbers with fewer array operations, moving
    every constant factor onto scalars. It stores ``M = m / (1 - beta1)`` and
    ``V = v / (1 - beta2)``, which obey ``M <- beta1 * M + g`` and
    ``V <- beta2 * V + g^2``; substituting ``m`` and ``v`` gives::

        theta <- theta - eta_t * M / (sqrt(V) + epsilon_t)
        eta_t     = eta * (1 - beta1) / (1 - beta1^t) * sqrt((1 - beta2^t) / (1 - beta2))
        epsilon_t = epsilon * sqrt((1 - beta2^t) / (1 - beta2))

    (multiply the numerator and the denominator of the first form by
    ``sqrt((1 - beta2^t) / (1 - beta2))``).
    """

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
        kwargs = dict(min_value=0, max_value=1, include_max=False)
        self.beta1 = check_scalar(beta1, "beta1", numbers.Real, **kwargs)
        self.beta2 = check_scalar(beta2, "beta2", numbers.Real, **kwargs)
        self.epsilon = check_scalar(epsilon, "epsilon", numbers.Real, min_value=0, include_min=False)
        super().__init__(learning_rate)

    def _new_state(self, param):
        state = super()._new_state(param)
        state["M"] = np.zeros_like(param)  # m / (1 - beta1)
        state["V"] = np.zeros_like(param)  # v / (1 - beta2)
        return state

    @property
    def moments(self) -> list[tuple[np.ndarray, np.ndarray]]:
        return [
            ((1 - self.beta1) * state["M"], (1 - self.beta2) * state["V"]) for state in self.state
        ]

    def step(self, params, grads) -> None:
        # The bias corrections depend on t only: compute them once per step.
        t = self.t + 1
        scale = math.sqrt((1.0 - self.beta2**t) / (1.0 - self.beta2))
        self._eta_t = self.learning_rate * (1.0 - self.beta1) / (1.0 - self.beta1**t) * scale
        self._epsilon_t = self.epsilon * scale
        super().step(params, grads)

    def _update(self, p, g, state):
        tmp, M, V = state["scratch"], state["M"], state["V"]
        M *= self.beta1
        M += g  # M = beta1 M + g
        np.multiply(g, g, out=tmp)
        V *= self.beta2
        V += tmp  # V = beta2 V + g^2
        np.sqrt(V, out=tmp)
        tmp += self._epsilon_t
        np.divide(M, tmp, out=tmp)
        tmp *= self._eta_t
        p -= tmp

    def __repr__(self) -> str:
        return (
            f"Adam(learning_rate={self.learning_rate!r}, beta1={self.beta1!r}, "
            f"beta2={self.beta2!r})"
        )


OPTIMIZERS = {"sgd": SGD, "adam": Adam, "rmsprop": RMSprop}

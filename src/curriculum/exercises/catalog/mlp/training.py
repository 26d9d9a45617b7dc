"""Exercises of module mlp/02: training neural networks.

Shapes: a dense layer has weights ``W`` of shape ``(n_inputs, n_outputs)`` and
biases ``b`` of shape ``(n_outputs,)``. Optimizer steps take the parameters,
their gradient and the optimizer's state (arrays of one shape) and return new
arrays: ``(theta, state...)``; they never modify their inputs.
"""

from __future__ import annotations

import numpy as np

from ...registry import Case, Exercise, Mistake, register

NOTEBOOK = "mlp/02_training_exercises.ipynb"
NO_LIBRARY = ("sklearn", "torch", "curriculum.neural_network")


# --- 1. He initialisation ---------------------------------------------------------------


def he_normal(n_inputs, n_outputs, seed):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_inputs, n_outputs)) * np.sqrt(2.0 / n_inputs)


def _init_cases(rng):
    cases = []
    for _ in range(3):
        n_in, n_out = int(rng.integers(2, 40)), int(rng.integers(2, 40))
        if n_in == n_out:
            n_out += 1
        seed = int(rng.integers(0, 1000))
        cases.append(Case((n_in, n_out, seed), label=f"random, {n_in} -> {n_out}, seed {seed}"))
    return cases


INIT_CASES = [
    Case((3, 2, 0), label="3 inputs, 2 outputs"),
    Case((1, 4, 7), label="a single input"),
    Case((64, 16, 1), label="64 inputs, 16 outputs"),
]

register(
    Exercise(
        id="mlp.training.he_normal",
        notebook=NOTEBOOK,
        function="he_normal",
        title="He initialisation: N(0, 2 / n_inputs)",
        reference=he_normal,
        fixed_cases=INIT_CASES,
        random_cases=_init_cases,
        mistakes=[
            Mistake(
                "wrong fan",
                lambda n_in, n_out, seed: np.random.default_rng(seed).standard_normal((n_in, n_out))
                * np.sqrt(2.0 / n_out),
                "He initialisation divides by the number of INPUTS of the layer (the fan-in, "
                "n_inputs, the first dimension of W): std = sqrt(2 / n_inputs).",
            ),
            Mistake(
                "variance instead of standard deviation",
                lambda n_in, n_out, seed: np.random.default_rng(seed).standard_normal((n_in, n_out))
                * (2.0 / n_in),
                "2 / n_inputs is the variance; multiply the standard normal draws by the standard "
                "deviation, sqrt(2 / n_inputs).",
            ),
            Mistake(
                "transposed",
                lambda n_in, n_out, seed: np.random.default_rng(seed).standard_normal((n_out, n_in))
                * np.sqrt(2.0 / n_in),
                "W has shape (n_inputs, n_outputs), so that Z = X @ W works for X of shape "
                "(m, n_inputs).",
            ),
            Mistake(
                "Xavier variance",
                lambda n_in, n_out, seed: np.random.default_rng(seed).standard_normal((n_in, n_out))
                * np.sqrt(2.0 / (n_in + n_out)),
                "That is Xavier's variance 2 / (n_inputs + n_outputs). He uses 2 / n_inputs.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 2. Xavier initialisation -------------------------------------------------------------


def xavier_uniform(n_inputs, n_outputs, seed):
    rng = np.random.default_rng(seed)
    limit = np.sqrt(6.0 / (n_inputs + n_outputs))
    return rng.uniform(-limit, limit, size=(n_inputs, n_outputs))


register(
    Exercise(
        id="mlp.training.xavier_uniform",
        notebook=NOTEBOOK,
        function="xavier_uniform",
        title="Xavier (Glorot) initialisation: U(-r, r), r = sqrt(6 / (n_in + n_out))",
        reference=xavier_uniform,
        fixed_cases=INIT_CASES,
        random_cases=_init_cases,
        mistakes=[
            Mistake(
                "fan-in only",
                lambda n_in, n_out, seed: np.random.default_rng(seed).uniform(
                    -np.sqrt(6.0 / n_in), np.sqrt(6.0 / n_in), size=(n_in, n_out)
                ),
                "Xavier averages both fans: r = sqrt(6 / (n_inputs + n_outputs)), not "
                "sqrt(6 / n_inputs).",
            ),
            Mistake(
                "standard deviation as the limit",
                lambda n_in, n_out, seed: np.random.default_rng(seed).uniform(
                    -np.sqrt(2.0 / (n_in + n_out)), np.sqrt(2.0 / (n_in + n_out)), size=(n_in, n_out)
                ),
                "sqrt(2 / (n_in + n_out)) is the standard deviation Xavier wants. A uniform law "
                "on [-r, r] has variance r**2 / 3, so the limit is r = sqrt(6 / (n_in + n_out)).",
            ),
            Mistake(
                "not centred",
                lambda n_in, n_out, seed: np.random.default_rng(seed).uniform(
                    0.0, np.sqrt(6.0 / (n_in + n_out)), size=(n_in, n_out)
                ),
                "The weights must be centred on 0: draw from [-r, r], not [0, r].",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 3. mini-batch indices -------------------------------------------------------------------


def minibatch_indices(m, batch_size, seed):
    if batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size}")
    order = np.random.default_rng(seed).permutation(m)
    return [order[start:start + batch_size] for start in range(0, m, batch_size)]


def _drop_last(m, batch_size, seed):
    order = np.random.default_rng(seed).permutation(m)
    return [order[start:start + batch_size] for start in range(0, m - batch_size + 1, batch_size)]


def _not_shuffled(m, batch_size, seed):
    order = np.arange(m)
    return [order[start:start + batch_size] for start in range(0, m, batch_size)]


def _with_replacement(m, batch_size, seed):
    order = np.random.default_rng(seed).integers(0, m, size=m)
    return [order[start:start + batch_size] for start in range(0, m, batch_size)]


def _batch_cases(rng):
    cases = []
    for _ in range(3):
        m, b = int(rng.integers(5, 60)), int(rng.integers(2, 12))
        seed = int(rng.integers(0, 1000))
        cases.append(Case((m, b, seed), label=f"random, m={m}, batch_size={b}"))
    return cases


register(
    Exercise(
        id="mlp.training.minibatch_indices",
        notebook=NOTEBOOK,
        function="minibatch_indices",
        title="Shuffled mini-batches, the last one possibly smaller",
        reference=minibatch_indices,
        fixed_cases=[
            Case((10, 4, 0), label="10 samples in batches of 4"),
            Case((8, 4, 1), label="8 samples in batches of 4"),
            Case((5, 10, 2), label="batch larger than the data"),
            Case((10, 0, 0), label="batch_size 0: ValueError"),
            Case((10, -2, 0), label="negative batch_size: ValueError"),
        ],
        random_cases=_batch_cases,
        mistakes=[
            Mistake(
                "dropped the last batch",
                _drop_last,
                "Keep the last, smaller batch: every sample must be used once per epoch "
                "(range(0, m, batch_size) gives the start of every batch).",
            ),
            Mistake(
                "not shuffled",
                _not_shuffled,
                "Shuffle first: order = np.random.default_rng(seed).permutation(m), then slice it.",
            ),
            Mistake(
                "drawn with replacement",
                _with_replacement,
                "Each sample must appear exactly once per epoch: use a permutation, not random "
                "integers (which repeat some samples and miss others).",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)


# --- 4. momentum ---------------------------------------------------------------------------


def momentum_step(theta, grad, velocity, learning_rate, momentum):
    velocity = momentum * np.asarray(velocity, dtype=float) - learning_rate * np.asarray(grad)
    return np.asarray(theta, dtype=float) + velocity, velocity


def _momentum_gradient_units(theta, grad, velocity, learning_rate, momentum):
    velocity = momentum * velocity + grad
    return theta - learning_rate * velocity, velocity


def _momentum_old_velocity(theta, grad, velocity, learning_rate, momentum):
    return theta + velocity, momentum * velocity - learning_rate * grad


def _step_cases(rng, n_state=1):
    cases = []
    shapes = [(5,), (3, 4), (2,)]
    for shape in shapes:
        theta = rng.normal(0.0, 1.0, size=shape)
        grad = rng.normal(0.0, 1.0, size=shape)
        state = [rng.normal(0.0, 0.3, size=shape) for _ in range(n_state)]
        cases.append(Case((theta, grad, *state, 0.1, 0.9), label=f"random, shape {shape}"))
    return cases


STEP_THETA = np.array([1.0, -2.0, 0.5])
STEP_GRAD = np.array([0.5, -1.0, 2.0])

register(
    Exercise(
        id="mlp.training.momentum_step",
        notebook=NOTEBOOK,
        function="momentum_step",
        title="One step of SGD with momentum",
        reference=momentum_step,
        fixed_cases=[
            Case((STEP_THETA, STEP_GRAD, np.zeros(3), 0.1, 0.9), label="first step (velocity 0)"),
            Case((STEP_THETA, STEP_GRAD, np.array([0.2, -0.1, 0.0]), 0.1, 0.9), label="later step"),
            Case((np.ones((2, 2)), np.full((2, 2), 0.5), np.full((2, 2), 0.1), 0.01, 0.5),
                 label="a 2x2 weight matrix"),
        ],
        random_cases=_step_cases,
        mistakes=[
            Mistake(
                "velocity in gradient units",
                _momentum_gradient_units,
                "Here the velocity is in parameter units: velocity = momentum * velocity - "
                "learning_rate * grad, then theta + velocity (return that velocity).",
            ),
            Mistake(
                "moved with the old velocity",
                _momentum_old_velocity,
                "Update the velocity first, then move theta by the NEW velocity.",
            ),
            Mistake(
                "forgot the momentum",
                lambda theta, grad, velocity, lr, mu: (theta - lr * grad, -lr * grad),
                "The velocity keeps a fraction of its previous value: velocity = momentum * "
                "velocity - learning_rate * grad.",
            ),
            Mistake(
                "ascent",
                lambda theta, grad, velocity, lr, mu: (theta + mu * velocity + lr * grad,
                                                       mu * velocity + lr * grad),
                "Move against the gradient: subtract learning_rate * grad.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 5. Nesterov -----------------------------------------------------------------------------


def nesterov_step(theta, grad, velocity, learning_rate, momentum):
    grad = np.asarray(grad, dtype=float)
    velocity = momentum * np.asarray(velocity, dtype=float) - learning_rate * grad
    return np.asarray(theta, dtype=float) + momentum * velocity - learning_rate * grad, velocity


def _nesterov_no_gradient_term(theta, grad, velocity, learning_rate, momentum):
    velocity = momentum * velocity - learning_rate * grad
    return theta + momentum * velocity, velocity


register(
    Exercise(
        id="mlp.training.nesterov_step",
        notebook=NOTEBOOK,
        function="nesterov_step",
        title="One step of SGD with Nesterov momentum",
        reference=nesterov_step,
        fixed_cases=[
            Case((STEP_THETA, STEP_GRAD, np.zeros(3), 0.1, 0.9), label="first step (velocity 0)"),
            Case((STEP_THETA, STEP_GRAD, np.array([0.2, -0.1, 0.0]), 0.1, 0.9), label="later step"),
            Case((np.ones((2, 2)), np.full((2, 2), 0.5), np.full((2, 2), 0.1), 0.01, 0.5),
                 label="a 2x2 weight matrix"),
        ],
        random_cases=_step_cases,
        mistakes=[
            Mistake(
                "classical momentum",
                momentum_step,
                "That is classical momentum (theta + velocity). Nesterov looks ahead: "
                "theta + momentum * velocity - learning_rate * grad, with the new velocity.",
            ),
            Mistake(
                "forgot the gradient term",
                _nesterov_no_gradient_term,
                "The Nesterov step has two terms: theta + momentum * velocity - learning_rate * "
                "grad (with the new velocity); you left out - learning_rate * grad.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 6. RMSprop ------------------------------------------------------------------------------


def rmsprop_step(theta, grad, square_avg, learning_rate, rho=0.9, epsilon=1e-8):
    grad = np.asarray(grad, dtype=float)
    square_avg = rho * np.asarray(square_avg, dtype=float) + (1 - rho) * grad**2
    return np.asarray(theta, dtype=float) - learning_rate * grad / (np.sqrt(square_avg) + epsilon), square_avg


def _rmsprop_no_sqrt(theta, grad, square_avg, learning_rate, rho=0.9, epsilon=1e-8):
    square_avg = rho * square_avg + (1 - rho) * grad**2
    return theta - learning_rate * grad / (square_avg + epsilon), square_avg


def _rmsprop_swapped(theta, grad, square_avg, learning_rate, rho=0.9, epsilon=1e-8):
    square_avg = (1 - rho) * square_avg + rho * grad**2
    return theta - learning_rate * grad / (np.sqrt(square_avg) + epsilon), square_avg


def _rmsprop_no_epsilon(theta, grad, square_avg, learning_rate, rho=0.9, epsilon=1e-8):
    square_avg = rho * square_avg + (1 - rho) * grad**2
    with np.errstate(divide="ignore", invalid="ignore"):
        return theta - learning_rate * grad / np.sqrt(square_avg), square_avg


def _rmsprop_cases(rng):
    cases = []
    for shape in [(5,), (3, 4), (2,)]:
        theta = rng.normal(0.0, 1.0, size=shape)
        grad = rng.normal(0.0, 1.0, size=shape)
        square_avg = rng.uniform(0.0, 1.0, size=shape)
        cases.append(Case((theta, grad, square_avg, 0.01), label=f"random, shape {shape}"))
    return cases


register(
    Exercise(
        id="mlp.training.rmsprop_step",
        notebook=NOTEBOOK,
        function="rmsprop_step",
        title="One step of RMSprop",
        reference=rmsprop_step,
        fixed_cases=[
            Case((STEP_THETA, STEP_GRAD, np.zeros(3), 0.01), label="first step (average 0)"),
            Case((STEP_THETA, STEP_GRAD, np.array([0.3, 1.0, 4.0]), 0.01, 0.5), label="rho = 0.5"),
            Case((STEP_THETA, np.array([0.5, 0.0, 2.0]), np.zeros(3), 0.1),
                 label="a zero gradient on a fresh average"),
        ],
        random_cases=_rmsprop_cases,
        mistakes=[
            Mistake(
                "no square root",
                _rmsprop_no_sqrt,
                "Divide by the ROOT of the mean square: grad / (np.sqrt(square_avg) + epsilon).",
            ),
            Mistake(
                "weights swapped",
                _rmsprop_swapped,
                "The average keeps a fraction rho of its old value: square_avg = rho * "
                "square_avg + (1 - rho) * grad**2.",
            ),
            Mistake(
                "no epsilon",
                _rmsprop_no_epsilon,
                "Where the gradient and its average are both 0 you get 0 / 0 = nan: add epsilon "
                "to the denominator, np.sqrt(square_avg) + epsilon.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 7. Adam --------------------------------------------------------------------------------


def adam_step(theta, grad, m, v, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    grad = np.asarray(grad, dtype=float)
    m = beta1 * np.asarray(m, dtype=float) + (1 - beta1) * grad
    v = beta2 * np.asarray(v, dtype=float) + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return np.asarray(theta, dtype=float) - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon), m, v


def _adam_variant(correct_m=True, correct_v=True, store_hat=False, shift=0):
    def step(theta, grad, m, v, t, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad**2
        m_hat = m / (1 - beta1 ** (t + shift)) if correct_m else m
        v_hat = v / (1 - beta2 ** (t + shift)) if correct_v else v
        theta = theta - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
        return (theta, m_hat, v_hat) if store_hat else (theta, m, v)

    return step


def _adam_cases(rng):
    cases = []
    for shape, t in [((5,), 1), ((3, 4), 7), ((2,), 150)]:
        theta = rng.normal(0.0, 1.0, size=shape)
        grad = rng.normal(0.0, 1.0, size=shape)
        m = rng.normal(0.0, 0.1, size=shape) if t > 1 else np.zeros(shape)
        v = rng.uniform(0.0, 0.01, size=shape) if t > 1 else np.zeros(shape)
        cases.append(Case((theta, grad, m, v, t), label=f"random, shape {shape}, step t={t}"))
    return cases


register(
    Exercise(
        id="mlp.training.adam_step",
        notebook=NOTEBOOK,
        function="adam_step",
        title="One step of Adam, with bias correction",
        reference=adam_step,
        fixed_cases=[
            Case((STEP_THETA, STEP_GRAD, np.zeros(3), np.zeros(3), 1), label="first step, t=1"),
            Case((STEP_THETA, STEP_GRAD, np.array([0.05, -0.1, 0.2]), np.array([0.001, 0.002, 0.004]), 3),
                 label="third step, t=3"),
            Case((STEP_THETA, STEP_GRAD, np.zeros(3), np.zeros(3), 1),
                 {"learning_rate": 0.1, "beta1": 0.5, "beta2": 0.9}, label="other hyperparameters"),
        ],
        random_cases=_adam_cases,
        mistakes=[
            Mistake(
                "Adam without bias correction",
                _adam_variant(correct_m=False, correct_v=False),
                "Adam without bias correction: m and v start at 0, so early on they are too "
                "small. Divide them by (1 - beta1**t) and (1 - beta2**t) before the update.",
            ),
            Mistake(
                "corrected only m",
                _adam_variant(correct_v=False),
                "Correct both averages: v_hat = v / (1 - beta2**t) too.",
            ),
            Mistake(
                "stored the corrected moments",
                _adam_variant(store_hat=True),
                "Return the raw running averages m and v as the new state; m_hat and v_hat are "
                "only used for this step's update.",
            ),
            Mistake(
                "t off by one",
                _adam_variant(shift=1),
                "t is the number of THIS step, starting at 1: divide by 1 - beta1**t, not "
                "1 - beta1**(t + 1).",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 8. L2 penalty --------------------------------------------------------------------------


def l2_gradients(W, b, dW, db, alpha, m):
    W = np.asarray(W, dtype=float)
    return np.asarray(dW, dtype=float) + alpha / m * W, np.array(db, dtype=float)


def _l2_cases(rng):
    cases = []
    for _ in range(3):
        n_in, n_out = int(rng.integers(2, 6)), int(rng.integers(1, 5))
        W = rng.normal(0.0, 1.0, size=(n_in, n_out))
        b = rng.normal(0.0, 1.0, size=n_out)
        dW = rng.normal(0.0, 0.5, size=(n_in, n_out))
        db = rng.normal(0.0, 0.5, size=n_out)
        alpha, m = float(rng.uniform(0.01, 2.0)), int(rng.integers(4, 64))
        cases.append(Case((W, b, dW, db, alpha, m), label=f"random, W {W.shape}, m={m}"))
    return cases


L2_W = np.array([[1.0, -2.0], [0.5, 3.0], [0.0, 1.0]])
L2_B = np.array([0.5, -1.0])
L2_DW = np.array([[0.1, 0.2], [-0.3, 0.0], [0.05, -0.1]])
L2_DB = np.array([0.2, -0.4])

register(
    Exercise(
        id="mlp.training.l2_gradients",
        notebook=NOTEBOOK,
        function="l2_gradients",
        title="Gradients with an L2 penalty on the weights",
        reference=l2_gradients,
        fixed_cases=[
            Case((L2_W, L2_B, L2_DW, L2_DB, 0.5, 4), label="3x2 layer, alpha 0.5, batch of 4"),
            Case((L2_W, L2_B, L2_DW, L2_DB, 0.0, 4), label="alpha 0"),
        ],
        random_cases=_l2_cases,
        mistakes=[
            Mistake(
                "penalised the biases",
                lambda W, b, dW, db, alpha, m: (dW + alpha / m * W, db + alpha / m * b),
                "You updated the biases with the L2 penalty: only the weights are penalised, so "
                "the bias gradient is returned unchanged.",
            ),
            Mistake(
                "forgot 1/m",
                lambda W, b, dW, db, alpha, m: (dW + alpha * W, db.copy()),
                "The penalty is alpha / (2m) * sum(W**2); its gradient is alpha / m * W.",
            ),
            Mistake(
                "factor 2",
                lambda W, b, dW, db, alpha, m: (dW + 2 * alpha / m * W, db.copy()),
                "The 1/2 of the penalty alpha / (2m) * sum(W**2) cancels the 2 of the "
                "derivative: add alpha / m * W.",
            ),
        ],
        forbidden=NO_LIBRARY,
        vectorised=True,
    )
)


# --- 9. early stopping ---------------------------------------------------------------------


def early_stopping(val_losses, patience, tol=0.0):
    if len(val_losses) == 0:
        raise ValueError("val_losses is empty: there is no epoch to choose")
    best_loss, best_epoch, waited = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best_loss - tol:
            best_loss, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited >= patience:
                return best_epoch, epoch
    return best_epoch, len(val_losses)


def _early_variant(keep_last=False, strict=True, allow_equal=False):
    def stop(val_losses, patience, tol=0.0):
        if len(val_losses) == 0:
            raise ValueError("empty")
        best_loss, best_epoch, waited = float("inf"), 0, 0
        for epoch, loss in enumerate(val_losses, start=1):
            improved = loss <= best_loss - tol if allow_equal else loss < best_loss - tol
            if improved:
                best_loss, best_epoch, waited = loss, epoch, 0
            else:
                waited += 1
                if (waited >= patience) if strict else (waited > patience):
                    return (epoch if keep_last else best_epoch), epoch
        return (len(val_losses) if keep_last else best_epoch), len(val_losses)

    return stop


def _looked_ahead(val_losses, patience, tol=0.0):
    _, stop = early_stopping(val_losses, patience, tol)
    return int(np.argmin(val_losses)) + 1, stop


def _early_cases(rng):
    cases = []
    for _ in range(3):
        n = int(rng.integers(15, 40))
        trend = 1.0 / np.arange(1, n + 1) + 0.01 * np.arange(n)  # falls, then rises slowly
        losses = [round(float(v), 3) for v in trend + rng.normal(0.0, 0.03, size=n)]
        patience = int(rng.integers(2, 6))
        cases.append(Case((losses, patience), label=f"random, {n} epochs, patience {patience}"))
    return cases


register(
    Exercise(
        id="mlp.training.early_stopping",
        notebook=NOTEBOOK,
        function="early_stopping",
        title="Early stopping: the best epoch and the stopping epoch",
        reference=early_stopping,
        fixed_cases=[
            Case(([1.0, 0.8, 0.9, 0.85, 0.95, 0.7], 3), label="stops before a later minimum"),
            Case(([0.9, 0.7, 0.6, 0.5], 2), label="never stops"),
            Case(([0.5, 0.5, 0.5, 0.4], 2), label="equal losses are no improvement"),
            Case(([1.0, 0.95, 0.949, 0.948, 0.5], 2, 0.01), label="tol = 0.01"),
            Case(([], 3), label="no epochs: ValueError"),
        ],
        random_cases=_early_cases,
        mistakes=[
            Mistake(
                "kept the last epoch",
                _early_variant(keep_last=True),
                "Return the epoch with the best validation loss, whose weights early stopping "
                "keeps, not the last epoch trained.",
            ),
            Mistake(
                "looked past the stop",
                _looked_ahead,
                "Training stops at the stopping epoch: the losses after it are never computed, so "
                "the best epoch must be chosen among the epochs up to the stop.",
            ),
            Mistake(
                "equal counts as better",
                _early_variant(allow_equal=True),
                "An epoch improves only if its loss is strictly below best - tol; an equal loss "
                "does not reset the patience.",
            ),
            Mistake(
                "one epoch too late",
                _early_variant(strict=False),
                "Stop as soon as `patience` epochs in a row have not improved (waited >= patience).",
            ),
        ],
        forbidden=NO_LIBRARY,
    )
)

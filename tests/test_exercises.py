"""The exercise registry and ``check``: every reference passes, every known mistake fails."""

from __future__ import annotations

import numpy as np
import pytest

from curriculum import _wire
from curriculum.exercises import all_exercises, check, get, run_check
from curriculum.exercises.static import forbidden_used, has_loop, used_names

EXERCISES = all_exercises()
IDS = [e.id for e in EXERCISES]


def test_registry_is_not_empty_and_ids_are_well_formed():
    assert len(EXERCISES) >= 7
    for exercise in EXERCISES:
        part, module, name = exercise.id.split(".", 2)
        assert part in {"python", "ml", "mlp"}
        assert exercise.notebook.startswith(part + "/") and exercise.notebook.endswith("_exercises.ipynb")
        assert exercise.function.isidentifier()


@pytest.mark.parametrize("exercise_id", IDS)
def test_reference_passes(exercise_id):
    exercise = get(exercise_id)
    result = run_check(exercise, exercise.reference)
    assert result.status == "passed", result.report()
    assert len(result.outcomes) >= 2


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_mistake_fails_and_at_least_one_gets_its_hint(exercise_id):
    exercise = get(exercise_id)
    assert len(exercise.mistakes) >= 2, "each exercise needs at least two plausible wrong versions"
    hinted = 0
    for mistake in exercise.mistakes:
        result = run_check(exercise, mistake.func)
        assert result.status in {"failed", "error"}, f"{mistake.name} passed:\n{result.report()}"
        if any(o.hint == mistake.hint for o in result.outcomes):
            hinted += 1
    assert hinted >= 1, "no mistake was recognised with its own hint"


@pytest.mark.parametrize("exercise_id", IDS)
def test_unfinished_function_is_not_attempted(exercise_id, capsys):
    get(exercise_id)  # the id is registered

    def unfinished(*args, **kwargs):
        raise NotImplementedError()

    result = check(exercise_id, unfinished)
    out = capsys.readouterr().out
    assert result.status == "not attempted"
    assert "not implemented yet" in out
    assert "Traceback" not in out
    assert not result


def test_check_prints_one_line_per_case_and_a_summary(capsys):
    exercise = get("ml.univariate.loss")
    result = check("ml.univariate.loss", exercise.reference)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == len(result.outcomes) + 1
    assert all(line.startswith("✔") for line in lines[:-1])
    assert "all" in lines[-1] and result


def test_hint_names_the_forgotten_factor(capsys):
    def loss(x, y, theta):
        residuals = theta[0] + theta[1] * x - y
        return float(np.mean(residuals**2))

    result = check("ml.univariate.loss", loss)
    out = capsys.readouterr().out
    assert result.status == "failed"
    assert "mean squared error" in out
    assert out.count("hint:") == 1, "a repeated hint is printed once"


def test_integer_division_and_shape_hints():
    exercise = get("ml.univariate.min_max")

    def column(x):
        return ((x - x.min()) / (x.max() - x.min())).reshape(-1, 1)

    def integer(x):
        return (x - x.min()) // (x.max() - x.min())

    column_result = run_check(exercise, column)
    assert "column" in column_result.outcomes[0].message or "1-D" in column_result.outcomes[0].message
    integer_result = run_check(exercise, integer)
    assert integer_result.status == "failed"
    first = integer_result.outcomes[0]
    assert "integer" in first.message + first.hint


def test_mutating_the_input_fails_even_with_the_right_answer():
    exercise = get("ml.univariate.zscore")

    def in_place(x):
        x -= x.mean()
        x /= x.std()
        return x

    result = run_check(exercise, in_place)
    assert result.status == "failed"
    assert "modified its input" in result.outcomes[0].message


def test_wrong_exception_and_missing_exception():
    exercise = get("ml.univariate.predict")

    def no_validation(x, theta):
        return theta[0] + theta[1] * x

    def wrong_type(x, theta):
        if np.shape(theta) != (2,):
            raise TypeError("bad theta")
        return theta[0] + theta[1] * x

    assert "expected ValueError" in run_check(exercise, no_validation).outcomes[2].message
    assert "expected a ValueError" in run_check(exercise, wrong_type).outcomes[2].message


def test_liars_are_reduced_to_their_data():
    exercise = get("ml.univariate.gradient")

    class AlwaysEqual:
        def __eq__(self, other):
            return True

        __hash__ = object.__hash__

    class Lying(np.ndarray):
        def __eq__(self, other):
            return np.ones(np.shape(other), dtype=bool)

    def liar(x, y, theta):
        return AlwaysEqual()

    def subclass(x, y, theta):
        return np.zeros(2).view(Lying)

    assert run_check(exercise, liar).status == "failed"
    result = run_check(exercise, subclass)
    assert result.status == "failed"
    assert "differs" in result.outcomes[0].message


def test_errors_are_reported_not_raised(capsys):
    def broken(x, y, theta):
        return 1 / 0

    result = check("ml.univariate.gradient", broken)
    assert result.status == "error"
    assert "ZeroDivisionError" in capsys.readouterr().out


def test_unknown_exercise_suggests_a_close_id():
    with pytest.raises(KeyError, match="Did you mean 'ml.univariate.gradient'"):
        get("ml.univariate.gradiant")


def test_static_analysis_resolves_aliases():
    source = "import numpy as np\nfrom statistics import mean as m\ndef f(x):\n    return np.mean(x) + m(x) + x.sum()\n"
    names = used_names(source)
    assert {"numpy.mean", "statistics.mean", ".sum"} <= names
    assert forbidden_used(source, ("np.mean", "statistics", ".sum", "sklearn")) == ["np.mean", "statistics", ".sum"]
    assert has_loop("def f(x):\n    return [v for v in x]\n")
    assert not has_loop("def f(x):\n    return x * 2\n")


def test_forbidden_names_are_warned_in_the_notebook(capsys):
    def zscore(x):
        from sklearn.preprocessing import scale

        return scale(x.astype(float))

    result = check("ml.univariate.zscore", zscore)
    out = capsys.readouterr().out
    assert "sklearn" in out and "not to use" in out
    assert result.warnings


@pytest.mark.parametrize(
    "value",
    [
        None,
        3,
        2.5,
        float("nan"),
        "text",
        True,
        [1, 2.0, "a"],
        (1, (2, 3)),
        {"a": 1, 2: [3]},
        {1, 2},
        np.arange(6, dtype=np.int32).reshape(2, 3),
        np.float32(1.5),
        np.array(["a", "b"]),
    ],
)
def test_wire_round_trip(value):
    decoded = _wire.from_data(_wire.to_data(value))
    if isinstance(value, np.ndarray):
        assert decoded.dtype == value.dtype and np.array_equal(decoded, value)
    elif isinstance(value, float) and value != value:
        assert decoded != decoded
    else:
        assert decoded == value
        assert type(decoded) is type(value) or isinstance(value, np.generic)


def test_wire_refuses_object_arrays_and_arbitrary_objects():
    assert isinstance(_wire.from_data(_wire.to_data(np.array([object()]))), _wire.Unserialisable)
    assert isinstance(_wire.from_data(_wire.to_data(object())), _wire.Unserialisable)

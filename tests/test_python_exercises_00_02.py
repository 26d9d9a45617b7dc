"""Checker behaviour that the exercises of Part I, modules 00-02, rely on.

Helper functions and text files as inputs, exceptions expected inside the
steps of a class exercise, steps named in messages, snapshots of mutable step
results, forbidden built-ins, and hints for mistakes that raise.
"""

from __future__ import annotations

import pytest

from curriculum import _wire
from curriculum.exercises import Case, Exercise, Mistake, get, run_check
from curriculum.exercises.checker import describe_step
from curriculum.exercises.static import forbidden_used
from curriculum.grading.decode import InvalidData, decode


def test_helper_functions_as_inputs_are_not_reported_as_mutated():
    exercise = get("python.functions.my_map")

    def my_map(func, items):
        return [func(item) for item in items]

    def mutating(func, items):
        result = [func(item) for item in items]
        items.clear()
        return result

    assert run_check(exercise, my_map).status == "passed"
    result = run_check(exercise, mutating)
    assert result.status == "failed"
    assert "modified its input" in result.outcomes[0].message


def test_text_file_inputs_are_not_reported_as_mutated_and_round_trip():
    exercise = get("python.basics.read_scores")
    assert run_check(exercise, exercise.reference).status == "passed"
    path = _wire.decode_input(_wire.encode_input(_wire.TextFile("a.txt", "x,1\n")))
    with open(path, encoding="utf-8") as handle:
        assert handle.read() == "x,1\n"
    # the path encodes back to its file, equal to the original marker, without writing anything
    assert _wire.from_data(_wire.to_data(path)) == _wire.TextFile("a.txt", "x,1\n")
    assert _wire.from_data(_wire.to_data(path)) != _wire.TextFile("a.txt", "x,2\n")


def test_the_grader_decodes_inputs_handed_back_as_inert_markers():
    assert decode({"__fn__": "square"}) == _wire.Fn("square")
    assert decode({"__file__": ["a.txt", "text"]}) == _wire.TextFile("a.txt", "text")
    with pytest.raises(InvalidData):
        decode({"__fn__": "os.system"})


def test_expected_exception_in_a_step_passes_only_with_the_right_type():
    exercise = get("python.objects.vector")

    class Vector(exercise.reference):
        def __add__(self, other):  # raises the wrong type for different lengths
            if len(self) != len(other):
                raise TypeError("lengths differ")
            return super().__add__(other)

    Vector.__name__ = "Vector"
    assert run_check(exercise, exercise.reference).status == "passed"
    result = run_check(exercise, Vector)
    assert result.status == "failed"
    message = result.outcomes[0].message
    assert "raised TypeError" in message and "expected a ValueError" in message
    assert "step 10 (`obj + Vector([1, 2, 1])`)" in message


def test_a_mutable_step_result_is_seen_as_it_was_at_that_step():
    exercise = get("python.objects.progress")
    # obj.reports is read before and after iterating: the first read must stay empty
    expected = _wire.from_data(_wire.run_call(exercise.reference, [[1, 2, 3, 4, 5], 2], {}, exercise.fixed_cases[0].steps)[0])
    assert expected[1] == [] and expected[3] == ["2/5", "4/5", "5/5"]


@pytest.mark.parametrize(
    ("step", "text"),
    [
        (["call", "dot", (_wire.New([1, 2]),)], "obj.dot(Vector([1, 2]))"),
        (["call", "deposit", (50,)], "obj.deposit(50)"),
        (["rop", "mul", 2], "2 * obj"),
        (["set", "balance", 1000], "obj.balance = 1000"),
        (["invoke", ([],), {"default": 0}], "obj([], default=0)"),
        (["unary", "repr"], "repr(obj)"),
    ],
)
def test_steps_are_described_as_python(step, text):
    assert describe_step(step, "Vector") == text


def test_forbidden_builtins_are_detected_by_name():
    source = "def my_map(func, items):\n    return list(map(func, items))\n"
    assert forbidden_used(source, ("builtins.map", "builtins.filter")) == ["builtins.map"]
    assert forbidden_used("def f(x):\n    return [g(v) for v in x]\n", ("builtins.map",)) == []


def test_a_mistake_that_raises_is_recognised_by_its_exception_type():
    def reference(n):
        if n < 0:
            raise ValueError("negative")
        return n

    def crashes(n):
        return 1 // (n - n) if n < 0 else n

    exercise = Exercise(
        id="python.test.crash",
        notebook="python/test_exercises.ipynb",
        function="f",
        reference=reference,
        fixed_cases=[Case((1,)), Case((-1,))],
        mistakes=[Mistake("divides by zero", crashes, "the hint for dividing by zero")],
    )

    def learner(n):
        return n / 0 if n < 0 else n

    outcome = run_check(exercise, learner).outcomes[1]
    assert outcome.status == "failed" and outcome.hint == "the hint for dividing by zero"

"""The exercise registry: what each exercise asks for and how it is checked.

An :class:`Exercise` names the course notebook it belongs to, the function (or
class) the learner writes, a reference implementation, fixed and randomised test
cases, and a list of :class:`Mistake` s: plausible wrong implementations, each
with the hint that a learner who made that mistake should read. Mistakes serve
twice: the checker recognises a learner's output that equals a mistake's output
and prints its hint, and the test suite proves that every mistake fails.
"""

from __future__ import annotations

import importlib
import pkgutil
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Case:
    """One call of the learner's function.

    Parameters
    ----------
    args, kwargs
        Plain data (numbers, strings, lists, tuples, dicts, NumPy arrays) and
        the markers ``curriculum._wire.Fn`` / ``New``.
    label : str
        A short description printed with the outcome, e.g. ``"3 samples"``.
    steps : tuple
        For class exercises: operations applied to the returned object (see
        :func:`curriculum._wire.run_call`).
    """

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    label: str = ""
    steps: tuple = ()


@dataclass(frozen=True)
class Mistake:
    """A plausible wrong implementation and the hint for a learner who made it."""

    name: str
    func: Callable
    hint: str


@dataclass
class Exercise:
    """Everything the checker and the grader need to know about one exercise.

    Attributes
    ----------
    id : str
        Dotted identifier, ``part.module.name`` (``"ml.univariate.gradient"``).
    notebook : str
        The course notebook holding the exercise, relative to ``notebooks/``.
    function : str
        The name the learner's function or class must have.
    reference : callable
        The correct implementation (never shown to a learner's code).
    fixed_cases : list of Case
        Hand-picked cases, including edge cases.
    random_cases : callable, optional
        ``random_cases(rng) -> list[Case]``: fresh cases drawn from a generator.
    rtol, atol : float
        Tolerances for floating-point comparison.
    mistakes : list of Mistake
        Known wrong implementations with their hints.
    forbidden : tuple of str
        Names the learner must not use (``"np.mean"``, ``"statistics"``...).
    vectorised : bool
        The exercise asks for code without Python loops.
    view : tuple of str
        For class exercises: attributes through which instances are compared.
    """

    id: str
    notebook: str
    function: str
    reference: Callable
    fixed_cases: Sequence[Case]
    title: str = ""
    random_cases: Callable[[np.random.Generator], list[Case]] | None = None
    rtol: float = 1e-7
    atol: float = 1e-9
    mistakes: Sequence[Mistake] = ()
    forbidden: tuple[str, ...] = ()
    vectorised: bool = False
    view: tuple[str, ...] = ()

    def cases(self, seed: int | None = None) -> list[Case]:
        """Return the fixed cases followed by random cases drawn with ``seed``.

        The default seed is derived from the exercise id, so that the output
        of ``check`` in a notebook is the same at every run.
        """
        cases = list(self.fixed_cases)
        if self.random_cases is not None:
            if seed is None:
                seed = zlib.crc32(self.id.encode("utf-8"))
            cases.extend(self.random_cases(np.random.default_rng(seed)))
        return cases


_REGISTRY: dict[str, Exercise] = {}
_LOADED = False


def register(exercise: Exercise) -> Exercise:
    """Add ``exercise`` to the registry (ids are unique)."""
    if exercise.id in _REGISTRY and _REGISTRY[exercise.id] is not exercise:
        raise ValueError(f"exercise id {exercise.id!r} is registered twice")
    _REGISTRY[exercise.id] = exercise
    return exercise


def _load_all() -> None:
    """Import every module of the ``catalog`` package, which registers the exercises."""
    global _LOADED
    if _LOADED:
        return
    from . import catalog

    for info in pkgutil.walk_packages(catalog.__path__, catalog.__name__ + "."):
        importlib.import_module(info.name)
    _LOADED = True


def get(exercise_id: str) -> Exercise:
    """Return the exercise with this id, with a helpful error for a typo."""
    _load_all()
    try:
        return _REGISTRY[exercise_id]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(exercise_id, list(_REGISTRY), n=3)
        suggestion = f" Did you mean {' or '.join(map(repr, close))}?" if close else ""
        raise KeyError(f"There is no exercise {exercise_id!r}.{suggestion}") from None


def all_exercises() -> list[Exercise]:
    """Every registered exercise, sorted by notebook then registration order."""
    _load_all()
    return sorted(_REGISTRY.values(), key=lambda e: e.notebook)


def exercises_for(notebook: str) -> list[Exercise]:
    """The exercises of one course notebook (path relative to ``notebooks/``)."""
    notebook = notebook.replace("\\", "/")
    return [e for e in all_exercises() if e.notebook == notebook]


def notebooks() -> list[str]:
    """The course notebooks that hold exercises."""
    return sorted({e.notebook for e in all_exercises()})

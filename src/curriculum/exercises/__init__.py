"""Checked exercises: the registry and ``check`` (feedback inside a notebook).

>>> from curriculum.exercises import check
>>> check("ml.univariate.predict", predict)   # doctest: +SKIP
"""

from .checker import CheckResult, check, run_check
from .registry import (
    Case,
    Exercise,
    Mistake,
    all_exercises,
    exercises_for,
    get,
    notebooks,
    register,
)

__all__ = [
    "Case",
    "CheckResult",
    "Exercise",
    "Mistake",
    "all_exercises",
    "check",
    "exercises_for",
    "get",
    "notebooks",
    "register",
    "run_check",
]

"""Shared behaviour of every estimator: parameters, fitted-state checks, ``score``."""

from __future__ import annotations

import inspect

from .exceptions import NotFittedError


class BaseEstimator:
    """Give an estimator ``get_params``, ``set_params`` and a readable ``repr``.

    Hyperparameters are the keyword arguments of ``__init__``; ``__init__`` must
    store each one unchanged under the same name (validation happens in ``fit``).
    """

    @classmethod
    def _param_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return [
            name
            for name, p in signature.parameters.items()
            if name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]

    def get_params(self, deep: bool = True) -> dict:
        """Return the hyperparameters as a dict ``{name: value}``."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params):
        """Set hyperparameters by name and return ``self``.

        Raises
        ------
        ValueError
            If a name is not a hyperparameter of this estimator.
        """
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"{type(self).__name__} has no parameter {name!r}; "
                    f"valid parameters are {sorted(valid)}."
                )
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = {
            name: p.default for name, p in inspect.signature(type(self).__init__).parameters.items()
        }
        changed = []
        for name, value in self.get_params().items():
            default = defaults.get(name, inspect.Parameter.empty)
            try:
                same = value == default
                same = bool(same)
            except Exception:  # arrays and other values without a plain truth value
                same = False
            if not same:
                changed.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(changed)})"


def clone(estimator):
    """Return an unfitted copy of ``estimator`` with the same hyperparameters."""
    return type(estimator)(**estimator.get_params())


def check_is_fitted(estimator, attributes: str | list[str]) -> None:
    """Raise :class:`NotFittedError` unless every fitted attribute is present."""
    names = [attributes] if isinstance(attributes, str) else list(attributes)
    if not all(hasattr(estimator, name) for name in names):
        name = type(estimator).__name__
        raise NotFittedError(
            f"This {name} instance is not fitted yet. Call 'fit' with training data "
            f"before using this method."
        )

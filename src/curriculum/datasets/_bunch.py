"""A dictionary whose keys are also attributes, as returned by the loaders."""

from __future__ import annotations


class Bunch(dict):
    """A ``dict`` that also allows attribute access: ``b.data is b["data"]``.

    Examples
    --------
    >>> b = Bunch(data=[1, 2], DESCR="two numbers")
    >>> b.data
    [1, 2]
    >>> sorted(b)
    ['DESCR', 'data']
    """

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no attribute {key!r}; its keys are {sorted(self)}."
            ) from None

    def __setattr__(self, key, value):
        self[key] = value

    def __delattr__(self, key):
        try:
            del self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __dir__(self):
        return list(self.keys()) + list(super().__dir__())

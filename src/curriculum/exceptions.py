"""Exceptions and warnings raised by the reference library."""


class NotFittedError(ValueError, AttributeError):
    """Raised when ``predict`` (or similar) is called before ``fit``.

    It subclasses both ``ValueError`` and ``AttributeError``, as in scikit-learn,
    so that code written for either library catches it.
    """


class ConvergenceWarning(UserWarning):
    """Warned when an iterative solver stops at ``max_iter`` before converging."""


class UndefinedMetricWarning(UserWarning):
    """Warned when a metric is undefined for the given data (for example a
    precision with no predicted positives) and a conventional value is returned."""

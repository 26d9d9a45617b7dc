"""Linear models with scikit-learn's interface: least squares, ridge and logistic regression.

Each has an exact or second-order solver (``"normal"`` / ``"newton"``) that
matches scikit-learn, and a full-batch gradient-descent solver (``"gd"``) that
mirrors what the lessons build by hand.
"""

from ._least_squares import LinearRegression, Ridge
from ._logistic import LogisticRegression

__all__ = ["LinearRegression", "LogisticRegression", "Ridge"]

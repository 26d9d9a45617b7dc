"""Datasets for the course: bundled real data (no download, ever) and generators.

Real datasets, each a CSV file inside the package with its description
(``DESCR``: source, licence, units) and a checked SHA-256:

========================  ==============  =====================================
loader                    shape of data   target
========================  ==============  =====================================
:func:`load_breast_cancer`  (569, 30)     malignant / benign
:func:`load_diabetes`       (442, 10)     disease progression (regression)
:func:`load_digits`         (1797, 64)    digit 0-9
:func:`load_iris`           (150, 4)      three iris species
:func:`load_penguins`       (344, 4)      three penguin species (NaN kept)
:func:`load_wine`           (178, 13)     three cultivars
========================  ==============  =====================================

Generators, all with ``random_state``: :func:`make_linear`,
:func:`make_polynomial`, :func:`make_blobs`, :func:`make_moons`, :func:`make_xor`.
"""

from ._bunch import Bunch
from ._generators import make_blobs, make_linear, make_moons, make_polynomial, make_xor
from ._loaders import (
    list_datasets,
    load_breast_cancer,
    load_diabetes,
    load_digits,
    load_iris,
    load_penguins,
    load_wine,
)

__all__ = [
    "Bunch",
    "list_datasets",
    "load_breast_cancer",
    "load_diabetes",
    "load_digits",
    "load_iris",
    "load_penguins",
    "load_wine",
    "make_blobs",
    "make_linear",
    "make_moons",
    "make_polynomial",
    "make_xor",
]
